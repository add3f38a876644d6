package dev.sluice.plan.expr;

import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.types.DateTimeUtil;
import java.util.List;

/**
 * {@code current_timestamp()} / {@code current_date()}. The planner replaces it with a literal of
 * the query's (or micro-batch's) start time, so every row of one execution sees the same value.
 */
public final class CurrentTime extends LeafExpression {
  private final boolean date;

  public CurrentTime(boolean date) {
    this.date = date;
  }

  public boolean isDate() {
    return date;
  }

  @Override
  public DataType dataType() {
    return date ? DataTypes.DateType : DataTypes.TimestampType;
  }

  @Override
  public boolean nullable() {
    return false;
  }

  /** The literal for a given time in micros. */
  public Literal at(long micros) {
    if (date) {
      return new Literal((int) Math.floorDiv(micros, DateTimeUtil.MICROS_PER_DAY), DataTypes.DateType);
    }
    return new Literal(micros, DataTypes.TimestampType);
  }


  @Override
  protected List<Object> args() {
    return List.of(date);
  }

  @Override
  public String sql() {
    return date ? "current_date()" : "current_timestamp()";
  }
}
