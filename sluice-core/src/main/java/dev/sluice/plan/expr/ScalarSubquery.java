package dev.sluice.plan.expr;

import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.types.DataType;
import java.util.List;

/** {@code (SELECT x ...)} used as a value: the single column of at most one row, NULL when there is none. */
public final class ScalarSubquery extends SubqueryExpression {
  public ScalarSubquery(LogicalPlan plan) {
    super(plan);
  }

  @Override
  public ScalarSubquery withPlan(LogicalPlan p) {
    return new ScalarSubquery(p);
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
    return plan.output().get(0).dataType();
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public String checkInputTypes() {
    return plan.output().size() == 1 ? null
        : "a scalar subquery must return one column, but it returns " + plan.output().size();
  }

  @Override
  public String sql() {
    return "scalarsubquery" + outerSql();
  }
}
