package dev.sluice.plan.optimizer;

import dev.sluice.plan.expr.Alias;
import dev.sluice.plan.expr.ConstantEvaluation;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.Literal;
import dev.sluice.plan.expr.SortOrder;
import dev.sluice.plan.logical.LogicalPlan;

/** Replaces constant sub-expressions ({@code 1 + 2}, {@code upper('a')}) by their value. */
public final class ConstantFolding implements Rule {
  private final ConstantEvaluation constants;

  public ConstantFolding(ConstantEvaluation constants) {
    this.constants = constants;
  }

  @Override
  public LogicalPlan apply(LogicalPlan plan) {
    return plan.transformUp(p -> p.mapExpressions(e -> e.transformDown(this::fold)));
  }

  private Expression fold(Expression e) {
    if (e instanceof Literal || e instanceof Alias || e instanceof SortOrder || !e.foldable()) {
      return null;
    }
    try {
      return constants.fold(e);
    } catch (RuntimeException ex) {
      // An expression that fails (1/0 under ANSI) stays as it is and fails when the query runs.
      return null;
    }
  }
}
