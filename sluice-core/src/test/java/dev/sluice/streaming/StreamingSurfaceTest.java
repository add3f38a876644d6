package dev.sluice.streaming;

import static dev.sluice.api.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.ForeachWriter;
import dev.sluice.api.MemoryStream;
import dev.sluice.api.Session;
import dev.sluice.api.streaming.StreamingQuery;
import dev.sluice.api.streaming.StreamingQueryException;
import dev.sluice.api.streaming.StreamingQueryListener;
import dev.sluice.types.Row;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sinks' options, the foreach writer's partitioning, query status, name and idle events. */
class StreamingSurfaceTest {
  Session session;
  MemoryStream events;

  @BeforeEach
  void setUp() {
    session = Session.builder().config("sluice.sql.shuffle.partitions", "3").config("sluice.executor.threads", "3")
        .config("sluice.sql.streaming.noDataProgressEventInterval", "100ms").create();
    events = MemoryStream.create(session, "word STRING, n INT");
  }

  @AfterEach
  void tearDown() {
    session.close();
  }

  private static void waitUntil(BooleanSupplier cond) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (!cond.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("condition not reached in 10 s");
      }
      Thread.sleep(5);
    }
  }

  @Test
  void consoleSinkHonoursNumRowsAndTruncate() {
    PrintStream old = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      StreamingQuery q = events.toDF().writeStream().format("console").option("numRows", 2)
          .option("truncate", false).start();
      events.addData(Row.of("a-word-longer-than-twenty-characters", 1), Row.of("b", 2), Row.of("c", 3));
      q.processAllAvailable();
      q.stop();
    } finally {
      System.setOut(old);
    }
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out).startsWith("-------------------------------------------\nBatch: 0\n")
        .contains("|word                                |n  |\n")
        .contains("|a-word-longer-than-twenty-characters|1  |")
        .contains("only showing top 2 rows").doesNotContain("|c");
  }

  @Test
  void foreachRunsOneWriterPerPartitionInParallel() {
    Set<ForeachWriter> writers = ConcurrentHashMap.newKeySet();
    List<String> opened = new CopyOnWriteArrayList<>();
    List<String> rows = new CopyOnWriteArrayList<>();
    // All three partitions must be open at the same time to get past the latch: a sequential sink
    // would wait in vain for the others.
    CountDownLatch allOpen = new CountDownLatch(3);
    List<Boolean> metInParallel = new CopyOnWriteArrayList<>();
    Row[] words = new Row[12];
    for (int i = 0; i < words.length; i++) {
      words[i] = Row.of("k" + i, 1);
    }
    StreamingQuery q = events.toDF().groupBy("word").count().writeStream().outputMode("update")
        .foreach(() -> new ForeachWriter() {
          long partition;

          @Override
          public boolean open(long partitionId, long epochId) {
            writers.add(this);
            partition = partitionId;
            opened.add(partitionId + "@" + epochId);
            if (epochId == 0) {
              allOpen.countDown();
              try {
                metInParallel.add(allOpen.await(10, TimeUnit.SECONDS));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            return partitionId != 0 || epochId != 1; // a writer may skip a partition it already wrote
          }

          @Override
          public void process(Row row) {
            rows.add(row.getString(0) + "=" + row.getLong(1) + "@" + partition);
          }

          @Override
          public void close(Throwable errorOrNull) {}
        }).start();
    events.addData(words);
    q.processAllAvailable();
    assertThat(metInParallel).containsExactly(true, true, true);
    assertThat(opened).containsExactlyInAnyOrder("0@0", "1@0", "2@0");
    assertThat(writers).hasSize(3);
    assertThat(rows).hasSize(12);
    List<String> firstBatch = new ArrayList<>(rows);
    rows.clear();
    events.addData(words);
    q.processAllAvailable();
    q.stop();
    assertThat(writers).hasSize(6); // a new writer per partition and epoch
    // Partition 0's rows of epoch 1 were skipped, the others written.
    List<String> skipped = firstBatch.stream().filter(r -> r.endsWith("@0")).map(r -> r.replace("=1@", "=2@"))
        .toList();
    List<String> written = firstBatch.stream().filter(r -> !r.endsWith("@0")).map(r -> r.replace("=1@", "=2@"))
        .toList();
    assertThat(skipped).isNotEmpty();
    assertThat(rows).containsExactlyInAnyOrderElementsOf(written).doesNotContainAnyElementsOf(skipped);
  }

  @Test
  void aForeachWriterFailureIsClosedWithTheErrorAndFailsTheQuery() {
    List<String> closed = new CopyOnWriteArrayList<>();
    StreamingQuery q = events.toDF().writeStream().foreach(() -> new ForeachWriter() {
      @Override
      public boolean open(long partitionId, long epochId) {
        return true;
      }

      @Override
      public void process(Row row) {
        throw new IllegalArgumentException("cannot write " + row.getString(0));
      }

      @Override
      public void close(Throwable errorOrNull) {
        closed.add(String.valueOf(errorOrNull == null ? null : errorOrNull.getMessage()));
      }
    }).start();
    events.addData(Row.of("x", 1));
    assertThatThrownBy(q::processAllAvailable).isInstanceOf(StreamingQueryException.class)
        .hasMessageContaining("cannot write x");
    assertThat(q.exception()).hasRootCauseInstanceOf(IllegalArgumentException.class);
    assertThat(closed).containsExactly("cannot write x");
    assertThat(q.isActive()).isFalse();
  }

  @Test
  void foreachEpochsContinueAfterARestart(@TempDir Path dir) {
    List<String> seen = new CopyOnWriteArrayList<>();
    java.util.function.Supplier<StreamingQuery> start = () -> events.toDF().groupBy("word").count().writeStream()
        .outputMode("update").option("checkpointLocation", dir.toString()).foreach(() -> new ForeachWriter() {
          long epoch;

          @Override
          public boolean open(long partitionId, long epochId) {
            epoch = epochId;
            return true;
          }

          @Override
          public void process(Row row) {
            seen.add(row.getString(0) + "=" + row.getLong(1) + "@" + epoch);
          }

          @Override
          public void close(Throwable errorOrNull) {}
        }).start();
    StreamingQuery q = start.get();
    events.addData(Row.of("a", 1), Row.of("b", 1));
    q.processAllAvailable();
    events.addData(Row.of("a", 1));
    q.processAllAvailable();
    assertThat(seen).containsExactlyInAnyOrder("a=1@0", "b=1@0", "a=2@1");
    q.stop();
    events.addData(Row.of("b", 1));
    StreamingQuery again = start.get();
    again.processAllAvailable();
    again.stop();
    // The epoch is the batch id, which continues; the counts continue from the checkpointed state.
    assertThat(seen).containsExactlyInAnyOrder("a=1@0", "b=1@0", "a=2@1", "b=2@2");
  }

  @Test
  void distinctOnAStreamDropsDuplicatesInAppendModeAcrossRestarts(@TempDir Path dir) {
    java.util.function.Supplier<StreamingQuery> start = () -> events.toDF().select("word").distinct().writeStream()
        .format("memory").queryName("uniq").option("checkpointLocation", dir.toString()).start();
    StreamingQuery q = start.get();
    events.addData(Row.of("a", 1), Row.of("b", 2), Row.of("a", 3));
    q.processAllAvailable();
    assertThat(session.table("uniq").collectAsList()).containsExactlyInAnyOrder(Row.of("a"), Row.of("b"));
    q.stop();
    events.addData(Row.of("b", 4), Row.of("c", 5));
    StreamingQuery again = start.get();
    again.processAllAvailable();
    again.stop();
    // Only the new word: "b" was seen before the restart (the memory sink starts empty on restart).
    assertThat(session.table("uniq").collectAsList()).containsExactly(Row.of("c"));
    // Spark's modes for deduplication: update works too, complete needs an aggregation.
    StreamingQuery upd = events.toDF().distinct().writeStream().outputMode("update").format("memory")
        .queryName("uniq2").start();
    upd.processAllAvailable();
    upd.stop();
    assertThat(session.table("uniq2").count()).isEqualTo(5);
    assertThatThrownBy(() -> events.toDF().distinct().writeStream().outputMode("complete").format("memory")
        .queryName("uniq3").start()).isInstanceOf(dev.sluice.errors.AnalysisException.class)
        .hasMessageContaining("complete");
  }

  @Test
  void currentTimestampInAStreamIsTheBatchTimestamp() throws Exception {
    ManualClock clock = new ManualClock(5_000);
    StreamingQuery q = events.toDF().select(col("word"), dev.sluice.api.functions.current_timestamp().alias("t"))
        .writeStream().format("memory").queryName("stamped").trigger(dev.sluice.api.streaming.Trigger
            .ProcessingTime(1_000)).clock(clock).start();
    waitUntil(clock::isWaiting);
    events.addData(Row.of("a", 1));
    clock.advance(1_000);
    waitUntil(() -> q.lastProgress() != null);
    q.stop();
    // As Spark's CurrentBatchTimestamp: the trigger time of the batch, logged with its offsets.
    assertThat(session.table("stamped").collectAsList())
        .containsExactly(Row.of("a", java.time.Instant.ofEpochSecond(6)));
  }

  @Test
  void aSecondRunOnTheSameCheckpointStopsTheFirst(@TempDir Path dir) {
    java.util.function.Function<String, StreamingQuery> start = name -> events.toDF().groupBy("word").count()
        .writeStream().outputMode("complete").format("memory").queryName(name)
        .option("checkpointLocation", dir.toString()).start();
    StreamingQuery first = start.apply("first");
    events.addData(Row.of("a", 1));
    first.processAllAvailable();
    assertThatThrownBy(() -> start.apply("first")).hasMessageContaining("`first`")
        .hasMessageContaining("already active");
    StreamingQuery second = start.apply("second");
    assertThat(first.isActive()).isFalse();
    assertThat(session.streams().active()).containsExactly(second);
    assertThat(second.id()).isEqualTo(first.id());
    events.addData(Row.of("a", 1), Row.of("b", 1));
    second.processAllAvailable();
    assertThat(session.table("second").collectAsList()).containsExactlyInAnyOrder(Row.of("a", 2L), Row.of("b", 1L));

    session.conf().set("sluice.sql.streaming.stopActiveRunOnRestart", "false");
    assertThatThrownBy(() -> start.apply("third")).isInstanceOf(dev.sluice.errors.SluiceException.class)
        .hasMessageContaining("QUERY_RUN_ALREADY_ACTIVE").hasMessageContaining("another run of it (runId "
            + second.runId() + ") is already active").hasMessageContaining("stopActiveRunOnRestart");
    assertThat(second.isActive()).isTrue();
    second.stop();
  }

  @Test
  void availableNowStopsAtWhatWasThereAtStart() throws Exception {
    events.addData(Row.of("a", 1), Row.of("b", 2));
    List<List<Row>> batches = new CopyOnWriteArrayList<>();
    StreamingQuery q = events.toDF().writeStream().trigger(dev.sluice.api.streaming.Trigger.AvailableNow())
        .foreachBatch((df, id) -> {
          batches.add(df.collectAsList());
          events.addData(Row.of("late" + id, 0)); // arrives after the start: not part of this run
        }).start();
    assertThat(q.awaitTermination(10_000)).isTrue();
    assertThat(q.exception()).isNull();
    assertThat(batches).hasSize(1);
    assertThat(batches.get(0)).containsExactlyInAnyOrder(Row.of("a", 1), Row.of("b", 2));
  }

  @Test
  void nameStatusAndAwaitTerminationWithTimeout() throws Exception {
    StreamingQuery q = events.toDF().writeStream().format("memory").queryName("named").start();
    assertThat(q.name()).isEqualTo("named");
    assertThat(q.awaitTermination(20)).isFalse();
    events.addData(Row.of("a", 1));
    q.processAllAvailable();
    events.addData(Row.of("b", 2), Row.of("c", 3));
    q.processAllAvailable();
    // Each batch's source progress starts where the previous one ended.
    var first = q.recentProgress().get(0).sources().get(0);
    var second = q.recentProgress().get(1).sources().get(0);
    assertThat(first.startOffset()).isNull();
    assertThat(second.startOffset()).isEqualTo(first.endOffset()).isNotNull();
    assertThat(second.numInputRows()).isEqualTo(2);
    waitUntil(() -> q.status().message().equals("Waiting for data to arrive"));
    assertThat(q.status().isTriggerActive()).isFalse();
    assertThat(q.status().isDataAvailable()).isFalse();
    assertThat(q.status().json()).isEqualTo(
        "{\"message\":\"Waiting for data to arrive\",\"isDataAvailable\":false,\"isTriggerActive\":false}");
    q.stop();
    assertThat(q.status().message()).isEqualTo("Stopped");
    assertThat(q.awaitTermination(0)).isTrue();
    q.awaitTermination(); // returns at once for a stopped query without error
    assertThat(q.exception()).isNull();
    assertThat(session.streams().get(q.id())).isNull(); // get() knows active queries only, as Spark's
    assertThat(session.streams().awaitAnyTermination(0)).isTrue();
    session.streams().resetTerminated();
    assertThat(session.streams().awaitAnyTermination(10)).isFalse();
    StreamingQuery unnamed = events.toDF().writeStream().foreachBatch((df, id) -> { }).start();
    assertThat(unnamed.name()).isNull();
    unnamed.stop();
  }

  @Test
  void awaitTerminationWithTimeoutRethrowsTheFailure() {
    MemoryStream ints = MemoryStream.create(session, "a INT");
    StreamingQuery q = ints.toDF().select(col("a").divide(0)).writeStream().format("memory").queryName("bad")
        .start();
    ints.addData(Row.of(1));
    assertThatThrownBy(() -> q.awaitTermination(10_000)).isInstanceOf(StreamingQueryException.class)
        .hasMessageContaining("DIVIDE_BY_ZERO").hasRootCauseMessage(q.exception().getCause().getMessage());
    assertThatThrownBy(() -> session.streams().awaitAnyTermination()).isInstanceOf(StreamingQueryException.class);
  }

  @Test
  void onQueryStartedBeforeStartReturnsAndIdleAfterTheNoDataInterval() throws Exception {
    List<String> idle = new CopyOnWriteArrayList<>();
    List<Long> progress = new CopyOnWriteArrayList<>();
    List<java.util.UUID> started = new CopyOnWriteArrayList<>();
    session.streams().addListener(new StreamingQueryListener() {
      @Override
      public void onQueryStarted(QueryStartedEvent event) {
        started.add(event.runId());
      }

      @Override
      public void onQueryProgress(QueryProgressEvent event) {
        progress.add(event.progress().batchId());
      }

      @Override
      public void onQueryIdle(QueryIdleEvent event) {
        idle.add(event.id() + " " + event.runId() + " " + event.timestamp());
      }

      @Override
      public void onQueryTerminated(QueryTerminatedEvent event) {}
    });
    StreamingQuery q = events.toDF().writeStream().format("memory").queryName("idle").start();
    // As Spark: onQueryStarted has reached every listener when start() returns.
    assertThat(started).containsExactly(q.runId());
    events.addData(Row.of("a", 1));
    q.processAllAvailable();
    long start = System.nanoTime();
    waitUntil(() -> !idle.isEmpty());
    Thread.sleep(250);
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    q.stop();
    session.streams().awaitListenerEvents();
    assertThat(progress).containsExactly(0L);
    assertThat(idle.get(0)).startsWith(q.id() + " " + q.runId() + " ").endsWith("Z");
    // The default trigger polls every 10 ms; idle events come once per 100 ms interval at most.
    assertThat(idle.size()).isLessThanOrEqualTo((int) (elapsedMs / 100) + 2);
  }
}
