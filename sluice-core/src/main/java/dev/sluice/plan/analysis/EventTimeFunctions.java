package dev.sluice.plan.analysis;

import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.TimeWindow;
import dev.sluice.plan.expr.WindowTime;
import dev.sluice.types.DataTypes;
import dev.sluice.types.DateTimeUtil;
import java.util.List;

/** Event-time windows: {@code window(...)} and {@code window_time(...)}. */
final class EventTimeFunctions {
  private EventTimeFunctions() {}

  static void register(FunctionRegistry r) {
    r.register("window", 2, 4, "window(timeColumn, windowDuration[, slideDuration[, startTime]])",
        (a, c) -> window(a, c))
        .doc("Assigns each row to the time windows its `timeColumn` falls in, for grouping: windows are `windowDuration` long and start every `slideDuration` (by default the windows do not overlap), shifted by `startTime` from 1970-01-01 00:00:00 UTC. The result is a struct of `start` (inclusive) and `end` (exclusive) timestamps; a row with a NULL time falls in no window.")
        .example("SELECT a, window.start, window.end, count(*) AS cnt FROM VALUES ('A1', '2021-01-01 00:00:00'), ('A1', '2021-01-01 00:04:30'), ('A1', '2021-01-01 00:06:00'), ('A2', '2021-01-01 00:01:00') AS tab(a, b) GROUP BY a, window(b, '5 minutes') ORDER BY a, start", "A1\t2021-01-01 00:00:00\t2021-01-01 00:05:00\t2\nA1\t2021-01-01 00:05:00\t2021-01-01 00:10:00\t1\nA2\t2021-01-01 00:00:00\t2021-01-01 00:05:00\t1")
        .example("SELECT a, window.start, window.end, count(*) AS cnt FROM VALUES ('A1', '2021-01-01 00:00:00'), ('A1', '2021-01-01 00:04:30'), ('A1', '2021-01-01 00:06:00'), ('A2', '2021-01-01 00:01:00') AS tab(a, b) GROUP BY a, window(b, '10 minutes', '5 minutes') ORDER BY a, start", "A1\t2020-12-31 23:55:00\t2021-01-01 00:05:00\t2\nA1\t2021-01-01 00:00:00\t2021-01-01 00:10:00\t3\nA1\t2021-01-01 00:05:00\t2021-01-01 00:15:00\t1\nA2\t2020-12-31 23:55:00\t2021-01-01 00:05:00\t1\nA2\t2021-01-01 00:00:00\t2021-01-01 00:10:00\t1")
        .example("SELECT a, window.start, window.end, count(*) AS cnt FROM VALUES ('A1', TIMESTAMP '2021-01-01 00:00:00'), ('A1', TIMESTAMP '2021-01-01 00:04:30'), ('A1', TIMESTAMP '2021-01-01 00:06:00') AS tab(a, b) GROUP BY a, window(b, '5 minutes', '5 minutes', '2 minutes') ORDER BY a, start", "A1\t2020-12-31 23:57:00\t2021-01-01 00:02:00\t1\nA1\t2021-01-01 00:02:00\t2021-01-01 00:07:00\t2");
    r.register("session_window", 2, 2, "session_window(timeColumn, gapDuration)", (a, c) -> {
      Expression time = timeColumn(a.get(0), c);
      if (time.dataType() != DataTypes.TimestampType) {
        throw new AnalysisException(ErrorClass.DATATYPE_MISMATCH, "\"session_window(" + time.sql() + ", ...)\"",
            "the time column must be a TIMESTAMP, but " + time.sql() + " is " + time.dataType().sql());
      }
      Expression gap = a.get(1);
      if (gap.dataType() != DataTypes.StringType && gap.dataType() != DataTypes.DayTimeIntervalType) {
        throw new AnalysisException(ErrorClass.DATATYPE_MISMATCH, "\"session_window(..., " + gap.sql() + ")\"",
            "the gap must be a duration string like '10 seconds' or an INTERVAL, got " + gap.dataType().sql());
      }
      if (gap.foldable()) {
        signedDuration(c, gap, "gapDuration");
      }
      return new dev.sluice.plan.expr.SessionWindow(time, gap);
    })
        .doc("Groups rows into sessions on `timeColumn`: a session starts at a row's time and stays open `gapDuration` after the latest row in it, so rows closer together than the gap share a session. The gap may be an expression evaluated per row (a gap of zero or less puts the row in no session). The result is a struct of `start` and `end` timestamps.")
        .example("SELECT a, session_window.start, session_window.end, count(*) AS cnt FROM VALUES ('A1', '2021-01-01 00:00:00'), ('A1', '2021-01-01 00:04:30'), ('A1', '2021-01-01 00:10:00'), ('A2', '2021-01-01 00:01:00') AS tab(a, b) GROUP BY a, session_window(b, '5 minutes') ORDER BY a, start", "A1\t2021-01-01 00:00:00\t2021-01-01 00:09:30\t2\nA1\t2021-01-01 00:10:00\t2021-01-01 00:15:00\t1\nA2\t2021-01-01 00:01:00\t2021-01-01 00:06:00\t1")
        .example("SELECT a, session_window.start, session_window.end, count(*) AS cnt FROM VALUES ('A1', '2021-01-01 00:00:00'), ('A1', '2021-01-01 00:04:30'), ('A1', '2021-01-01 00:10:00'), ('A2', '2021-01-01 00:01:00'), ('A2', '2021-01-01 00:04:30') AS tab(a, b) GROUP BY a, session_window(b, CASE WHEN a = 'A1' THEN '5 minutes' WHEN a = 'A2' THEN '1 minute' ELSE '10 minutes' END) ORDER BY a, start", "A1\t2021-01-01 00:00:00\t2021-01-01 00:09:30\t2\nA1\t2021-01-01 00:10:00\t2021-01-01 00:15:00\t1\nA2\t2021-01-01 00:01:00\t2021-01-01 00:02:00\t1\nA2\t2021-01-01 00:04:30\t2021-01-01 00:05:30\t1");
    r.register("window_time", 1, 1, "window_time(windowColumn)", (a, c) -> {
      WindowTime wt = new WindowTime(a.get(0));
      String err = wt.checkInputTypes();
      if (err != null) {
        throw new AnalysisException(ErrorClass.DATATYPE_MISMATCH, "\"window_time(" + a.get(0).sql() + ")\"", err);
      }
      return wt;
    })
        .doc("Returns the event time of a time or session window column: its `end` minus one microsecond, the latest instant inside the window. Use it to carry an event time (and its watermark) from one windowed aggregation into the next.")
        .example("SELECT a, window.start, window.end, window_time(window), cnt FROM (SELECT a, window, count(*) AS cnt FROM VALUES ('A1', '2021-01-01 00:00:00'), ('A1', '2021-01-01 00:04:30'), ('A1', '2021-01-01 00:06:00'), ('A2', '2021-01-01 00:01:00') AS tab(a, b) GROUP BY a, window(b, '5 minutes') ORDER BY a, window.start)", "A1\t2021-01-01 00:00:00\t2021-01-01 00:05:00\t2021-01-01 00:04:59.999999\t2\nA1\t2021-01-01 00:05:00\t2021-01-01 00:10:00\t2021-01-01 00:09:59.999999\t1\nA2\t2021-01-01 00:00:00\t2021-01-01 00:05:00\t2021-01-01 00:04:59.999999\t1");
  }

  /** Spark casts a STRING time column to TIMESTAMP implicitly (the window functions take any timestamp). */
  private static Expression timeColumn(Expression e, FunctionRegistry.FunctionContext c) {
    return e.dataType() == DataTypes.StringType ? TypeCoercion.castIfNeeded(e, DataTypes.TimestampType, c.ansi()) : e;
  }

  private static Expression window(List<Expression> a, FunctionRegistry.FunctionContext c) {
    Expression time = timeColumn(a.get(0), c);
    if (time.dataType() != DataTypes.TimestampType) {
      throw new AnalysisException(ErrorClass.DATATYPE_MISMATCH, "\"window(" + time.sql() + ", ...)\"",
          "the time column must be a TIMESTAMP, but " + time.sql() + " is " + time.dataType().sql()
              + "; convert it first, e.g. timestamp_seconds(" + time.sql() + ")");
    }
    long window = duration(c, a.get(1), "windowDuration");
    long slide = a.size() > 2 ? duration(c, a.get(2), "slideDuration") : window;
    long start = a.size() > 3 ? signedDuration(c, a.get(3), "startTime") : 0;
    if (window <= 0) {
      throw invalid("the window duration must be positive");
    }
    if (slide <= 0) {
      throw invalid("the slide duration must be positive");
    }
    if (slide > window) {
      throw invalid("the slide duration (" + slide / 1000 + " ms) must not exceed the window duration ("
          + window / 1000 + " ms)");
    }
    if (Math.abs(start) >= slide) {
      throw invalid("the absolute start time (" + start / 1000 + " ms) must be less than the slide duration ("
          + slide / 1000 + " ms)");
    }
    return new TimeWindow(time, window, slide, start);
  }

  private static AnalysisException invalid(String detail) {
    return new AnalysisException(ErrorClass.INVALID_ARGUMENT, "window", detail);
  }

  private static long duration(FunctionRegistry.FunctionContext c, Expression e, String what) {
    long v = signedDuration(c, e, what);
    if (v <= 0) {
      throw invalid("the " + what + " must be positive, got " + e.sql());
    }
    return v;
  }

  private static long signedDuration(FunctionRegistry.FunctionContext c, Expression e, String what) {
    if (!e.foldable()) {
      throw invalid("the " + what + " must be a constant like '10 seconds', got " + e.sql());
    }
    Object v = c.constant(e);
    if (e.dataType() == DataTypes.DayTimeIntervalType) {
      return (Long) v;
    }
    if (v instanceof String s) {
      try {
        String t = s.trim();
        boolean negative = t.startsWith("-");
        long micros = DateTimeUtil.parseDuration(negative ? t.substring(1) : t);
        return negative ? -micros : micros;
      } catch (IllegalArgumentException ex) {
        throw invalid("the " + what + " '" + s + "' is not a duration: " + ex.getMessage());
      }
    }
    throw invalid("the " + what + " must be a string like '10 seconds' or an INTERVAL, got " + e.sql());
  }
}
