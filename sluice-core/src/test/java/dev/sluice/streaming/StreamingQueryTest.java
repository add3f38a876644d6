package dev.sluice.streaming;

import static dev.sluice.api.functions.col;
import static dev.sluice.api.functions.count;
import static dev.sluice.api.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.api.DataFrame;
import dev.sluice.api.ForeachWriter;
import dev.sluice.api.MemoryStream;
import dev.sluice.api.Session;
import dev.sluice.api.streaming.OutputMode;
import dev.sluice.api.streaming.StreamingQuery;
import dev.sluice.api.streaming.StreamingQueryException;
import dev.sluice.api.streaming.StreamingQueryListener;
import dev.sluice.api.streaming.StreamingQueryProgress;
import dev.sluice.api.streaming.Trigger;
import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.types.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streaming query lifecycle, the way users drive it: add data, process, check the sink, restart. */
class StreamingQueryTest {
  Session session;
  MemoryStream events;

  @BeforeEach
  void setUp() {
    session = Session.builder().config("sluice.sql.shuffle.partitions", "3").getOrCreate();
    events = MemoryStream.create(session, "word STRING, n INT");
  }

  @AfterEach
  void tearDown() {
    session.close();
  }

  private List<Row> table(String name) {
    List<Row> rows = new ArrayList<>(session.table(name).collectAsList());
    rows.sort((a, b) -> a.toString().compareTo(b.toString()));
    return rows;
  }

  @Test
  void statelessQueryAppendsEachBatchToTheMemorySink() {
    StreamingQuery q = events.toDF().filter(col("n").gt(1)).select(col("word"), col("n").multiply(10).alias("n10"))
        .writeStream().format("memory").queryName("out").start();
    events.addData(Row.of("a", 1), Row.of("b", 2));
    q.processAllAvailable();
    assertThat(table("out")).containsExactly(Row.of("b", 20));
    events.addData(Row.of("c", 3));
    q.processAllAvailable();
    assertThat(table("out")).containsExactly(Row.of("b", 20), Row.of("c", 30));
    assertThat(q.lastProgress().batchId()).isEqualTo(1);
    assertThat(q.lastProgress().numInputRows()).isEqualTo(1);
    assertThat(q.isActive()).isTrue();
    q.stop();
    assertThat(q.isActive()).isFalse();
  }

  @Test
  void aggregationInUpdateAndCompleteMode() {
    DataFrame counts = events.toDF().groupBy("word").agg(count("*").alias("c"), sum("n").alias("s"));
    List<List<Row>> updates = new CopyOnWriteArrayList<>();
    StreamingQuery upd = counts.writeStream().outputMode("update")
        .foreachBatch((df, id) -> updates.add(df.collectAsList())).start();
    StreamingQuery complete = counts.writeStream().outputMode(OutputMode.Complete()).format("memory")
        .queryName("totals").start();
    events.addData(Row.of("a", 1), Row.of("b", 2), Row.of("a", 3));
    upd.processAllAvailable();
    complete.processAllAvailable();
    events.addData(Row.of("a", 5));
    upd.processAllAvailable();
    complete.processAllAvailable();
    assertThat(updates).hasSize(2);
    assertThat(updates.get(0)).containsExactlyInAnyOrder(Row.of("a", 2L, 4L), Row.of("b", 1L, 2L));
    assertThat(updates.get(1)).containsExactly(Row.of("a", 3L, 9L));
    assertThat(table("totals")).containsExactly(Row.of("a", 3L, 9L), Row.of("b", 1L, 2L));
  }

  @Test
  void restartFromCheckpointContinuesStateAndKeepsTheQueryId(@TempDir Path dir) {
    DataFrame counts = events.toDF().groupBy("word").count();
    StreamingQuery first = counts.writeStream().outputMode("complete").format("memory").queryName("c1")
        .option("checkpointLocation", dir.toString()).start();
    events.addData(Row.of("a", 1), Row.of("b", 1));
    first.processAllAvailable();
    first.stop();
    events.addData(Row.of("a", 1));
    StreamingQuery second = counts.writeStream().outputMode("complete").format("memory").queryName("c2")
        .option("checkpointLocation", dir.toString()).start();
    second.processAllAvailable();
    assertThat(table("c2")).containsExactly(Row.of("a", 2L), Row.of("b", 1L));
    assertThat(second.id()).isEqualTo(first.id());
    assertThat(second.runId()).isNotEqualTo(first.runId());
    assertThat(second.lastProgress().batchId()).isEqualTo(1);
    assertThat(dir.resolve("offsets/0")).exists();
    assertThat(dir.resolve("commits/1")).exists();
    second.stop();
  }

  @Test
  void aBatchPlannedButNotCommittedIsReplayedWithTheSameOffsets(@TempDir Path dir) throws Exception {
    List<Long> seenBatches = new CopyOnWriteArrayList<>();
    List<List<Row>> seenRows = new CopyOnWriteArrayList<>();
    DataFrame counts = events.toDF().groupBy("word").count();
    StreamingQuery q = counts.writeStream().outputMode("update").option("checkpointLocation", dir.toString())
        .foreachBatch((df, id) -> {
          seenBatches.add(id);
          List<Row> rows = new ArrayList<>(df.collectAsList());
          rows.sort((x, y) -> x.toString().compareTo(y.toString()));
          seenRows.add(rows);
        }).start();
    events.addData(Row.of("a", 1));
    q.processAllAvailable();
    events.addData(Row.of("a", 1), Row.of("b", 1));
    q.processAllAvailable();
    q.stop();
    // As if the process died after the sink accepted batch 1 but before its commit was written.
    Files.delete(dir.resolve("commits/1"));
    events.addData(Row.of("c", 1));
    StreamingQuery again = counts.writeStream().outputMode("update").option("checkpointLocation", dir.toString())
        .foreachBatch((df, id) -> {
          seenBatches.add(id);
          List<Row> rows = new ArrayList<>(df.collectAsList());
          rows.sort((x, y) -> x.toString().compareTo(y.toString()));
          seenRows.add(rows);
        }).start();
    again.processAllAvailable();
    again.stop();
    assertThat(seenBatches).containsExactly(0L, 1L, 1L, 2L);
    // Batch 1 replayed exactly (a counted twice overall, not three times), then c in batch 2.
    assertThat(seenRows).containsExactly(List.of(Row.of("a", 1L)), List.of(Row.of("a", 2L), Row.of("b", 1L)),
        List.of(Row.of("a", 2L), Row.of("b", 1L)), List.of(Row.of("c", 1L)));
  }

  @Test
  void aFailureStopsTheQueryWithTheErrorAsCause() {
    MemoryStream ints = MemoryStream.create(session, "a INT, b INT");
    StreamingQuery q = ints.toDF().select(col("a").plus(col("b")).alias("s")).writeStream().format("memory")
        .queryName("sums").start();
    ints.addData(Row.of(Integer.MAX_VALUE, 1));
    assertThatThrownBy(q::processAllAvailable).isInstanceOf(StreamingQueryException.class)
        .hasMessageContaining("ARITHMETIC_OVERFLOW");
    assertThat(q.isActive()).isFalse();
    assertThat(q.exception().getCause()).hasMessageContaining("integer overflow");
    assertThatThrownBy(q::awaitTermination).isInstanceOf(StreamingQueryException.class);
  }

  @Test
  void onceAndAvailableNowTriggersStopByThemselves() throws Exception {
    events.addData(Row.of("a", 1));
    events.addData(Row.of("b", 2));
    StreamingQuery once = events.toDF().writeStream().format("memory").queryName("once").trigger(Trigger.Once())
        .start();
    assertThat(once.awaitTermination(10_000)).isTrue();
    assertThat(table("once")).hasSize(2);
    assertThat(once.recentProgress()).hasSize(1);
    StreamingQuery now = events.toDF().writeStream().format("memory").queryName("now")
        .trigger(Trigger.AvailableNow()).start();
    assertThat(now.awaitTermination(10_000)).isTrue();
    assertThat(table("now")).hasSize(2);
  }

  @Test
  void processingTimeTriggerFiresWhenTheClockAdvances() throws Exception {
    ManualClock clock = new ManualClock(1_000);
    StreamingQuery q = events.toDF().writeStream().format("memory").queryName("timed")
        .trigger(Trigger.ProcessingTime(10_000)).clock(clock).start();
    waitUntil(clock::isWaiting);
    events.addData(Row.of("a", 1));
    Thread.sleep(100);
    assertThat(table("timed")).isEmpty();
    clock.advance(10_000);
    long deadline = System.currentTimeMillis() + 10_000;
    while (table("timed").isEmpty() && System.currentTimeMillis() < deadline) {
      Thread.sleep(10);
    }
    assertThat(table("timed")).containsExactly(Row.of("a", 1));
    q.stop();
  }

  private static void waitUntil(java.util.function.BooleanSupplier cond) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (!cond.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("condition not reached in 10 s");
      }
      Thread.sleep(5);
    }
  }

  /** Records what a ForeachWriter saw. */
  static final List<String> FOREACH_EVENTS = Collections.synchronizedList(new ArrayList<>());

  @Test
  void foreachWriterOpensProcessesAndClosesPerPartitionWithTheEpoch() {
    FOREACH_EVENTS.clear();
    StreamingQuery q = events.toDF().writeStream().foreach(() -> new ForeachWriter() {
      long partition;

      @Override
      public boolean open(long partitionId, long epochId) {
        partition = partitionId;
        FOREACH_EVENTS.add("open " + epochId);
        return epochId != 1; // skip batch 1, as a writer that already wrote it would
      }

      @Override
      public void process(Row row) {
        FOREACH_EVENTS.add("row " + row.getString(0));
      }

      @Override
      public void close(Throwable errorOrNull) {
        FOREACH_EVENTS.add("close " + (errorOrNull == null ? "ok" : "error"));
      }
    }).start();
    events.addData(Row.of("a", 1));
    q.processAllAvailable();
    events.addData(Row.of("skipped", 1));
    q.processAllAvailable();
    events.addData(Row.of("c", 1));
    q.processAllAvailable();
    q.stop();
    assertThat(FOREACH_EVENTS).contains("open 0", "row a", "open 1", "open 2", "row c").doesNotContain("row skipped");
    assertThat(FOREACH_EVENTS.stream().filter(e -> e.startsWith("open")).count())
        .isEqualTo(FOREACH_EVENTS.stream().filter(e -> e.startsWith("close")).count());
  }

  @Test
  void foreachBatchGetsABatchDataFrame() {
    List<Long> totals = new CopyOnWriteArrayList<>();
    StreamingQuery q = events.toDF().writeStream().foreachBatch((df, id) -> {
      assertThat(df.isStreaming()).isFalse();
      Row r = df.agg(sum("n")).first();
      totals.add(r.isNullAt(0) ? 0 : r.getLong(0));
    }).start();
    events.addData(Row.of("a", 1), Row.of("b", 2));
    q.processAllAvailable();
    events.addData(Row.of("c", 10));
    q.processAllAvailable();
    q.stop();
    assertThat(totals).containsExactly(3L, 10L);
  }

  @Test
  void listenersReceiveStartProgressAndTermination() {
    List<String> seen = new CopyOnWriteArrayList<>();
    session.streams().addListener(new StreamingQueryListener() {
      @Override
      public void onQueryStarted(QueryStartedEvent event) {
        seen.add("started " + event.name());
      }

      @Override
      public void onQueryProgress(QueryProgressEvent event) {
        seen.add("progress " + event.progress().batchId());
      }

      @Override
      public void onQueryTerminated(QueryTerminatedEvent event) {
        seen.add("terminated " + (event.exception() == null));
      }
    });
    StreamingQuery q = events.toDF().writeStream().format("memory").queryName("listened").start();
    events.addData(Row.of("a", 1));
    q.processAllAvailable();
    q.stop();
    session.streams().awaitListenerEvents();
    assertThat(seen).containsSubsequence("started listened", "progress 0", "terminated true");
  }

  @Test
  void progressHasSparksFieldsAndJsonShape() throws Exception {
    DataFrame counts = events.toDF().groupBy("word").count();
    StreamingQuery q = counts.writeStream().outputMode("update").format("memory").queryName("p").start();
    events.addData(Row.of("a", 1), Row.of("b", 1), Row.of("a", 1));
    q.processAllAvailable();
    StreamingQueryProgress p = q.lastProgress();
    assertThat(p.numInputRows()).isEqualTo(3);
    assertThat(p.stateOperators()).hasSize(1);
    assertThat(p.stateOperators().get(0).numRowsTotal()).isEqualTo(2);
    assertThat(p.sink().numOutputRows()).isEqualTo(2);
    JsonNode json = new ObjectMapper().readTree(p.json());
    for (String field : List.of("id", "runId", "name", "timestamp", "batchId", "numInputRows", "inputRowsPerSecond",
        "processedRowsPerSecond", "durationMs", "stateOperators", "sources", "sink")) {
      assertThat(json.has(field)).as(field).isTrue();
    }
    // As Spark: empty maps are left out (no watermark, so no eventTime), and map keys are sorted.
    assertThat(json.has("eventTime")).isFalse();
    assertThat(json.get("sources").get(0).has("metrics")).isFalse();
    List<String> phases = new ArrayList<>();
    json.get("durationMs").fieldNames().forEachRemaining(phases::add);
    assertThat(phases).isSorted();
    assertThat(json.get("name").asText()).isEqualTo("p");
    assertThat(json.get("durationMs").has("triggerExecution")).isTrue();
    assertThat(json.get("durationMs").has("addBatch")).isTrue();
    assertThat(json.get("sources").get(0).get("endOffset").asLong()).isEqualTo(1);
    assertThat(json.get("stateOperators").get(0).get("numRowsTotal").asLong()).isEqualTo(2);
    q.stop();
  }

  @Test
  void managerTracksActiveQueriesAndAnyTermination() throws Exception {
    StreamingQuery q = events.toDF().writeStream().format("memory").queryName("m").start();
    assertThat(session.streams().active()).containsExactly(q);
    assertThat(session.streams().get(q.id())).isSameAs(q);
    assertThat(session.streams().awaitAnyTermination(50)).isFalse();
    q.stop();
    assertThat(session.streams().awaitAnyTermination(5_000)).isTrue();
    assertThat(session.streams().active()).isEmpty();
  }

  @Test
  void startRefusesWhatAStreamCannotDo() {
    DataFrame counts = events.toDF().groupBy("word").count();
    assertThatThrownBy(() -> counts.writeStream().outputMode("append").format("memory").queryName("x").start())
        .isInstanceOf(AnalysisException.class)
        .hasMessageContaining("append")
        .hasMessageContaining("without watermark")
        .satisfies(e -> assertThat(((AnalysisException) e).errorClass())
            .isEqualTo(ErrorClass.STREAMING_OUTPUT_MODE_UNSUPPORTED));
    assertThatThrownBy(() -> events.toDF().orderBy("n").writeStream().format("memory").queryName("y").start())
        .isInstanceOf(AnalysisException.class).hasMessageContaining("Sorting is not supported");
    DataFrame fixed = session.sql("SELECT 'static' AS word, 1 AS n");
    assertThatThrownBy(() -> events.toDF().union(fixed).writeStream().format("memory").queryName("u").start())
        .isInstanceOf(AnalysisException.class).hasMessageContaining("Union between streaming and batch")
        .satisfies(e -> assertThat(((AnalysisException) e).errorClass())
            .isEqualTo(ErrorClass.STREAMING_UNSUPPORTED_OPERATION));
    assertThatThrownBy(() -> fixed.union(events.toDF()).writeStream().format("memory").queryName("u").start())
        .hasMessageContaining("Union between streaming and batch");
    assertThat(session.streams().active()).as("nothing started").isEmpty();
    assertThatThrownBy(() -> events.toDF().collectAsList()).isInstanceOf(AnalysisException.class)
        .hasMessageContaining("writeStream().start()");
    assertThatThrownBy(() -> events.toDF().writeStream().format("memory").start())
        .hasMessageContaining("queryName");
  }
}
