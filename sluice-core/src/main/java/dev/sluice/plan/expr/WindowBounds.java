package dev.sluice.plan.expr;

import dev.sluice.types.DataType;
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
  /** The window length, in microseconds. */
  public long window() {
    return window;
  }

  /** The slide between window starts, in microseconds. */
  public long slide() {
    return slide;
  }

  /** The start offset, in microseconds. */
  public long offset() {
    return offset;
  }

  /** Which of the overlapping windows containing a time this is (0 = the latest). */
  public int index() {
    return index;
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
  public String sql() {
    return "window(" + time.sql() + ")";
  }
}
