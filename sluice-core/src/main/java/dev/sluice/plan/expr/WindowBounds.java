package dev.sluice.plan.expr;

import dev.sluice.types.DataType;
import dev.sluice.types.StructType;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;
import dev.sluice.vector.LongVector;
import dev.sluice.vector.StructVector;
import java.util.List;

/**
 * The {@code index}-th time window containing each row's timestamp, counting back from the latest
 * window start at or before it: {@code struct(start, end)}, or NULL when the timestamp is NULL or
 * the window does not contain it (a row is in {@code ceil(window / slide)} sliding windows at most).
 * Starts are aligned to {@code startTime} modulo the slide, as Spark aligns them.
 */
public final class WindowBounds extends Expression {
  private final Expression time;
  private final long window;
  private final long slide;
  private final long offset;
  private final int index;

  public WindowBounds(Expression time, long window, long slide, long offset, int index) {
    this.time = time;
    this.window = window;
    this.slide = slide;
    this.offset = offset;
    this.index = index;
  }

  public Expression time() {
    return time;
  }

  @Override
  public List<Expression> children() {
    return List.of(time);
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    return new WindowBounds(c.get(0), window, slide, offset, index);
  }

  @Override
  protected List<Object> args() {
    return List.of(window, slide, offset, index);
  }

  @Override
  public DataType dataType() {
    return TimeWindow.TYPE;
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public ColumnVector eval(ColumnBatch batch) {
    LongVector ts = (LongVector) time.eval(batch);
    int n = batch.numRows();
    long[] t = ts.values();
    long[] start = new long[n];
    long[] end = new long[n];
    boolean[] nulls = null;
    for (int i = 0; i < n; i++) {
      if (ts.isNull(i)) {
        nulls = mark(nulls, i, n);
        continue;
      }
      long lastStart = t[i] - Math.floorMod(t[i] - offset, slide);
      long s = lastStart - (long) index * slide;
      long e = s + window;
      if (t[i] >= e) {
        nulls = mark(nulls, i, n);
        continue;
      }
      start[i] = s;
      end[i] = e;
    }
    ColumnVector[] children = {
        new LongVector(dev.sluice.types.DataTypes.TimestampType, start, n, null),
        new LongVector(dev.sluice.types.DataTypes.TimestampType, end, n, null)};
    return new StructVector((StructType) dataType(), children, n, nulls);
  }

  private static boolean[] mark(boolean[] nulls, int i, int n) {
    boolean[] out = nulls == null ? new boolean[n] : nulls;
    out[i] = true;
    return out;
  }

  @Override
  public String sql() {
    return "window(" + time.sql() + ")";
  }
}
