package dev.sluice.plan.expr;

import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.types.StructType;
import java.util.List;

/**
 * {@code window_time(window)}: the event time of a window, {@code window.end - 1 microsecond}, as in
 * Spark. It keeps the event-time watermark of the window column, so windows can be chained.
 */
public final class WindowTime extends Expression {
  private final Expression window;

  public WindowTime(Expression window) {
    this.window = window;
  }

  public Expression window() {
    return window;
  }

  @Override
  public List<Expression> children() {
    return List.of(window);
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    return new WindowTime(c.get(0));
  }

  @Override
  public DataType dataType() {
    return DataTypes.TimestampType;
  }

  @Override
  public String checkInputTypes() {
    DataType t = window.dataType();
    if (t instanceof StructType st && st.size() == 2 && st.indexOf("end") == 1
        && st.field(1).dataType() == DataTypes.TimestampType) {
      return null;
    }
    return "window_time needs a window column (struct<start: timestamp, end: timestamp>), got " + t.sql();
  }


  @Override
  public String sql() {
    return "window_time(" + window.sql() + ")";
  }
}
