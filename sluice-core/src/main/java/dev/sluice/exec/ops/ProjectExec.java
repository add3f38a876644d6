package dev.sluice.exec.ops;

import dev.sluice.exec.eval.Evaluator;
import dev.sluice.exec.eval.ExpressionCompiler;
import dev.sluice.exec.ExecContext;
import dev.sluice.exec.Partitioning;
import dev.sluice.exec.PhysicalPlan;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Expression;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;
import dev.sluice.plan.expr.SortOrder;
import java.util.Iterator;
import java.util.List;

/** Computes the select list for every batch: one vectorized evaluation per output column. */
public final class ProjectExec extends PhysicalPlan {
  private final List<Expression> projectList;
  private final List<Evaluator> bound;
  private final List<AttributeReference> output;
  private final PhysicalPlan child;

  public ProjectExec(List<Expression> projectList, List<AttributeReference> output, PhysicalPlan child) {
    this.projectList = projectList;
    this.output = output;
    this.child = child;
    this.bound = ExpressionCompiler.bindAll(projectList, child.output());
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
    return Batches.map(child.execute(partition, ctx), this::project);
  }

  ColumnBatch project(ColumnBatch in) {
    ColumnVector[] cols = new ColumnVector[bound.size()];
    for (int i = 0; i < cols.length; i++) {
      cols[i] = bound.get(i).eval(in);
    }
    return new ColumnBatch(cols, in.numRows());
  }

  @Override
  public Partitioning outputPartitioning() {
    return childPartitioning(child);
  }

  /** Rows keep their order; a key the projection renames ({@code a + 1 AS x}) carries over to the new name. */
  @Override
  public List<SortOrder> outputOrdering() {
    return dev.sluice.exec.Orderings.throughProjection(child.outputOrdering(), projectList, output);
  }

  @Override
  public String simpleString() {
    return "Project " + projectList;
  }
}
