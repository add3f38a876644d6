package dev.sluice.exec.ops;

import dev.sluice.exec.ExecContext;
import dev.sluice.exec.Partitioning;
import dev.sluice.exec.PhysicalPlan;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.vector.ColumnBatch;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Collects all partitions of its child once, so every task of the stage above can read all rows. */
public final class BroadcastExec extends PhysicalPlan {
  private final PhysicalPlan child;
  private ColumnBatch data;

  public BroadcastExec(PhysicalPlan child) {
    this.child = child;
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
    return 1;
  }

  @Override
  public void prepare(ExecContext ctx) {
    List<List<ColumnBatch>> parts = ctx.runTasks(child.numPartitions(), p -> Batches.drain(child.execute(p, ctx)));
    List<ColumnBatch> all = new ArrayList<>();
    parts.forEach(all::addAll);
    data = ColumnBatch.concat(outputTypes(), all);
  }

  /** All rows of the child. */
  public ColumnBatch data() {
    if (data == null) {
      throw new IllegalStateException("Broadcast read before it was prepared");
    }
    return data;
  }

  @Override
  public Iterator<ColumnBatch> execute(int partition, ExecContext ctx) {
    return data().numRows() == 0 ? Batches.empty() : List.of(data()).iterator();
  }

  @Override
  public Partitioning outputPartitioning() {
    return new Partitioning.Broadcasted();
  }
}
