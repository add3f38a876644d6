package dev.sluice.exec.ops;

import dev.sluice.exec.eval.Evaluator;
import dev.sluice.exec.eval.ExpressionCompiler;
import dev.sluice.exec.Distribution;
import dev.sluice.exec.ExecContext;
import dev.sluice.exec.Partitioning;
import dev.sluice.exec.PhysicalPlan;
import dev.sluice.exec.hash.GroupTable;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Expression;
import dev.sluice.types.DataTypes;
import dev.sluice.types.StructType;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;
import dev.sluice.vector.LongVector;
import dev.sluice.vector.StructVector;
import java.util.Iterator;
import java.util.List;

/**
 * Merges per-row sessions (input partitioned by the other grouping keys): within each key, rows whose
 * sessions overlap or touch form one session spanning them all, and every row's session column is
 * replaced by its merged session, so a normal aggregation by (keys, session) follows.
 */
public final class SessionMergeExec extends PhysicalPlan {
  private final List<Expression> keys;
  private final List<Evaluator> boundKeys;
  private final AttributeReference session;
  private final int sessionOrdinal;
  private final PhysicalPlan child;

  public SessionMergeExec(List<Expression> keys, AttributeReference session, PhysicalPlan child) {
    this.keys = keys;
    this.child = child;
    this.boundKeys = ExpressionCompiler.bindAll(keys, child.output());
    this.session = session;
    this.sessionOrdinal = child.output().indexOf(session);
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

  /** Row-index order by (key group, session start), and the merged session bounds per row. */
  public static long[][] merge(int[] group, long[] start, long[] end, int n) {
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    SortExec.mergeSort(idx, new int[n], 0, n, (a, b) -> {
      int c = Integer.compare(group[a], group[b]);
      return c != 0 ? c : Long.compare(start[a], start[b]);
    });
    long[] mergedStart = new long[n];
    long[] mergedEnd = new long[n];
    int i = 0;
    while (i < n) {
      int j = i;
      long s = start[idx[i]];
      long e = end[idx[i]];
      while (j + 1 < n && group[idx[j + 1]] == group[idx[i]] && start[idx[j + 1]] <= e) {
        j++;
        e = Math.max(e, end[idx[j]]);
      }
      for (int k = i; k <= j; k++) {
        mergedStart[idx[k]] = s;
        mergedEnd[idx[k]] = e;
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
    int[] group = new int[n];
    new GroupTable(boundKeys.stream().map(Evaluator::dataType).toList()).findOrInsert(k, n, group);
    StructVector sessions = (StructVector) all.column(sessionOrdinal);
    long[] start = ((LongVector) sessions.child(0)).values();
    long[] end = ((LongVector) sessions.child(1)).values();
    long[][] merged = merge(group, start, end, n);
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

  @Override
  public Partitioning outputPartitioning() {
    return childPartitioning(child);
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
