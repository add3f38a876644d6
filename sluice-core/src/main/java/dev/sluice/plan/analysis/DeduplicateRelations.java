package dev.sluice.plan.analysis;

import dev.sluice.plan.expr.ExprId;
import dev.sluice.plan.logical.FreshIds;
import dev.sluice.plan.logical.Join;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.SetOperation;
import java.util.List;
import java.util.Set;

/**
 * A self-join, or EXCEPT / INTERSECT of a relation with itself, reads columns with the same
 * expression ids on both sides; the right side gets new ids so that references (and the join
 * condition) can tell the sides apart. The rules that resolve joins and set operations wait until
 * this one has run ({@link #conflicting}).
 */
final class DeduplicateRelations extends ResolutionRule {
  @Override
  protected LogicalPlan resolve(LogicalPlan p) {
    if (!(p instanceof Join || p instanceof SetOperation)) {
      return null;
    }
    LogicalPlan left = p.children().get(0);
    LogicalPlan right = p.children().get(1);
    LogicalPlan renamed = dedupRight(left, right);
    return renamed == right ? null : p.withNewChildren(List.of(left, renamed));
  }

  /** Whether the two sides still share expression ids. */
  static boolean conflicting(LogicalPlan left, LogicalPlan right) {
    return !conflictingIds(left, right).isEmpty();
  }

  private static Set<ExprId> conflictingIds(LogicalPlan left, LogicalPlan right) {
    return FreshIds.conflicting(left, right);
  }

  /** Gives the right side of a self-join new attribute ids so both sides can be told apart. */
  static LogicalPlan dedupRight(LogicalPlan left, LogicalPlan right) {
    return FreshIds.dedupRight(left, right);
  }
}
