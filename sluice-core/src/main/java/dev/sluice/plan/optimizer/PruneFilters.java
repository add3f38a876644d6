package dev.sluice.plan.optimizer;

import dev.sluice.plan.expr.Literal;
import dev.sluice.plan.logical.Filter;
import dev.sluice.plan.logical.LogicalPlan;

/** Removes filters whose condition is the constant TRUE. */
public final class PruneFilters implements Rule {
  @Override
  public LogicalPlan apply(LogicalPlan plan) {
    return plan.transformUp(p -> {
      if (p instanceof Filter f && f.condition() instanceof Literal l && Boolean.TRUE.equals(l.value())) {
        return f.child();
      }
      return null;
    });
  }
}
