package dev.sluice.streaming.ops;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.MemoryStream;
import dev.sluice.streaming.OperatorHarness;
import dev.sluice.types.Row;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * EventTimeWatermarkExec (withWatermark) and the engine's watermark tracker through the harness: rows
 * pass unchanged, and the watermark the next batch runs with is the highest event time seen (whole
 * milliseconds) minus the delay, never moving back. Its state is the watermark in the commit log, so
 * the harness restores after every batch (the watermark is computed from a whole batch; see
 * {@link OperatorHarness}). Events are {@code (k, v, ts)} with a 10-second delay.
 */
public class EventTimeWatermarkHarnessTest extends HarnessScenarios {
  MemoryStream events;

  @BeforeEach
  void setUp() {
    events = MemoryStream.create(session, "k STRING, v INT, ts TIMESTAMP");
    events.toDF().withWatermark("ts", "10 seconds").createOrReplaceTempView("timed");
  }

  OperatorHarness harness(String sql, String mode) {
    return OperatorHarness.of(session.sql(sql)).outputMode(mode).configure(this::onStateStore).deriveWatermark();
  }

  static Row e(String k, int v, int second) {
    return Row.of(k, v, t(second));
  }

  @Test
  void rowsPassUnchangedAndTheWatermarkFollowsTheLatestEventTimeMinusTheDelay() {
    Instant almost42 = t(41).plusNanos(999_999_000);
    harness("SELECT k, v, ts FROM timed", "append")
        .batch(e("a", 1, 30), e("b", 2, 15), Row.of("c", 3, null))
        .expect(e("a", 1, 30), e("b", 2, 15), Row.of("c", 3, null))
        .expectWatermark(t(20))
        // An older maximum does not move the watermark back; a stateless query keeps late rows.
        .batch(e("d", 4, 25), e("e", 5, 5))
        .expect(e("d", 4, 25), e("e", 5, 5))
        .expectWatermark(t(20))
        .noData()
        .expect()
        .expectWatermark(t(20))
        // Event times count in whole milliseconds, as in Spark.
        .batch(Row.of("f", 6, almost42))
        .expect(Row.of("f", 6, almost42))
        .expectWatermark(t(31).plusMillis(999))
        .run();
  }

  @Test
  void theWatermarkItDerivesClosesWindowsOneBatchLaterAndDropsTheirLateRows() {
    harness("SELECT window.start AS w, count(*) AS n FROM timed GROUP BY window(ts, '10 seconds')", "append")
        .batch(e("a", 1, 1), e("a", 1, 12))
        .expect()
        .expectWatermark(t(2))
        // This batch still runs with watermark 2; the one after it runs with 15.
        .batch(e("a", 1, 25))
        .expect()
        .expectWatermark(t(15))
        .noData()
        .expect(Row.of(t(0), 1L))
        .batch(e("a", 1, 5), e("a", 1, 16))
        .expect()
        .expectDroppedAsLate(1)
        .expectWatermark(t(15))
        .batch(e("a", 1, 40))
        .expectWatermark(t(30))
        .noData()
        .expect(Row.of(t(10), 2L), Row.of(t(20), 1L))
        .run();
  }

  @Test
  void withTwoWatermarkedStreamsARestartForgetsTheSlowerStreamsWatermarkAsSparkDoes() {
    // The global watermark (min policy) is the only one checkpointed, in Sluice as in Spark ("only the
    // global watermark is fault-tolerant"). Straight through, batch 2 combines the first stream's
    // remembered 20 with the second's 30: watermark 20. Restarted after batch 1, the first stream has
    // no data in batch 2 and counts as 0, so the watermark stays at 0 until it gets rows again.
    MemoryStream other = MemoryStream.create(session, "k STRING, v INT, ts TIMESTAMP");
    other.toDF().withWatermark("ts", "10 seconds").createOrReplaceTempView("other");
    OperatorHarness h = harness("SELECT k, v, ts FROM timed UNION ALL SELECT k, v, ts FROM other", "append")
        .batch(events, e("a", 1, 30))
        .expectWatermark(Instant.EPOCH)
        .batch(other, e("b", 2, 40))
        .expectWatermark(t(20));
    assertThatThrownBy(h::run).hasMessageContaining("restored after every batch, batch 2 of 2: wrong watermark")
        .hasMessageContaining("but it runs with                          0 (none yet)");
  }
}
