package dev.sluice.plan.optimizer;

import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Project;

/** Removes a projection that returns exactly its child's columns in the same order. */
public final class RemoveNoopProject implements Rule {
  @Override
  public LogicalPlan apply(LogicalPlan plan) {
    return plan.transformUp(p -> {
      if (p instanceof Project pr && pr.projectList().equals(pr.child().output())
          && namesEqual(pr, pr.child())) {
        return pr.child();
      }
      return null;
    });
  }

  private static boolean namesEqual(LogicalPlan a, LogicalPlan b) {
    var x = a.output();
    var y = b.output();
    for (int i = 0; i < x.size(); i++) {
      if (!x.get(i).name().equals(y.get(i).name())) {
        return false;
      }
    }
    return true;
  }
}
