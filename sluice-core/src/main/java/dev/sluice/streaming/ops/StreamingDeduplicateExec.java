package dev.sluice.streaming.ops;

import dev.sluice.api.streaming.StreamingQueryProgress.StateOperatorProgress;
import dev.sluice.exec.eval.Evaluator;
import dev.sluice.exec.eval.ExpressionCompiler;
import dev.sluice.exec.Distribution;
import dev.sluice.exec.ExecContext;
import dev.sluice.exec.PhysicalPlan;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Expression;
import dev.sluice.state.StateStore;
import dev.sluice.streaming.StreamingExecInfo;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;
import dev.sluice.vector.LongVector;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code dropDuplicates} on a stream: the first row of each key passes, later ones are dropped; the
 * keys seen are state (input shuffled by key). With a watermarked event-time column among the keys,
 * rows at or below the watermark are late and dropped, and keys the watermark passed are forgotten.
 * With {@code withinWatermark} the event time is not part of the key: a key is remembered until the
 * watermark passes its first occurrence's event time plus the delay.
 */
public final class StreamingDeduplicateExec extends PhysicalPlan implements StatefulOperator {
  private final long operatorId;
  private final List<Expression> keys;
  private final List<Evaluator> boundKeys;
  private final int eventTimeOrdinal;
  private final int eventTimeKeyIndex;
  private final long delayMicros;
  private final boolean withinWatermark;
  private final AttributeReference eventTime;
  private final int numStatePartitions;
  private final PhysicalPlan child;
  private final StreamingExecInfo info;
  private final StateStoreAccess stores;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong removed = new AtomicLong();

  /** @param numStatePartitions the partitions of its state, into which the input is hashed by the keys */
  public StreamingDeduplicateExec(long operatorId, List<Expression> keys, AttributeReference eventTime,
      boolean withinWatermark, int numStatePartitions, PhysicalPlan child, StreamingExecInfo info) {
    this.operatorId = operatorId;
    this.eventTime = eventTime;
    this.numStatePartitions = numStatePartitions;
    this.keys = keys;
    this.withinWatermark = withinWatermark;
    this.child = child;
    this.info = info;
    this.boundKeys = ExpressionCompiler.bindAll(keys, child.output());
    this.eventTimeOrdinal = eventTime == null ? -1 : child.output().indexOf(eventTime);
    this.eventTimeKeyIndex = eventTime == null ? -1 : keys.indexOf(eventTime);
    this.delayMicros = eventTime == null || eventTime.watermarkDelayMicros() == null ? 0
        : eventTime.watermarkDelayMicros();
    this.stores = new StateStoreAccess(operatorId, "default");
  }

  @Override
  public long operatorId() {
    return operatorId;
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
    StateStore store = stores.store(info, partition);
    List<ColumnBatch> out = new ArrayList<>();
    long late = info.watermarkForLateEventsMicros();
    Iterator<ColumnBatch> in = child.execute(partition, ctx);
    while (in.hasNext()) {
      ColumnBatch b = in.next();
      int n = b.numRows();
      ColumnVector[] k = new ColumnVector[boundKeys.size()];
      for (int i = 0; i < k.length; i++) {
        k[i] = boundKeys.get(i).eval(b);
      }
      LongVector time = eventTimeOrdinal >= 0 ? (LongVector) b.column(eventTimeOrdinal) : null;
      int[] keep = new int[n];
      int c = 0;
      for (int i = 0; i < n; i++) {
        if (time != null && !time.isNull(i) && time.getLong(i) <= late) {
          dropped.incrementAndGet();
          continue;
        }
        Object[] key = new Object[k.length];
        for (int j = 0; j < k.length; j++) {
          key[j] = k[j].get(i);
        }
        if (store.get(key) != null) {
          continue;
        }
        Object value = withinWatermark && time != null && !time.isNull(i) ? time.getLong(i) + delayMicros : null;
        store.put(key, new Object[] {value});
        keep[c++] = i;
      }
      if (c > 0) {
        out.add(c == n ? b : b.gather(keep, c));
      }
    }
    evict(store);
    return out.iterator();
  }

  private void evict(StateStore store) {
    if (eventTimeOrdinal < 0 || (!withinWatermark && eventTimeKeyIndex < 0)) {
      return;
    }
    long wm = info.watermarkForEvictionMicros();
    List<Object[]> expired = new ArrayList<>();
    Iterator<Map.Entry<Object[], Object[]>> it = store.iterator();
    while (it.hasNext()) {
      Map.Entry<Object[], Object[]> e = it.next();
      Object t = withinWatermark ? e.getValue()[0] : e.getKey()[eventTimeKeyIndex];
      if (t != null && (Long) t <= wm) {
        expired.add(e.getKey());
      }
    }
    expired.forEach(store::remove);
    removed.addAndGet(expired.size());
  }

  @Override
  public String stateSchema() {
    return (withinWatermark ? "dedupeWithinWatermark" : "dedupe") + " keys="
        + boundKeys.stream().map(Evaluator::dataType).toList();
  }

  @Override
  public void commitState() {
    stores.commit();
  }

  @Override
  public void abortState() {
    stores.abort();
  }

  @Override
  public boolean shouldRunAnotherBatch(long newWatermarkMicros) {
    return eventTimeOrdinal >= 0 && (withinWatermark || eventTimeKeyIndex >= 0)
        && info.shift(newWatermarkMicros) > info.watermarkForEvictionMicros();
  }

  @Override
  public StateOperatorProgress progress() {
    StateStoreAccess.Totals t = stores.totals();
    return new StateOperatorProgress(withinWatermark ? "dedupeWithinWatermark" : "dedupe", t.numKeys(),
        t.numUpdated(), 0, removed.get(), 0, t.commitTimeMs(), t.memoryBytes(), dropped.get(), numPartitions(),
        t.instances(), Map.of());
  }

  /** Partition i of the input holds the keys of state partition i: hashed by the keys, never merged. */
  @Override
  public List<Distribution> requiredChildDistribution() {
    return List.of(Distribution.stateful(keys, numStatePartitions));
  }

  @Override
  public PhysicalPlan withNewChildren(List<PhysicalPlan> c) {
    return new StreamingDeduplicateExec(operatorId, keys, eventTime, withinWatermark, numStatePartitions, c.get(0),
        info);
  }

  @Override
  public String simpleString() {
    return (withinWatermark ? "StreamingDeduplicateWithinWatermark " : "StreamingDeduplicate ") + keys;
  }
}
