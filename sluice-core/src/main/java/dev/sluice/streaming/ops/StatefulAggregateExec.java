package dev.sluice.streaming.ops;

import dev.sluice.api.streaming.OutputMode;
import dev.sluice.api.streaming.StreamingQueryProgress.StateOperatorProgress;
import dev.sluice.exec.Distribution;
import dev.sluice.exec.ExecContext;
import dev.sluice.exec.PhysicalPlan;
import dev.sluice.exec.agg.Accumulator;
import dev.sluice.exec.agg.Accumulators;
import dev.sluice.exec.hash.GroupTable;
import dev.sluice.exec.ops.Batches;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.agg.AggregateExpression;
import dev.sluice.state.StateStore;
import dev.sluice.streaming.StreamingExecInfo;
import dev.sluice.types.DataType;
import dev.sluice.types.StructType;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;
import dev.sluice.vector.LongVector;
import dev.sluice.vector.StructVector;
import dev.sluice.vector.VectorBuilder;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The stateful heart of a streaming aggregation. Its input is partial aggregates of this micro-batch
 * ({@code [keys..., buffers...]}, shuffled by key); for each key it merges the buffers kept in the
 * state store from earlier batches, writes the merged buffers back, and emits partial rows for the
 * final aggregate according to the output mode:
 * <ul>
 *   <li>complete: every key in the store;
 *   <li>update: the keys this batch touched; keys the watermark made final are then dropped;
 *   <li>append: only keys the watermark made final (emitted once, then dropped).
 * </ul>
 * With a watermarked event-time key, input rows whose key time is at or below the watermark are late
 * and dropped (except in complete mode, which keeps everything), and counted in the progress report.
 */
public final class StatefulAggregateExec extends PhysicalPlan implements StatefulOperator {
  private final long operatorId;
  private final int numKeys;
  private final List<AggregateExpression> aggregates;
  private final OutputMode mode;
  /** Index of the watermarked event-time key, or -1. */
  private final int eventTimeKey;
  private final int numStatePartitions;
  private final PhysicalPlan child;
  private final StreamingExecInfo info;
  private final StateStoreAccess stores;
  private final AtomicLong droppedByWatermark = new AtomicLong();
  private final AtomicLong updateNanos = new AtomicLong();
  private final AtomicLong removeNanos = new AtomicLong();
  private final AtomicLong removed = new AtomicLong();
  private final int[] bufferWidths;

  /**
   * @param numStatePartitions the partitions of its state: the input is hashed by the keys into exactly
   *     that many (see {@link #requiredChildDistribution})
   */
  public StatefulAggregateExec(long operatorId, int numKeys, List<AggregateExpression> aggregates, OutputMode mode,
      int eventTimeKey, int numStatePartitions, PhysicalPlan child, StreamingExecInfo info) {
    this.operatorId = operatorId;
    this.numStatePartitions = numStatePartitions;
    this.numKeys = numKeys;
    this.aggregates = aggregates;
    this.mode = mode;
    this.eventTimeKey = eventTimeKey;
    this.child = child;
    this.info = info;
    this.stores = new StateStoreAccess(operatorId, "default");
    bufferWidths = new int[aggregates.size()];
    for (int a = 0; a < aggregates.size(); a++) {
      bufferWidths[a] = aggregates.get(a).function().bufferTypes().size();
    }
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

  /** The event time of a key value: the timestamp itself, or a window's end. */
  static long keyTime(ColumnVector keyColumn, int row) {
    if (keyColumn instanceof StructVector s) {
      StructType t = (StructType) s.type();
      int end = t.indexOf("end");
      return ((LongVector) s.child(end)).getLong(row);
    }
    return ((LongVector) keyColumn).getLong(row);
  }

  static long keyTime(Object keyValue) {
    if (keyValue instanceof Object[] struct) {
      return (Long) struct[1];
    }
    return (Long) keyValue;
  }

  @Override
  public Iterator<ColumnBatch> execute(int partition, ExecContext ctx) {
    StateStore store = stores.store(info, partition);
    long start = System.nanoTime();
    List<DataType> keyTypes = child.outputTypes().subList(0, numKeys);
    GroupTable groups = new GroupTable(keyTypes);
    Accumulator[] accs = new Accumulator[aggregates.size()];
    for (int a = 0; a < accs.length; a++) {
      accs[a] = Accumulators.create(aggregates.get(a).function());
    }
    boolean orderDependent = false;
    for (var agg : aggregates) {
      orderDependent |= !agg.function().orderIndependent();
    }
    boolean dropLate = eventTimeKey >= 0 && mode != OutputMode.COMPLETE;
    long lateWatermark = info.watermarkForLateEventsMicros();
    Iterator<ColumnBatch> in = child.execute(partition, ctx);
    int[] ids = new int[0];
    while (in.hasNext()) {
      ColumnBatch b = in.next();
      if (dropLate) {
        b = dropLate(b, lateWatermark);
      }
      int n = b.numRows();
      if (n == 0) {
        continue;
      }
      if (ids.length < n) {
        ids = new int[n];
      }
      ColumnVector[] keys = new ColumnVector[numKeys];
      for (int k = 0; k < numKeys; k++) {
        keys[k] = b.column(k);
      }
      groups.findOrInsert(keys, n, ids);
      mergeBuffers(accs, groups.size(), ids, b, numKeys, n);
    }
    int batchGroups = groups.size();
    ColumnVector[] keyVectors = groups.keyVectors();
    // Merge the state of earlier batches into the groups this batch touched.
    if (batchGroups > 0) {
      List<Object[]> stored = new ArrayList<>();
      List<Integer> storedIds = new ArrayList<>();
      for (int g = 0; g < batchGroups; g++) {
        Object[] prev = store.get(keyRow(keyVectors, g));
        if (prev != null) {
          stored.add(prev);
          storedIds.add(g);
        }
      }
      if (!stored.isEmpty()) {
        ColumnBatch prevBatch = ColumnBatch.fromRows(bufferTypes(), stored);
        int[] gids = storedIds.stream().mapToInt(Integer::intValue).toArray();
        if (orderDependent) {
          // Earlier batches' state goes first, then this batch's rows, as if the state had been
          // there when they arrived (Spark restores state before the new rows): collect_list keeps
          // arrival order across batches and first() stays the first value ever seen.
          Accumulator[] restored = new Accumulator[accs.length];
          for (int a = 0; a < accs.length; a++) {
            restored[a] = Accumulators.create(aggregates.get(a).function());
          }
          mergeBuffers(restored, batchGroups, gids, prevBatch, 0, gids.length);
          ColumnBatch thisBatch = new ColumnBatch(buffers(accs, batchGroups), batchGroups);
          int[] identity = new int[batchGroups];
          for (int g = 0; g < batchGroups; g++) {
            identity[g] = g;
          }
          mergeBuffers(restored, batchGroups, identity, thisBatch, 0, batchGroups);
          accs = restored;
        } else {
          mergeBuffers(accs, batchGroups, gids, prevBatch, 0, gids.length);
        }
      }
      ColumnVector[] buffers = buffers(accs, batchGroups);
      for (int g = 0; g < batchGroups; g++) {
        Object[] value = new Object[buffers.length];
        for (int c = 0; c < buffers.length; c++) {
          value[c] = buffers[c].get(g);
        }
        store.put(keyRow(keyVectors, g), value);
      }
    }
    updateNanos.addAndGet(System.nanoTime() - start);
    // Decide what to emit.
    List<Object[]> emit = new ArrayList<>();
    long evictStart = System.nanoTime();
    switch (mode) {
      case COMPLETE -> {
        Iterator<Map.Entry<Object[], Object[]>> it = store.iterator();
        while (it.hasNext()) {
          Map.Entry<Object[], Object[]> e = it.next();
          emit.add(concat(e.getKey(), e.getValue()));
        }
      }
      case UPDATE -> {
        ColumnVector[] buffers = buffers(accs, batchGroups);
        for (int g = 0; g < batchGroups; g++) {
          Object[] row = new Object[numKeys + buffers.length];
          for (int k = 0; k < numKeys; k++) {
            row[k] = keyVectors[k].get(g);
          }
          for (int c = 0; c < buffers.length; c++) {
            row[numKeys + c] = buffers[c].get(g);
          }
          emit.add(row);
        }
        if (eventTimeKey >= 0) {
          evict(store, false, emit);
        }
      }
      case APPEND -> {
        if (eventTimeKey >= 0) {
          evict(store, true, emit);
        }
      }
    }
    removeNanos.addAndGet(System.nanoTime() - evictStart);
    if (emit.isEmpty()) {
      return Batches.empty();
    }
    return List.of(ColumnBatch.fromRows(child.outputTypes(), emit)).iterator();
  }

  /** Removes keys the eviction watermark made final; adds them to {@code emit} when {@code output}. */
  private void evict(StateStore store, boolean output, List<Object[]> emit) {
    long wm = info.watermarkForEvictionMicros();
    List<Object[]> expired = new ArrayList<>();
    Iterator<Map.Entry<Object[], Object[]>> it = store.iterator();
    while (it.hasNext()) {
      Map.Entry<Object[], Object[]> e = it.next();
      Object t = e.getKey()[eventTimeKey];
      if (t != null && keyTime(t) <= wm) {
        expired.add(e.getKey());
        if (output) {
          emit.add(concat(e.getKey(), e.getValue()));
        }
      }
    }
    for (Object[] k : expired) {
      store.remove(k);
    }
    removed.addAndGet(expired.size());
  }

  private ColumnBatch dropLate(ColumnBatch b, long watermark) {
    int n = b.numRows();
    ColumnVector kc = b.column(eventTimeKey);
    int[] keep = new int[n];
    int c = 0;
    for (int i = 0; i < n; i++) {
      if (kc.isNull(i) || keyTime(kc, i) > watermark) {
        keep[c++] = i;
      }
    }
    if (c == n) {
      return b;
    }
    droppedByWatermark.addAndGet(n - c);
    return b.gather(keep, c);
  }

  private void mergeBuffers(Accumulator[] accs, int numGroups, int[] ids, ColumnBatch b, int offset, int n) {
    int col = offset;
    for (int a = 0; a < accs.length; a++) {
      accs[a].ensureCapacity(numGroups);
      ColumnVector[] bufs = new ColumnVector[bufferWidths[a]];
      for (int j = 0; j < bufs.length; j++) {
        bufs[j] = b.column(col + j);
      }
      col += bufs.length;
      accs[a].merge(ids, bufs, n);
    }
  }

  private ColumnVector[] buffers(Accumulator[] accs, int numGroups) {
    List<ColumnVector> out = new ArrayList<>();
    for (Accumulator acc : accs) {
      acc.ensureCapacity(numGroups);
      out.addAll(List.of(acc.buffers(numGroups)));
    }
    return out.toArray(new ColumnVector[0]);
  }

  private List<DataType> bufferTypes() {
    return child.outputTypes().subList(numKeys, child.output().size());
  }

  private static Object[] keyRow(ColumnVector[] keys, int g) {
    Object[] k = new Object[keys.length];
    for (int i = 0; i < keys.length; i++) {
      k[i] = keys[i].get(g);
    }
    return k;
  }

  private static Object[] concat(Object[] a, Object[] b) {
    Object[] out = new Object[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Override
  public String stateMeaning() {
    List<String> fns = new ArrayList<>();
    for (AggregateExpression ae : aggregates) {
      fns.add(ae.function().name() + (ae.isDistinct() ? " distinct" : ""));
    }
    return "functions=" + fns;
  }

  @Override
  public String stateSchema() {
    return "aggregate keys=" + child.outputTypes().subList(0, numKeys) + " buffers=" + bufferTypes()
        + (eventTimeKey >= 0 ? " eventTimeKey=" + eventTimeKey : "");
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
    return info.shift(newWatermarkMicros) > info.watermarkForEvictionMicros() && mode != OutputMode.COMPLETE;
  }

  @Override
  public StateOperatorProgress progress() {
    StateStoreAccess.Totals t = stores.totals();
    return new StateOperatorProgress("stateStoreSave", t.numKeys(), t.numUpdated(), updateNanos.get() / 1_000_000,
        removed.get(), removeNanos.get() / 1_000_000, t.commitTimeMs(), t.memoryBytes(), droppedByWatermark.get(),
        numPartitions(), t.instances(), Map.of());
  }

  /** Partition i of the input holds the keys of state partition i: hashed by the keys, never merged. */
  @Override
  public List<Distribution> requiredChildDistribution() {
    return List.of(Distribution.stateful(child.output().subList(0, numKeys), numStatePartitions));
  }

  @Override
  public PhysicalPlan withNewChildren(List<PhysicalPlan> c) {
    return new StatefulAggregateExec(operatorId, numKeys, aggregates, mode, eventTimeKey, numStatePartitions, c.get(0),
        info);
  }

  @Override
  public String simpleString() {
    return "StatefulAggregate(op=" + operatorId + ", mode=" + mode.sparkName() + ", keys=" + numKeys
        + (eventTimeKey >= 0 ? ", eventTimeKey=" + eventTimeKey : "") + ")";
  }

  static VectorBuilder builder(DataType t, int n) {
    return VectorBuilder.create(t, n);
  }
}
