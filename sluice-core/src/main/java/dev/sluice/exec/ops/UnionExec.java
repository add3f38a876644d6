package dev.sluice.exec.ops;

import dev.sluice.exec.ExecContext;
import dev.sluice.exec.PhysicalPlan;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.vector.ColumnBatch;
import java.util.Iterator;
import java.util.List;

/** UNION ALL: the partitions of all children, one after another. */
public final class UnionExec extends PhysicalPlan {
  private final List<PhysicalPlan> children;
  private final List<AttributeReference> output;

  public UnionExec(List<PhysicalPlan> children, List<AttributeReference> output) {
    this.children = children;
    this.output = output;
  }

  @Override
  public List<PhysicalPlan> children() {
    return children;
  }

  @Override
  public List<AttributeReference> output() {
    return output;
  }

  @Override
  public int numPartitions() {
    int n = 0;
    for (PhysicalPlan c : children) {
      n += c.numPartitions();
    }
    return n;
  }

  @Override
  public Iterator<ColumnBatch> execute(int partition, ExecContext ctx) {
    int p = partition;
    for (PhysicalPlan c : children) {
      if (p < c.numPartitions()) {
        return c.execute(p, ctx);
      }
      p -= c.numPartitions();
    }
    throw new IndexOutOfBoundsException("partition " + partition);
  }
}
