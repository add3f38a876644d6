package dev.sluice.exec.ops;

import dev.sluice.exec.eval.Evaluator;
import dev.sluice.exec.eval.ExpressionCompiler;
import dev.sluice.exec.Distribution;
import dev.sluice.exec.Orderings;
import dev.sluice.exec.ExecContext;
import dev.sluice.exec.Partitioning;
import dev.sluice.exec.PhysicalPlan;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.SortOrder;
import dev.sluice.types.DataTypes;
import dev.sluice.types.StructType;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;
import dev.sluice.vector.LongVector;
import dev.sluice.vector.StructVector;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Merges per-row sessions (input partitioned by the other grouping keys, and sorted by them and the
 * session within each task: it asks for both, and EnsureRequirements adds what the input lacks):
 * within each key, rows whose sessions overlap or touch form one session spanning them all, and every
 * row's session column is replaced by its merged session, so a normal aggregation by (keys, session)
 * follows.
 */
public final class SessionMergeExec extends PhysicalPlan {
  private final List<Expression> keys;
  private final List<Evaluator> boundKeys;
  private final AttributeReference session;
  private final int sessionOrdinal;
  private final PhysicalPlan child;
  /** False for map-typed keys, which are grouped by hash instead of sorted (see KeyRuns). */
  private final boolean sortableKeys;

  public SessionMergeExec(List<Expression> keys, AttributeReference session, PhysicalPlan child) {
    this.keys = keys;
    this.child = child;
    this.boundKeys = ExpressionCompiler.bindAll(keys, child.output());
    this.session = session;
    this.sessionOrdinal = child.output().indexOf(session);
    this.sortableKeys = KeyRuns.sortable(keys);
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

  /**
   * The merged session bounds per row, for rows sorted by (key, session start): {@code key[i]} numbers
   * the key of row i, equal for a run of rows with equal keys.
   */
  static long[][] mergeSorted(int[] key, long[] start, long[] end, int n) {
    long[] mergedStart = new long[n];
    long[] mergedEnd = new long[n];
    int i = 0;
    while (i < n) {
      int j = i;
      long s = start[i];
      long e = end[i];
      while (j + 1 < n && key[j + 1] == key[i] && start[j + 1] <= e) {
        j++;
        e = Math.max(e, end[j]);
      }
      for (int k = i; k <= j; k++) {
        mergedStart[k] = s;
        mergedEnd[k] = e;
      }
      i = j + 1;
    }
    return new long[][] {mergedStart, mergedEnd};
  }

  @Override
  public Iterator<ColumnBatch> execute(int partition, ExecContext ctx) {
    ColumnBatch all = Batches.concatAll(child.outputTypes(), child.execute(partition, ctx));
    int n = all.numRows();
    if (n == 0) {
      return Batches.empty();
    }
    ColumnVector[] k = new ColumnVector[boundKeys.size()];
    for (int i = 0; i < k.length; i++) {
      k[i] = boundKeys.get(i).eval(all);
    }
    int[] key;
    if (sortableKeys) {
      key = KeyRuns.ofSorted(k, n);
    } else {
      key = new int[n];
      all = all.gather(KeyRuns.gather(k, boundKeys.stream().map(Evaluator::dataType).toList(), n, key), n);
    }
    StructVector sessions = (StructVector) all.column(sessionOrdinal);
    long[] start = ((LongVector) sessions.child(0)).values();
    long[] end = ((LongVector) sessions.child(1)).values();
    long[][] merged = mergeSorted(key, start, end, n);
    ColumnVector[] cols = all.columns();
    cols[sessionOrdinal] = new StructVector((StructType) sessions.type(), new ColumnVector[] {
        new LongVector(DataTypes.TimestampType, merged[0], n, null),
        new LongVector(DataTypes.TimestampType, merged[1], n, null)}, n, null);
    return List.of(new ColumnBatch(cols, n)).iterator();
  }

  /** The sessions of one key are merged in one task. */
  @Override
  public List<Distribution> requiredChildDistribution() {
    return List.of(Distribution.clustered(keys));
  }

  /**
   * Each task's rows sorted by the keys, then by session (start, then end): the sessions of a key in
   * start order, which is the order merging walks them in.
   */
  @Override
  public List<List<SortOrder>> requiredChildOrdering() {
    List<SortOrder> o = new ArrayList<>(sortableKeys ? Orderings.ascending(keys) : List.of());
    o.add(SortOrder.asc(session));
    return List.of(o);
  }

  @Override
  public Partitioning outputPartitioning() {
    return childPartitioning(child);
  }

  /** The rows keep their order, but only the part of it before the session column, whose values change. */
  @Override
  public List<SortOrder> outputOrdering() {
    if (!sortableKeys) {
      return List.of();
    }
    List<SortOrder> in = childOrdering(child);
    int keep = 0;
    while (keep < in.size() && !in.get(keep).child().references().contains(session)) {
      keep++;
    }
    return List.copyOf(in.subList(0, keep));
  }

  @Override
  public PhysicalPlan withNewChildren(List<PhysicalPlan> c) {
    return new SessionMergeExec(keys, session, c.get(0));
  }

  @Override
  public String simpleString() {
    return "MergeSessions keys=" + keys;
  }
}
