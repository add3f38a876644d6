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

  /** {@link #avg(Column)}, but NULL where a decimal sum overflows. */
  public static Column try_avg(Column c) {
    return fn("try_avg", c);
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

  /** The non-NULL values of each group as an array, in arrival order (not deterministic after a shuffle). */
  public static Column collect_list(Column c) {
    return fn("collect_list", c);
  }

  public static Column collect_list(String name) {
    return collect_list(col(name));
  }

  public static Column array_agg(Column c) {
    return fn("array_agg", c);
  }

  /** The distinct non-NULL values of each group as an array, in no defined order. */
  public static Column collect_set(Column c) {
    return fn("collect_set", c);
  }

  public static Column collect_set(String name) {
    return collect_set(col(name));
  }

  /** The sample standard deviation, as {@link #stddev_samp(Column)}. */
  public static Column stddev(Column c) {
    return fn("stddev", c);
  }

  public static Column stddev(String name) {
    return stddev(col(name));
  }

  public static Column std(Column c) {
    return fn("std", c);
  }

  /** The sample standard deviation: NULL for fewer than two non-NULL values. */
  public static Column stddev_samp(Column c) {
    return fn("stddev_samp", c);
  }

  public static Column stddev_samp(String name) {
    return stddev_samp(col(name));
  }

  /** The population standard deviation: 0.0 for one non-NULL value, NULL for none. */
  public static Column stddev_pop(Column c) {
    return fn("stddev_pop", c);
  }

  public static Column stddev_pop(String name) {
    return stddev_pop(col(name));
  }

  /** The sample variance, as {@link #var_samp(Column)}. */
  public static Column variance(Column c) {
    return fn("variance", c);
  }

  public static Column variance(String name) {
    return variance(col(name));
  }

  /** The sample variance: NULL for fewer than two non-NULL values. */
  public static Column var_samp(Column c) {
    return fn("var_samp", c);
  }

  public static Column var_samp(String name) {
    return var_samp(col(name));
  }

  /** The population variance: 0.0 for one non-NULL value, NULL for none. */
  public static Column var_pop(Column c) {
    return fn("var_pop", c);
  }

  public static Column var_pop(String name) {
    return var_pop(col(name));
  }

  public static Column bit_and(Column c) {
    return fn("bit_and", c);
  }

  public static Column bit_or(Column c) {
    return fn("bit_or", c);
  }

  public static Column bit_xor(Column c) {
    return fn("bit_xor", c);
  }

  // ---- window functions (use with Column.over)

  public static Column row_number() {
    return fn("row_number");
  }

  public static Column rank() {
    return fn("rank");
  }

  public static Column dense_rank() {
    return fn("dense_rank");
  }

  public static Column percent_rank() {
    return fn("percent_rank");
  }

  public static Column cume_dist() {
    return fn("cume_dist");
  }

  public static Column ntile(int n) {
    return fn("ntile", lit(n));
  }

  public static Column lag(Column c, int offset) {
    return fn("lag", c, lit(offset));
  }

  public static Column lag(String name, int offset) {
    return lag(col(name), offset);
  }

  public static Column lag(Column c, int offset, Object defaultValue) {
    return fn("lag", c, lit(offset), lit(defaultValue));
  }

  public static Column lead(Column c, int offset) {
    return fn("lead", c, lit(offset));
  }

  public static Column lead(String name, int offset) {
    return lead(col(name), offset);
  }

  public static Column lead(Column c, int offset, Object defaultValue) {
    return fn("lead", c, lit(offset), lit(defaultValue));
  }

  public static Column nth_value(Column c, int offset) {
    return fn("nth_value", c, lit(offset));
  }

  public static Column nth_value(Column c, int offset, boolean ignoreNulls) {
    return fn("nth_value", c, lit(offset), lit(ignoreNulls));
  }

  // ---- conditionals and nulls
  public static Column when(Column condition, Object value) {
    return new Column(new Unresolved.Function("casewhen", List.of(condition.expr(), Column.toExpr(value))));
  }

  /**
   * In an aggregation by {@code cube}, {@code rollup} or {@code groupingSets}: 1 when the row's grouping
   * set leaves {@code c} out (its NULL stands for all values), else 0.
   */
  public static Column grouping(Column c) {
    return fn("grouping", c);
  }

  public static Column grouping(String columnName) {
    return grouping(new Column(columnName));
  }

  /**
   * In an aggregation by {@code cube}, {@code rollup} or {@code groupingSets}: the row's grouping id,
   * {@code (grouping(c1) << (n-1)) + ... + grouping(cn)}; the columns must be all the grouping columns
   * in order, or none.
   */
  public static Column grouping_id(Column... cs) {
    return fn("grouping_id", (Object[]) cs);
  }

  public static Column grouping_id(String columnName, String... columnNames) {
    Column[] cs = new Column[columnNames.length + 1];
    cs[0] = new Column(columnName);
    for (int i = 0; i < columnNames.length; i++) {
      cs[i + 1] = new Column(columnNames[i]);
    }
    return grouping_id(cs);
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

  // ---- more strings (Spark semantics: 1-based positions, NULL in gives NULL out)
  public static Column startswith(Column str, Column prefix) {
    return fn("startswith", str, prefix);
  }

  public static Column endswith(Column str, Column suffix) {
    return fn("endswith", str, suffix);
  }

  public static Column contains(Column str, Column substr) {
    return fn("contains", str, substr);
  }

  /** 1-based position of {@code substr} in {@code str}, 0 when absent. */
  public static Column locate(String substr, Column str) {
    return fn("locate", substr, str);
  }

  public static Column locate(String substr, Column str, int pos) {
    return fn("locate", substr, str, pos);
  }

  public static Column position(Column substr, Column str) {
    return fn("position", substr, str);
  }

  public static Column instr(Column str, String substring) {
    return fn("instr", str, substring);
  }

  public static Column translate(Column src, String matchingString, String replaceString) {
    return fn("translate", src, matchingString, replaceString);
  }

  public static Column replace(Column src, Column search) {
    return fn("replace", src, search);
  }

  public static Column replace(Column src, Column search, Column replacement) {
    return fn("replace", src, search, replacement);
  }

  /** Splits around matches of a regular expression; an ARRAY&lt;STRING&gt;. */
  public static Column split(Column str, String pattern) {
    return fn("split", str, pattern);
  }

  public static Column split(Column str, String pattern, int limit) {
    return fn("split", str, pattern, limit);
  }

  public static Column split_part(Column src, Column delimiter, Column partNum) {
    return fn("split_part", src, delimiter, partNum);
  }

  public static Column regexp_replace(Column e, String pattern, String replacement) {
    return fn("regexp_replace", e, pattern, replacement);
  }

  public static Column regexp_replace(Column e, Column pattern, Column replacement) {
    return fn("regexp_replace", e, pattern, replacement);
  }

  public static Column regexp_extract(Column e, String exp, int groupIdx) {
    return fn("regexp_extract", e, exp, groupIdx);
  }

  public static Column regexp_extract_all(Column str, Column regexp) {
    return fn("regexp_extract_all", str, regexp);
  }

  public static Column regexp_extract_all(Column str, Column regexp, Column idx) {
    return fn("regexp_extract_all", str, regexp, idx);
  }

  public static Column regexp_count(Column str, Column regexp) {
    return fn("regexp_count", str, regexp);
  }

  public static Column regexp_substr(Column str, Column regexp) {
    return fn("regexp_substr", str, regexp);
  }

  public static Column regexp_instr(Column str, Column regexp) {
    return fn("regexp_instr", str, regexp);
  }

  public static Column regexp_like(Column str, Column regexp) {
    return fn("regexp_like", str, regexp);
  }

  public static Column rlike(Column str, Column regexp) {
    return fn("rlike", str, regexp);
  }

  public static Column ascii(Column c) {
    return fn("ascii", c);
  }

  public static Column base64(Column c) {
    return fn("base64", c);
  }

  public static Column unbase64(Column c) {
    return fn("unbase64", c);
  }

  public static Column hex(Column c) {
    return fn("hex", c);
  }

  public static Column unhex(Column c) {
    return fn("unhex", c);
  }

  public static Column md5(Column c) {
    return fn("md5", c);
  }

  public static Column sha1(Column c) {
    return fn("sha1", c);
  }

  public static Column crc32(Column c) {
    return fn("crc32", c);
  }

  public static Column soundex(Column c) {
    return fn("soundex", c);
  }

  public static Column octet_length(Column c) {
    return fn("octet_length", c);
  }

  public static Column bit_length(Column c) {
    return fn("bit_length", c);
  }

  public static Column char_length(Column c) {
    return fn("char_length", c);
  }

  public static Column btrim(Column c) {
    return fn("btrim", c);
  }

  public static Column btrim(Column str, Column trim) {
    return fn("btrim", str, trim);
  }

  public static Column sha2(Column e, int numBits) {
    return fn("sha2", e, numBits);
  }

  public static Column repeat(Column str, int n) {
    return fn("repeat", str, n);
  }

  public static Column left(Column str, Column len) {
    return fn("left", str, len);
  }

  public static Column right(Column str, Column len) {
    return fn("right", str, len);
  }

  public static Column levenshtein(Column l, Column r) {
    return fn("levenshtein", l, r);
  }

  public static Column levenshtein(Column l, Column r, int threshold) {
    return fn("levenshtein", l, r, threshold);
  }

  public static Column overlay(Column src, Column replace, Column pos) {
    return fn("overlay", src, replace, pos);
  }

  public static Column overlay(Column src, Column replace, Column pos, Column len) {
    return fn("overlay", src, replace, pos, len);
  }

  public static Column substring_index(Column str, String delim, int count) {
    return fn("substring_index", str, delim, count);
  }

  /** The n-th (1-based) of the remaining arguments; the first argument is n. */
  public static Column elt(Column... cs) {
    return fn("elt", (Object[]) cs);
  }

  public static Column encode(Column value, String charset) {
    return fn("encode", value, charset);
  }

  public static Column decode(Column value, String charset) {
    return fn("decode", value, charset);
  }

  public static Column to_binary(Column c) {
    return fn("to_binary", c);
  }

  public static Column to_binary(Column e, Column format) {
    return fn("to_binary", e, format);
  }

  public static Column find_in_set(Column str, Column strArray) {
    return fn("find_in_set", str, strArray);
  }

  public static Column format_number(Column x, int d) {
    return fn("format_number", x, d);
  }

  /** {@code String.format}-style formatting, as Spark's format_string. */
  public static Column format_string(String format, Column... arguments) {
    Object[] args = new Object[arguments.length + 1];
    args[0] = format;
    System.arraycopy(arguments, 0, args, 1, arguments.length);
    return fn("format_string", args);
  }

  public static Column printf(Column format, Column... arguments) {
    Object[] args = new Object[arguments.length + 1];
    args[0] = format;
    System.arraycopy(arguments, 0, args, 1, arguments.length);
    return fn("printf", args);
  }

  // ---- more math
  public static Column exp(Column c) {
    return fn("exp", c);
  }

  public static Column expm1(Column c) {
    return fn("expm1", c);
  }

  public static Column ln(Column c) {
    return fn("ln", c);
  }

  public static Column log10(Column c) {
    return fn("log10", c);
  }

  public static Column log2(Column c) {
    return fn("log2", c);
  }

  public static Column log1p(Column c) {
    return fn("log1p", c);
  }

  public static Column degrees(Column c) {
    return fn("degrees", c);
  }

  public static Column radians(Column c) {
    return fn("radians", c);
  }

  public static Column sin(Column c) {
    return fn("sin", c);
  }

  public static Column cos(Column c) {
    return fn("cos", c);
  }

  public static Column tan(Column c) {
    return fn("tan", c);
  }

  public static Column asin(Column c) {
    return fn("asin", c);
  }

  public static Column acos(Column c) {
    return fn("acos", c);
  }

  public static Column atan(Column c) {
    return fn("atan", c);
  }

  public static Column sinh(Column c) {
    return fn("sinh", c);
  }

  public static Column cosh(Column c) {
    return fn("cosh", c);
  }

  public static Column tanh(Column c) {
    return fn("tanh", c);
  }

  public static Column asinh(Column c) {
    return fn("asinh", c);
  }

  public static Column acosh(Column c) {
    return fn("acosh", c);
  }

  public static Column atanh(Column c) {
    return fn("atanh", c);
  }

  public static Column cot(Column c) {
    return fn("cot", c);
  }

  public static Column sec(Column c) {
    return fn("sec", c);
  }

  public static Column csc(Column c) {
    return fn("csc", c);
  }

  public static Column rint(Column c) {
    return fn("rint", c);
  }

  public static Column cbrt(Column c) {
    return fn("cbrt", c);
  }

  public static Column signum(Column c) {
    return fn("signum", c);
  }

  public static Column factorial(Column c) {
    return fn("factorial", c);
  }

  public static Column bin(Column c) {
    return fn("bin", c);
  }

  public static Column isnan(Column c) {
    return fn("isnan", c);
  }

  public static Column log(Column c) {
    return fn("log", c);
  }

  public static Column log(double base, Column a) {
    return fn("log", base, a);
  }

  public static Column atan2(Column y, Column x) {
    return fn("atan2", y, x);
  }

  public static Column hypot(Column l, Column r) {
    return fn("hypot", l, r);
  }

  public static Column nanvl(Column col1, Column col2) {
    return fn("nanvl", col1, col2);
  }

  public static Column width_bucket(Column v, Column min, Column max, Column numBucket) {
    return fn("width_bucket", v, min, max, numBucket);
  }

  public static Column conv(Column num, int fromBase, int toBase) {
    return fn("conv", num, fromBase, toBase);
  }

  public static Column pi() {
    return fn("pi");
  }

  public static Column e() {
    return fn("e");
  }

  /** Uniform random numbers in [0, 1); non-deterministic. */
  public static Column rand() {
    return fn("rand");
  }

  public static Column rand(long seed) {
    return fn("rand", seed);
  }

  /** Standard normal random numbers; non-deterministic. */
  public static Column randn() {
    return fn("randn");
  }

  public static Column randn(long seed) {
    return fn("randn", seed);
  }

  public static Column uuid() {
    return fn("uuid");
  }

  // ---- bitwise
  public static Column bitwise_not(Column c) {
    return fn("~", c);
  }

  public static Column bit_count(Column c) {
    return fn("bit_count", c);
  }

  public static Column shiftleft(Column e, int numBits) {
    return fn("shiftleft", e, numBits);
  }

  public static Column shiftright(Column e, int numBits) {
    return fn("shiftright", e, numBits);
  }

  public static Column shiftrightunsigned(Column e, int numBits) {
    return fn("shiftrightunsigned", e, numBits);
  }

  public static Column bit_get(Column e, Column pos) {
    return fn("bit_get", e, pos);
  }

  public static Column getbit(Column e, Column pos) {
    return fn("getbit", e, pos);
  }

  // ---- null handling and types
  public static Column ifnull(Column col1, Column col2) {
    return fn("ifnull", col1, col2);
  }

  public static Column nvl(Column col1, Column col2) {
    return fn("nvl", col1, col2);
  }

  public static Column nvl2(Column col1, Column col2, Column col3) {
    return fn("nvl2", col1, col2, col3);
  }

  public static Column nullif(Column col1, Column col2) {
    return fn("nullif", col1, col2);
  }

  public static Column zeroifnull(Column c) {
    return fn("zeroifnull", c);
  }

  public static Column nullifzero(Column c) {
    return fn("nullifzero", c);
  }

  public static Column typeof(Column c) {
    return fn("typeof", c);
  }

  public static Column isnotnull(Column c) {
    return fn("isnotnull", c);
  }

  // ---- more time
  public static Column dayofweek(Column c) {
    return fn("dayofweek", c);
  }

  public static Column dayofyear(Column c) {
    return fn("dayofyear", c);
  }

  public static Column weekofyear(Column c) {
    return fn("weekofyear", c);
  }

  public static Column quarter(Column c) {
    return fn("quarter", c);
  }

  public static Column weekday(Column c) {
    return fn("weekday", c);
  }

  public static Column last_day(Column c) {
    return fn("last_day", c);
  }

  public static Column dayname(Column c) {
    return fn("dayname", c);
  }

  public static Column monthname(Column c) {
    return fn("monthname", c);
  }

  public static Column unix_date(Column c) {
    return fn("unix_date", c);
  }

  public static Column date_from_unix_date(Column c) {
    return fn("date_from_unix_date", c);
  }

  public static Column unix_seconds(Column c) {
    return fn("unix_seconds", c);
  }

  public static Column unix_millis(Column c) {
    return fn("unix_millis", c);
  }

  public static Column unix_micros(Column c) {
    return fn("unix_micros", c);
  }

  public static Column timestamp_millis(Column c) {
    return fn("timestamp_millis", c);
  }

  public static Column timestamp_micros(Column c) {
    return fn("timestamp_micros", c);
  }

  public static Column to_unix_timestamp(Column c) {
    return fn("to_unix_timestamp", c);
  }

  public static Column to_unix_timestamp(Column e, Column format) {
    return fn("to_unix_timestamp", e, format);
  }

  /** A field of a date or timestamp, named as in EXTRACT. */
  public static Column date_part(Column field, Column source) {
    return fn("date_part", field, source);
  }

  public static Column datepart(Column field, Column source) {
    return fn("datepart", field, source);
  }

  public static Column months_between(Column end, Column start) {
    return fn("months_between", end, start);
  }

  public static Column months_between(Column end, Column start, boolean roundOff) {
    return fn("months_between", end, start, roundOff);
  }

  public static Column add_months(Column startDate, int numMonths) {
    return fn("add_months", startDate, numMonths);
  }

  public static Column add_months(Column startDate, Column numMonths) {
    return fn("add_months", startDate, numMonths);
  }

  public static Column next_day(Column date, String dayOfWeek) {
    return fn("next_day", date, dayOfWeek);
  }

  public static Column trunc(Column date, String format) {
    return fn("trunc", date, format);
  }

  public static Column date_diff(Column end, Column start) {
    return fn("date_diff", end, start);
  }

  public static Column make_date(Column year, Column month, Column day) {
    return fn("make_date", year, month, day);
  }

  public static Column make_timestamp(Column years, Column months, Column days, Column hours, Column mins, Column secs) {
    return fn("make_timestamp", years, months, days, hours, mins, secs);
  }

  public static Column make_timestamp(Column years, Column months, Column days, Column hours, Column mins, Column secs, Column timezone) {
    return fn("make_timestamp", years, months, days, hours, mins, secs, timezone);
  }

  public static Column from_utc_timestamp(Column ts, String tz) {
    return fn("from_utc_timestamp", ts, tz);
  }

  public static Column to_utc_timestamp(Column ts, String tz) {
    return fn("to_utc_timestamp", ts, tz);
  }

  public static Column current_timezone() {
    return fn("current_timezone");
  }

  // ---- arrays and maps
  public static Column array(Column... cs) {
    return fn("array", (Object[]) cs);
  }

  public static Column array(String colName, String... colNames) {
    Column[] cs = new Column[colNames.length + 1];
    cs[0] = col(colName);
    System.arraycopy(cols(colNames), 0, cs, 1, colNames.length);
    return array(cs);
  }

  public static Column size(Column c) {
    return fn("size", c);
  }

  public static Column cardinality(Column c) {
    return fn("cardinality", c);
  }

  public static Column array_distinct(Column c) {
    return fn("array_distinct", c);
  }

  public static Column array_min(Column c) {
    return fn("array_min", c);
  }

  public static Column array_max(Column c) {
    return fn("array_max", c);
  }

  public static Column array_sort(Column c) {
    return fn("array_sort", c);
  }

  public static Column flatten(Column c) {
    return fn("flatten", c);
  }

  public static Column array_compact(Column c) {
    return fn("array_compact", c);
  }

  public static Column map_keys(Column c) {
    return fn("map_keys", c);
  }

  public static Column map_values(Column c) {
    return fn("map_values", c);
  }

  public static Column map_entries(Column c) {
    return fn("map_entries", c);
  }

  public static Column str_to_map(Column c) {
    return fn("str_to_map", c);
  }

  /** Spark's Murmur3 {@code hash} of the columns (seed 42), the hash shuffles partition by. */
  public static Column hash(Column... cols) {
    return fn("hash", (Object[]) cols);
  }

  // ---------------------------------------------------------------- generators

  /**
   * One row per element of an array (column {@code col}) or entry of a map (columns {@code key},
   * {@code value}); no row for a null or empty input. Name the columns with {@code as("w")} or,
   * for a map, {@code as("k", "v")}. Only one generator per {@code select}.
   */
  public static Column explode(Column c) {
    return fn("explode", c);
  }

  /** Like {@link #explode}, but a null or empty input gives one row of nulls. */
  public static Column explode_outer(Column c) {
    return fn("explode_outer", c);
  }

  /** Like {@link #explode}, with the element's position first (column {@code pos}, from 0). */
  public static Column posexplode(Column c) {
    return fn("posexplode", c);
  }

  /** Like {@link #posexplode}, but a null or empty input gives one row of nulls. */
  public static Column posexplode_outer(Column c) {
    return fn("posexplode_outer", c);
  }

  /** One row per struct of an array of structs, with the struct's fields as columns. */
  public static Column inline(Column c) {
    return fn("inline", c);
  }

  /** Like {@link #inline}, but a null or empty input gives one row of nulls. */
  public static Column inline_outer(Column c) {
    return fn("inline_outer", c);
  }

  public static Column array_contains(Column column, Object value) {
    return fn("array_contains", column, value);
  }

  public static Column array_position(Column column, Object value) {
    return fn("array_position", column, value);
  }

  public static Column array_remove(Column column, Object element) {
    return fn("array_remove", column, element);
  }

  public static Column array_append(Column column, Object element) {
    return fn("array_append", column, element);
  }

  public static Column array_prepend(Column column, Object element) {
    return fn("array_prepend", column, element);
  }

  /** 1-based array element (negative from the end) or map value. */
  public static Column element_at(Column column, Object value) {
    return fn("element_at", column, value);
  }

  public static Column try_element_at(Column column, Column value) {
    return fn("try_element_at", column, value);
  }

  /** 0-based array element (NULL when out of range). */
  public static Column get(Column column, Column index) {
    return fn("get", column, index);
  }

  public static Column sort_array(Column c) {
    return fn("sort_array", c);
  }

  public static Column sort_array(Column e, boolean asc) {
    return fn("sort_array", e, asc);
  }

  public static Column array_union(Column col1, Column col2) {
    return fn("array_union", col1, col2);
  }

  public static Column array_intersect(Column col1, Column col2) {
    return fn("array_intersect", col1, col2);
  }

  public static Column array_except(Column col1, Column col2) {
    return fn("array_except", col1, col2);
  }

  public static Column arrays_overlap(Column a1, Column a2) {
    return fn("arrays_overlap", a1, a2);
  }

  public static Column array_join(Column column, String delimiter) {
    return fn("array_join", column, delimiter);
  }

  public static Column array_join(Column column, String delimiter, String nullReplacement) {
    return fn("array_join", column, delimiter, nullReplacement);
  }

  public static Column slice(Column x, int start, int length) {
    return fn("slice", x, start, length);
  }

  public static Column slice(Column x, Column start, Column length) {
    return fn("slice", x, start, length);
  }

  public static Column array_repeat(Column left, int count) {
    return fn("array_repeat", left, count);
  }

  public static Column sequence(Column start, Column stop) {
    return fn("sequence", start, stop);
  }

  public static Column sequence(Column start, Column stop, Column step) {
    return fn("sequence", start, stop, step);
  }

  public static Column map(Column... cs) {
    return fn("map", (Object[]) cs);
  }

  public static Column map_from_arrays(Column keys, Column values) {
    return fn("map_from_arrays", keys, values);
  }

  public static Column map_contains_key(Column column, Object key) {
    return fn("map_contains_key", column, key);
  }

  public static Column str_to_map(Column text, Column pairDelim, Column keyValueDelim) {
    return fn("str_to_map", text, pairDelim, keyValueDelim);
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
