package dev.sluice.plan.optimizer;

import dev.sluice.plan.expr.Logic;
import dev.sluice.plan.logical.Filter;
import dev.sluice.plan.logical.LogicalPlan;

/** Merges adjacent filters: {@code Filter(a, Filter(b, x)) → Filter(b AND a, x)} (the inner condition first). */
public final class CombineFilters implements Rule {
  @Override
  public LogicalPlan apply(LogicalPlan plan) {
    return plan.transformUp(p -> {
      if (p instanceof Filter outer && outer.child() instanceof Filter inner
          && outer.condition().deterministic() && inner.condition().deterministic()) {
        return new Filter(Logic.and(inner.condition(), outer.condition()), inner.child());
      }
      return null;
    });
  }
}
