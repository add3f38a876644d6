package dev.sluice.plan.expr;

import dev.sluice.types.DataType;
import java.util.List;

/**
 * A row's own session: {@code struct(ts, ts + gap)}; NULL when the time or the gap is NULL or the gap
 * is not positive (Spark drops such rows from session windows). The gap is an interval or a
 * duration string like '10 seconds'.
 */
public final class SessionBounds extends Expression {
  private final Expression time;
  private final Expression gap;

  public SessionBounds(Expression time, Expression gap) {
    this.time = time;
    this.gap = gap;
  }

  public Expression time() {
    return time;
  }
  /** The gap duration (an interval or its text). */
  public Expression gap() {
    return gap;
  }


  @Override
  public List<Expression> children() {
    return List.of(time, gap);
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    return new SessionBounds(c.get(0), c.get(1));
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
    return "session_window(" + time.sql() + ", " + gap.sql() + ")";
  }
}
