package dev.sluice.exec.ops;

import dev.sluice.exec.eval.Evaluator;
import dev.sluice.exec.eval.ExpressionCompiler;
import dev.sluice.exec.Distribution;
import dev.sluice.exec.ExecContext;
import dev.sluice.exec.Partitioning;
import dev.sluice.exec.PhysicalPlan;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.vector.VectorOrdering;
import dev.sluice.plan.expr.SortOrder;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;
import java.util.Iterator;
import java.util.List;

/**
 * Sorts each partition: evaluates the sort keys as vectors, sorts row indices with a stable merge sort,
 * then gathers. A global sort ({@code ORDER BY}) asks for all rows in one partition, so it runs after a
 * single-partition exchange; a local one sorts partitions where they are, for an operator above that
 * needs sorted input ({@link PhysicalPlan#requiredChildOrdering()}, inserted by EnsureRequirements).
 */
public final class SortExec extends PhysicalPlan {
  private final List<SortOrder> order;
  private final boolean global;
  private final List<Evaluator> boundKeys;
  private final PhysicalPlan child;

  /** A global sort: a total order over all rows of the child. */
  public SortExec(List<SortOrder> order, PhysicalPlan child) {
    this(order, true, child);
  }

  private SortExec(List<SortOrder> order, boolean global, PhysicalPlan child) {
    this.order = List.copyOf(order);
    this.global = global;
    this.child = child;
    this.boundKeys = ExpressionCompiler.bindAll(this.order.stream().map(SortOrder::child).toList(), child.output());
  }

  /** A sort of each partition of the child on its own (Spark's {@code SortExec(global = false)}). */
  public static SortExec local(List<SortOrder> order, PhysicalPlan child) {
    return new SortExec(order, false, child);
  }

  public List<SortOrder> order() {
    return order;
  }

  public boolean global() {
    return global;
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
    ColumnBatch all = Batches.concatAll(outputTypes(), child.execute(partition, ctx));
    if (all.numRows() == 0) {
      return Batches.empty();
    }
    return List.of(sort(all)).iterator();
  }

  ColumnBatch sort(ColumnBatch all) {
    int n = all.numRows();
    ColumnVector[] keys = new ColumnVector[boundKeys.size()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = boundKeys.get(i).eval(all);
    }
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    IntComparator cmp = (a, b) -> {
      for (int k = 0; k < keys.length; k++) {
        SortOrder o = order.get(k);
        ColumnVector v = keys[k];
        boolean an = v.isNull(a);
        boolean bn = v.isNull(b);
        int c;
        if (an || bn) {
          if (an && bn) {
            continue;
          }
          c = an == o.nullsFirst() ? -1 : 1;
          return c;
        }
        c = VectorOrdering.compareRows(v, a, v, b);
        if (c != 0) {
          return o.ascending() ? c : -c;
        }
      }
      return 0;
    };
    mergeSort(idx, new int[n], 0, n, cmp);
    return all.gather(idx, n);
  }

  /** Compares two row indices. */
  @FunctionalInterface
  public interface IntComparator {
    int compare(int a, int b);
  }

  /** Stable merge sort of {@code a[from, to)}. */
  public static void mergeSort(int[] a, int[] tmp, int from, int to, IntComparator cmp) {
    if (to - from <= 16) {
      for (int i = from + 1; i < to; i++) {
        int x = a[i];
        int j = i - 1;
        while (j >= from && cmp.compare(a[j], x) > 0) {
          a[j + 1] = a[j];
          j--;
        }
        a[j + 1] = x;
      }
      return;
    }
    int mid = (from + to) >>> 1;
    mergeSort(a, tmp, from, mid, cmp);
    mergeSort(a, tmp, mid, to, cmp);
    if (cmp.compare(a[mid - 1], a[mid]) <= 0) {
      return;
    }
    System.arraycopy(a, from, tmp, from, to - from);
    int i = from;
    int j = mid;
    int k = from;
    while (i < mid && j < to) {
      a[k++] = cmp.compare(tmp[j], tmp[i]) < 0 ? tmp[j++] : tmp[i++];
    }
    while (i < mid) {
      a[k++] = tmp[i++];
    }
    while (j < to) {
      a[k++] = tmp[j++];
    }
  }

  /** A global sort: every row in one partition; a local one takes the partitions as they are. */
  @Override
  public List<Distribution> requiredChildDistribution() {
    return List.of(global ? Distribution.ALL_TUPLES : Distribution.UNSPECIFIED);
  }

  @Override
  public Partitioning outputPartitioning() {
    return childPartitioning(child);
  }

  @Override
  public List<SortOrder> outputOrdering() {
    return order;
  }

  @Override
  public PhysicalPlan withNewChildren(List<PhysicalPlan> c) {
    return new SortExec(order, global, c.get(0));
  }

  @Override
  public String simpleString() {
    return "Sort " + order + (global ? "" : " within partitions");
  }
}
