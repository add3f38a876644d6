package dev.sluice.plan.expr.agg;

import dev.sluice.plan.expr.Expression;
import dev.sluice.types.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * An aggregate function call in a query: the function, whether it is {@code DISTINCT}, and an
 * optional {@code FILTER (WHERE ...)} condition.
 */
public final class AggregateExpression extends Expression {
  private final AggregateFunction function;
  private final boolean distinct;
  private final Expression filter;

  public AggregateExpression(AggregateFunction function, boolean distinct, Expression filter) {
    this.function = function;
    this.distinct = distinct;
    this.filter = filter;
  }

  public AggregateFunction function() {
    return function;
  }

  public boolean isDistinct() {
    return distinct;
  }

  public Expression filter() {
    return filter;
  }

  @Override
  public List<Expression> children() {
    List<Expression> c = new ArrayList<>(2);
    c.add(function);
    if (filter != null) {
      c.add(filter);
    }
    return c;
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    return new AggregateExpression((AggregateFunction) c.get(0), distinct, c.size() > 1 ? c.get(1) : null);
  }

  @Override
  protected List<Object> args() {
    return List.of(distinct, filter != null);
  }

  @Override
  public DataType dataType() {
    return function.dataType();
  }

  @Override
  public boolean nullable() {
    return function.nullable();
  }

  @Override
  public String sql() {
    String s = function.sql();
    if (distinct && !(function instanceof DistinctAggregate)) { // that one writes its own DISTINCT
      s = function.name() + "(DISTINCT " + s.substring(function.name().length() + 1);
    }
    if (filter != null) {
      s += " FILTER (WHERE " + filter.sql() + ")";
    }
    return s;
  }
}
