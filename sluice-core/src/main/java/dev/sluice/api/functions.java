package dev.sluice.api;

import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.Literal;
import dev.sluice.plan.expr.Unresolved;
import java.util.ArrayList;
import java.util.List;

/**
 * Built-in functions for the DataFrame API, named as in Spark's {@code functions} object. Every
 * function here is also callable by name in SQL and {@link #call_function}.
 */
@SuppressWarnings({"checkstyle:TypeName", "checkstyle:MethodName"})
public final class functions {
  private functions() {}

  public static Column col(String name) {
    return new Column(name);
  }

  public static Column column(String name) {
    return new Column(name);
  }

  /** A literal; a Column is returned as is. */
  public static Column lit(Object value) {
    if (value instanceof Column c) {
      return c;
    }
    return new Column(Literal.of(value));
  }

  /** Any built-in function by name. */
  public static Column call_function(String name, Column... args) {
    return Column.fn(name, (Object[]) args);
  }

  private static Column fn(String name, Object... args) {
    return Column.fn(name, args);
  }

  private static Column[] cols(String... names) {
    Column[] out = new Column[names.length];
    for (int i = 0; i < names.length; i++) {
      out[i] = col(names[i]);
    }
    return out;
  }

  // ---- aggregates
  public static Column count(Column c) {
    return fn("count", c);
  }

  /** {@code count("*")} counts rows; {@code count("x")} counts non-NULL x. */
  public static Column count(String name) {
    if (name.equals("*")) {
      return new Column(new Unresolved.Function("count", List.of(), false, null, true));
    }
    return count(col(name));
  }

  public static Column countDistinct(Column c, Column... more) {
    List<Expression> args = new ArrayList<>();
    args.add(c.expr());
    for (Column m : more) {
      args.add(m.expr());
    }
    return new Column(new Unresolved.Function("count", args, true, null, false));
  }

  public static Column countDistinct(String name, String... more) {
    return countDistinct(col(name), cols(more));
  }

  public static Column count_distinct(Column c, Column... more) {
    return countDistinct(c, more);
  }

  public static Column sum(Column c) {
    return fn("sum", c);
  }

  public static Column sum(String name) {
    return sum(col(name));
  }

  public static Column sum_distinct(Column c) {
    return new Column(new Unresolved.Function("sum", List.of(c.expr()), true, null, false));
  }

  public static Column try_sum(Column c) {
    return fn("try_sum", c);
  }

  public static Column avg(Column c) {
    return fn("avg", c);
  }

  public static Column avg(String name) {
    return avg(col(name));
  }

  public static Column mean(Column c) {
    return avg(c);
  }

  public static Column min(Column c) {
    return fn("min", c);
  }

  public static Column min(String name) {
    return min(col(name));
  }

  public static Column max(Column c) {
    return fn("max", c);
  }

  public static Column max(String name) {
    return max(col(name));
  }

  public static Column first(Column c) {
    return fn("first", c);
  }

  public static Column first(Column c, boolean ignoreNulls) {
    return fn("first", c, ignoreNulls);
  }

  public static Column first(String name) {
    return first(col(name));
  }

  public static Column last(Column c) {
    return fn("last", c);
  }

  public static Column last(Column c, boolean ignoreNulls) {
    return fn("last", c, ignoreNulls);
  }

  public static Column last(String name) {
    return last(col(name));
  }

  public static Column max_by(Column value, Column ordering) {
    return fn("max_by", value, ordering);
  }

  public static Column min_by(Column value, Column ordering) {
    return fn("min_by", value, ordering);
  }

  public static Column count_if(Column cond) {
    return fn("count_if", cond);
  }

  // ---- conditionals and nulls
  public static Column when(Column condition, Object value) {
    return new Column(new Unresolved.Function("casewhen", List.of(condition.expr(), Column.toExpr(value))));
  }

  public static Column coalesce(Column... cs) {
    return fn("coalesce", (Object[]) cs);
  }

  public static Column isnull(Column c) {
    return c.isNull();
  }

  public static Column not(Column c) {
    return c.not();
  }

  public static Column greatest(Column... cs) {
    return fn("greatest", (Object[]) cs);
  }

  public static Column least(Column... cs) {
    return fn("least", (Object[]) cs);
  }

  // ---- strings
  public static Column upper(Column c) {
    return fn("upper", c);
  }

  public static Column lower(Column c) {
    return fn("lower", c);
  }

  public static Column concat(Column... cs) {
    return fn("concat", (Object[]) cs);
  }

  public static Column concat_ws(String sep, Column... cs) {
    Object[] args = new Object[cs.length + 1];
    args[0] = sep;
    System.arraycopy(cs, 0, args, 1, cs.length);
    return fn("concat_ws", args);
  }

  public static Column substring(Column c, int pos, int len) {
    return fn("substring", c, pos, len);
  }

  public static Column length(Column c) {
    return fn("length", c);
  }

  public static Column trim(Column c) {
    return fn("trim", c);
  }

  public static Column ltrim(Column c) {
    return fn("ltrim", c);
  }

  public static Column rtrim(Column c) {
    return fn("rtrim", c);
  }

  public static Column lpad(Column c, int len, String pad) {
    return fn("lpad", c, len, pad);
  }

  public static Column rpad(Column c, int len, String pad) {
    return fn("rpad", c, len, pad);
  }

  public static Column initcap(Column c) {
    return fn("initcap", c);
  }

  public static Column reverse(Column c) {
    return fn("reverse", c);
  }

  // ---- math
  public static Column abs(Column c) {
    return fn("abs", c);
  }

  public static Column round(Column c) {
    return fn("round", c);
  }

  public static Column round(Column c, int scale) {
    return fn("round", c, scale);
  }

  public static Column bround(Column c, int scale) {
    return fn("bround", c, scale);
  }

  public static Column floor(Column c) {
    return fn("floor", c);
  }

  public static Column ceil(Column c) {
    return fn("ceil", c);
  }

  public static Column sqrt(Column c) {
    return fn("sqrt", c);
  }

  public static Column pow(Column base, Object exp) {
    return fn("pow", base, exp);
  }

  public static Column pmod(Column a, Object b) {
    return fn("pmod", a, b);
  }

  public static Column try_divide(Column a, Object b) {
    return fn("try_divide", a, b);
  }

  public static Column try_add(Column a, Object b) {
    return fn("try_add", a, b);
  }

  public static Column try_subtract(Column a, Object b) {
    return fn("try_subtract", a, b);
  }

  public static Column try_multiply(Column a, Object b) {
    return fn("try_multiply", a, b);
  }

  // ---- time
  public static Column current_timestamp() {
    return fn("current_timestamp");
  }

  public static Column current_date() {
    return fn("current_date");
  }

  public static Column to_date(Column c) {
    return fn("to_date", c);
  }

  public static Column to_date(Column c, String format) {
    return fn("to_date", c, format);
  }

  public static Column to_timestamp(Column c) {
    return fn("to_timestamp", c);
  }

  public static Column to_timestamp(Column c, String format) {
    return fn("to_timestamp", c, format);
  }

  public static Column date_trunc(String unit, Column ts) {
    return fn("date_trunc", unit, ts);
  }

  public static Column date_format(Column ts, String format) {
    return fn("date_format", ts, format);
  }

  public static Column date_add(Column d, int days) {
    return fn("date_add", d, days);
  }

  public static Column date_sub(Column d, int days) {
    return fn("date_sub", d, days);
  }

  public static Column datediff(Column end, Column start) {
    return fn("datediff", end, start);
  }

  public static Column year(Column c) {
    return fn("year", c);
  }

  public static Column month(Column c) {
    return fn("month", c);
  }

  public static Column dayofmonth(Column c) {
    return fn("dayofmonth", c);
  }

  public static Column hour(Column c) {
    return fn("hour", c);
  }

  public static Column minute(Column c) {
    return fn("minute", c);
  }

  public static Column second(Column c) {
    return fn("second", c);
  }

  public static Column unix_timestamp() {
    return fn("unix_timestamp");
  }

  public static Column unix_timestamp(Column c) {
    return fn("unix_timestamp", c);
  }

  public static Column unix_timestamp(Column c, String format) {
    return fn("unix_timestamp", c, format);
  }

  public static Column from_unixtime(Column c) {
    return fn("from_unixtime", c);
  }

  public static Column from_unixtime(Column c, String format) {
    return fn("from_unixtime", c, format);
  }

  public static Column timestamp_seconds(Column c) {
    return fn("timestamp_seconds", c);
  }

  // ---- event time
  /** Tumbling event-time windows: {@code groupBy(window(col("ts"), "10 seconds"))}. */
  public static Column window(Column timeColumn, String windowDuration) {
    return fn("window", timeColumn, windowDuration);
  }

  /** Sliding windows of {@code windowDuration} starting every {@code slideDuration}. */
  public static Column window(Column timeColumn, String windowDuration, String slideDuration) {
    return fn("window", timeColumn, windowDuration, slideDuration);
  }

  public static Column window(Column timeColumn, String windowDuration, String slideDuration, String startTime) {
    return fn("window", timeColumn, windowDuration, slideDuration, startTime);
  }

  /** Session windows closing after {@code gapDuration} without events for a key. */
  public static Column session_window(Column timeColumn, String gapDuration) {
    return fn("session_window", timeColumn, gapDuration);
  }

  /** Session windows with a gap computed per row. */
  public static Column session_window(Column timeColumn, Column gapDuration) {
    return fn("session_window", timeColumn, gapDuration);
  }

  /** The event time of a window column: its end minus one microsecond. */
  public static Column window_time(Column windowColumn) {
    return fn("window_time", windowColumn);
  }

  // ---- structs and sorting
  public static Column struct(Column... cs) {
    List<Expression> args = new ArrayList<>();
    for (Column c : cs) {
      args.add(c.expr());
    }
    return new Column(new Unresolved.Function("struct", args));
  }

  public static Column asc(String name) {
    return col(name).asc();
  }

  public static Column desc(String name) {
    return col(name).desc();
  }

  /** A SQL expression, e.g. {@code expr("price * 2 AS doubled")}. */
  public static Column expr(String sql) {
    return new Column(dev.sluice.api.internals.SqlBridge.parseExpression(sql));
  }
}
