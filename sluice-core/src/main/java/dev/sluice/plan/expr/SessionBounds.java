package dev.sluice.plan.expr;

import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.types.DateTimeUtil;
import dev.sluice.types.StructType;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;
import dev.sluice.vector.LongVector;
import dev.sluice.vector.StructVector;
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
  public ColumnVector eval(ColumnBatch batch) {
    LongVector ts = (LongVector) time.eval(batch);
    ColumnVector g = gap.eval(batch);
    int n = batch.numRows();
    long[] start = new long[n];
    long[] end = new long[n];
    boolean[] nulls = null;
    String lastText = null;
    long lastMicros = 0;
    for (int i = 0; i < n; i++) {
      Object gv = g.get(i);
      long micros;
      if (ts.isNull(i) || gv == null) {
        micros = 0;
      } else if (gv instanceof Long l) {
        micros = l;
      } else {
        String s = (String) gv;
        if (!s.equals(lastText)) {
          lastMicros = DateTimeUtil.parseDuration(s);
          lastText = s;
        }
        micros = lastMicros;
      }
      if (micros <= 0) {
        if (nulls == null) {
          nulls = new boolean[n];
        }
        nulls[i] = true;
        continue;
      }
      start[i] = ts.getLong(i);
      end[i] = start[i] + micros;
    }
    ColumnVector[] children = {new LongVector(DataTypes.TimestampType, start, n, null),
        new LongVector(DataTypes.TimestampType, end, n, null)};
    return new StructVector((StructType) dataType(), children, n, nulls);
  }

  @Override
  public String sql() {
    return "session_window(" + time.sql() + ", " + gap.sql() + ")";
  }
}
