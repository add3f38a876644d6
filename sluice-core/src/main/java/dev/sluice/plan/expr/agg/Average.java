package dev.sluice.plan.expr.agg;

import dev.sluice.plan.expr.Expression;
import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.types.DecimalType;
import java.util.List;

/**
 * {@code avg(x)}: double for int/bigint/double input, decimal(p+4,s+4) for decimal input; NULL for no rows.
 * {@code try_avg(x)} is the same but NULL when a decimal sum overflows its type, decimal(p+10,s)
 * (a double average cannot overflow).
 */
public final class Average extends AggregateFunction {
  private final Expression child;
  private final boolean tryMode;

  public Average(Expression child) {
    this(child, false);
  }

  public Average(Expression child, boolean tryMode) {
    this.child = child;
    this.tryMode = tryMode;
  }

  /** Whether an overflowing sum gives NULL ({@code try_avg}). */
  public boolean tryMode() {
    return tryMode;
  }

  public Expression child() {
    return child;
  }

  @Override
  public String name() {
    return tryMode ? "try_avg" : "avg";
  }

  @Override
  public List<Expression> children() {
    return List.of(child);
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    return new Average(c.get(0), tryMode);
  }

  @Override
  protected List<Object> args() {
    return List.of(tryMode);
  }

  @Override
  public String checkInputTypes() {
    DataType t = child.dataType();
    if (t.isNumeric() || t == DataTypes.NullType) {
      return null;
    }
    return name() + " requires a numeric argument, but " + child.sql() + " is " + t.sql();
  }

  @Override
  public DataType dataType() {
    if (child.dataType() instanceof DecimalType d) {
      return DecimalType.bounded(d.precision() + 4, d.scale() + 4);
    }
    return DataTypes.DoubleType;
  }

  @Override
  public boolean nullable() {
    return true;
  }

  private DataType sumType() {
    if (child.dataType() instanceof DecimalType d) {
      return DecimalType.bounded(d.precision() + 10, d.scale());
    }
    return DataTypes.DoubleType;
  }

  @Override
  public List<DataType> bufferTypes() {
    return List.of(sumType(), DataTypes.LongType);
  }
}
