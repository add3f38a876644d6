package dev.sluice.plan.logical;

import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Expression;
import java.util.List;
import java.util.function.Function;

/** {@code WHERE condition}: keeps rows for which the condition is TRUE (not FALSE, not NULL). */
public final class Filter extends UnaryNode {
  private final Expression condition;

  public Filter(Expression condition, LogicalPlan child) {
    super(child);
    this.condition = condition;
  }

  public Expression condition() {
    return condition;
  }

  @Override
  public List<AttributeReference> output() {
    return child.output();
  }

  @Override
  public List<Expression> expressions() {
    return List.of(condition);
  }

  @Override
  public LogicalPlan mapExpressions(Function<Expression, Expression> f) {
    return new Filter(f.apply(condition), child);
  }

  @Override
  public LogicalPlan withChild(LogicalPlan c) {
    return new Filter(condition, c);
  }
}
