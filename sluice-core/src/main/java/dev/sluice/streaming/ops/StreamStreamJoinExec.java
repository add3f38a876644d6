package dev.sluice.streaming.ops;

import dev.sluice.api.streaming.StreamingQueryProgress.StateOperatorProgress;
import dev.sluice.exec.eval.Evaluator;
import dev.sluice.exec.eval.ExpressionCompiler;
import dev.sluice.exec.Distribution;
import dev.sluice.exec.ExecContext;
import dev.sluice.exec.PhysicalPlan;
import dev.sluice.exec.ops.Batches;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.logical.JoinType;
import dev.sluice.state.StateKey;
import dev.sluice.state.StateStore;
import dev.sluice.streaming.StreamingExecInfo;
import dev.sluice.types.DataType;
import dev.sluice.vector.BooleanVector;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A join of two streams (Spark's symmetric hash join). Both inputs are shuffled by the join keys;
 * each side keeps its rows in a state store by key. Per micro-batch: new left rows join the right
 * side's stored rows, then new right rows join the left side's stored rows (which now include the
 * new left rows), so every pair meets exactly once. Rows older than the watermark are dropped on
 * input. A stored row is evicted once the time-range condition guarantees no future row of the
 * other side can match it ({@code time <= watermark + bound}); for an outer join, an evicted row of
 * the preserved side that never matched is emitted with NULLs for the other side.
 */
public final class StreamStreamJoinExec extends PhysicalPlan implements StatefulOperator {
  private final long operatorId;
  private final JoinType joinType;
  private final PhysicalPlan left;
  private final PhysicalPlan right;
  private final List<AttributeReference> output;
  private final StreamingExecInfo info;
  private final Side leftSide;
  private final Side rightSide;
  private final Evaluator boundCondition;
  private final Expression condition;
  /** Position of a watermarked join key (event time or window), or -1: state is then evicted by key. */
  private final int keyWatermarkOrdinal;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong removed = new AtomicLong();
  private final AtomicLong total = new AtomicLong();
  private final List<Expression> leftKeys;
  private final List<Expression> rightKeys;
  private final AttributeReference leftTime;
  private final AttributeReference rightTime;
  private final int numStatePartitions;

  /** One input: key expressions, its event-time column (or -1), its eviction bound, its state. */
  private final class Side {
    final PhysicalPlan plan;
    final List<Evaluator> keys;
    final int timeOrdinal;
    final Long bound;
    final StateStoreAccess stores;
    final boolean preserved;

    Side(PhysicalPlan plan, List<Expression> keys, AttributeReference time, Long bound, String name, boolean preserved) {
      this.plan = plan;
      this.keys = ExpressionCompiler.bindAll(keys, plan.output());
      this.timeOrdinal = time == null ? -1 : plan.output().indexOf(time);
      this.bound = bound;
      this.stores = new StateStoreAccess(operatorId, name);
      this.preserved = preserved;
    }

    int width() {
      return plan.output().size();
    }
  }

  /** @param numStatePartitions the partitions of its state, into which each side is hashed by its keys */
  public StreamStreamJoinExec(long operatorId, JoinType joinType, List<Expression> leftKeys, List<Expression> rightKeys,
      Expression condition, AttributeReference leftTime, AttributeReference rightTime, Long leftBound, Long rightBound,
      int keyWatermarkOrdinal, int numStatePartitions, PhysicalPlan left, PhysicalPlan right,
      List<AttributeReference> output, StreamingExecInfo info) {
    this.operatorId = operatorId;
    this.leftKeys = leftKeys;
    this.rightKeys = rightKeys;
    this.leftTime = leftTime;
    this.rightTime = rightTime;
    this.numStatePartitions = numStatePartitions;
    this.keyWatermarkOrdinal = keyWatermarkOrdinal;
    this.joinType = joinType;
    this.left = left;
    this.right = right;
    this.output = output;
    this.info = info;
    this.condition = condition;
    this.leftSide = new Side(left, leftKeys, leftTime, leftBound, "left", joinType.preservesLeft());
    this.rightSide = new Side(right, rightKeys, rightTime, rightBound, "right", joinType.preservesRight());
    List<AttributeReference> both = new ArrayList<>(left.output());
    both.addAll(right.output());
    this.boundCondition = condition == null ? null : ExpressionCompiler.bind(condition, both);
  }

  @Override
  public long operatorId() {
    return operatorId;
  }

  @Override
  public List<PhysicalPlan> children() {
    return List.of(left, right);
  }

  @Override
  public List<AttributeReference> output() {
    return output;
  }

  @Override
  public int numPartitions() {
    return left.numPartitions();
  }

  /** A stored row: the side's column values and whether it has matched yet. */
  private static Object[] entry(Object[] row, boolean matched) {
    return new Object[] {row, matched};
  }

  @Override
  public Iterator<ColumnBatch> execute(int partition, ExecContext ctx) {
    StateStore leftStore = leftSide.stores.store(info, partition);
    StateStore rightStore = rightSide.stores.store(info, partition);
    List<Object[]> out = new ArrayList<>();
    ColumnBatch newLeft = dropLate(Batches.concatAll(left.outputTypes(), left.execute(partition, ctx)), leftSide);
    ColumnBatch newRight = dropLate(Batches.concatAll(right.outputTypes(), right.execute(partition, ctx)), rightSide);
    // New left rows against stored right rows, then store them.
    joinNew(newLeft, leftSide, leftStore, rightSide, rightStore, true, out);
    // New right rows against stored left rows (including this batch's), then store them.
    joinNew(newRight, rightSide, rightStore, leftSide, leftStore, false, out);
    evict(leftSide, leftStore, true, out);
    evict(rightSide, rightStore, false, out);
    total.addAndGet(countRows(leftStore) + countRows(rightStore)); // summed over partitions
    if (out.isEmpty()) {
      return Batches.empty();
    }
    return List.of(ColumnBatch.fromRows(outputTypes(), out)).iterator();
  }

  private ColumnBatch dropLate(ColumnBatch b, Side side) {
    if (side.timeOrdinal < 0 || b.numRows() == 0) {
      return b;
    }
    long wm = info.watermarkForLateEventsMicros();
    ColumnVector t = b.column(side.timeOrdinal);
    int n = b.numRows();
    int[] keep = new int[n];
    int c = 0;
    for (int i = 0; i < n; i++) {
      // A window column (a struct) is late when its end is, as in Spark.
      if (t.isNull(i) || StatefulAggregateExec.keyTime(t.get(i)) > wm) {
        keep[c++] = i;
      }
    }
    if (c == n) {
      return b;
    }
    dropped.addAndGet(n - c);
    return b.gather(keep, c);
  }

  private void joinNew(ColumnBatch input, Side side, StateStore own, Side other, StateStore otherStore,
      boolean inputIsLeft, List<Object[]> out) {
    int n = input.numRows();
    if (n == 0) {
      return;
    }
    ColumnVector[] keys = new ColumnVector[side.keys.size()];
    for (int k = 0; k < keys.length; k++) {
      keys[k] = side.keys.get(k).eval(input);
    }
    // Candidate pairs: (input row, stored entry of the other side). Each key's stored entries are read
    // once: the matched flags below are tracked by entry identity, and a provider may hand out a fresh
    // copy on every get (RocksDB decodes one).
    List<Integer> inputRows = new ArrayList<>();
    List<Object[]> candidates = new ArrayList<>();
    Object[][] keyOf = new Object[n][];
    Map<StateKey, List<Object[]>> storedOfKey = new HashMap<>();
    for (int i = 0; i < n; i++) {
      Object[] key = new Object[keys.length];
      boolean nullKey = false;
      for (int k = 0; k < keys.length; k++) {
        key[k] = keys[k].get(i);
        nullKey |= key[k] == null;
      }
      keyOf[i] = key;
      if (nullKey) {
        continue;
      }
      List<Object[]> entries = storedOfKey.computeIfAbsent(new StateKey(key), k -> entriesOf(otherStore.get(key)));
      for (Object[] e : entries) {
        inputRows.add(i);
        candidates.add(e);
      }
    }
    boolean[] inputMatched = new boolean[n];
    if (!candidates.isEmpty()) {
      List<Object[]> pairs = new ArrayList<>(candidates.size());
      for (int p = 0; p < candidates.size(); p++) {
        Object[] inRow = input.row(inputRows.get(p));
        Object[] otherRow = (Object[]) candidates.get(p)[0];
        pairs.add(inputIsLeft ? concat(inRow, otherRow) : concat(otherRow, inRow));
      }
      boolean[] pass = evaluate(pairs);
      java.util.Set<Object[]> newlyMatched = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
      List<Object[]> touchedKeys = new ArrayList<>();
      boolean semi = joinType == JoinType.LEFT_SEMI;
      for (int p = 0; p < pairs.size(); p++) {
        if (pass[p]) {
          Object[] e = candidates.get(p);
          int row = inputRows.get(p);
          if (!semi) {
            out.add(pairs.get(p));
          } else if (inputIsLeft) {
            // A new left row matching a stored right row: emit the left row once.
            if (!inputMatched[row]) {
              out.add(input.row(row));
            }
          } else if (!(Boolean) e[1] && !newlyMatched.contains(e)) {
            // A new right row matching a stored left row that has not been emitted yet.
            out.add((Object[]) e[0]);
          }
          inputMatched[row] = true;
          if (!(Boolean) e[1] && newlyMatched.add(e)) {
            touchedKeys.add(keyOf[row]);
          }
        }
      }
      // Stored entries are never changed in place (the committed version may share them): the
      // entries that matched for the first time are replaced by copies with the flag set.
      java.util.Set<StateKey> done = new java.util.HashSet<>();
      for (Object[] key : touchedKeys) {
        StateKey k = new StateKey(key);
        if (!done.add(k)) {
          continue;
        }
        List<Object[]> entries = storedOfKey.get(k);
        List<Object[]> copy = new ArrayList<>(entries.size());
        for (Object[] e : entries) {
          copy.add(newlyMatched.contains(e) ? entry((Object[]) e[0], true) : e);
        }
        otherStore.put(key, new Object[] {copy});
      }
    }
    for (int i = 0; i < n; i++) {
      Object[] key = keyOf[i];
      Object[] stored = own.get(key);
      List<Object[]> list = new ArrayList<>();
      if (stored != null) {
        @SuppressWarnings("unchecked")
        List<Object[]> prev = (List<Object[]>) stored[0];
        list.addAll(prev);
      }
      list.add(entry(input.row(i), inputMatched[i]));
      own.put(key, new Object[] {list});
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Object[]> entriesOf(Object[] stored) {
    return stored == null ? List.of() : (List<Object[]>) stored[0];
  }

  private boolean[] evaluate(List<Object[]> pairs) {
    boolean[] pass = new boolean[pairs.size()];
    if (boundCondition == null) {
      java.util.Arrays.fill(pass, true);
      return pass;
    }
    List<DataType> types = new ArrayList<>(left.outputTypes());
    types.addAll(right.outputTypes());
    ColumnBatch b = ColumnBatch.fromRows(types, pairs);
    BooleanVector v = (BooleanVector) boundCondition.eval(b);
    for (int i = 0; i < pass.length; i++) {
      pass[i] = !v.isNull(i) && v.getBoolean(i);
    }
    return pass;
  }

  /** Removes stored rows that can no longer match; emits unmatched ones of a preserved side. */
  private void evict(Side side, StateStore store, boolean isLeft, List<Object[]> out) {
    boolean byKey = keyWatermarkOrdinal >= 0;
    if (!byKey && (side.bound == null || side.timeOrdinal < 0)) {
      return;
    }
    long stateWatermark = byKey ? info.watermarkForEvictionMicros() : info.watermarkForEvictionMicros() + side.bound;
    List<Object[]> emptied = new ArrayList<>();
    List<Object[][]> rewritten = new ArrayList<>();
    Iterator<Map.Entry<Object[], Object[]>> it = store.iterator();
    while (it.hasNext()) {
      Map.Entry<Object[], Object[]> e = it.next();
      @SuppressWarnings("unchecked")
      List<Object[]> list = (List<Object[]>) e.getValue()[0];
      List<Object[]> keep = new ArrayList<>();
      // Spark's key predicate (the key's time, or its window's end) or value predicate (the row's time).
      Object keyTime = byKey ? e.getKey()[keyWatermarkOrdinal] : null;
      for (Object[] entry : list) {
        Object[] row = (Object[]) entry[0];
        Object t = byKey ? keyTime : row[side.timeOrdinal];
        if (t != null && StatefulAggregateExec.keyTime(t) <= stateWatermark) {
          removed.incrementAndGet();
          if (side.preserved && !(Boolean) entry[1] && joinType != JoinType.LEFT_SEMI) {
            out.add(isLeft ? concat(row, new Object[right.output().size()])
                : concat(new Object[left.output().size()], row));
          }
        } else {
          keep.add(entry);
        }
      }
      if (keep.size() != list.size()) {
        if (keep.isEmpty()) {
          emptied.add(e.getKey());
        } else {
          rewritten.add(new Object[][] {e.getKey(), new Object[] {keep}});
        }
      }
    }
    emptied.forEach(store::remove);
    for (Object[][] kv : rewritten) {
      store.put(kv[0], kv[1]);
    }
  }

  private static long countRows(StateStore s) {
    long n = 0;
    Iterator<Map.Entry<Object[], Object[]>> it = s.iterator();
    while (it.hasNext()) {
      n += ((List<?>) it.next().getValue()[0]).size();
    }
    return n;
  }

  private static Object[] concat(Object[] a, Object[] b) {
    Object[] out = new Object[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Override
  public String stateSchema() {
    return "streamStreamJoin " + joinType.display() + " keys=" + leftSide.keys.stream().map(Evaluator::dataType)
        .toList() + " left=" + left.outputTypes() + " right=" + right.outputTypes();
  }

  @Override
  public void commitState() {
    leftSide.stores.commit();
    rightSide.stores.commit();
  }

  @Override
  public void abortState() {
    leftSide.stores.abort();
    rightSide.stores.abort();
  }

  @Override
  public boolean shouldRunAnotherBatch(long newWatermarkMicros) {
    return (leftSide.bound != null || rightSide.bound != null || keyWatermarkOrdinal >= 0)
        && info.shift(newWatermarkMicros) > info.watermarkForEvictionMicros();
  }

  @Override
  public StateOperatorProgress progress() {
    StateStoreAccess.Totals t = StateStoreAccess.sum(leftSide.stores, rightSide.stores);
    return new StateOperatorProgress("symmetricHashJoin", total.get(), t.numUpdated(), 0, removed.get(), 0,
        t.commitTimeMs(), t.memoryBytes(), dropped.get(), numPartitions(), t.instances(), Map.of());
  }

  /**
   * Partition i of each side holds the keys of state partition i: both sides hashed by their keys into
   * the state partitions, never merged, so matching rows meet in one task.
   */
  @Override
  public List<Distribution> requiredChildDistribution() {
    return List.of(Distribution.stateful(leftKeys, numStatePartitions),
        Distribution.stateful(rightKeys, numStatePartitions));
  }

  @Override
  public PhysicalPlan withNewChildren(List<PhysicalPlan> c) {
    return new StreamStreamJoinExec(operatorId, joinType, leftKeys, rightKeys, condition, leftTime, rightTime,
        leftSide.bound, rightSide.bound, keyWatermarkOrdinal, numStatePartitions, c.get(0), c.get(1), output, info);
  }

  @Override
  public String simpleString() {
    return "StreamingSymmetricHashJoin " + joinType.display() + " (op=" + operatorId + ", leftBound=" + leftSide.bound
        + ", rightBound=" + rightSide.bound + (condition == null ? "" : ", condition=" + condition) + ")";
  }
}
