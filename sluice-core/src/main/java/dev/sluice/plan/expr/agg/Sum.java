package dev.sluice.plan.expr.agg;

import dev.sluice.plan.expr.EvalMode;
import dev.sluice.plan.expr.Expression;
import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.types.DecimalType;
import java.util.List;

/**
 * {@code sum(x)}: int and bigint sum to bigint (overflow raises under ANSI), double to double,
 * decimal(p,s) to decimal(p+10,s). NULL when no input row is non-NULL.
 */
public final class Sum extends AggregateFunction {
  private final Expression child;
  private final EvalMode mode;

  public Sum(Expression child, EvalMode mode) {
    this.child = child;
    this.mode = mode;
  }

  public Expression child() {
    return child;
  }

  /**
   * How overflow is handled: ANSI raises on bigint and decimal overflow; LEGACY and TRY carry on
   * (a bigint sum wraps around, a decimal sum keeps the value that no longer fits).
   */
  public EvalMode mode() {
    return mode;
  }

  @Override
  public String name() {
    return mode == EvalMode.TRY ? "try_sum" : "sum";
  }

  @Override
  public List<Expression> children() {
    return List.of(child);
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    return new Sum(c.get(0), mode);
  }

  @Override
  protected List<Object> args() {
    return List.of(mode);
  }

  @Override
  public String checkInputTypes() {
    DataType t = child.dataType();
    if (t == DataTypes.IntegerType || t == DataTypes.LongType || t == DataTypes.DoubleType
        || t instanceof DecimalType || t == DataTypes.DayTimeIntervalType || t == DataTypes.NullType) {
      return null;
    }
    return "sum requires a numeric argument, but " + child.sql() + " is " + t.sql();
  }

  @Override
  public DataType dataType() {
    return resultType(child.dataType());
  }

  static DataType resultType(DataType t) {
    if (t instanceof DecimalType d) {
      return DecimalType.bounded(d.precision() + 10, d.scale());
    }
    if (t == DataTypes.DoubleType) {
      return DataTypes.DoubleType;
    }
    if (t == DataTypes.DayTimeIntervalType) {
      return t;
    }
    return DataTypes.LongType;
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public List<DataType> bufferTypes() {
    return List.of(dataType());
  }
}
