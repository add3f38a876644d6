package dev.sluice.exec.eval;

import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.SessionBounds;
import dev.sluice.plan.expr.WindowBounds;
import dev.sluice.types.DataTypes;
import dev.sluice.types.DateTimeUtil;
import dev.sluice.types.StructType;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;
import dev.sluice.vector.LongVector;
import dev.sluice.vector.StructVector;

/** The event-time window structs: tumbling/sliding window bounds, session bounds, {@code window_time}. */
final class TimeWindowEvaluators {
  private TimeWindowEvaluators() {}

  /**
   * The {@code index}-th window (of the {@code window / slide} that overlap) containing each row's
   * time; NULL where the time is NULL or that window does not contain it.
   */
  static final class Bounds extends Evaluator {
    private final Evaluator time;
    private final long window;
    private final long slide;
    private final long offset;
    private final int index;

    Bounds(WindowBounds e, Evaluator time) {
      super(e);
      this.time = time;
      this.window = e.window();
      this.slide = e.slide();
      this.offset = e.offset();
      this.index = e.index();
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
          nulls = Vectors.setNull(nulls, i, n);
          continue;
        }
        long lastStart = t[i] - Math.floorMod(t[i] - offset, slide);
        long s = lastStart - (long) index * slide;
        long e = s + window;
        if (t[i] >= e) {
          nulls = Vectors.setNull(nulls, i, n);
          continue;
        }
        start[i] = s;
        end[i] = e;
      }
      ColumnVector[] children = {
          new LongVector(DataTypes.TimestampType, start, n, null),
          new LongVector(DataTypes.TimestampType, end, n, null)};
      return new StructVector((StructType) dataType(), children, n, nulls);
    }  }

  /** {@code [time, time + gap)} per row; NULL where the gap is NULL or not positive. */
  static final class Session extends Evaluator {
    private final Evaluator time;
    private final Evaluator gap;

    Session(SessionBounds e, Evaluator time, Evaluator gap) {
      super(e);
      this.time = time;
      this.gap = gap;
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
    }  }

  /** {@code window_time(w)}: the window's end minus one microsecond. */
  static final class Time extends Evaluator {
    private final Evaluator window;

    Time(Expression e, Evaluator window) {
      super(e);
      this.window = window;
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
    }  }
}
