package dev.sluice.plan.expr;

import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.types.StructType;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;
import dev.sluice.vector.LongVector;
import dev.sluice.vector.StructVector;
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
  public ColumnVector eval(ColumnBatch batch) {
    StructVector w = (StructVector) window.eval(batch);
    LongVector end = (LongVector) w.child(1);
    int n = batch.numRows();
    long[] out = new long[n];
    boolean[] nulls = null;
    for (int i = 0; i < n; i++) {
      if (w.isNull(i) || end.isNull(i)) {
        if (nulls == null) {
          nulls = new boolean[n];
        }
        nulls[i] = true;
      } else {
        out[i] = end.getLong(i) - 1;
      }
    }
    return new LongVector(DataTypes.TimestampType, out, n, nulls);
  }

  @Override
  public String sql() {
    return "window_time(" + window.sql() + ")";
  }
}
