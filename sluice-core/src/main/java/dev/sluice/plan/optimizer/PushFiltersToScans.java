package dev.sluice.plan.optimizer;

import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.Predicates;
import dev.sluice.plan.logical.DataSourceRelation;
import dev.sluice.plan.logical.Filter;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.StreamingRelation;
import dev.sluice.plan.logical.SubqueryAlias;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands the deterministic conjuncts of a filter right above a connector read (batch or stream,
 * through aliases) to the read, so the connector may skip data with them: Parquet row groups,
 * partition folders, files. The filter stays and still runs on every row read, so a connector may use
 * any subset of them; which ones it can use is the execution layer's translation. One rule for batch
 * and streaming reads, run after the operator optimizations have moved filters down.
 */
public final class PushFiltersToScans implements Rule {
  @Override
  public LogicalPlan apply(LogicalPlan plan) {
    return plan.transformUp(p -> {
      if (!(p instanceof Filter f)) {
        return null;
      }
      List<Expression> pushed = new ArrayList<>();
      for (Expression c : Predicates.conjuncts(f.condition())) {
        if (c.deterministic()) {
          pushed.add(c);
        }
      }
      LogicalPlan child = withPushed(f.child(), pushed);
      return child == f.child() ? null : f.withNewChildren(List.of(child));
    });
  }

  private static LogicalPlan withPushed(LogicalPlan p, List<Expression> pushed) {
    if (p instanceof SubqueryAlias sa) {
      LogicalPlan c = withPushed(sa.child(), pushed);
      return c == sa.child() ? sa : sa.withNewChildren(List.of(c));
    }
    if (p instanceof DataSourceRelation r) {
      return r.pushedFilters().equals(pushed) ? r : r.withPushedFilters(pushed);
    }
    if (p instanceof StreamingRelation r) {
      return r.pushedFilters().equals(pushed) ? r : r.withPushedFilters(pushed);
    }
    return p;
  }
}
