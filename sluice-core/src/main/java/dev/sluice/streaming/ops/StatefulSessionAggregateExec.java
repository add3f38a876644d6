package dev.sluice.streaming.ops;

import dev.sluice.api.streaming.OutputMode;
import dev.sluice.api.streaming.StreamingQueryProgress.StateOperatorProgress;
import dev.sluice.exec.eval.Evaluator;
import dev.sluice.exec.eval.ExpressionCompiler;
import dev.sluice.exec.Distribution;
import dev.sluice.exec.ExecContext;
import dev.sluice.exec.PhysicalPlan;
import dev.sluice.exec.agg.Accumulator;
import dev.sluice.exec.agg.Accumulators;
import dev.sluice.exec.hash.GroupTable;
import dev.sluice.exec.ops.Batches;
import dev.sluice.exec.ops.SortExec;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.exec.eval.Vectors;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.agg.AggregateExpression;
import dev.sluice.state.StateStore;
import dev.sluice.streaming.StreamingExecInfo;
import dev.sluice.types.DataType;
import dev.sluice.vector.BooleanVector;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;
import dev.sluice.vector.LongVector;
import dev.sluice.vector.StructVector;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Streaming session windows. Input: raw rows with their own session {@code [ts, ts + gap)}, shuffled
 * by the other grouping keys. For each key, the sessions kept in state (bounds and aggregation
 * buffers) and the new rows are merged wherever they overlap or touch, so a late-arriving row can
 * bridge two sessions into one. The state of a key is its list of open sessions. Append mode emits a
 * session once the watermark passes its end (and forgets it); complete mode emits every session.
 * Output: partial rows {@code [grouping keys with the session, buffers...]} for the final aggregate.
 */
public final class StatefulSessionAggregateExec extends PhysicalPlan implements StatefulOperator {
  private final long operatorId;
  private final List<Expression> otherKeys;
  private final int sessionKey;
  private final int sessionOrdinal;
  private final List<AggregateExpression> aggregates;
  private final OutputMode mode;
  private final List<AttributeReference> output;
  private final AttributeReference session;
  private final int numStatePartitions;
  private final PhysicalPlan child;
  private final StreamingExecInfo info;
  private final StateStoreAccess stores;
  private final List<Evaluator> boundKeys;
  private final List<List<Evaluator>> boundInputs = new ArrayList<>();
  private final List<Evaluator> boundFilters = new ArrayList<>();
  private final int[] widths;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong removed = new AtomicLong();
  private final AtomicLong sessions = new AtomicLong();

  /** @param numStatePartitions the partitions of its state, into which the input is hashed by the other keys */
  public StatefulSessionAggregateExec(long operatorId, List<Expression> otherKeys, int sessionKey,
      AttributeReference session, List<AggregateExpression> aggregates, OutputMode mode,
      List<AttributeReference> partialOutput, int numStatePartitions, PhysicalPlan child, StreamingExecInfo info) {
    this.operatorId = operatorId;
    this.session = session;
    this.numStatePartitions = numStatePartitions;
    this.otherKeys = otherKeys;
    this.sessionKey = sessionKey;
    this.aggregates = aggregates;
    this.mode = mode;
    this.output = partialOutput;
    this.child = child;
    this.info = info;
    this.stores = new StateStoreAccess(operatorId, "default");
    this.boundKeys = ExpressionCompiler.bindAll(otherKeys, child.output());
    this.sessionOrdinal = child.output().indexOf(session);
    widths = new int[aggregates.size()];
    for (int a = 0; a < aggregates.size(); a++) {
      AggregateExpression ae = aggregates.get(a);
      widths[a] = ae.function().bufferTypes().size();
      boundInputs.add(ExpressionCompiler.bindAll(ae.function().inputs(), child.output()));
      boundFilters.add(ae.filter() == null ? null : ExpressionCompiler.bind(ae.filter(), child.output()));
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
    return output;
  }

  @Override
  public int numPartitions() {
    return child.numPartitions();
  }

  /** One session: bounds, plus either stored buffers or the input row indices it absorbs. */
  private static final class Item {
    long start;
    long end;
    Object[] buffers;
    int row = -1;

    Item(long start, long end) {
      this.start = start;
      this.end = end;
    }
  }

  @Override
  public Iterator<ColumnBatch> execute(int partition, ExecContext ctx) {
    StateStore store = stores.store(info, partition);
    ColumnBatch all = Batches.concatAll(child.outputTypes(), child.execute(partition, ctx));
    long lateWatermark = info.watermarkForLateEventsMicros();
    boolean dropLate = mode != OutputMode.COMPLETE;
    int n0 = all.numRows();
    if (n0 > 0 && dropLate) {
      StructVector s = (StructVector) all.column(sessionOrdinal);
      LongVector end = (LongVector) s.child(1);
      int[] keep = new int[n0];
      int c = 0;
      for (int i = 0; i < n0; i++) {
        if (end.getLong(i) > lateWatermark) {
          keep[c++] = i;
        }
      }
      if (c < n0) {
        dropped.addAndGet(n0 - c);
        all = all.gather(keep, c);
      }
    }
    int n = all.numRows();
    List<Object[]> emit = new ArrayList<>();
    if (n > 0) {
      mergeBatch(all, n, store);
    }
    // Emission and eviction over every key of this partition.
    Iterator<Map.Entry<Object[], Object[]>> it = store.iterator();
    long wm = info.watermarkForEvictionMicros();
    List<Object[]> emptied = new ArrayList<>();
    List<Object[][]> rewritten = new ArrayList<>();
    long total = 0;
    while (it.hasNext()) {
      Map.Entry<Object[], Object[]> e = it.next();
      @SuppressWarnings("unchecked")
      List<Object[]> list = (List<Object[]>) e.getValue()[0];
      List<Object[]> keepList = new ArrayList<>();
      for (Object[] sess : list) {
        boolean closed = (Long) sess[1] <= wm;
        if (mode == OutputMode.COMPLETE || closed) {
          emit.add(outputRow(e.getKey(), sess));
        }
        if (mode == OutputMode.APPEND && closed) {
          removed.incrementAndGet();
        } else {
          keepList.add(sess);
        }
      }
      if (keepList.size() != list.size()) {
        if (keepList.isEmpty()) {
          emptied.add(e.getKey());
        } else {
          rewritten.add(new Object[][] {e.getKey(), new Object[] {keepList}});
        }
      }
      total += keepList.size();
    }
    for (Object[] k : emptied) {
      store.remove(k);
    }
    for (Object[][] kv : rewritten) {
      store.put(kv[0], kv[1]);
    }
    sessions.addAndGet(total); // summed over partitions
    if (emit.isEmpty()) {
      return Batches.empty();
    }
    return List.of(ColumnBatch.fromRows(outputTypes(), emit)).iterator();
  }

  private Object[] outputRow(Object[] key, Object[] session) {
    Object[] row = new Object[output.size()];
    int k = 0;
    for (int i = 0; i <= key.length; i++) {
      if (i == sessionKey) {
        row[i] = new Object[] {session[0], session[1]};
      } else {
        row[i] = key[k++];
      }
    }
    System.arraycopy(session, 2, row, key.length + 1, session.length - 2);
    return row;
  }

  private void mergeBatch(ColumnBatch all, int n, StateStore store) {
    ColumnVector[] keys = new ColumnVector[boundKeys.size()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = boundKeys.get(i).eval(all);
    }
    int[] group = new int[n];
    GroupTable table = new GroupTable(boundKeys.stream().map(Evaluator::dataType).toList());
    table.findOrInsert(keys, n, group);
    int numKeys = table.size();
    ColumnVector[] keyValues = table.keyVectors();
    StructVector s = (StructVector) all.column(sessionOrdinal);
    long[] start = ((LongVector) s.child(0)).values();
    long[] end = ((LongVector) s.child(1)).values();
    // Items per key: stored sessions and new rows, merged in start order.
    List<List<Item>> items = new ArrayList<>(numKeys);
    List<Object[]> keyRows = new ArrayList<>(numKeys);
    for (int g = 0; g < numKeys; g++) {
      Object[] key = new Object[keyValues.length];
      for (int c = 0; c < key.length; c++) {
        key[c] = keyValues[c].get(g);
      }
      keyRows.add(key);
      List<Item> list = new ArrayList<>();
      Object[] stored = store.get(key);
      if (stored != null) {
        @SuppressWarnings("unchecked")
        List<Object[]> sessionsOfKey = (List<Object[]>) stored[0];
        for (Object[] sess : sessionsOfKey) {
          Item item = new Item((Long) sess[0], (Long) sess[1]);
          item.buffers = sess;
          list.add(item);
        }
      }
      items.add(list);
    }
    for (int i = 0; i < n; i++) {
      Item item = new Item(start[i], end[i]);
      item.row = i;
      items.get(group[i]).add(item);
    }
    // Assign a session id to every item; sessions are numbered across keys.
    List<long[]> bounds = new ArrayList<>();
    List<Integer> sessionKeyGroup = new ArrayList<>();
    int[] rowSession = new int[n];
    List<Object[]> storedBuffers = new ArrayList<>();
    List<Integer> storedSession = new ArrayList<>();
    // Every item in session and start order: a new row as its index, a stored session as -1 - its index.
    List<Integer> inOrder = new ArrayList<>();
    List<Integer> inOrderSession = new ArrayList<>();
    for (int g = 0; g < numKeys; g++) {
      List<Item> list = items.get(g);
      int[] order = new int[list.size()];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      // Not an ordering to ask of the input (requiredChildOrdering): the list mixes the sessions kept in
      // state for this key with the new rows, so it has to be sorted here whatever order the input had.
      SortExec.mergeSort(order, new int[order.length], 0, order.length,
          (a, b) -> Long.compare(list.get(a).start, list.get(b).start));
      int i = 0;
      while (i < order.length) {
        Item first = list.get(order[i]);
        long sStart = first.start;
        long sEnd = first.end;
        int j = i;
        while (j + 1 < order.length && list.get(order[j + 1]).start <= sEnd) {
          j++;
          sEnd = Math.max(sEnd, list.get(order[j]).end);
        }
        int id = bounds.size();
        bounds.add(new long[] {sStart, sEnd});
        sessionKeyGroup.add(g);
        for (int k = i; k <= j; k++) {
          Item it = list.get(order[k]);
          if (it.row >= 0) {
            rowSession[it.row] = id;
            inOrder.add(it.row);
          } else {
            inOrder.add(-1 - storedBuffers.size());
            storedBuffers.add(it.buffers);
            storedSession.add(id);
          }
          inOrderSession.add(id);
        }
        i = j + 1;
      }
    }
    int numSessions = bounds.size();
    boolean orderDependent = false;
    for (AggregateExpression ae : aggregates) {
      orderDependent |= !ae.function().orderIndependent();
    }
    Accumulator[] accs = orderDependent
        ? accumulateInStartOrder(all, n, inOrder, inOrderSession, storedBuffers, numSessions)
        : accumulate(all, n, rowSession, storedBuffers, storedSession, numSessions);
    List<ColumnVector> buffers = new ArrayList<>();
    for (Accumulator acc : accs) {
      buffers.addAll(List.of(acc.buffers(numSessions)));
    }
    List<List<Object[]>> perKey = new ArrayList<>();
    for (int g = 0; g < numKeys; g++) {
      perKey.add(new ArrayList<>());
    }
    for (int id = 0; id < numSessions; id++) {
      Object[] sess = new Object[2 + buffers.size()];
      sess[0] = bounds.get(id)[0];
      sess[1] = bounds.get(id)[1];
      for (int c = 0; c < buffers.size(); c++) {
        sess[2 + c] = buffers.get(c).get(id);
      }
      perKey.get(sessionKeyGroup.get(id)).add(sess);
    }
    for (int g = 0; g < numKeys; g++) {
      store.put(keyRows.get(g), new Object[] {perKey.get(g)});
    }
  }

  /** Folds the batch's rows, then the stored sessions' buffers, into one accumulator group per session. */
  private Accumulator[] accumulate(ColumnBatch all, int n, int[] rowSession, List<Object[]> storedBuffers,
      List<Integer> storedSession, int numSessions) {
    Accumulator[] accs = new Accumulator[aggregates.size()];
    for (int a = 0; a < accs.length; a++) {
      accs[a] = Accumulators.create(aggregates.get(a).function());
      accs[a].ensureCapacity(numSessions);
      List<Evaluator> inputs = boundInputs.get(a);
      ColumnVector[] vs = new ColumnVector[inputs.size()];
      for (int j = 0; j < vs.length; j++) {
        vs[j] = inputs.get(j).eval(all);
      }
      int[] gids = rowSession;
      if (boundFilters.get(a) != null) {
        BooleanVector f = (BooleanVector) boundFilters.get(a).eval(all);
        gids = rowSession.clone();
        for (int i = 0; i < n; i++) {
          if (!Vectors.isTrue(f, i)) {
            gids[i] = -1;
          }
        }
      }
      accs[a].update(gids, vs, n);
    }
    if (!storedBuffers.isEmpty()) {
      List<DataType> bufTypes = new ArrayList<>();
      for (AggregateExpression ae : aggregates) {
        bufTypes.addAll(ae.function().bufferTypes());
      }
      List<Object[]> bufRows = new ArrayList<>();
      for (Object[] sess : storedBuffers) {
        Object[] b = new Object[sess.length - 2];
        System.arraycopy(sess, 2, b, 0, b.length);
        bufRows.add(b);
      }
      ColumnBatch prev = ColumnBatch.fromRows(bufTypes, bufRows);
      int[] ids = storedSession.stream().mapToInt(Integer::intValue).toArray();
      int col = 0;
      for (int a = 0; a < accs.length; a++) {
        ColumnVector[] bufs = new ColumnVector[widths[a]];
        for (int j = 0; j < bufs.length; j++) {
          bufs[j] = prev.column(col + j);
        }
        col += bufs.length;
        accs[a].merge(ids, bufs, ids.length);
      }
    }
    return accs;
  }

  /**
   * As {@link #accumulate}, but every session's rows and stored buffers are merged in start order (as
   * Spark merges sessions sorted by start), for aggregates whose result depends on order: first(),
   * last(), collect_list(). Each row is first folded into a buffer of its own.
   */
  private Accumulator[] accumulateInStartOrder(ColumnBatch all, int n, List<Integer> inOrder,
      List<Integer> inOrderSession, List<Object[]> storedBuffers, int numSessions) {
    int[] ownGroup = new int[n];
    for (int i = 0; i < n; i++) {
      ownGroup[i] = i;
    }
    List<Integer> none = List.of();
    Accumulator[] perRow = accumulate(all, n, ownGroup, List.of(), none, n);
    int m = inOrder.size();
    int[] ids = new int[m];
    for (int k = 0; k < m; k++) {
      ids[k] = inOrderSession.get(k);
    }
    Accumulator[] accs = new Accumulator[aggregates.size()];
    int col = 0;
    for (int a = 0; a < accs.length; a++) {
      accs[a] = Accumulators.create(aggregates.get(a).function());
      accs[a].ensureCapacity(numSessions);
      ColumnVector[] rowBufs = perRow[a].buffers(n);
      List<Object[]> rows = new ArrayList<>(m);
      for (int k = 0; k < m; k++) {
        int item = inOrder.get(k);
        Object[] b = new Object[widths[a]];
        for (int c = 0; c < b.length; c++) {
          b[c] = item >= 0 ? rowBufs[c].get(item) : storedBuffers.get(-1 - item)[2 + col + c];
        }
        rows.add(b);
      }
      ColumnBatch merged = ColumnBatch.fromRows(aggregates.get(a).function().bufferTypes(), rows);
      ColumnVector[] bufs = new ColumnVector[widths[a]];
      for (int c = 0; c < bufs.length; c++) {
        bufs[c] = merged.column(c);
      }
      accs[a].merge(ids, bufs, m);
      col += widths[a];
    }
    return accs;
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
    List<DataType> bufs = new ArrayList<>();
    for (AggregateExpression ae : aggregates) {
      bufs.addAll(ae.function().bufferTypes());
    }
    return "sessionWindowAggregate keys=" + boundKeys.stream().map(Evaluator::dataType).toList() + " buffers=" + bufs;
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
    return mode == OutputMode.APPEND && newWatermarkMicros > info.watermarkForEvictionMicros();
  }

  @Override
  public StateOperatorProgress progress() {
    StateStoreAccess.Totals t = stores.totals();
    return new StateOperatorProgress("sessionWindowStateStoreSave", sessions.get(), t.numUpdated(), 0, removed.get(),
        0, t.commitTimeMs(), t.memoryBytes(), dropped.get(), numPartitions(), t.instances(), Map.of());
  }

  /** Partition i of the input holds the keys of state partition i: hashed by the other keys, never merged. */
  @Override
  public List<Distribution> requiredChildDistribution() {
    return List.of(Distribution.stateful(otherKeys, numStatePartitions));
  }

  @Override
  public PhysicalPlan withNewChildren(List<PhysicalPlan> c) {
    return new StatefulSessionAggregateExec(operatorId, otherKeys, sessionKey, session, aggregates, mode, output,
        numStatePartitions, c.get(0), info);
  }

  @Override
  public String simpleString() {
    return "StatefulSessionAggregate(op=" + operatorId + ", mode=" + mode.sparkName() + ", keys=" + otherKeys + ")";
  }
}
