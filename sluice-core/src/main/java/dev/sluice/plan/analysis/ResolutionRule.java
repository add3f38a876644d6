package dev.sluice.plan.analysis;

import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.rules.Rule;
import java.util.ArrayList;
import java.util.List;

/**
 * An analyzer rule that resolves operators bottom-up: subtrees that are already resolved are left
 * alone, and a node is handed to {@link #resolve} only once all its children are resolved, so it
 * resolves against their final output and an unknown name can be reported at once.
 */
abstract class ResolutionRule implements Rule {
  @Override
  public final LogicalPlan apply(LogicalPlan plan) {
    return resolveUp(plan);
  }

  private LogicalPlan resolveUp(LogicalPlan plan) {
    if (plan.resolved()) {
      return plan;
    }
    LogicalPlan self = plan;
    List<LogicalPlan> cs = plan.children();
    if (!cs.isEmpty()) {
      List<LogicalPlan> nc = new ArrayList<>(cs.size());
      boolean changed = false;
      for (LogicalPlan c : cs) {
        LogicalPlan n = resolveUp(c);
        changed |= n != c;
        nc.add(n);
      }
      if (changed) {
        self = plan.withNewChildren(nc);
      }
    }
    if (!self.childrenResolved()) {
      return self;
    }
    LogicalPlan r = resolve(self);
    return r == null ? self : r;
  }

  /** Resolves one node whose children are resolved, or returns {@code null} when the node is not this rule's. */
  protected abstract LogicalPlan resolve(LogicalPlan node);
}
