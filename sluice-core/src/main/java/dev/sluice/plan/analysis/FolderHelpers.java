package dev.sluice.plan.analysis;

import dev.sluice.plan.expr.Expression;

/** Small predicates on expressions shared by the analyzer and optimizer rules. */
public final class FolderHelpers {
  private FolderHelpers() {}

  public static boolean containsAggregate(Expression e) {
    return Analyzer.containsAggregate(e);
  }
}
