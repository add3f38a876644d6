package dev.sluice.streaming.ops;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.MemoryStream;
import dev.sluice.streaming.OperatorHarness;
import dev.sluice.types.Row;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * StatefulSessionAggregateExec (session_window) through the snapshot/restore harness. A row at ts opens
 * the session [ts, ts + gap); sessions of a key that overlap or touch merge, also across batches and
 * restores, so one late-enough row can bridge two stored sessions. Events are {@code (k, v, ts)} with a
 * 10-second watermark delay on ts; the gap is 5 seconds.
 */
public class StatefulSessionAggregateHarnessTest extends HarnessScenarios {
  MemoryStream events;

  @BeforeEach
  void setUp() {
    events = MemoryStream.create(session, "k STRING, v INT, ts TIMESTAMP");
    events.toDF().withWatermark("ts", "10 seconds").createOrReplaceTempView("timed");
  }

  OperatorHarness harness(String sql, String mode) {
    return OperatorHarness.of(session.sql(sql)).outputMode(mode).configure(this::onStateStore);
  }

  static Row e(String k, int v, int second) {
    return Row.of(k, v, t(second));
  }

  static final String SESSIONS = "SELECT k, session_window.start AS s, session_window.end AS e, count(*) AS n, "
      + "sum(v) AS total FROM timed GROUP BY k, session_window(ts, '5 seconds')";

  @Test
  void appendModeEmitsASessionOnceTheWatermarkPassesItsEnd() {
    harness(SESSIONS, "append")
        // a: [0,5) and [3,8) merge into [0,8); b: [1,6).
        .batch(e("a", 1, 0), e("a", 2, 3), e("b", 10, 1))
        .expect()
        .expectStateRows(2)
        // a@10 opens [10,15), apart from [0,8) (10 > 8).
        .batch(e("a", 4, 10))
        .expect()
        .expectStateRows(3)
        // a@6 is [6,11): it touches [0,8) and [10,15), so all three are one session [0,15).
        // The watermark 9 closes b's [1,6).
        .batch(e("a", 8, 6)).watermark(t(9))
        .expect(Row.of("b", t(1), t(6), 1L, 10L))
        .expectStateRows(1)
        .noData().watermark(t(15))
        .expect(Row.of("a", t(0), t(15), 4L, 15L))
        .expectStateRows(0)
        // a@9 would end at 14, at or below the watermark: late, dropped. a@12 ends at 17: a new session.
        .batch(e("a", 100, 9), e("a", 5, 12))
        .expect()
        .expectDroppedAsLate(1)
        .noData().watermark(t(30))
        .expect(Row.of("a", t(12), t(17), 1L, 5L))
        .run();
  }

  @Test
  void rowsFurtherApartThanTheGapAreSeparateSessionsAndRowsExactlyAGapApartTouch() {
    harness(SESSIONS, "append")
        .batch(e("a", 1, 0), e("a", 1, 5), e("a", 1, 20), e("b", 1, 0), e("b", 1, 6))
        .expect()
        .noData().watermark(t(40))
        .expect(Row.of("a", t(0), t(10), 2L, 2L), Row.of("a", t(20), t(25), 1L, 1L),
            Row.of("b", t(0), t(5), 1L, 1L), Row.of("b", t(6), t(11), 1L, 1L))
        .run();
  }

  @Test
  void aRowCanBridgeSessionsStoredInEarlierBatchesWhatEverOrderTheyCameIn() {
    harness(SESSIONS, "append")
        .batch(e("a", 1, 20), e("a", 1, 0))
        .batch(e("a", 1, 10))
        // a@15 is [15,20): it touches [10,15) and [20,25); a@5 then closes the gap to [0,5).
        .batch(e("a", 1, 15), e("a", 1, 5))
        .expectStateRows(1)
        .noData().watermark(t(30))
        .expect(Row.of("a", t(0), t(25), 5L, 5L))
        .run();
  }

  @Test
  void sessionsOverTheWholeStreamAndFilteredAggregates() {
    harness("SELECT session_window.start AS s, session_window.end AS e, count(*) AS n, "
        + "count(*) FILTER (WHERE v > 1) AS big FROM timed GROUP BY session_window(ts, '5 seconds')", "append")
        .batch(e("a", 1, 0), e("b", 2, 2), e("c", 3, 20))
        .batch(e("d", 1, 6))
        .noData().watermark(t(12))
        .expect(Row.of(t(0), t(11), 3L, 1L))
        .noData().watermark(t(30))
        .expect(Row.of(t(20), t(25), 1L, 1L))
        .run();
  }

  @Test
  void completeModeEmitsEverySessionEveryBatchAndDropsNothing() {
    harness(SESSIONS, "complete")
        .batch(e("a", 1, 0), e("b", 2, 0))
        .expect(Row.of("a", t(0), t(5), 1L, 1L), Row.of("b", t(0), t(5), 1L, 2L))
        .batch(e("a", 3, 4)).watermark(t(30))
        .expect(Row.of("a", t(0), t(9), 2L, 4L), Row.of("b", t(0), t(5), 1L, 2L))
        .batch(e("b", 4, 2))
        .expect(Row.of("a", t(0), t(9), 2L, 4L), Row.of("b", t(0), t(7), 2L, 6L))
        .expectDroppedAsLate(0)
        .run();
  }

  @Test
  void orderDependentAggregatesFoldASessionInStartOrderWithAStoredSessionAsOneUnit() {
    // As in Spark: the rows of a batch and the sessions kept in state are merged in start order, and a
    // stored session's buffers are one unit at its start. Batch 1 folds [1, 3]; row 2 of batch 2 comes
    // after that unit (start 1), row 0 of batch 3 before it.
    harness("SELECT k, session_window.start AS s, first(v) AS f, last(v) AS l, collect_list(second(ts)) AS secs "
        + "FROM timed GROUP BY k, session_window(ts, '5 seconds')", "append")
        .batch(e("a", 3, 3), e("a", 1, 1))
        .batch(e("a", 2, 2), e("a", 7, 7))
        .batch(e("a", 0, 0))
        .noData().watermark(t(20))
        .expect(Row.of("a", t(0), 0, 7, List.of(0, 1, 3, 2, 7)))
        .run();
  }

  @Test
  void soTheOrderInsideACollectListOfASessionDependsOnHowRowsWereBatched() {
    // One batch [3, 1, 2] folds in start order: [1, 2, 3]. One row per batch folds 3, then 1 before the
    // stored [3], then 2 after the stored [1, 3]: [1, 3, 2]. Spark's session state does the same, so
    // the harness's demand (the same answer however the input is cut) cannot hold for this aggregate.
    OperatorHarness h = harness("SELECT k, collect_list(second(ts)) AS secs "
        + "FROM timed GROUP BY k, session_window(ts, '5 seconds')", "append")
        .batch(e("a", 3, 3), e("a", 1, 1), e("a", 2, 2))
        .noData().watermark(t(20))
        .expect(Row.of("a", List.of(1, 2, 3)));
    assertThatThrownBy(h::run).hasMessageContaining("restored after every row, batch 2 of 2: wrong output")
        .hasMessageContaining("actual:                  [[a,[1, 3, 2]]]");
  }
}
