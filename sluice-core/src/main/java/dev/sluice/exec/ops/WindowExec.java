package dev.sluice.exec.ops;

import dev.sluice.exec.eval.Evaluator;
import dev.sluice.exec.eval.ExpressionCompiler;
import dev.sluice.exec.Distribution;
import dev.sluice.exec.Orderings;
import dev.sluice.exec.ExecContext;
import dev.sluice.exec.Partitioning;
import dev.sluice.exec.PhysicalPlan;
import dev.sluice.plan.expr.Alias;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.vector.VectorOrdering;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.SortOrder;
import dev.sluice.plan.expr.WindowExpression;
import dev.sluice.types.DataType;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;
import dev.sluice.vector.VectorBuilder;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Window functions of one window specification over input already partitioned by the PARTITION BY
 * keys and sorted by (PARTITION BY, ORDER BY) within each task (it asks for both, and EnsureRequirements
 * adds the shuffle and the sort only where the input lacks them): each window partition is then a run
 * of rows with equal partition keys, along which every function is computed, appending one column per
 * function.
 */
public final class WindowExec extends PhysicalPlan {
  private final List<Alias> windowExpressions;
  private final List<Expression> partitionKeys;
  private final List<Evaluator> partitionBy;
  private final List<SortOrder> orderBy;
  private final List<Evaluator> orderKeys;
  private final List<AttributeReference> output;
  private final PhysicalPlan child;
  /** False for map-typed PARTITION BY keys, which are grouped by hash instead of sorted (see KeyRuns). */
  private final boolean sortableKeys;

  public WindowExec(List<Alias> windowExpressions, List<Expression> partitionBy, List<SortOrder> orderBy,
      List<AttributeReference> output, PhysicalPlan child) {
    this.windowExpressions = windowExpressions;
    this.partitionKeys = partitionBy;
    this.partitionBy = ExpressionCompiler.bindAll(partitionBy, child.output());
    this.orderBy = orderBy;
    this.orderKeys = ExpressionCompiler.bindAll(orderBy.stream().map(SortOrder::child).toList(), child.output());
    this.output = output;
    this.child = child;
    this.sortableKeys = KeyRuns.sortable(partitionBy);
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

  @Override
  public Iterator<ColumnBatch> execute(int partition, ExecContext ctx) {
    ColumnBatch sorted = Batches.concatAll(child.outputTypes(), child.execute(partition, ctx));
    int n = sorted.numRows();
    if (n == 0) {
      return Batches.empty();
    }
    ColumnVector[] pk = new ColumnVector[partitionBy.size()];
    for (int i = 0; i < pk.length; i++) {
      pk[i] = partitionBy.get(i).eval(sorted);
    }
    // Window partition ids, equal along each window partition's run of rows.
    int[] g;
    if (sortableKeys) {
      g = KeyRuns.ofSorted(pk, n);
    } else {
      g = new int[n];
      sorted = sorted.gather(KeyRuns.gather(pk, partitionBy.stream().map(Evaluator::dataType).toList(), n, g), n);
    }
    ColumnVector[] ok = new ColumnVector[orderBy.size()];
    for (int i = 0; i < ok.length; i++) {
      ok[i] = orderKeys.get(i).eval(sorted);
    }
    ColumnVector[] cols = new ColumnVector[sorted.numColumns() + windowExpressions.size()];
    for (int c = 0; c < sorted.numColumns(); c++) {
      cols[c] = sorted.column(c);
    }
    for (int w = 0; w < windowExpressions.size(); w++) {
      WindowExpression we = (WindowExpression) windowExpressions.get(w).child();
      cols[sorted.numColumns() + w] = compute(we, sorted, g, ok, n);
    }
    return List.of(new ColumnBatch(cols, n)).iterator();
  }

  private int compareOrder(ColumnVector[] ok, int a, int b) {
    for (int k = 0; k < ok.length; k++) {
      SortOrder o = orderBy.get(k);
      boolean an = ok[k].isNull(a);
      boolean bn = ok[k].isNull(b);
      if (an || bn) {
        if (an && bn) {
          continue;
        }
        return an == o.nullsFirst() ? -1 : 1;
      }
      int c = VectorOrdering.compareRows(ok[k], a, ok[k], b);
      if (c != 0) {
        return o.ascending() ? c : -c;
      }
    }
    return 0;
  }

  private ColumnVector compute(WindowExpression we, ColumnBatch rows, int[] g, ColumnVector[] ok, int n) {
    DataType t = we.dataType();
    VectorBuilder out = VectorBuilder.create(t, n);
    int start = 0;
    while (start < n) {
      int end = start;
      while (end < n && g[end] == g[start]) {
        end++;
      }
      computePartition(we, rows, ok, start, end, out);
      start = end;
    }
    return out.build();
  }

  private boolean peers(ColumnVector[] ok, int a, int b) {
    return compareOrder(ok, a, b) == 0;
  }

  private void computePartition(WindowExpression we, ColumnBatch rows, ColumnVector[] ok, int from, int to,
      VectorBuilder out) {
    int size = to - from;
    switch (we.kind()) {
      case ROW_NUMBER -> {
        for (int i = 0; i < size; i++) {
          out.append(i + 1);
        }
      }
      case RANK, DENSE_RANK, PERCENT_RANK, CUME_DIST -> {
        int rank = 0;
        int dense = 0;
        for (int i = from; i < to; i++) {
          if (i == from || !peers(ok, i - 1, i)) {
            rank = i - from + 1;
            dense++;
          }
          switch (we.kind()) {
            case RANK -> out.append(rank);
            case DENSE_RANK -> out.append(dense);
            case PERCENT_RANK -> out.append(size <= 1 ? 0.0 : (rank - 1) / (double) (size - 1));
            default -> {
              int last = i;
              while (last + 1 < to && peers(ok, last, last + 1)) {
                last++;
              }
              out.append((last - from + 1) / (double) size);
            }
          }
        }
      }
      case NTILE -> {
        int buckets = (Integer) ExpressionCompiler.constantValue(we.arguments().get(0));
        int base = size / buckets;
        int extra = size % buckets;
        int row = 0;
        for (int b = 1; b <= buckets && row < size; b++) {
          int count = base + (b <= extra ? 1 : 0);
          for (int k = 0; k < count && row < size; k++, row++) {
            out.append(b);
          }
        }
      }
      case LAG, LEAD -> {
        ColumnBatch part = rows.slice(from, size);
        Evaluator input = ExpressionCompiler.bind(we.arguments().get(0), child.output());
        ColumnVector v = input.eval(part);
        int offset = (Integer) ExpressionCompiler.constantValue(we.arguments().get(1));
        Object dflt = ExpressionCompiler.constantValue(we.arguments().get(2));
        int shift = we.kind() == WindowExpression.Kind.LAG ? -offset : offset;
        for (int i = 0; i < size; i++) {
          int j = i + shift;
          out.append(j >= 0 && j < size ? v.get(j) : dflt);
        }
      }
      case NTH_VALUE -> {
        ColumnVector v = ExpressionCompiler.bind(we.arguments().get(0), child.output()).eval(rows.slice(from, size));
        int nth = (Integer) ExpressionCompiler.constantValue(we.arguments().get(1));
        boolean ignoreNulls = (Boolean) ExpressionCompiler.constantValue(we.arguments().get(2));
        int[][] frames = frames(we, ok, from, size);
        WindowFrames.nthValue(v, nth, ignoreNulls, size, frames[0], frames[1], out);
      }
      case AGGREGATE -> {
        ColumnBatch part = rows.slice(from, size);
        List<Evaluator> inputs = ExpressionCompiler.bindAll(we.aggregate().inputs(), child.output());
        ColumnVector[] vs = new ColumnVector[inputs.size()];
        for (int k = 0; k < vs.length; k++) {
          vs[k] = inputs.get(k).eval(part);
        }
        int[][] frames = frames(we, ok, from, size);
        WindowFrames.aggregate(we.aggregate(), vs, size, frames[0], frames[1], out);
      }
      default -> throw new IllegalStateException(we.kind().toString());
    }
  }

  /** The first and last row of every row's frame in the partition of {@code size} rows at {@code from}. */
  private int[][] frames(WindowExpression we, ColumnVector[] ok, int from, int size) {
    int[] peerStart = new int[size];
    int[] peerEnd = new int[size];
    for (int i = 0; i < size; i++) {
      peerStart[i] = i > 0 && peers(ok, from + i - 1, from + i) ? peerStart[i - 1] : i;
    }
    for (int i = size - 1; i >= 0; i--) {
      peerEnd[i] = i < size - 1 && peers(ok, from + i, from + i + 1) ? peerEnd[i + 1] : i;
    }
    int[] lo = new int[size];
    int[] hi = new int[size];
    WindowFrames.bounds(we.frame(), from, size, peerStart, peerEnd, ok.length == 1 ? ok[0] : null,
        orderBy.isEmpty() ? null : orderBy.get(0), lo, hi);
    return new int[][] {lo, hi};
  }

  /** Each window partition's rows in one task; without PARTITION BY, all rows. */
  @Override
  public List<Distribution> requiredChildDistribution() {
    return List.of(Distribution.clustered(partitionKeys));
  }

  /**
   * Each task's rows sorted by the partition keys (ascending, NULLs first, as Spark), then ORDER BY;
   * keys that cannot be sorted are left out, and their rows brought together in {@link #execute}.
   */
  @Override
  public List<List<SortOrder>> requiredChildOrdering() {
    List<SortOrder> o = new ArrayList<>(sortableKeys ? Orderings.ascending(partitionKeys) : List.of());
    o.addAll(orderBy);
    return List.of(o);
  }

  @Override
  public Partitioning outputPartitioning() {
    return childPartitioning(child);
  }

  /** The input rows in their order, each with its window values appended (regrouped for unsortable keys). */
  @Override
  public List<SortOrder> outputOrdering() {
    return sortableKeys ? childOrdering(child) : List.of();
  }

  @Override
  public PhysicalPlan withNewChildren(List<PhysicalPlan> c) {
    return new WindowExec(windowExpressions, partitionKeys, orderBy, output, c.get(0));
  }

  @Override
  public String simpleString() {
    return "Window " + windowExpressions + " partitionBy=" + partitionBy + " orderBy=" + orderBy;
  }

  static List<Expression> none() {
    return new ArrayList<>();
  }
}
