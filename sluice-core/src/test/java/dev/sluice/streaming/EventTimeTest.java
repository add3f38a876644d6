package dev.sluice.streaming;

import static dev.sluice.api.functions.col;
import static dev.sluice.api.functions.count;
import static dev.sluice.api.functions.expr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.DataFrame;
import dev.sluice.api.MemoryStream;
import dev.sluice.api.Session;
import dev.sluice.api.streaming.StreamingQuery;
import dev.sluice.errors.AnalysisException;
import dev.sluice.api.streaming.StreamingQueryProgress;
import dev.sluice.types.Row;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Event time: windows, sessions, watermarks, late data and no-data batches, across restarts. */
class EventTimeTest {
  Session session;
  MemoryStream clicks;

  @BeforeEach
  void setUp() {
    session = Session.builder().config("sluice.sql.shuffle.partitions", "2").getOrCreate();
    clicks = MemoryStream.create(session, "user STRING, ts TIMESTAMP");
    clicks.toDF().withWatermark("ts", "5 seconds").createOrReplaceTempView("clicks");
  }

  @AfterEach
  void tearDown() {
    session.close();
  }

  static Instant t(int seconds) {
    return Instant.parse("2026-01-01T00:00:00Z").plusSeconds(seconds);
  }

  @Test
  void sessionsMergeAcrossBatchesAndSurviveARestart(@TempDir Path dir) {
    DataFrame sessions = session.sql("SELECT user, session_window.start AS s, session_window.end AS e, count(*) AS n "
        + "FROM clicks GROUP BY session_window(ts, '4 seconds'), user");
    List<Row> out = new CopyOnWriteArrayList<>();
    StreamingQuery q = sessions.writeStream().outputMode("append").option("checkpointLocation", dir.toString())
        .foreachBatch((df, id) -> out.addAll(df.collectAsList())).start();
    clicks.addData(Row.of("u", t(0)), Row.of("u", t(10)));
    q.processAllAvailable();
    q.stop();
    // A row at 5s bridges nothing yet ([0,4) and [10,14) stay apart); at 7s it joins [5..] and [10..].
    clicks.addData(Row.of("u", t(5)), Row.of("u", t(7)));
    StreamingQuery again = sessions.writeStream().outputMode("append").option("checkpointLocation", dir.toString())
        .foreachBatch((df, id) -> out.addAll(df.collectAsList())).start();
    again.processAllAvailable();
    clicks.addData(Row.of("v", t(40)));
    again.processAllAvailable();
    again.stop();
    assertThat(out).containsExactlyInAnyOrder(
        Row.of("u", t(0), t(4), 1L),
        Row.of("u", t(5), t(14), 3L));
  }

  @Test
  void sessionAggregatesOverRowsOfSeveralBatchesAndARestart(@TempDir Path dir) {
    DataFrame sessions = session.sql("SELECT user, session_window.start AS s, min(ts) AS lo, max(ts) AS hi, "
        + "first(ts) AS f, last(ts) AS l, collect_list(second(ts)) AS secs, count(*) AS n "
        + "FROM clicks GROUP BY user, session_window(ts, '10 seconds')");
    List<Row> out = new CopyOnWriteArrayList<>();
    StreamingQuery q = startInto(sessions, "append", dir, out);
    clicks.addData(Row.of("u", t(1)), Row.of("u", t(0)));
    q.processAllAvailable();
    q.stop();
    q = startInto(sessions, "append", dir, out);
    clicks.addData(Row.of("u", t(2)));
    q.processAllAvailable();
    clicks.addData(Row.of("u", t(3)));
    q.processAllAvailable();
    clicks.addData(Row.of("v", t(100)));
    q.processAllAvailable();
    q.stop();
    // Rows of three batches and two runs are one session, counted once each, and folded in event-time
    // order as Spark merges sessions sorted by start: first/last/collect_list do not follow arrival.
    assertThat(out).containsExactly(Row.of("u", t(0), t(0), t(3), t(0), t(3), List.of(0, 1, 2, 3), 4L));
  }

  @Test
  void lateRowsAreDroppedAndCountedAndStateStaysBounded() {
    DataFrame counts = session.sql("SELECT window.start AS w, count(*) AS n FROM clicks "
        + "GROUP BY window(ts, '10 seconds')");
    List<Row> out = new CopyOnWriteArrayList<>();
    StreamingQuery q = counts.writeStream().outputMode("append").foreachBatch((df, id) -> out.addAll(df.collectAsList()))
        .start();
    for (int step = 0; step < 20; step++) {
      List<Row> rows = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        rows.add(Row.of("u", t(step * 10 + i)));
      }
      rows.add(Row.of("late", t(0)));
      clicks.addData(rows);
      q.processAllAvailable();
    }
    q.stop();
    // The late row at 0s still counts while its window [0, 10) is open (watermark 4s after step 1),
    // and is dropped from step 2 on (watermark 14s).
    assertThat(out).hasSize(19);
    assertThat(out.get(0)).isEqualTo(Row.of(t(0), 12L));
    assertThat(out.subList(1, 19)).allSatisfy(r -> assertThat(r.getLong(1)).isEqualTo(10L));
    long dropped = q.recentProgress().stream()
        .mapToLong(p -> p.stateOperators().get(0).numRowsDroppedByWatermark()).sum();
    assertThat(dropped).isEqualTo(18);
    StreamingQueryProgress last = q.lastProgress();
    assertThat(last.stateOperators().get(0).numRowsTotal()).isLessThanOrEqualTo(2);
    StreamingQueryProgress lastData = q.recentProgress().stream().filter(p -> p.numInputRows() > 0)
        .reduce((a, b) -> b).orElseThrow();
    assertThat(lastData.eventTime()).containsKeys("min", "max", "avg", "watermark");
    assertThat(lastData.eventTime().get("max")).isEqualTo("2026-01-01T00:03:19.000Z");
  }

  @Test
  void slidingWindowsCountARowInEveryWindowCoveringIt() {
    DataFrame counts = clicks.toDF().groupBy(dev.sluice.api.functions.window(col("ts"), "10 seconds", "5 seconds"))
        .agg(count("*").alias("n"));
    StreamingQuery q = counts.writeStream().outputMode("complete").format("memory").queryName("sliding").start();
    clicks.addData(Row.of("u", t(7)));
    q.processAllAvailable();
    q.stop();
    List<Row> rows = session.sql("SELECT window.start, window.end, n FROM sliding ORDER BY 1").collectAsList();
    assertThat(rows).containsExactly(Row.of(t(0), t(10), 1L), Row.of(t(5), t(15), 1L));
  }

  @Test
  void streamStreamLeftOuterJoinSurvivesARestartAndEmitsUnmatchedRowsOnce(@TempDir Path dir) {
    MemoryStream imps = MemoryStream.create(session, "adId INT, impTime TIMESTAMP");
    MemoryStream clks = MemoryStream.create(session, "clickAdId INT, clickTime TIMESTAMP");
    imps.toDF().withWatermark("impTime", "10 seconds").createOrReplaceTempView("imps");
    clks.toDF().withWatermark("clickTime", "10 seconds").createOrReplaceTempView("clks");
    DataFrame joined = session.sql("SELECT adId, clickTime FROM imps LEFT JOIN clks ON adId = clickAdId "
        + "AND clickTime >= impTime AND clickTime <= impTime + INTERVAL 1 MINUTE");
    List<Row> out = new CopyOnWriteArrayList<>();
    java.util.function.Supplier<StreamingQuery> start = () -> joined.writeStream()
        .option("checkpointLocation", dir.toString()).foreachBatch((df, id) -> out.addAll(df.collectAsList())).start();
    StreamingQuery q = start.get();
    imps.addData(Row.of(1, t(0)), Row.of(2, t(5)));
    q.processAllAvailable();
    q.stop();
    clks.addData(Row.of(1, t(30)));
    q = start.get();
    q.processAllAvailable();
    assertThat(out).containsExactly(Row.of(1, t(30)));
    // Move both watermarks past 2's range: the impression without a click comes out once, NULL-padded.
    imps.addData(Row.of(3, t(200)));
    clks.addData(Row.of(3, t(205)));
    q.processAllAvailable();
    q.stop();
    assertThat(out).containsExactlyInAnyOrder(Row.of(1, t(30)), Row.of(3, t(205)), Row.of(2, null));
    assertThat(q.lastProgress().stateOperators().get(0).operatorName()).isEqualTo("symmetricHashJoin");
  }

  @Test
  void dropDuplicatesKeepsFirstRowsAndForgetsKeysTheWatermarkPassed() {
    DataFrame unique = session.table("clicks").dropDuplicates("user", "ts");
    List<Row> out = new CopyOnWriteArrayList<>();
    StreamingQuery q = unique.writeStream().foreachBatch((df, id) -> out.addAll(df.collectAsList())).start();
    clicks.addData(Row.of("a", t(1)), Row.of("a", t(1)), Row.of("b", t(1)));
    q.processAllAvailable();
    clicks.addData(Row.of("a", t(1)), Row.of("a", t(20)));
    q.processAllAvailable();
    // Watermark is now 15s: the duplicate at 1s is late, and its key was forgotten.
    clicks.addData(Row.of("a", t(1)), Row.of("c", t(21)));
    q.processAllAvailable();
    q.stop();
    assertThat(out).containsExactlyInAnyOrder(Row.of("a", t(1)), Row.of("b", t(1)), Row.of("a", t(20)),
        Row.of("c", t(21)));
    assertThat(q.lastProgress().stateOperators().get(0).numRowsTotal()).isEqualTo(2);
  }

  @Test
  void dropDuplicatesWithinWatermarkRemembersAKeyForTheDelay() {
    DataFrame unique = session.table("clicks").dropDuplicatesWithinWatermark("user");
    List<Row> out = new CopyOnWriteArrayList<>();
    StreamingQuery q = unique.writeStream().foreachBatch((df, id) -> out.addAll(df.collectAsList())).start();
    clicks.addData(Row.of("a", t(10)), Row.of("a", t(12)));
    q.processAllAvailable();
    clicks.addData(Row.of("a", t(14)), Row.of("b", t(30)));
    q.processAllAvailable();
    // Watermark 25s passed 10s + 5s: "a" may appear again.
    clicks.addData(Row.of("a", t(31)));
    q.processAllAvailable();
    q.stop();
    assertThat(out).containsExactlyInAnyOrder(Row.of("a", t(10)), Row.of("b", t(30)), Row.of("a", t(31)));
  }

  /**
   * A long run with a moving event time: one million events in 200 micro-batches, windows of 10 s,
   * watermark 5 s behind. The state must stay bounded by the open windows, not grow with the input.
   */
  @Test
  void stateStaysBoundedOverAMillionEvents() {
    MemoryStream events = MemoryStream.create(session, "k INT, ts TIMESTAMP");
    DataFrame counts = events.toDF().withWatermark("ts", "5 seconds")
        .groupBy(dev.sluice.api.functions.window(col("ts"), "10 seconds"), col("k")).agg(count("*").alias("n"));
    long[] emitted = {0};
    StreamingQuery q = counts.writeStream().outputMode("append").foreachBatch((df, id) -> {
      for (Row r : df.collectAsList()) {
        emitted[0] += r.getLong(2);
      }
    }).start();
    long base = t(0).getEpochSecond() * 1_000_000L;
    int perBatch = 5_000;
    long maxState = 0;
    List<Long> latencies = new ArrayList<>();
    for (int b = 0; b < 200; b++) {
      int[] keys = new int[perBatch];
      long[] ts = new long[perBatch];
      for (int i = 0; i < perBatch; i++) {
        keys[i] = i % 100;
        ts[i] = base + (b * 1_000_000L) + i * 200L; // one second of event time per batch
      }
      events.addBatches(List.of(new dev.sluice.vector.ColumnBatch(new dev.sluice.vector.ColumnVector[] {
          new dev.sluice.vector.IntVector(dev.sluice.types.DataTypes.IntegerType, keys, perBatch, null),
          new dev.sluice.vector.LongVector(dev.sluice.types.DataTypes.TimestampType, ts, perBatch, null)},
          perBatch)));
      q.processAllAvailable();
      maxState = Math.max(maxState, q.lastProgress().stateOperators().get(0).numRowsTotal());
      q.recentProgress().stream().filter(p -> p.numInputRows() > 0).reduce((x, y) -> y)
          .ifPresent(p -> latencies.add(p.batchDuration()));
    }
    q.stop();
    latencies.sort(null);
    System.out.printf("1M events in 200 batches: max state rows %d, batch latency ms p50 %d p90 %d max %d%n", maxState,
        latencies.get(latencies.size() / 2), latencies.get(latencies.size() * 9 / 10),
        latencies.get(latencies.size() - 1));
    // Open windows at any time: at most 2 (the current and the one the watermark has not closed) x 100 keys.
    assertThat(maxState).isLessThanOrEqualTo(200);
    // Every event of a closed window was emitted exactly once (the last window is still open).
    assertThat(emitted[0]).isGreaterThanOrEqualTo(1_000_000 - 2L * 10 * perBatch).isLessThanOrEqualTo(1_000_000);
  }

  @Test
  void streamStreamSemiAndFullOuterJoins() {
    MemoryStream l = MemoryStream.create(session, "id INT, lt TIMESTAMP");
    MemoryStream r = MemoryStream.create(session, "rid INT, rt TIMESTAMP");
    l.toDF().withWatermark("lt", "0 seconds").createOrReplaceTempView("l");
    r.toDF().withWatermark("rt", "0 seconds").createOrReplaceTempView("r");
    String range = " ON id = rid AND rt >= lt AND rt <= lt + INTERVAL 10 SECONDS";
    List<Row> semi = new CopyOnWriteArrayList<>();
    List<Row> full = new CopyOnWriteArrayList<>();
    StreamingQuery qs = session.sql("SELECT id FROM l LEFT SEMI JOIN r" + range).writeStream()
        .foreachBatch((df, id) -> semi.addAll(df.collectAsList())).start();
    StreamingQuery qf = session.sql("SELECT id, rid FROM l FULL OUTER JOIN r" + range).writeStream()
        .foreachBatch((df, id) -> full.addAll(df.collectAsList())).start();
    l.addData(Row.of(1, t(0)), Row.of(2, t(0)));
    r.addData(Row.of(1, t(3)), Row.of(1, t(4)), Row.of(9, t(5)));
    qs.processAllAvailable();
    qf.processAllAvailable();
    l.addData(Row.of(5, t(100)));
    r.addData(Row.of(5, t(100)));
    qs.processAllAvailable();
    qf.processAllAvailable();
    qs.stop();
    qf.stop();
    assertThat(semi).containsExactlyInAnyOrder(Row.of(1), Row.of(5));
    assertThat(full).containsExactlyInAnyOrder(Row.of(1, 1), Row.of(1, 1), Row.of(2, null), Row.of(null, 9),
        Row.of(5, 5));
  }

  @Test
  void streamStaticRightOuterJoinKeepsUnmatchedStreamRows() {
    session.createDataFrame(List.of(Row.of("u", "User U")), "user STRING, label STRING").createOrReplaceTempView("users");
    List<Row> out = new CopyOnWriteArrayList<>();
    StreamingQuery q = session.sql("SELECT c.user, label FROM users RIGHT JOIN clicks c ON users.user = c.user")
        .writeStream().foreachBatch((df, id) -> out.addAll(df.collectAsList())).start();
    clicks.addData(Row.of("u", t(1)), Row.of("v", t(2)));
    q.processAllAvailable();
    q.stop();
    assertThat(out).containsExactlyInAnyOrder(Row.of("u", "User U"), Row.of("v", null));
  }

  /** The foreachBatch sink used below: every row of every batch, in order. */
  static StreamingQuery startInto(DataFrame df, String mode, Path dir, List<Row> out) {
    var w = df.writeStream().outputMode(mode).foreachBatch((d, id) -> out.addAll(d.collectAsList()));
    return (dir == null ? w : w.option("checkpointLocation", dir.toString())).start();
  }

  @Test
  void watermarkAppliesFromTheNextBatchAndNeverMovesBackAcrossARestart(@TempDir Path dir) {
    DataFrame counts = session.sql("SELECT window.start AS w, count(*) AS n FROM clicks GROUP BY window(ts, '10 seconds')");
    List<Row> out = new CopyOnWriteArrayList<>();
    StreamingQuery q = startInto(counts, "append", dir, out);
    // One batch: 20s moves the watermark to 15s only after the batch, so 1s in the same batch still counts.
    clicks.addData(Row.of("a", t(20)), Row.of("a", t(1)));
    q.processAllAvailable();
    assertThat(q.recentProgress().get(0).eventTime()).containsEntry("watermark", "1970-01-01T00:00:00.000Z")
        .containsEntry("min", "2026-01-01T00:00:01.000Z").containsEntry("max", "2026-01-01T00:00:20.000Z")
        .containsEntry("avg", "2026-01-01T00:00:10.500Z");
    assertThat(out).containsExactly(Row.of(t(0), 1L));
    q.stop();
    // After a restart the watermark is still 15s: older rows do not pull it back, late ones are dropped.
    q = startInto(counts, "append", dir, out);
    clicks.addData(Row.of("a", t(2)), Row.of("a", t(12)));
    q.processAllAvailable();
    StreamingQueryProgress p = q.lastProgress();
    assertThat(p.eventTime()).containsEntry("watermark", "2026-01-01T00:00:15.000Z");
    assertThat(p.stateOperators().get(0).numRowsDroppedByWatermark()).isEqualTo(1);
    assertThat(p.stateOperators().get(0).numRowsUpdated()).isEqualTo(1);
    assertThat(p.stateOperators().get(0).numRowsTotal()).isEqualTo(2); // [10, 20) and [20, 30)
    assertThat(p.stateOperators().get(0).memoryUsedBytes()).isPositive();
    clicks.addData(Row.of("a", t(25)));
    q.processAllAvailable();
    q.stop();
    assertThat(out).containsExactly(Row.of(t(0), 1L), Row.of(t(10), 1L));
  }

  @Test
  void noDataBatchesEmitClosedWindowsAndCanBeTurnedOff() {
    for (boolean enabled : new boolean[] {true, false}) {
      session.conf().set("sluice.sql.streaming.noDataMicroBatches.enabled", Boolean.toString(enabled));
      MemoryStream in = MemoryStream.create(session, "ts TIMESTAMP");
      DataFrame counts = in.toDF().withWatermark("ts", "0 seconds")
          .groupBy(dev.sluice.api.functions.window(col("ts"), "10 seconds")).agg(count("*").alias("n"));
      List<Row> out = new CopyOnWriteArrayList<>();
      StreamingQuery q = startInto(counts, "append", null, out);
      in.addData(Row.of(t(1)));
      q.processAllAvailable();
      in.addData(Row.of(t(15)));
      q.processAllAvailable();
      q.stop();
      if (enabled) {
        assertThat(out).containsExactly(Row.of(Row.of(t(0), t(10)), 1L));
        // As in Spark, each batch that moves the watermark is followed by one without data.
        assertThat(q.recentProgress()).hasSize(4);
        assertThat(q.lastProgress().numInputRows()).isZero();
      } else {
        assertThat(out).isEmpty();
        assertThat(q.recentProgress()).hasSize(2);
      }
    }
  }

  @Test
  void multipleWatermarkPolicyMaxAndTheCheckpointKeepsThePolicy(@TempDir Path dir) {
    session.conf().set("sluice.sql.streaming.multipleWatermarkPolicy", "max");
    MemoryStream a = MemoryStream.create(session, "ts TIMESTAMP");
    MemoryStream b = MemoryStream.create(session, "ts TIMESTAMP");
    DataFrame u = a.toDF().withWatermark("ts", "10 seconds").union(b.toDF().withWatermark("ts", "20 seconds"));
    List<Row> out = new CopyOnWriteArrayList<>();
    // Both rows before the start, so the first batch reads them together (added after the start, a
    // trigger between the two calls would split them into two batches and move the watermark early).
    a.addData(Row.of(t(100)));
    b.addData(Row.of(t(100)));
    StreamingQuery q = startInto(u, "append", dir, out);
    q.processAllAvailable();
    q.stop();
    assertThat(q.lastProgress().eventTime()).containsEntry("watermark", "1970-01-01T00:00:00.000Z");
    // Restarted in a session whose policy is min: the checkpoint's max still applies, as in Spark.
    session.conf().set("sluice.sql.streaming.multipleWatermarkPolicy", "min");
    q = startInto(u, "append", dir, out);
    a.addData(Row.of(t(110)));
    q.processAllAvailable();
    assertThat(q.lastProgress().eventTime()).containsEntry("watermark", "2026-01-01T00:01:30.000Z");
    b.addData(Row.of(t(101)));
    q.processAllAvailable();
    q.stop();
    assertThat(q.lastProgress().eventTime()).containsEntry("watermark", "2026-01-01T00:01:40.000Z");
  }

  @Test
  void theWatermarkIsInWholeMillisecondsAsInSpark() {
    MemoryStream in = MemoryStream.create(session, "ts TIMESTAMP");
    DataFrame unique = in.toDF().withWatermark("ts", "0 seconds").dropDuplicates("ts");
    List<Row> out = new CopyOnWriteArrayList<>();
    StreamingQuery q = startInto(unique, "append", null, out);
    Instant late = t(10).plusNanos(999_000);
    in.addData(Row.of(late));
    q.processAllAvailable();
    // Spark keeps event-time statistics in milliseconds: the watermark is 10.000s, not 10.000999s.
    in.addData(Row.of(t(10).plusNanos(500_000)), Row.of(t(10)));
    q.processAllAvailable();
    q.stop();
    assertThat(q.lastProgress().eventTime()).containsEntry("watermark", "2026-01-01T00:00:10.000Z");
    assertThat(out).containsExactly(Row.of(late), Row.of(t(10).plusNanos(500_000)));
  }

  @Test
  void dropDuplicatesWithoutWatermarkRemembersEveryKeyAcrossARestart(@TempDir Path dir) {
    MemoryStream in = MemoryStream.create(session, "k STRING, v INT");
    DataFrame unique = in.toDF().dropDuplicates("k");
    List<Row> out = new CopyOnWriteArrayList<>();
    StreamingQuery q = startInto(unique, "append", dir, out);
    in.addData(Row.of("a", 1), Row.of("a", 2), Row.of("b", 3));
    q.processAllAvailable();
    q.stop();
    q = startInto(unique, "append", dir, out);
    in.addData(Row.of("a", 4), Row.of("c", 5));
    q.processAllAvailable();
    q.stop();
    assertThat(out).containsExactly(Row.of("a", 1), Row.of("b", 3), Row.of("c", 5));
    assertThat(q.lastProgress().stateOperators().get(0).numRowsTotal()).isEqualTo(3);
  }

  @Test
  void slidingWindowsWithAStartOffsetInStreamAndBatch(@TempDir Path dir) {
    String sql = "SELECT window.start AS s, window.end AS e, count(*) AS n FROM %s "
        + "GROUP BY window(ts, '10 seconds', '5 seconds', '2 seconds')";
    DataFrame counts = session.sql(sql.formatted("clicks"));
    List<Row> out = new CopyOnWriteArrayList<>();
    StreamingQuery q = startInto(counts, "append", dir, out);
    clicks.addData(Row.of("a", t(6)), Row.of("a", t(8)));
    q.processAllAvailable();
    q.stop();
    q = startInto(counts, "append", dir, out);
    clicks.addData(Row.of("a", t(30)));
    q.processAllAvailable();
    q.stop();
    assertThat(out).containsExactlyInAnyOrder(Row.of(t(-3), t(7), 1L), Row.of(t(2), t(12), 2L),
        Row.of(t(7), t(17), 1L));
    session.createDataFrame(List.of(Row.of("a", t(6)), Row.of("a", t(8))), "user STRING, ts TIMESTAMP")
        .createOrReplaceTempView("stat");
    assertThat(session.sql(sql.formatted("stat")).collectAsList()).containsExactlyInAnyOrder(
        Row.of(t(-3), t(7), 1L), Row.of(t(2), t(12), 2L), Row.of(t(7), t(17), 1L));
    // window() in a select list: one row per window the row falls in.
    assertThat(session.sql("SELECT w.start FROM (SELECT window(ts, '10 seconds', '5 seconds', '2 seconds') AS w "
        + "FROM stat) ORDER BY 1").collectAsList()).containsExactly(Row.of(t(-3)), Row.of(t(2)), Row.of(t(2)),
        Row.of(t(7)));
  }

  @Test
  void sessionWindowsWithADynamicGapMergeAcrossBatches(@TempDir Path dir) {
    DataFrame sessions = session.sql("SELECT user, session_window.start AS s, session_window.end AS e, count(*) AS n "
        + "FROM clicks GROUP BY user, session_window(ts, CASE WHEN user = 'a' THEN '10 seconds' ELSE '2 seconds' END)");
    List<Row> out = new CopyOnWriteArrayList<>();
    StreamingQuery q = startInto(sessions, "append", dir, out);
    clicks.addData(Row.of("a", t(0)), Row.of("b", t(0)));
    q.processAllAvailable();
    q.stop();
    q = startInto(sessions, "append", dir, out);
    // 'a' at 8s joins its session of 0s (gap 10s); 'b' at 3s starts a new one (gap 2s).
    clicks.addData(Row.of("a", t(8)), Row.of("b", t(3)));
    q.processAllAvailable();
    // The no-data batch after it (watermark 3s) closed b's first session; a's and b's second stay.
    assertThat(q.lastProgress().stateOperators().get(0).numRowsTotal()).isEqualTo(2);
    clicks.addData(Row.of("c", t(60)));
    q.processAllAvailable();
    q.stop();
    assertThat(out).containsExactlyInAnyOrder(Row.of("a", t(0), t(18), 2L), Row.of("b", t(0), t(2), 1L),
        Row.of("b", t(3), t(5), 1L));
  }

  @Test
  void streamStreamInnerJoinWithoutWatermarkKeepsAllStateAcrossARestart(@TempDir Path dir) {
    MemoryStream l = MemoryStream.create(session, "id INT, a STRING");
    MemoryStream r = MemoryStream.create(session, "rid INT, b STRING");
    DataFrame j = l.toDF().join(r.toDF(), col("id").equalTo(col("rid")));
    List<Row> out = new CopyOnWriteArrayList<>();
    StreamingQuery q = startInto(j, "append", dir, out);
    l.addData(Row.of(1, "x"));
    q.processAllAvailable();
    q.stop();
    q = startInto(j, "append", dir, out);
    r.addData(Row.of(1, "y"), Row.of(2, "z"));
    q.processAllAvailable();
    l.addData(Row.of(2, "w"));
    q.processAllAvailable();
    q.stop();
    assertThat(out).containsExactlyInAnyOrder(Row.of(1, "x", 1, "y"), Row.of(2, "w", 2, "z"));
    assertThat(q.lastProgress().stateOperators().get(0).numRowsTotal()).isEqualTo(4);
  }

  @Test
  void streamStreamRightOuterJoinEmitsNullPaddedRowsOnceTheWatermarkAllows(@TempDir Path dir) {
    MemoryStream imps = MemoryStream.create(session, "adId INT, impTime TIMESTAMP");
    MemoryStream clks = MemoryStream.create(session, "clickAdId INT, clickTime TIMESTAMP");
    imps.toDF().withWatermark("impTime", "5 seconds").createOrReplaceTempView("imps");
    clks.toDF().withWatermark("clickTime", "5 seconds").createOrReplaceTempView("clks");
    DataFrame joined = session.sql("SELECT adId, clickAdId FROM clks RIGHT JOIN imps ON adId = clickAdId "
        + "AND clickTime BETWEEN impTime AND impTime + INTERVAL 10 SECONDS");
    List<Row> out = new CopyOnWriteArrayList<>();
    StreamingQuery q = startInto(joined, "append", dir, out);
    imps.addData(Row.of(1, t(0)), Row.of(2, t(0)));
    clks.addData(Row.of(1, t(4)));
    q.processAllAvailable();
    assertThat(out).containsExactly(Row.of(1, 1));
    q.stop();
    q = startInto(joined, "append", dir, out);
    imps.addData(Row.of(3, t(40)));
    clks.addData(Row.of(3, t(41)));
    q.processAllAvailable();
    q.stop();
    assertThat(out).containsExactlyInAnyOrder(Row.of(1, 1), Row.of(3, 3), Row.of(2, null));
    // Only the rows the watermark has not passed stay in state.
    assertThat(q.lastProgress().stateOperators().get(0).numRowsTotal()).isLessThanOrEqualTo(2);
  }

  @Test
  void refusalsNameTheMissingBound() {
    MemoryStream l = MemoryStream.create(session, "id INT, lt TIMESTAMP");
    MemoryStream r = MemoryStream.create(session, "rid INT, rt TIMESTAMP");
    DataFrame lw = l.toDF().withWatermark("lt", "5 seconds");
    DataFrame rw = r.toDF().withWatermark("rt", "5 seconds");
    // Watermarks on both sides but no time constraint.
    assertThatThrownBy(() -> startInto(lw.join(rw, col("id").equalTo(col("rid")), "left_outer"), "append", null,
        new ArrayList<>())).isInstanceOf(AnalysisException.class)
        .hasMessageContaining("missing: a join condition bounding the right input's event time by the left's")
        .hasMessageNotContaining("missing: a watermark");
    // A time constraint but no watermark on the right (the side that must be bounded for a left outer join).
    assertThatThrownBy(() -> startInto(lw.join(r.toDF(), col("id").equalTo(col("rid"))
        .and(col("rt").geq(col("lt"))).and(col("rt").leq(col("lt").plus(expr("INTERVAL 10 SECONDS")))), "left_outer"),
        "append", null, new ArrayList<>())).isInstanceOf(AnalysisException.class)
        .hasMessageContaining("missing: a watermark on the right input").hasMessageNotContaining("join condition");
    // Static left side preserved by a left outer join with a stream.
    session.createDataFrame(List.of(Row.of(1)), "sid INT").createOrReplaceTempView("st");
    assertThatThrownBy(() -> startInto(session.table("st").join(l.toDF(), col("sid").equalTo(col("id")), "left_outer"),
        "append", null, new ArrayList<>())).isInstanceOf(AnalysisException.class);
    assertThatThrownBy(() -> startInto(session.table("st").join(l.toDF(), col("sid").equalTo(col("id")), "full_outer"),
        "append", null, new ArrayList<>())).isInstanceOf(AnalysisException.class);
  }

  @Test
  void streamStreamLeftOuterJoinOnWindowEquality(@TempDir Path dir) {
    MemoryStream l = MemoryStream.create(session, "id INT, lt TIMESTAMP");
    MemoryStream r = MemoryStream.create(session, "rid INT, rt TIMESTAMP");
    l.toDF().withWatermark("lt", "5 seconds").createOrReplaceTempView("wl");
    r.toDF().withWatermark("rt", "5 seconds").createOrReplaceTempView("wr");
    DataFrame joined = session.sql("SELECT id, a.w.start AS s, rid FROM "
        + "(SELECT id, window(lt, '10 seconds') AS w FROM wl) a LEFT JOIN "
        + "(SELECT rid, window(rt, '10 seconds') AS w FROM wr) b ON id = rid AND a.w = b.w");
    List<Row> out = new CopyOnWriteArrayList<>();
    StreamingQuery q = startInto(joined, "append", dir, out);
    l.addData(Row.of(1, t(1)), Row.of(2, t(2)));
    r.addData(Row.of(1, t(9)), Row.of(2, t(11)));
    q.processAllAvailable();
    assertThat(out).containsExactly(Row.of(1, t(0), 1));
    q.stop();
    q = startInto(joined, "append", dir, out);
    l.addData(Row.of(3, t(40)));
    r.addData(Row.of(3, t(40)));
    q.processAllAvailable();
    q.stop();
    assertThat(out).containsExactlyInAnyOrder(Row.of(1, t(0), 1), Row.of(2, t(0), null), Row.of(3, t(40), 3));
    assertThat(q.lastProgress().stateOperators().get(0).numRowsTotal()).isLessThanOrEqualTo(2);
  }

  @Test
  void streamStreamInnerJoinWithWatermarksAndARangeEvictsState() {
    MemoryStream l = MemoryStream.create(session, "id INT, lt TIMESTAMP");
    MemoryStream r = MemoryStream.create(session, "rid INT, rt TIMESTAMP");
    DataFrame j = l.toDF().withWatermark("lt", "2 seconds").join(r.toDF().withWatermark("rt", "2 seconds"),
        expr("id = rid AND rt BETWEEN lt AND lt + INTERVAL 5 SECONDS"));
    List<Row> out = new CopyOnWriteArrayList<>();
    StreamingQuery q = startInto(j, "append", null, out);
    for (int step = 0; step < 10; step++) {
      l.addData(Row.of(step, t(step * 10)));
      r.addData(Row.of(step, t(step * 10 + 3)));
      q.processAllAvailable();
      // Only the rows of the last step or two can still match: older ones are evicted.
      assertThat(q.lastProgress().stateOperators().get(0).numRowsTotal()).isLessThanOrEqualTo(4);
    }
    q.stop();
    assertThat(out).hasSize(10);
  }

  @Test
  void aWatermarkDelayInMonthsCountsThirtyOneDaysAsInSpark() {
    MemoryStream in = MemoryStream.create(session, "ts TIMESTAMP");
    DataFrame unique = in.toDF().withWatermark("ts", "1 month 2 seconds").dropDuplicates("ts");
    List<Row> out = new CopyOnWriteArrayList<>();
    StreamingQuery q = startInto(unique, "append", null, out);
    in.addData(Row.of(t(31 * 86_400 + 12)));
    q.processAllAvailable();
    in.addData(Row.of(t(20)));
    q.processAllAvailable();
    q.stop();
    assertThat(q.lastProgress().eventTime()).containsEntry("watermark", "2026-01-01T00:00:10.000Z");
  }
}
