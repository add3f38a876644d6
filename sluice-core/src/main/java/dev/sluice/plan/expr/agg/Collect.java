package dev.sluice.plan.expr.agg;

import dev.sluice.plan.expr.Expression;
import dev.sluice.types.ArrayType;
import dev.sluice.types.DataType;
import dev.sluice.types.MapType;
import java.util.List;

/**
 * {@code collect_list(x)} / {@code collect_set(x)}: the non-NULL values of a group as an array
 * (without duplicates for the set), an empty array for a group without any. The buffer is that
 * array, so partial results, shuffle rows and state store values are arrays of the input type.
 * The element order follows arrival order and is therefore not deterministic across a shuffle.
 */
public final class Collect extends AggregateFunction {
  private final Expression child;
  private final boolean isSet;
  private final String prettyName;

  public Collect(Expression child, boolean isSet) {
    this(child, isSet, isSet ? "collect_set" : "collect_list");
  }

  /** @param prettyName the name the function was called by ({@code array_agg} is collect_list) */
  public Collect(Expression child, boolean isSet, String prettyName) {
    this.child = child;
    this.isSet = isSet;
    this.prettyName = prettyName;
  }

  public Expression child() {
    return child;
  }

  public boolean isSet() {
    return isSet;
  }

  @Override
  public String name() {
    return prettyName;
  }

  @Override
  public List<Expression> children() {
    return List.of(child);
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    return new Collect(c.get(0), isSet, prettyName);
  }

  @Override
  protected List<Object> args() {
    return List.of(isSet, prettyName);
  }

  @Override
  public String checkInputTypes() {
    if (isSet && child.dataType() instanceof MapType) {
      return "collect_set() cannot have map type data, but " + child.sql() + " is " + child.dataType().sql();
    }
    return null;
  }

  @Override
  public DataType dataType() {
    return new ArrayType(child.dataType(), false);
  }

  @Override
  public boolean nullable() {
    return false;
  }

  @Override
  public boolean orderIndependent() {
    return false;
  }

  @Override
  public List<DataType> bufferTypes() {
    return List.of(dataType());
  }
}
