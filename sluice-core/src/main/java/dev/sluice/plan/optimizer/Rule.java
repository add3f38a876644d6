package dev.sluice.plan.optimizer;

import dev.sluice.plan.logical.LogicalPlan;

/** One rewrite of a logical plan that keeps its meaning. Rules are stateless. */
public interface Rule {
  /** Stable name, used in {@code sluice.sql.optimizer.excludedRules} and in traces. */
  default String name() {
    return getClass().getSimpleName();
  }

  LogicalPlan apply(LogicalPlan plan);
}
