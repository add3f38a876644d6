package dev.sluice.streaming.ops;

import dev.sluice.api.MemoryStream;
import dev.sluice.streaming.CopyingStateStoreProvider;
import dev.sluice.streaming.OperatorHarness;
import dev.sluice.types.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * StreamStreamJoinExec through the snapshot/restore harness. Left rows {@code (lk, lts, lv)} and right
 * rows {@code (rk, rts, rv)}, both with a 10-second watermark delay, join on the key when the right
 * time is within 5 seconds of the left time. A stored row can be evicted once no future row of the
 * other side can match it: its time at or below watermark - 5s. Rows of one batch are fed in the
 * order given (restored run: one row per micro-batch in that order).
 */
public class StreamStreamJoinHarnessTest extends HarnessScenarios {
  MemoryStream left;
  MemoryStream right;

  @BeforeEach
  void setUp() {
    left = MemoryStream.create(session, "lk STRING, lts TIMESTAMP, lv INT");
    right = MemoryStream.create(session, "rk STRING, rts TIMESTAMP, rv INT");
    left.toDF().withWatermark("lts", "10 seconds").createOrReplaceTempView("lefts");
    right.toDF().withWatermark("rts", "10 seconds").createOrReplaceTempView("rights");
  }

  OperatorHarness join(String type) {
    return OperatorHarness.of(session.sql("SELECT lk, lts, lv, rk, rts, rv FROM lefts " + type + " JOIN rights "
        + "ON lk = rk AND rts BETWEEN lts - INTERVAL 5 SECONDS AND lts + INTERVAL 5 SECONDS"))
        .outputMode("append").configure(this::onStateStore);
  }

  static Row l(String k, int second, int v) {
    return Row.of(k, t(second), v);
  }

  static Row r(String k, int second, int v) {
    return Row.of(k, t(second), v);
  }

  static Row out(String lk, int lts, int lv, String rk, int rts, int rv) {
    return Row.of(lk, t(lts), lv, rk, t(rts), rv);
  }

  static Row leftOnly(String lk, int lts, int lv) {
    return Row.of(lk, t(lts), lv, null, null, null);
  }

  static Row rightOnly(String rk, int rts, int rv) {
    return Row.of(null, null, null, rk, t(rts), rv);
  }

  /** The input every join type runs on: matches within a batch, across batches, and rows that never match. */
  OperatorHarness scenario(OperatorHarness h, Row[] batch1, Row[] batch2, Row[] batch3, Row[] batch4, Row[] batch5) {
    return h
        .batch(left, l("a", 1, 1), l("b", 2, 2), l("a", 2, 3)).and(right, r("a", 3, 10), r("c", 4, 30), r("d", 5, 40))
        .expect(batch1)
        .expectStateRows(6)
        // c@6 meets the stored c@4; b@20 is 18 seconds after the stored b@2: no match.
        .batch(right, r("b", 20, 20)).and(left, l("c", 6, 4))
        .expect(batch2)
        .expectStateRows(8)
        // Watermark 20: every row at or below 15s can no longer match and is evicted.
        .noData().watermark(t(20))
        .expect(batch3)
        .expectStateRows(1)
        // b@1 is late (at or below the watermark): dropped, never joined nor emitted. b@21 meets b@20.
        .batch(left, l("b", 1, 5), l("b", 21, 6))
        .expect(batch4)
        .expectDroppedAsLate(1)
        .noData().watermark(t(40))
        .expect(batch5)
        .expectStateRows(0);
  }

  static Row[] rows(Row... rs) {
    return rs;
  }

  @Test
  void innerJoinEmitsEveryMatchingPairOnceAndEvictsWhatCanNoLongerMatch() {
    scenario(join("INNER"),
        rows(out("a", 1, 1, "a", 3, 10), out("a", 2, 3, "a", 3, 10)),
        rows(out("c", 6, 4, "c", 4, 30)),
        rows(),
        rows(out("b", 21, 6, "b", 20, 20)),
        rows())
        .run();
  }

  @Test
  void leftOuterJoinEmitsALeftRowThatNeverMatchedWithNullsWhenTheWatermarkEvictsIt() {
    scenario(join("LEFT OUTER"),
        rows(out("a", 1, 1, "a", 3, 10), out("a", 2, 3, "a", 3, 10)),
        rows(out("c", 6, 4, "c", 4, 30)),
        rows(leftOnly("b", 2, 2)),
        rows(out("b", 21, 6, "b", 20, 20)),
        rows())
        .run();
  }

  @Test
  void rightOuterJoinEmitsARightRowThatNeverMatchedWithNullsWhenTheWatermarkEvictsIt() {
    scenario(join("RIGHT OUTER"),
        rows(out("a", 1, 1, "a", 3, 10), out("a", 2, 3, "a", 3, 10)),
        rows(out("c", 6, 4, "c", 4, 30)),
        rows(rightOnly("d", 5, 40)),
        rows(out("b", 21, 6, "b", 20, 20)),
        rows())
        .run();
  }

  @Test
  void fullOuterJoinEmitsTheUnmatchedRowsOfBothSides() {
    scenario(join("FULL OUTER"),
        rows(out("a", 1, 1, "a", 3, 10), out("a", 2, 3, "a", 3, 10)),
        rows(out("c", 6, 4, "c", 4, 30)),
        rows(leftOnly("b", 2, 2), rightOnly("d", 5, 40)),
        rows(out("b", 21, 6, "b", 20, 20)),
        rows())
        .run();
  }

  @Test
  void aMatchInALaterBatchMarksTheStoredRowSoTheOuterJoinDoesNotEmitItWithNulls() {
    join("LEFT OUTER")
        .batch(left, l("a", 1, 1), l("b", 1, 2))
        .expect()
        .batch(right, r("a", 4, 10))
        .expect(out("a", 1, 1, "a", 4, 10))
        .batch(right, r("a", 5, 11), r("b", 30, 12))
        .expect(out("a", 1, 1, "a", 5, 11))
        .noData().watermark(t(20))
        .expect(leftOnly("b", 1, 2))
        .run();
  }

  @Test
  void withoutWatermarksAnInnerJoinKeepsEveryRowAndMatchesAcrossAnyDistance() {
    OperatorHarness.of(left.toDF().join(right.toDF(), dev.sluice.api.functions.expr("lk = rk")))
        .outputMode("append").configure(this::onStateStore)
        .batch(left, l("a", 1, 1), l("b", 1, 2))
        .batch(right, r("a", 1000, 10), r(null, 1, 11))
        .expect(out("a", 1, 1, "a", 1000, 10))
        .batch(left, l("a", 5000, 3), l(null, 1, 4)).and(right, r("b", 0, 12))
        .expect(out("a", 5000, 3, "a", 1000, 10), out("b", 1, 2, "b", 0, 12))
        .expectStateRows(7)
        .run();
  }

  @Test
  void aJoinOnEqualWindowsEvictsAWindowWhenTheWatermarkPassesItsEnd() {
    OperatorHarness.of(session.sql("SELECT lk, a.w.start AS ws, lv, rv FROM "
        + "(SELECT lk, lv, window(lts, '10 seconds') AS w FROM lefts) a LEFT JOIN "
        + "(SELECT rk, rv, window(rts, '10 seconds') AS w FROM rights) b ON lk = rk AND a.w = b.w"))
        .outputMode("append").configure(this::onStateStore)
        .batch(left, l("a", 1, 1), l("b", 2, 2), l("a", 12, 3)).and(right, r("a", 9, 10))
        .expect(Row.of("a", t(0), 1, 10))
        .batch(right, r("a", 11, 11), r("b", 15, 12))
        .expect(Row.of("a", t(10), 3, 11))
        .noData().watermark(t(10))
        .expect(Row.of("b", t(0), 2, null))
        .expectStateRows(3)
        .batch(left, l("b", 5, 4), l("b", 19, 5))
        .expect(Row.of("b", t(10), 5, 12))
        .expectDroppedAsLate(1)
        .noData().watermark(t(20))
        .expect()
        .expectStateRows(0)
        .run();
  }

  @Test
  void aMatchIsRememberedWhenTheStateStoreHandsOutCopies() {
    // Regression: the join tracked the stored rows a batch matched by identity across two reads of
    // their key, so with a provider that decodes a fresh copy per read (RocksDB) the matched flag was
    // lost: an outer join emitted matched rows again with nulls, a semi join emitted a left row twice.
    String copying = CopyingStateStoreProvider.class.getName();
    join("FULL OUTER").stateStore(copying)
        .batch(left, l("a", 1, 1), l("b", 1, 2))
        .batch(right, r("a", 4, 10), r("a", 5, 11), r("c", 1, 12))
        .expect(out("a", 1, 1, "a", 4, 10), out("a", 1, 1, "a", 5, 11))
        .batch(left, l("c", 2, 3))
        .expect(out("c", 2, 3, "c", 1, 12))
        .noData().watermark(t(20))
        .expect(leftOnly("b", 1, 2))
        .run();
    semiJoin().stateStore(copying)
        .batch(left, l("a", 1, 1))
        .batch(right, r("a", 4, 10), r("a", 5, 11))
        .expect(l("a", 1, 1))
        .batch(right, r("a", 6, 12))
        .expect()
        .run();
  }

  OperatorHarness semiJoin() {
    return OperatorHarness.of(session.sql("SELECT lk, lts, lv FROM lefts LEFT SEMI JOIN rights "
        + "ON lk = rk AND rts BETWEEN lts - INTERVAL 5 SECONDS AND lts + INTERVAL 5 SECONDS"))
        .outputMode("append").configure(this::onStateStore);
  }

  @Test
  void leftSemiJoinEmitsALeftRowOnceWhenItFirstMatches() {
    semiJoin()
        .batch(left, l("a", 1, 1), l("b", 1, 2)).and(right, r("a", 3, 10), r("a", 4, 11))
        .expect(l("a", 1, 1))
        .batch(right, r("a", 2, 12), r("b", 6, 13))
        .expect(l("b", 1, 2))
        .batch(right, r("b", 5, 14)).and(left, l("b", 3, 3))
        .expect(l("b", 3, 3))
        .noData().watermark(t(30))
        .expect()
        .expectStateRows(0)
        .run();
  }
}
