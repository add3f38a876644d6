package dev.sluice.plan.expr.agg;

import dev.sluice.plan.expr.Expression;
import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import java.util.List;

/**
 * {@code first(x[, ignoreNulls])} / {@code last(x[, ignoreNulls])}: the first or last value in
 * arrival order. Not deterministic across partitions, as in Spark.
 */
public final class FirstLast extends AggregateFunction {
  private final Expression child;
  private final boolean isLast;
  private final boolean ignoreNulls;

  public FirstLast(Expression child, boolean isLast, boolean ignoreNulls) {
    this.child = child;
    this.isLast = isLast;
    this.ignoreNulls = ignoreNulls;
  }

  public Expression child() {
    return child;
  }

  /** {@code last} rather than {@code first}. */
  public boolean isLast() {
    return isLast;
  }

  /** Whether NULL inputs are passed over instead of taken as a value. */
  public boolean ignoreNulls() {
    return ignoreNulls;
  }

  @Override
  public String name() {
    return isLast ? "last" : "first";
  }

  @Override
  public List<Expression> children() {
    return List.of(child);
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    return new FirstLast(c.get(0), isLast, ignoreNulls);
  }

  @Override
  protected List<Object> args() {
    return List.of(isLast, ignoreNulls);
  }

  @Override
  public boolean orderIndependent() {
    return false;
  }

  @Override
  public DataType dataType() {
    return child.dataType();
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public List<DataType> bufferTypes() {
    return List.of(child.dataType(), DataTypes.BooleanType);
  }
}
