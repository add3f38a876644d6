package dev.sluice.streaming.ops;

import dev.sluice.api.DataFrame;
import dev.sluice.api.MemoryStream;
import dev.sluice.streaming.OperatorHarness;
import dev.sluice.types.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * StreamingDeduplicateExec (dropDuplicates on a stream) through the snapshot/restore harness: the first
 * row of a key passes, later ones never do, across batches and restores, until the watermark lets the
 * key be forgotten. Events are {@code (k, v, ts)}; {@code timed} has a 10-second watermark delay on ts.
 */
public class StreamingDeduplicateHarnessTest extends HarnessScenarios {
  MemoryStream events;
  DataFrame timed;

  @BeforeEach
  void setUp() {
    events = MemoryStream.create(session, "k STRING, v INT, ts TIMESTAMP");
    timed = events.toDF().withWatermark("ts", "10 seconds");
  }

  OperatorHarness harness(DataFrame query) {
    return OperatorHarness.of(query).outputMode("append").configure(this::onStateStore);
  }

  static Row e(String k, int v, int second) {
    return Row.of(k, v, t(second));
  }

  @Test
  void withoutAWatermarkEveryKeyIsRememberedForeverAndTheFirstRowWinsInArrivalOrder() {
    // One state partition, so the output keeps the input's order (which dedup promises per partition).
    harness(events.toDF().dropDuplicates("k")).statePartitions(1).ordered()
        .batch(e("a", 1, 0), e("b", 2, 0), e("a", 3, 0), e(null, 4, 0), e(null, 5, 0))
        .expect(e("a", 1, 0), e("b", 2, 0), e(null, 4, 0))
        .batch(e("a", 4, 0), e("c", 5, 0), e("c", 6, 0), e("b", 7, 0))
        .expect(e("c", 5, 0))
        .expectStateRows(4)
        .batch(e("b", 8, 99))
        .expect()
        .run();
  }

  @Test
  void dropDuplicatesOfAllColumnsPassesEachDistinctRowOnce() {
    harness(events.toDF().dropDuplicates())
        .batch(e("a", 1, 0), e("a", 1, 0), e("a", 2, 0), e("b", 1, 0))
        .expect(e("a", 1, 0), e("a", 2, 0), e("b", 1, 0))
        .batch(e("b", 1, 0), e("a", 1, 1))
        .expect(e("a", 1, 1))
        .expectStateRows(4)
        .run();
  }

  @Test
  void withTheEventTimeInTheKeyLateRowsAreDroppedAndPassedKeysForgotten() {
    harness(timed.dropDuplicates("k", "ts"))
        .batch(e("a", 1, 5), e("a", 2, 5), e("a", 3, 6), e("b", 4, 5))
        .expect(e("a", 1, 5), e("a", 3, 6), e("b", 4, 5))
        .expectStateRows(3)
        // (a, 5s) is still a duplicate (the batch's late rows are judged by the previous watermark, 0);
        // the watermark 10 then forgets every key at or before 10s.
        .batch(e("a", 5, 5), e("c", 6, 30)).watermark(t(10))
        .expect(e("c", 6, 30))
        .expectStateRows(1)
        .batch(e("a", 7, 5), e("a", 8, 12), e("c", 9, 30))
        .expect(e("a", 8, 12))
        .expectDroppedAsLate(1)
        .expectStateRows(2)
        .run();
  }

  @Test
  void withTheWatermarkNotInTheKeyLateRowsAreDroppedButKeysAreKept() {
    harness(timed.dropDuplicates("k"))
        .batch(e("a", 1, 5), e("b", 2, 20))
        .expect(e("a", 1, 5), e("b", 2, 20))
        .noData().watermark(t(30))
        .expectStateRows(2)
        .batch(e("a", 3, 40), e("c", 4, 10), e("c", 5, 41))
        .expect(e("c", 5, 41))
        .expectDroppedAsLate(1)
        .expectStateRows(3)
        .run();
  }

  @Test
  void withinWatermarkAKeyIsRememberedUntilTheWatermarkPassesItsFirstEventTimePlusTheDelay() {
    harness(timed.dropDuplicatesWithinWatermark("k"))
        .batch(e("a", 1, 5), e("a", 2, 8), e("b", 3, 1))
        .expect(e("a", 1, 5), e("b", 3, 1))
        // a is kept until 5 + 10 = 15, b until 11: the watermark 14 forgets b only.
        .batch(e("a", 4, 20)).watermark(t(14))
        .expect()
        .expectStateRows(1)
        .batch(e("b", 5, 16))
        .expect(e("b", 5, 16))
        .noData().watermark(t(15))
        .expectStateRows(1)
        .batch(e("a", 6, 21), e("a", 7, 14))
        .expect(e("a", 6, 21))
        .expectDroppedAsLate(1)
        .run();
  }
}
