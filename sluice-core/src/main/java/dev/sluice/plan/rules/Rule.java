package dev.sluice.plan.rules;

import dev.sluice.plan.logical.LogicalPlan;

/**
 * One rewrite of a logical plan, run by a {@link RuleExecutor} as part of a named {@link Batch}.
 * Rules are stateless. A rule that has nothing to do returns its input (the same instance or an
 * equal plan); the executor decides from that whether the plan changed.
 */
public interface Rule {
  /** Stable name, used in {@code sluice.sql.optimizer.excludedRules}, in timings and in error messages. */
  default String name() {
    return getClass().getSimpleName();
  }

  LogicalPlan apply(LogicalPlan plan);
}
