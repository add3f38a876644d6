package dev.sluice.plan.expr;

import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import java.util.List;

/** {@code EXISTS (SELECT ...)}: TRUE when the query returns a row, else FALSE (never NULL). */
public final class Exists extends SubqueryExpression {
  public Exists(LogicalPlan plan) {
    super(plan);
  }

  @Override
  public Exists withPlan(LogicalPlan p) {
    return new Exists(p);
  }

  @Override
  public List<Expression> children() {
    return List.of();
  }

  @Override
  public Expression withNewChildren(List<Expression> newChildren) {
    return this;
  }

  @Override
  public DataType dataType() {
    return DataTypes.BooleanType;
  }

  @Override
  public boolean nullable() {
    return false;
  }

  @Override
  public String sql() {
    return "exists" + outerSql();
  }
}
