package dev.sluice.streaming.ops;

import dev.sluice.exec.ExecContext;
import dev.sluice.exec.PhysicalPlan;
import dev.sluice.exec.ops.Batches;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.LongVector;
import java.util.Iterator;
import java.util.List;

/**
 * Passes rows through unchanged while recording the event-time statistics of the batch (min, max,
 * average) for one {@code withWatermark}; the engine derives the next watermark from the maximum.
 * As in Spark, the statistics (and so the watermark) are whole milliseconds.
 */
public final class EventTimeWatermarkExec extends PhysicalPlan {
  private final int watermarkId;
  private final AttributeReference eventTime;
  private final long delayMicros;
  private final int ordinal;
  private final PhysicalPlan child;
  private final EventTimeStats stats = new EventTimeStats();

  public EventTimeWatermarkExec(int watermarkId, AttributeReference eventTime, long delayMicros, PhysicalPlan child) {
    this.watermarkId = watermarkId;
    this.eventTime = eventTime;
    this.delayMicros = delayMicros;
    this.child = child;
    this.ordinal = child.output().indexOf(eventTime);
    if (ordinal < 0) {
      throw new IllegalStateException("Event-time column " + eventTime + " not in " + child.output());
    }
  }

  public int watermarkId() {
    return watermarkId;
  }

  public long delayMicros() {
    return delayMicros;
  }

  public EventTimeStats stats() {
    return stats;
  }

  @Override
  public List<PhysicalPlan> children() {
    return List.of(child);
  }

  @Override
  public List<AttributeReference> output() {
    return child.output();
  }

  @Override
  public int numPartitions() {
    return child.numPartitions();
  }

  @Override
  public Iterator<ColumnBatch> execute(int partition, ExecContext ctx) {
    return Batches.map(child.execute(partition, ctx), b -> {
      LongVector v = (LongVector) b.column(ordinal);
      long[] vals = v.values();
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      double sum = 0;
      long count = 0;
      for (int i = 0; i < b.numRows(); i++) {
        if (!v.isNull(i)) {
          // Spark keeps event-time statistics in whole milliseconds (micros / 1000, truncated).
          long x = vals[i] / 1000 * 1000;
          min = Math.min(min, x);
          max = Math.max(max, x);
          sum += x;
          count++;
        }
      }
      stats.add(min, max, sum, count);
      return b;
    });
  }

  @Override
  public String simpleString() {
    return "EventTimeWatermark " + eventTime + ", delay=" + delayMicros / 1000 + "ms";
  }

  /** Thread-safe min/max/avg of event times seen in one batch. */
  public static final class EventTimeStats {
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;
    private double sum;
    private long count;

    synchronized void add(long mn, long mx, double s, long c) {
      if (c == 0) {
        return;
      }
      min = Math.min(min, mn);
      max = Math.max(max, mx);
      sum += s;
      count += c;
    }

    public synchronized long min() {
      return min;
    }

    public synchronized long max() {
      return max;
    }

    public synchronized long avg() {
      return count == 0 ? 0 : (long) (sum / count);
    }

    public synchronized long count() {
      return count;
    }
  }
}
