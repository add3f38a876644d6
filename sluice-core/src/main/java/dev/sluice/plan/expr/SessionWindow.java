package dev.sluice.plan.expr;

import dev.sluice.types.DataType;
import java.util.List;

/**
 * {@code session_window(timeColumn, gap)} in a GROUP BY: rows of a key whose gaps overlap form one
 * session {@code [first event, last event + gap)}. The gap may be a constant or an expression per
 * row. The analyzer replaces it with a per-row {@code session_window} column that the aggregation
 * merges into sessions; it is never evaluated as is.
 */
public final class SessionWindow extends Expression {
  private final Expression timeColumn;
  private final Expression gap;

  public SessionWindow(Expression timeColumn, Expression gap) {
    this.timeColumn = timeColumn;
    this.gap = gap;
  }

  public Expression timeColumn() {
    return timeColumn;
  }

  public Expression gap() {
    return gap;
  }

  @Override
  public List<Expression> children() {
    return List.of(timeColumn, gap);
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    return new SessionWindow(c.get(0), c.get(1));
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
    return "session_window(" + timeColumn.sql() + ", " + gap.sql() + ")";
  }
}
