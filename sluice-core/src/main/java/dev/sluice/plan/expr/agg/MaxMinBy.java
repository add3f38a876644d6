package dev.sluice.plan.expr.agg;

import dev.sluice.plan.expr.Expression;
import dev.sluice.types.DataType;
import dev.sluice.types.ValueOrdering;
import java.util.List;

/** {@code max_by(value, ordering)} / {@code min_by(value, ordering)}: the value of the row with the extreme ordering. */
public final class MaxMinBy extends AggregateFunction {
  private final Expression value;
  private final Expression ordering;
  private final boolean isMax;

  public MaxMinBy(Expression value, Expression ordering, boolean isMax) {
    this.value = value;
    this.ordering = ordering;
    this.isMax = isMax;
  }

  /** The expression whose value is returned. */
  public Expression value() {
    return value;
  }

  /** The expression whose extreme picks the row. */
  public Expression ordering() {
    return ordering;
  }

  /** {@code max_by} rather than {@code min_by}. */
  public boolean isMax() {
    return isMax;
  }

  @Override
  public String name() {
    return isMax ? "max_by" : "min_by";
  }

  @Override
  public List<Expression> children() {
    return List.of(value, ordering);
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    return new MaxMinBy(c.get(0), c.get(1), isMax);
  }

  @Override
  protected List<Object> args() {
    return List.of(isMax);
  }

  @Override
  public String checkInputTypes() {
    return ValueOrdering.isOrderable(ordering.dataType()) ? null
        : name() + " requires an orderable ordering argument, but " + ordering.sql() + " is "
            + ordering.dataType().sql();
  }

  @Override
  public DataType dataType() {
    return value.dataType();
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public List<DataType> bufferTypes() {
    return List.of(value.dataType(), ordering.dataType());
  }
}
