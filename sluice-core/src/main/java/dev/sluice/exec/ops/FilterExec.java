package dev.sluice.exec.ops;

import dev.sluice.exec.eval.Evaluator;
import dev.sluice.exec.eval.ExpressionCompiler;
import dev.sluice.exec.ExecContext;
import dev.sluice.exec.Partitioning;
import dev.sluice.exec.PhysicalPlan;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Expression;
import dev.sluice.vector.BooleanVector;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.plan.expr.SortOrder;
import java.util.Iterator;
import java.util.List;

/** Keeps the rows whose condition is TRUE: evaluates the predicate vector, then gathers the selected rows. */
public final class FilterExec extends PhysicalPlan {
  private final Expression condition;
  private final Evaluator bound;
  private final PhysicalPlan child;

  public FilterExec(Expression condition, PhysicalPlan child) {
    this.condition = condition;
    this.child = child;
    this.bound = ExpressionCompiler.bind(condition, child.output());
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
    return Batches.map(child.execute(partition, ctx), b -> filter(b, bound));
  }

  /** The rows of {@code in} where {@code predicate} is TRUE. */
  public static ColumnBatch filter(ColumnBatch in, Evaluator predicate) {
    BooleanVector v = (BooleanVector) predicate.eval(in);
    int n = in.numRows();
    boolean[] vals = v.values();
    boolean[] nulls = v.nulls();
    int[] idx = new int[n];
    int count = 0;
    if (nulls == null) {
      for (int i = 0; i < n; i++) {
        if (vals[i]) {
          idx[count++] = i;
        }
      }
    } else {
      for (int i = 0; i < n; i++) {
        if (vals[i] && !nulls[i]) {
          idx[count++] = i;
        }
      }
    }
    if (count == n) {
      return in;
    }
    return in.gather(idx, count);
  }

  @Override
  public Partitioning outputPartitioning() {
    return childPartitioning(child);
  }

  /** Filtering keeps the surviving rows in their order. */
  @Override
  public List<SortOrder> outputOrdering() {
    return childOrdering(child);
  }

  @Override
  public String simpleString() {
    return "Filter " + condition;
  }
}
