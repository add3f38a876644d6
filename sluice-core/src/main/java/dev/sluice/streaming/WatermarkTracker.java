package dev.sluice.streaming;

import dev.sluice.streaming.ops.EventTimeWatermarkExec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The event-time watermark of one query run, as Spark's WatermarkTracker: each
 * {@code withWatermark} input keeps the highest (max event time - delay) it has seen, the global
 * watermark combines them by the multiple-watermark policy ({@code min} waits for the slowest
 * input, {@code max} follows the fastest), and it never moves back.
 *
 * <p>A batch runs with the watermark computed at the end of the previous one (written to the commit
 * log, so a restart continues with it); {@link #previous()} is the one the batch before ran with,
 * which stateful operators use to tell rows that became late in this batch.
 */
final class WatermarkTracker {
  private final boolean maxPolicy;
  private final Map<Integer, Long> byOperator = new HashMap<>();
  private long current;
  private long previous;

  WatermarkTracker(String policy) {
    this.maxPolicy = "max".equals(policy);
  }

  /** Restores the watermarks of a checkpoint: the one the next batch runs with and its predecessor's. */
  void restore(long current, long previous) {
    this.current = current;
    this.previous = previous;
  }

  /** The watermark the next batch runs with, in micros. */
  long current() {
    return current;
  }

  /** The watermark the batch before {@code batchId} ran with (for batch 0, its own). */
  long previousFor(long batchId) {
    return batchId == 0 ? current : previous;
  }

  /**
   * The watermark for the batch after this one, from the event-time statistics this batch's
   * watermark operators gathered. Does not advance: {@link #advance} does, once the batch committed.
   */
  long next(List<EventTimeWatermarkExec> nodes) {
    if (nodes.isEmpty()) {
      return current;
    }
    for (EventTimeWatermarkExec w : nodes) {
      if (w.stats().count() > 0) {
        // Spark's delayMs: the delay truncated to whole milliseconds, like the statistics.
        long candidate = w.stats().max() - w.delayMicros() / 1000 * 1000;
        Long prev = byOperator.get(w.watermarkId());
        if (prev == null || candidate > prev) {
          byOperator.put(w.watermarkId(), candidate);
        }
      } else {
        byOperator.putIfAbsent(w.watermarkId(), 0L);
      }
    }
    long global = maxPolicy ? Long.MIN_VALUE : Long.MAX_VALUE;
    for (long v : byOperator.values()) {
      global = maxPolicy ? Math.max(global, v) : Math.min(global, v);
    }
    return Math.max(global, current);
  }

  /** The batch that ran with {@link #current()} committed; the next one runs with {@code next}. */
  void advance(long next) {
    previous = current;
    current = next;
  }
}
