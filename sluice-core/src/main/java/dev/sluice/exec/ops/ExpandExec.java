package dev.sluice.exec.ops;

import dev.sluice.exec.eval.Evaluator;
import dev.sluice.exec.eval.ExpressionCompiler;
import dev.sluice.exec.ExecContext;
import dev.sluice.exec.PhysicalPlan;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Expression;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;
import java.util.Iterator;
import java.util.List;

/** One output batch per projection for every input batch (see {@link dev.sluice.plan.logical.Expand}). */
public final class ExpandExec extends PhysicalPlan {
  private final List<List<Evaluator>> bound;
  private final List<AttributeReference> output;
  private final PhysicalPlan child;

  public ExpandExec(List<List<Expression>> projections, List<AttributeReference> output, PhysicalPlan child) {
    this.output = output;
    this.child = child;
    this.bound = projections.stream().map(p -> ExpressionCompiler.bindAll(p, child.output())).toList();
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

  /** Lazily: each input batch is held only while its projections are produced, one output batch at a time. */
  @Override
  public Iterator<ColumnBatch> execute(int partition, ExecContext ctx) {
    Iterator<ColumnBatch> in = child.execute(partition, ctx);
    return new Iterator<>() {
      private ColumnBatch current;
      private int next = bound.size();

      @Override
      public boolean hasNext() {
        while (next == bound.size()) {
          if (!in.hasNext()) {
            current = null;
            return false;
          }
          current = in.next();
          next = 0;
        }
        return true;
      }

      @Override
      public ColumnBatch next() {
        if (!hasNext()) {
          throw new java.util.NoSuchElementException();
        }
        List<Evaluator> p = bound.get(next++);
        ColumnVector[] cols = new ColumnVector[p.size()];
        for (int i = 0; i < cols.length; i++) {
          cols[i] = p.get(i).eval(current);
        }
        return new ColumnBatch(cols, current.numRows());
      }
    };
  }

  @Override
  public String simpleString() {
    return "Expand " + bound.size() + " projections";
  }
}
