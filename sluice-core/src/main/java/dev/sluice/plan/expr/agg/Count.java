package dev.sluice.plan.expr.agg;

import dev.sluice.plan.expr.Expression;
import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import java.util.List;

/** {@code count(*)} (no children) or {@code count(a, b, ...)}: rows where every argument is non-NULL. */
public final class Count extends AggregateFunction {
  private final List<Expression> arguments;

  public Count(List<Expression> arguments) {
    this.arguments = List.copyOf(arguments);
  }

  @Override
  public String name() {
    return "count";
  }

  @Override
  public List<Expression> children() {
    return arguments;
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    return new Count(c);
  }

  @Override
  public DataType dataType() {
    return DataTypes.LongType;
  }

  @Override
  public boolean nullable() {
    return false;
  }

  @Override
  public List<DataType> bufferTypes() {
    return List.of(DataTypes.LongType);
  }

  @Override
  public String sql() {
    return arguments.isEmpty() ? "count(1)" : super.sql();
  }
}
