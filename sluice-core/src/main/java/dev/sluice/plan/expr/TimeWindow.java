package dev.sluice.plan.expr;

import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.types.StructType;
import java.util.List;

/**
 * {@code window(timeColumn, windowDuration[, slideDuration[, startTime]])} as written in a GROUP BY
 * (or select list). The analyzer replaces it with a {@code window} column computed below the
 * aggregation (one row per window a row falls in, for sliding windows); it is never evaluated as is.
 */
public final class TimeWindow extends Expression {
  public static final StructType TYPE = new StructType()
      .add("start", DataTypes.TimestampType, true)
      .add("end", DataTypes.TimestampType, true);

  private final Expression timeColumn;
  private final long windowMicros;
  private final long slideMicros;
  private final long startMicros;

  public TimeWindow(Expression timeColumn, long windowMicros, long slideMicros, long startMicros) {
    this.timeColumn = timeColumn;
    this.windowMicros = windowMicros;
    this.slideMicros = slideMicros;
    this.startMicros = startMicros;
  }

  public Expression timeColumn() {
    return timeColumn;
  }

  public long windowMicros() {
    return windowMicros;
  }

  public long slideMicros() {
    return slideMicros;
  }

  public long startMicros() {
    return startMicros;
  }

  /** How many windows one row can fall in. */
  public int maxOverlapping() {
    return (int) ((windowMicros + slideMicros - 1) / slideMicros);
  }

  @Override
  public List<Expression> children() {
    return List.of(timeColumn);
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    return new TimeWindow(c.get(0), windowMicros, slideMicros, startMicros);
  }

  @Override
  protected List<Object> args() {
    return List.of(windowMicros, slideMicros, startMicros);
  }

  @Override
  public DataType dataType() {
    return TYPE;
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public String sql() {
    return "window(" + timeColumn.sql() + ", " + windowMicros + ", " + slideMicros + ", " + startMicros + ")";
  }
}
