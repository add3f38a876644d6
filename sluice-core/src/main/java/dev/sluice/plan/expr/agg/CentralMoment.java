package dev.sluice.plan.expr.agg;

import dev.sluice.plan.expr.Expression;
import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import java.util.List;

/**
 * The variance family: {@code var_samp}, {@code var_pop}, {@code stddev_samp}, {@code stddev_pop}
 * over double input (the analyzer casts numbers to double). All are DOUBLE and NULL for a group
 * without non-NULL input; the sample versions are also NULL for a single value (Spark's default,
 * {@code spark.sql.legacy.statisticalAggregate=false}), the population versions 0.0.
 *
 * <p>The buffer is Spark's: the count {@code n}, the mean and {@code m2}, the sum of squared
 * deviations from the mean, all doubles; updates and merges are Welford's and Chan's formulas.
 */
public final class CentralMoment extends AggregateFunction {
  /** Which statistic of (n, mean, m2) the result is. */
  public enum Kind {
    VAR_SAMP("var_samp", true, false),
    VAR_POP("var_pop", false, false),
    STDDEV_SAMP("stddev_samp", true, true),
    STDDEV_POP("stddev_pop", false, true);

    private final String sqlName;
    private final boolean sample;
    private final boolean sqrt;

    Kind(String sqlName, boolean sample, boolean sqrt) {
      this.sqlName = sqlName;
      this.sample = sample;
      this.sqrt = sqrt;
    }

    public String sqlName() {
      return sqlName;
    }

    /** Divides m2 by n - 1 (and is NULL for n = 1) rather than by n. */
    public boolean sample() {
      return sample;
    }

    /** The square root of the variance. */
    public boolean sqrt() {
      return sqrt;
    }
  }

  private final Expression child;
  private final Kind kind;
  private final String prettyName;

  public CentralMoment(Expression child, Kind kind) {
    this(child, kind, kind.sqlName());
  }

  /** @param prettyName the name the function was called by ({@code std}, {@code variance}, ...) */
  public CentralMoment(Expression child, Kind kind, String prettyName) {
    this.child = child;
    this.kind = kind;
    this.prettyName = prettyName;
  }

  public Expression child() {
    return child;
  }

  public Kind kind() {
    return kind;
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
    return new CentralMoment(c.get(0), kind, prettyName);
  }

  @Override
  protected List<Object> args() {
    return List.of(kind, prettyName);
  }

  @Override
  public String checkInputTypes() {
    DataType t = child.dataType();
    if (t.isNumeric() || t == DataTypes.NullType) {
      return null;
    }
    return prettyName + " requires a numeric argument, but " + child.sql() + " is " + t.sql();
  }

  @Override
  public DataType dataType() {
    return DataTypes.DoubleType;
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public List<DataType> bufferTypes() {
    return List.of(DataTypes.DoubleType, DataTypes.DoubleType, DataTypes.DoubleType);
  }
}
