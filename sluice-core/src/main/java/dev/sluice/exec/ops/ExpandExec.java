package dev.sluice.exec.ops;

import dev.sluice.exec.eval.Evaluator;
import dev.sluice.exec.eval.ExpressionCompiler;
import dev.sluice.exec.ExecContext;
import dev.sluice.exec.PhysicalPlan;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Expression;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;
import java.util.ArrayList;
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

  @Override
  public Iterator<ColumnBatch> execute(int partition, ExecContext ctx) {
    Iterator<ColumnBatch> in = child.execute(partition, ctx);
    List<ColumnBatch> out = new ArrayList<>();
    while (in.hasNext()) {
      ColumnBatch b = in.next();
      for (List<Evaluator> p : bound) {
        ColumnVector[] cols = new ColumnVector[p.size()];
        for (int i = 0; i < cols.length; i++) {
          cols[i] = p.get(i).eval(b);
        }
        out.add(new ColumnBatch(cols, b.numRows()));
      }
    }
    return out.iterator();
  }

  @Override
  public String simpleString() {
    return "Expand " + bound.size() + " projections";
  }
}
