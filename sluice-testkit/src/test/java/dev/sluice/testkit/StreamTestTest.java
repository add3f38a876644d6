package dev.sluice.testkit;

import static dev.sluice.api.functions.avg;
import static dev.sluice.api.functions.col;
import static dev.sluice.api.functions.count;
import static dev.sluice.api.functions.sum;
import static dev.sluice.api.functions.upper;
import static dev.sluice.testkit.StreamTest.addData;
import static dev.sluice.testkit.StreamTest.advanceManualClock;
import static dev.sluice.testkit.StreamTest.assertOnQuery;
import static dev.sluice.testkit.StreamTest.checkAnswer;
import static dev.sluice.testkit.StreamTest.checkAnswerOrdered;
import static dev.sluice.testkit.StreamTest.checkLastBatch;
import static dev.sluice.testkit.StreamTest.execute;
import static dev.sluice.testkit.StreamTest.expectFailure;
import static dev.sluice.testkit.StreamTest.startStream;
import static dev.sluice.testkit.StreamTest.stopStream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sluice.api.DataFrame;
import dev.sluice.api.MemoryStream;
import dev.sluice.api.Session;
import dev.sluice.api.streaming.OutputMode;
import dev.sluice.api.streaming.StreamingQueryException;
import dev.sluice.api.streaming.Trigger;
import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.ExecutionException;
import dev.sluice.errors.SluiceException;
import dev.sluice.types.Row;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stream test DSL driving real queries: each kind of step, restarts, triggers and failures. */
class StreamTestTest {
  static Session session;

  @BeforeAll
  static void setUp() {
    session = Session.builder().config("sluice.sql.shuffle.partitions", "2").getOrCreate();
  }

  @AfterAll
  static void tearDown() {
    session.close();
  }

  @AfterEach
  void noQueryLeftRunning() throws InterruptedException {
    assertThat(session.streams().active()).as("queries left running by the DSL").isEmpty();
    // A stopped query's thread may still be finishing its last lines: give it a moment.
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("sluice-stream-") || t.getName().startsWith("sluice-streamtest-")) {
        t.join(5000);
        assertThat(t.isAlive()).as("thread %s left behind", t.getName()).isFalse();
      }
    }
  }

  private static MemoryStream events() {
    return MemoryStream.create(session, "word STRING, n INT");
  }

  @Test
  void statelessQuery() {
    MemoryStream events = events();
    DataFrame df = events.toDF().filter(col("n").gt(1)).select(upper(col("word")).alias("w"), col("n").multiply(10));
    StreamTest.of(session, df, OutputMode.APPEND).run(
        addData(events, Row.of("a", 1), Row.of("b", 2)),
        checkAnswer(Row.of("B", 20)),
        addData(events, Row.of("c", 3), Row.of("d", 0)),
        checkLastBatch(Row.of("C", 30)),
        checkAnswer(Row.of("C", 30), Row.of("B", 20)),
        addData(events),
        checkAnswer(Row.of("B", 20), Row.of("C", 30)),
        assertOnQuery(q -> q.lastProgress() != null, "a batch has run"));
  }

  @Test
  void aggregationInUpdateMode() {
    MemoryStream events = events();
    DataFrame counts = events.toDF().groupBy("word").agg(count("*").alias("c"), sum("n").alias("total"));
    StreamTest.of(session, counts, OutputMode.UPDATE).run(
        addData(events, Row.of("a", 1), Row.of("b", 2)),
        checkAnswer(Row.of("a", 1L, 1L), Row.of("b", 1L, 2L)),
        addData(events, Row.of("a", 3)),
        checkLastBatch(Row.of("a", 2L, 4L)),
        // update mode keeps every row written: the old row of "a" and its update
        checkAnswer(Row.of("a", 1L, 1L), Row.of("b", 1L, 2L), Row.of("a", 2L, 4L)),
        assertOnQuery(q -> q.lastProgress().numInputRows() == 1, "one input row in the last batch"));
  }

  @Test
  void aggregationInCompleteMode() {
    MemoryStream events = events();
    DataFrame counts = events.toDF().groupBy("word").agg(count("*").alias("c"), avg("n").alias("mean"))
        .orderBy(col("c").desc(), col("word"));
    StreamTest.of(session, counts, OutputMode.COMPLETE).run(
        addData(events, Row.of("a", 1), Row.of("b", 2)),
        checkAnswer(Row.of("a", 1L, 1.0), Row.of("b", 1L, 2.0)),
        addData(events, Row.of("a", 2), Row.of("c", 5)),
        // the whole result table, in the query's order; averages within the tolerance
        checkAnswerOrdered(Row.of("a", 2L, 1.5000000000001), Row.of("b", 1L, 2.0), Row.of("c", 1L, 5.0)),
        checkLastBatch(Row.of("c", 1L, 5.0), Row.of("a", 2L, 1.5), Row.of("b", 1L, 2.0)));
  }

  @Test
  void restartFromCheckpointContinuesCounts(@TempDir Path dir) {
    MemoryStream events = events();
    DataFrame counts = events.toDF().groupBy("word").agg(count("*").alias("c"));
    StreamTest.of(session, counts, OutputMode.UPDATE).withCheckpoint(dir).run(
        addData(events, Row.of("a", 1), Row.of("b", 2)),
        checkAnswer(Row.of("a", 1L), Row.of("b", 1L)),
        stopStream(),
        addData(events, Row.of("a", 3)),
        addData(events, Row.of("b", 3), Row.of("c", 3)),
        startStream(),
        // counts continue from the state in the checkpoint
        checkLastBatch(Row.of("a", 2L), Row.of("b", 2L), Row.of("c", 1L)),
        stopStream(),
        startStream(),
        addData(events, Row.of("a", 9)),
        checkLastBatch(Row.of("a", 3L)),
        assertOnQuery(q -> q.lastProgress().batchId() >= 2, "batch ids continue after restarts"));
    assertThat(dir.resolve("commits")).isDirectory();
  }

  @Test
  void defaultCheckpointIsATemporaryFolderDeletedAfterTheRun() throws Exception {
    MemoryStream events = events();
    Set<Path> before = checkpointFolders();
    Set<Path> during = new HashSet<>();
    StreamTest.of(session, events.toDF(), OutputMode.APPEND).run(
        addData(events, Row.of("a", 1)),
        stopStream(),
        startStream(),
        // a restart does not replay the committed batch into the sink
        checkAnswer(Row.of("a", 1)),
        execute("find the checkpoint", q -> during.addAll(checkpointFolders())));
    during.removeAll(before);
    assertThat(during).hasSize(1);
    assertThat(during.iterator().next()).doesNotExist();
  }

  private static Set<Path> checkpointFolders() throws IOException {
    try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return s.filter(p -> p.getFileName().toString().startsWith("sluice-streamtest-")).collect(Collectors.toSet());
    }
  }

  @Test
  void processingTimeTriggerRunsOnTheManualClock() {
    MemoryStream events = events();
    DataFrame counts = events.toDF().groupBy("word").agg(count("*").alias("c"));
    StreamTest.of(session, counts, OutputMode.UPDATE).withTrigger(Trigger.ProcessingTime(1000)).run(
        addData(events, Row.of("a", 1)),
        // the clock has not moved: the data waits for the next trigger
        checkAnswer(),
        advanceManualClock(1000),
        checkAnswer(Row.of("a", 1L)),
        addData(events, Row.of("a", 2), Row.of("b", 2)),
        advanceManualClock(500),
        checkLastBatch(Row.of("a", 1L)),
        advanceManualClock(500),
        checkLastBatch(Row.of("a", 2L), Row.of("b", 1L)),
        assertOnQuery(q -> q.lastProgress().numInputRows() == 2, "two rows in the trigger at t=2000"),
        assertOnQuery(q -> q.lastProgress().timestamp().startsWith("1970-01-01T00:00:02"),
            "the trigger ran at clock time 2000"),
        // a restart keeps the clock: its first trigger runs at once
        stopStream(),
        addData(events, Row.of("b", 3)),
        advanceManualClock(10_000),
        startStream(),
        checkLastBatch(Row.of("b", 2L)),
        advanceManualClock(1000),
        checkLastBatch(Row.of("b", 2L)));
  }

  @Test
  void expectFailureOnAnsiOverflow() {
    MemoryStream nums = MemoryStream.create(session, "a INT, b INT");
    DataFrame sums = nums.toDF().select(col("a").plus(col("b")).alias("s"));
    StreamTest.of(session, sums, OutputMode.APPEND).run(
        addData(nums, Row.of(1, 2)),
        checkAnswer(Row.of(3)),
        addData(nums, Row.of(Integer.MAX_VALUE, 1)),
        expectFailure(ExecutionException.class),
        // the failed batch is replayed at restart and fails again
        startStream(),
        expectFailure(ErrorClass.ARITHMETIC_OVERFLOW),
        startStream(),
        expectFailure(t -> t.getMessage().contains("(a + b)"), "an overflow naming the expression"),
        checkAnswer(Row.of(3)));
  }

  @Test
  void anUnexpectedFailureFailsTheNextCheckWithTheQueryExceptionAsCause() {
    MemoryStream nums = MemoryStream.create(session, "a INT, b INT");
    DataFrame sums = nums.toDF().select(col("a").plus(col("b")).alias("s"));
    AssertionError e = catchThrowableOfType(AssertionError.class, () -> StreamTest.of(session, sums, OutputMode.APPEND)
        .run(addData(nums, Row.of(Integer.MAX_VALUE, 1)), checkAnswer(Row.of(0))));
    assertThat(e.getMessage())
        .contains("step 2 of 2: CheckAnswer: [0]")
        .contains("the query failed")
        .contains("ARITHMETIC_OVERFLOW")
        .contains("expectFailure");
    assertThat(e.getCause()).isInstanceOf(StreamingQueryException.class);
  }

  @Test
  void expectFailureFailsWhenTheQueryDoesNotFail() {
    MemoryStream events = events();
    AssertionError e = catchThrowableOfType(AssertionError.class,
        () -> StreamTest.of(session, events.toDF(), OutputMode.APPEND).run(
            addData(events, Row.of("a", 1)),
            expectFailure(ArithmeticException.class)));
    assertThat(e.getMessage()).contains("expected the query to fail with an exception of class "
        + "java.lang.ArithmeticException, but it processed all available data and is still running");
  }

  @Test
  void expectFailureWithTheWrongExceptionNamesTheActualOne() {
    MemoryStream nums = MemoryStream.create(session, "a INT, b INT");
    DataFrame sums = nums.toDF().select(col("a").plus(col("b")).alias("s"));
    AssertionError e = catchThrowableOfType(AssertionError.class, () -> StreamTest.of(session, sums, OutputMode.APPEND)
        .run(addData(nums, Row.of(Integer.MAX_VALUE, 1)), expectFailure(ErrorClass.DIVIDE_BY_ZERO)));
    assertThat(e.getMessage()).contains("but it failed with dev.sluice.errors.ExecutionException")
        .contains("ARITHMETIC_OVERFLOW");
  }

  @Test
  void failureMessageShowsStepsSinkPlanAndProgress() {
    MemoryStream events = events();
    DataFrame counts = events.toDF().filter(col("n").gt(0)).groupBy("word").agg(count("*").alias("c"));
    AssertionError e = catchThrowableOfType(AssertionError.class,
        () -> StreamTest.of(session, counts, OutputMode.UPDATE).run(
            addData(events, Row.of("a", 1), Row.of("b", 2)),
            checkAnswer(Row.of("a", 1L), Row.of("b", 1L)),
            addData(events, Row.of("a", 3)),
            checkAnswer(Row.of("a", 1L), Row.of("b", 1L), Row.of("a", 3L)),
            stopStream()));
    String m = e.getMessage();
    assertThat(m)
        // the step reached, and all steps with a marker
        .contains("Stream test failed at step 4 of 5: CheckAnswer: [a,1], [b,1], [a,3]")
        .contains("    0: StartStream (implicit)")
        .contains("    3: AddData to ")
        .contains("=>  4: CheckAnswer: [a,1], [b,1], [a,3]")
        .contains("    5: StopStream")
        // expected vs actual
        .contains("== Expected rows (3) ==")
        .contains("== Actual rows of the sink's answer (3) ==")
        .contains("== Missing (expected, not found) ==\n[a,3]")
        .contains("== Unexpected (found, not expected) ==\n[a,2]")
        // the sink's content by batch
        .contains("== Sink (output mode update, 2 batches) ==")
        .containsPattern("batch 0: (\\[a,1\\], \\[b,1\\]|\\[b,1\\], \\[a,1\\])\n")
        .contains("batch 1 (last step): [a,2]")
        // the plan and the last progress
        .contains("== Plan ==")
        .contains("== Optimized Logical Plan ==")
        .contains("Aggregate")
        .contains("Filter")
        .contains("== Last progress ==")
        .contains("\"batchId\" : 1")
        .contains("== Query exception ==\n(none)");
  }

  @Test
  void valueTypeMismatchIsPointedOut() {
    MemoryStream events = events();
    DataFrame counts = events.toDF().groupBy("word").agg(count("*").alias("c"));
    assertThatThrownBy(() -> StreamTest.of(session, counts, OutputMode.COMPLETE).run(
        addData(events, Row.of("a", 1)),
        checkAnswer(Row.of("a", 1))))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("== Value types differ ==\nexpected [a,1] has types (String, Integer), "
            + "the actual row has (String, Long)");
  }

  @Test
  void failingAssertOnQueryAndExecuteCarryTheirMessageAndCause() {
    MemoryStream events = events();
    assertThatThrownBy(() -> StreamTest.of(session, events.toDF(), OutputMode.APPEND).run(
        addData(events, Row.of("a", 1)),
        assertOnQuery(q -> q.lastProgress().numInputRows() == 5, "five input rows")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("step 2 of 2: AssertOnQuery(five input rows)")
        .hasMessageContaining("the condition \"five input rows\" is false");
    IllegalStateException boom = new IllegalStateException("boom");
    AssertionError e = catchThrowableOfType(AssertionError.class,
        () -> StreamTest.of(session, events.toDF(), OutputMode.APPEND).run(execute("explode", q -> {
          throw boom;
        })));
    assertThat(e).hasMessageContaining("step 1 of 1: Execute(explode)").hasCause(boom);
  }

  @Test
  void misusedStepsSayWhatIsWrong() {
    MemoryStream events = events();
    assertThatThrownBy(() -> StreamTest.of(session, events.toDF(), OutputMode.APPEND).run(startStream(),
        startStream()))
        .hasMessageContaining("the query is already running; add stopStream() before it");
    assertThatThrownBy(() -> StreamTest.of(session, events.toDF(), OutputMode.APPEND).run(stopStream(),
        stopStream()))
        .hasMessageContaining("step 2 of 2: StopStream").hasMessageContaining("no query is running");
    assertThatThrownBy(() -> StreamTest.of(session, events.toDF(), OutputMode.APPEND).run(advanceManualClock(10)))
        .hasMessageContaining("advanceManualClock needs a processing-time trigger");
    assertThatThrownBy(() -> StreamTest.of(session, session.range(3), OutputMode.APPEND))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a streaming DataFrame");
    try (Session other = Session.builder().getOrCreate()) {
      assertThatThrownBy(() -> StreamTest.of(other, events.toDF(), OutputMode.APPEND))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another session");
    }
  }

  @Test
  void aQueryThatCannotStartFailsTheImplicitStart() {
    MemoryStream events = events();
    // complete mode needs an aggregation: refused at start
    AssertionError e = catchThrowableOfType(AssertionError.class,
        () -> StreamTest.of(session, events.toDF(), OutputMode.COMPLETE).run(addData(events, Row.of("a", 1))));
    assertThat(e.getMessage()).contains("failed at the implicit StartStream before step 1")
        .contains("=>  0: StartStream (implicit)").contains("the query did not start");
    assertThat(e.getCause()).isInstanceOf(SluiceException.class);
  }

  @Test
  void onceTriggerEndsTheQueryAndStartStreamRunsItAgain() {
    MemoryStream events = events();
    DataFrame counts = events.toDF().groupBy("word").agg(count("*").alias("c"));
    StreamTest.of(session, counts, OutputMode.COMPLETE).withTrigger(Trigger.Once()).run(
        startStream(),
        checkAnswer(),
        addData(events, Row.of("a", 1)),
        startStream(),
        checkAnswer(Row.of("a", 1L)),
        addData(events, Row.of("a", 1), Row.of("b", 1)),
        startStream(),
        checkAnswer(Row.of("a", 2L), Row.of("b", 1L)),
        assertOnQuery(q -> !q.isActive(), "the query ended after one batch"));
  }
}
