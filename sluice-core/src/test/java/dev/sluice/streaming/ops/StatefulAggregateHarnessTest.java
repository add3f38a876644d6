package dev.sluice.streaming.ops;

import dev.sluice.api.MemoryStream;
import dev.sluice.streaming.OperatorHarness;
import dev.sluice.types.Row;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * StatefulAggregateExec (a streaming groupBy) through the snapshot/restore harness: each scenario is
 * run straight through and restored from its checkpoint after every row, and both must emit what the
 * batch says. Events are {@code (k, v, ts)}; {@code timed} has a 10-second watermark delay on ts.
 */
public class StatefulAggregateHarnessTest extends HarnessScenarios {
  MemoryStream events;

  @BeforeEach
  void setUp() {
    events = MemoryStream.create(session, "k STRING, v INT, ts TIMESTAMP");
    events.toDF().createOrReplaceTempView("events");
    events.toDF().withWatermark("ts", "10 seconds").createOrReplaceTempView("timed");
  }

  OperatorHarness harness(String sql, String mode) {
    return OperatorHarness.of(session.sql(sql)).outputMode(mode).configure(this::onStateStore);
  }

  static Row e(String k, int v, int second) {
    return Row.of(k, v, t(second));
  }

  @Test
  void updateModeEmitsTheGroupsABatchTouchedWithTheirRunningValues() {
    harness("SELECT k, sum(v) AS s, count(*) AS n, avg(v) AS a FROM events GROUP BY k", "update").keyedBy("k")
        .batch(e("a", 1, 0), e("b", 10, 0), e("a", 2, 0))
        .expect(Row.of("a", 3L, 2L, 1.5), Row.of("b", 10L, 1L, 10.0))
        .expectStateRows(2)
        .batch(e("a", 4, 0))
        .expect(Row.of("a", 7L, 3L, 7 / 3.0))
        .noData()
        .expect()
        .batch(e("c", 5, 0), e("b", -10, 0), e(null, 1, 0), e(null, 2, 0))
        .expect(Row.of("b", 0L, 2L, 0.0), Row.of("c", 5L, 1L, 5.0), Row.of(null, 3L, 2L, 1.5))
        .expectStateRows(4)
        .run();
  }

  @Test
  void nullsCountInCountStarButNotInSumOrAvg() {
    harness("SELECT k, count(*) AS rows, count(v) AS n, sum(v) AS s, avg(v) AS a FROM events GROUP BY k", "update")
        .keyedBy("k")
        .batch(Row.of("a", null, t(0)), Row.of("a", null, t(0)))
        .expect(Row.of("a", 2L, 0L, null, null))
        .batch(Row.of("a", 4, t(0)), Row.of("a", null, t(0)), Row.of("a", 2, t(0)))
        .expect(Row.of("a", 5L, 2L, 6L, 3.0))
        .run();
  }

  @Test
  void firstLastAndCollectListFollowArrivalOrderAcrossBatchesAndRestores() {
    harness("SELECT k, first(v) AS f, last(v) AS l, collect_list(v) AS vs, min(v) AS lo, max(v) AS hi "
        + "FROM events GROUP BY k", "update").keyedBy("k")
        // Five rows: the memory source splits them into two input partitions, merged in order.
        .batch(e("a", 3, 0), e("a", 1, 0), e("b", 9, 0), e("a", 4, 0), e("a", 2, 0))
        .expect(Row.of("a", 3, 2, List.of(3, 1, 4, 2), 1, 4), Row.of("b", 9, 9, List.of(9), 9, 9))
        .batch(e("a", 0, 0), e("b", 8, 0))
        .expect(Row.of("a", 3, 0, List.of(3, 1, 4, 2, 0), 0, 4), Row.of("b", 9, 8, List.of(9, 8), 8, 9))
        .run();
  }

  @Test
  void everyKindOfAggregationBufferSurvivesTheCheckpoint() {
    // Buffers of every shape: counts, sums, moments (n, mean, m2), sets, (value, ordering) pairs, bits,
    // booleans, decimals and strings. Values are chosen so that results are exact whatever the merge order.
    harness("SELECT k, var_samp(v) AS vs, var_pop(v) AS vp, stddev(v) AS sd, sort_array(collect_set(v)) AS vset, "
        + "max_by(k2, v) AS top, min_by(k2, v) AS bottom, bit_or(v) AS bits, bit_and(v) AS common, "
        + "count_if(v > 1) AS big, bool_and(v > 0) AS positive, sum(d) AS dsum, avg(d) AS davg, "
        + "min(k2) AS lo, max(k2) AS hi FROM (SELECT k, v, CAST(v AS DECIMAL(10, 2)) / 4 AS d, "
        + "concat('x', CAST(v AS STRING)) AS k2 FROM events) GROUP BY k", "update").keyedBy("k")
        .batch(e("a", 1, 0), e("a", 3, 0))
        .expect(Row.of("a", 2.0, 1.0, Math.sqrt(2.0), List.of(1, 3), "x3", "x1", 3, 1, 1L, true,
            new java.math.BigDecimal("1.00"), new java.math.BigDecimal("0.5"), "x1", "x3"))
        .batch(e("a", 2, 0))
        .expect(Row.of("a", 1.0, 2 / 3.0, 1.0, List.of(1, 2, 3), "x3", "x1", 3, 0, 2L, true,
            new java.math.BigDecimal("1.5"), new java.math.BigDecimal("0.5"), "x1", "x3"))
        .run();
  }

  @Test
  void decimalAndDoubleKeysGroupByValueAcrossRestores() {
    // 1.0 and 1.00 are one decimal group; 0.0 and -0.0 one double group (state keys compare by value).
    harness("SELECT d, x, count(*) AS n FROM (SELECT CAST(v AS DECIMAL(10, 2)) / 2 AS d, "
        + "CAST(v AS DOUBLE) * (CASE WHEN k = 'neg' THEN -0.0 ELSE 0.0 END) AS x FROM events) GROUP BY d, x", "update")
        .keyedBy("d", "x")
        .batch(e("pos", 2, 0), e("neg", 2, 0))
        .expect(Row.of(new java.math.BigDecimal("1.000000"), 0.0, 2L))
        .batch(e("neg", 2, 0))
        .expect(Row.of(new java.math.BigDecimal("1.000000"), 0.0, 3L))
        .run();
  }

  @Test
  void completeModeEmitsTheWholeResultTableEveryBatch() {
    harness("SELECT k, count(*) AS n, sum(v) AS s FROM events GROUP BY k", "complete")
        .batch(e("a", 1, 0), e("b", 2, 0), e("a", 3, 0))
        .expect(Row.of("a", 2L, 4L), Row.of("b", 1L, 2L))
        .batch(e("c", 5, 0))
        .expect(Row.of("a", 2L, 4L), Row.of("b", 1L, 2L), Row.of("c", 1L, 5L))
        .noData()
        .expect(Row.of("a", 2L, 4L), Row.of("b", 1L, 2L), Row.of("c", 1L, 5L))
        .run();
  }

  @Test
  void aGlobalAggregateIsOneRowUpdatedByEveryBatch() {
    harness("SELECT count(*) AS n, sum(v) AS s, collect_list(k) AS ks FROM events", "update").keyedBy()
        .batch(e("a", 1, 0), e("b", 2, 0))
        .expect(Row.of(2L, 3L, List.of("a", "b")))
        .batch(e("c", 3, 0))
        .expect(Row.of(3L, 6L, List.of("a", "b", "c")))
        .run();
  }

  @Test
  void appendModeEmitsAWindowOnceWhenTheWatermarkPassesItsEndAndForgetsIt() {
    harness("SELECT window.start AS w, k, count(*) AS n, sum(v) AS s FROM timed "
        + "GROUP BY window(ts, '10 seconds'), k", "append")
        .batch(e("a", 1, 1), e("a", 2, 5), e("b", 3, 12))
        .expect()
        .expectStateRows(2)
        // Runs with watermark 10: window [0, 10) is final once this batch's rows are in.
        .batch(e("a", 4, 8), e("b", 5, 15)).watermark(t(10))
        .expect(Row.of(t(0), "a", 3L, 7L))
        .expectStateRows(1)
        // A row of the emitted window is late (its window ends at or before the watermark): dropped.
        .batch(e("a", 100, 3), e("b", 6, 19))
        .expect()
        .expectDroppedAsLate(1)
        .noData().watermark(t(20))
        .expect(Row.of(t(10), "b", 3L, 14L))
        .expectStateRows(0)
        .batch(e("b", 7, 19), e("b", 8, 25))
        .expect()
        .expectDroppedAsLate(1)
        .expectStateRows(1)
        .run();
  }

  @Test
  void updateModeWithAWatermarkEmitsTouchedWindowsAndEvictsFinalOnes() {
    harness("SELECT window.start AS w, k, count(*) AS n FROM timed GROUP BY window(ts, '10 seconds'), k", "update")
        .keyedBy("w", "k")
        .batch(e("a", 1, 1), e("a", 1, 12))
        .expect(Row.of(t(0), "a", 1L), Row.of(t(10), "a", 1L))
        .batch(e("a", 1, 2), e("b", 1, 4), e("a", 1, 13)).watermark(t(10))
        .expect(Row.of(t(0), "a", 2L), Row.of(t(0), "b", 1L), Row.of(t(10), "a", 2L))
        .expectStateRows(1)
        // The first window was evicted: its late rows neither update nor re-create it.
        .batch(e("a", 1, 3), e("a", 1, 15))
        .expect(Row.of(t(10), "a", 3L))
        .expectDroppedAsLate(1)
        .run();
  }

  @Test
  void completeModeKeepsEverythingWhateverTheWatermark() {
    harness("SELECT window.start AS w, count(*) AS n FROM timed GROUP BY window(ts, '10 seconds')", "complete")
        .batch(e("a", 1, 1), e("a", 1, 11))
        .expect(Row.of(t(0), 1L), Row.of(t(10), 1L))
        .batch(e("a", 1, 2)).watermark(t(20))
        .expect(Row.of(t(0), 2L), Row.of(t(10), 1L))
        .batch(e("a", 1, 3), e("a", 1, 31))
        .expect(Row.of(t(0), 3L), Row.of(t(10), 1L), Row.of(t(30), 1L))
        .expectDroppedAsLate(0)
        .expectStateRows(3)
        .run();
  }

  @Test
  void groupingByTheEventTimeItselfEvictsEachTimestampOnce() {
    harness("SELECT ts, k, count(*) AS n FROM timed GROUP BY ts, k", "append")
        .batch(e("a", 1, 5), e("a", 1, 5), e("a", 1, 20))
        .expect()
        .noData().watermark(t(5))
        .expect(Row.of(t(5), "a", 2L))
        .batch(e("a", 1, 5), e("b", 1, 20)).watermark(t(20))
        .expect(Row.of(t(20), "a", 1L), Row.of(t(20), "b", 1L))
        .expectDroppedAsLate(1)
        .expectStateRows(0)
        .run();
  }
}
