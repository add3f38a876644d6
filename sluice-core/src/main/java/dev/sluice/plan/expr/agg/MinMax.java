package dev.sluice.plan.expr.agg;

import dev.sluice.plan.expr.Expression;
import dev.sluice.types.DataType;
import dev.sluice.types.ValueOrdering;
import java.util.List;

/** {@code min(x)} / {@code max(x)} over any orderable type; NULLs are ignored. */
public final class MinMax extends AggregateFunction {
  private final Expression child;
  private final boolean isMax;

  public MinMax(Expression child, boolean isMax) {
    this.child = child;
    this.isMax = isMax;
  }

  public Expression child() {
    return child;
  }

  public boolean isMax() {
    return isMax;
  }

  @Override
  public String name() {
    return isMax ? "max" : "min";
  }

  @Override
  public List<Expression> children() {
    return List.of(child);
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    return new MinMax(c.get(0), isMax);
  }

  @Override
  protected List<Object> args() {
    return List.of(isMax);
  }

  @Override
  public String checkInputTypes() {
    return ValueOrdering.isOrderable(child.dataType()) ? null
        : name() + " requires an orderable argument, but " + child.sql() + " is " + child.dataType().sql();
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
    return List.of(child.dataType());
  }
}
