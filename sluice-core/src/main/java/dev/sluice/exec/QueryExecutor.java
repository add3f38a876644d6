package dev.sluice.exec;

import dev.sluice.exec.ops.Batches;
import dev.sluice.vector.ColumnBatch;
import java.util.List;

/**
 * Runs a physical plan: prepares stage boundaries bottom-up (each shuffle materializes its input
 * with one task per input partition), then runs the final stage's partitions in parallel.
 */
public final class QueryExecutor {
  private QueryExecutor() {}

  /** The output of every partition of the plan, in partition order. */
  public static List<List<ColumnBatch>> execute(PhysicalPlan plan, ExecContext ctx) {
    prepare(plan, ctx);
    return ctx.runTasks(plan.numPartitions(), p -> Batches.drain(plan.execute(p, ctx)));
  }

  public static void prepare(PhysicalPlan plan, ExecContext ctx) {
    for (PhysicalPlan c : plan.children()) {
      prepare(c, ctx);
    }
    plan.prepare(ctx);
  }
}
