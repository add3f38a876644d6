package dev.sluice.plan.analysis;

import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.plan.expr.BinaryArithmetic.Op;
import dev.sluice.plan.expr.CurrentTime;
import dev.sluice.plan.expr.EvalMode;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.Kernel;
import dev.sluice.plan.expr.ScalarFunction;
import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.types.DateTimeUtil;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/** Date and timestamp functions. Timestamps are UTC microseconds; dates are days since the epoch. */
final class DateTimeFunctions {
  private DateTimeFunctions() {}

  static Expression timestamp(Expression e, FunctionRegistry.FunctionContext c) {
    DataType t = e.dataType();
    if (t == DataTypes.TimestampType) {
      return e;
    }
    if (t == DataTypes.DateType || t == DataTypes.StringType || t == DataTypes.NullType) {
      return TypeCoercion.castIfNeeded(e, DataTypes.TimestampType, c.ansi());
    }
    throw mismatch(c, e, "TIMESTAMP");
  }

  static Expression date(Expression e, FunctionRegistry.FunctionContext c) {
    DataType t = e.dataType();
    if (t == DataTypes.DateType) {
      return e;
    }
    if (t == DataTypes.TimestampType || t == DataTypes.StringType || t == DataTypes.NullType) {
      return TypeCoercion.castIfNeeded(e, DataTypes.DateType, c.ansi());
    }
    throw mismatch(c, e, "DATE");
  }

  private static AnalysisException mismatch(FunctionRegistry.FunctionContext c, Expression e, String wanted) {
    return new AnalysisException(ErrorClass.DATATYPE_MISMATCH, "\"" + c.name() + "(" + e.sql() + ")\"",
        "the argument must be a " + wanted + ", but " + e.sql() + " is " + e.dataType().sql());
  }

  private static FunctionSpec tsField(FunctionRegistry r, String name, ToIntFunction<LocalDateTime> f) {
    return r.register(name, 1, 1, name + "(timestamp)", (a, c) -> new ScalarFunction(name, List.of(timestamp(a.get(0), c)),
        DataTypes.IntegerType, new Kernel.LongToInt(us -> f.applyAsInt(DateTimeUtil.toLocalDateTime(us)))));
  }

  private static FunctionSpec dateField(FunctionRegistry r, String name, ToIntFunction<LocalDate> f) {
    return r.register(name, 1, 1, name + "(date)", (a, c) -> new ScalarFunction(name, List.of(date(a.get(0), c)),
        DataTypes.IntegerType, new Kernel.IntUnary(days -> f.applyAsInt(LocalDate.ofEpochDay(days)))));
  }

  static void register(FunctionRegistry r) {
    r.register("current_timestamp", 0, 0, "current_timestamp()", (a, c) -> new CurrentTime(false))
        .doc("Returns the current timestamp, taken once when the query starts: every call in the same query returns the same value. `now()` is a synonym.")
        .example("SELECT current_timestamp() = now()", "true")
        .example("SELECT typeof(current_timestamp())", "timestamp");
    r.alias("now", "current_timestamp");
    r.register("current_date", 0, 0, "current_date()", (a, c) -> new CurrentTime(true))
        .doc("Returns the current date in the session time zone, taken once when the query starts, so every call in the query agrees. `curdate()` is a synonym.")
        .example("SELECT current_date() = curdate()", "true")
        .example("SELECT typeof(current_date())", "date");
    r.alias("curdate", "current_date");
    tsField(r, "hour", LocalDateTime::getHour)
        .doc("Returns the hour of the day (0 to 23) of `timestamp` in the session time zone. A string or date argument is cast to a timestamp first; NULL gives NULL.")
        .example("SELECT hour('2009-07-30 12:58:59')", "12")
        .example("SELECT hour(NULL)", "NULL");
    tsField(r, "minute", LocalDateTime::getMinute)
        .doc("Returns the minute of the hour (0 to 59) of `timestamp` in the session time zone; strings and dates are cast to a timestamp, and NULL gives NULL.")
        .example("SELECT minute('2009-07-30 12:58:59')", "58")
        .example("SELECT minute(TIMESTAMP '2009-07-30 12:05:00')", "5");
    tsField(r, "second", LocalDateTime::getSecond)
        .doc("Returns the whole seconds (0 to 59) of `timestamp`; the fraction of a second is dropped. Strings and dates are cast to a timestamp, and NULL gives NULL.")
        .example("SELECT second('2009-07-30 12:58:59')", "59")
        .example("SELECT second(TIMESTAMP '2009-07-30 12:58:59.999')", "59");
    dateField(r, "year", LocalDate::getYear)
        .doc("Returns the year of `date`. A timestamp or string argument is cast to a date first; NULL gives NULL.")
        .example("SELECT year('2016-07-30')", "2016")
        .example("SELECT year(TIMESTAMP '2016-12-31 23:59:59')", "2016")
        .example("SELECT year(NULL)", "NULL");
    dateField(r, "month", LocalDate::getMonthValue)
        .doc("Returns the month of `date`, from 1 (January) to 12 (December). Timestamps and strings are cast to a date; NULL gives NULL.")
        .example("SELECT month('2016-07-30')", "7")
        .example("SELECT month(DATE '2016-12-01')", "12");
    dateField(r, "dayofmonth", LocalDate::getDayOfMonth)
        .doc("Returns the day of the month (1 to 31) of `date`; timestamps and strings are cast to a date, and NULL gives NULL. `day` is a synonym.")
        .example("SELECT dayofmonth('2009-07-30')", "30")
        .example("SELECT day(TIMESTAMP '2016-02-29 10:00:00')", "29");
    r.alias("day", "dayofmonth");
    dateField(r, "dayofyear", LocalDate::getDayOfYear)
        .doc("Returns the day of the year (1 to 366) of `date`; timestamps and strings are cast to a date, and NULL gives NULL.")
        .example("SELECT dayofyear('2016-04-09')", "100")
        .example("SELECT dayofyear('2016-12-31')", "366");
    dateField(r, "quarter", d -> (d.getMonthValue() - 1) / 3 + 1)
        .doc("Returns the quarter of the year (1 to 4) that `date` falls in; timestamps and strings are cast to a date, and NULL gives NULL.")
        .example("SELECT quarter('2016-08-31')", "3")
        .example("SELECT quarter('2016-01-01')", "1");
    dateField(r, "dayofweek", d -> d.getDayOfWeek().getValue() % 7 + 1)
        .doc("Returns the day of the week of `date` counted from Sunday: 1 for Sunday, 2 for Monday, up to 7 for Saturday. Timestamps and strings are cast to a date; NULL gives NULL.")
        .example("SELECT dayofweek('2009-07-30')", "5")
        .example("SELECT dayofweek('2009-07-26')", "1");
    dateField(r, "weekday", d -> d.getDayOfWeek().getValue() - 1)
        .doc("Returns the day of the week of `date` counted from Monday: 0 for Monday up to 6 for Sunday. Timestamps and strings are cast to a date; NULL gives NULL.")
        .example("SELECT weekday('2009-07-30')", "3")
        .example("SELECT weekday('2009-07-26')", "6");
    dateField(r, "weekofyear", d -> d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR))
        .doc("Returns the ISO 8601 week number (1 to 53) of `date`: weeks start on Monday and week 1 is the first week with more than three days in the new year, so early January can belong to the last week of the year before.")
        .example("SELECT weekofyear('2008-02-20')", "8")
        .example("SELECT weekofyear('2005-01-02')", "53");
    r.register("to_date", 1, 2, "to_date(str[, fmt])", (a, c) -> {
      if (a.size() == 1) {
        return date(a.get(0), c);
      }
      Expression s = StringFunctions.str(a.get(0), c);
      String fmt = FunctionArgs.constantString(a.get(1), c, "format");
      if (fmt == null) {
        return new dev.sluice.plan.expr.Literal(null, DataTypes.DateType);
      }
      DateTimeFormatter f = formatter(fmt);
      return new ScalarFunction("to_date", List.of(s, a.get(1)), DataTypes.DateType, v -> {
        LocalDateTime ldt = parseWith(f, (String) v[0], c.ansi(), fmt);
        return ldt == null ? null : (int) ldt.toLocalDate().toEpochDay();
      });
    })
        .doc("Converts `str` to a date. Without `fmt` it follows the rules of a cast to DATE; with `fmt` the string is parsed with that datetime pattern. An unparsable string raises an error when ANSI mode is on (the default) and gives NULL otherwise; NULL gives NULL.")
        .example("SELECT to_date('2009-07-30 04:17:52')", "2009-07-30")
        .example("SELECT to_date('2016-12-31', 'yyyy-MM-dd')", "2016-12-31")
        .example("SELECT to_date('12/31/2016', 'MM/dd/yyyy')", "2016-12-31");
    r.register("to_timestamp", 1, 2, "to_timestamp(str[, fmt])", (a, c) -> {
      if (a.size() == 1) {
        return timestamp(a.get(0), c);
      }
      Expression s = StringFunctions.str(a.get(0), c);
      String fmt = FunctionArgs.constantString(a.get(1), c, "format");
      if (fmt == null) {
        return new dev.sluice.plan.expr.Literal(null, DataTypes.TimestampType);
      }
      DateTimeFormatter f = formatter(fmt);
      return new ScalarFunction("to_timestamp", List.of(s, a.get(1)), DataTypes.TimestampType, v -> {
        LocalDateTime ldt = parseWith(f, (String) v[0], c.ansi(), fmt);
        return ldt == null ? null : DateTimeUtil.fromLocalDateTime(ldt);
      });
    })
        .doc("Converts `str` to a timestamp. Without `fmt` it follows the rules of a cast to TIMESTAMP; with `fmt` the string is parsed with that datetime pattern and missing fields default to the start of the day. An unparsable string raises an error in ANSI mode (the default), NULL otherwise.")
        .example("SELECT to_timestamp('2016-12-31 00:12:00')", "2016-12-31 00:12:00")
        .example("SELECT to_timestamp('2016-12-31', 'yyyy-MM-dd')", "2016-12-31 00:00:00");
    r.register("date_trunc", 2, 2, "date_trunc(unit, timestamp)", (a, c) -> {
      String u = FunctionArgs.constantString(a.get(0), c, "unit");
      Expression ts = timestamp(a.get(1), c);
      if (u == null) {
        return new dev.sluice.plan.expr.Literal(null, DataTypes.TimestampType);
      }
      String unit = u.toUpperCase(Locale.ROOT);
      if (!TIMESTAMP_TRUNC_UNITS.contains(unit)) {
        return new dev.sluice.plan.expr.Literal(null, DataTypes.TimestampType); // Spark: NULL for an unknown unit
      }
      return new ScalarFunction("date_trunc", List.of(a.get(0), ts), DataTypes.TimestampType,
          v -> truncate((Long) v[1], unit));
    })
        .doc("Returns `timestamp` with every field finer than `unit` reset: `unit` is one of YEAR (YYYY, YY), QUARTER, MONTH (MM, MON), WEEK (to the Monday), DAY (DD), HOUR, MINUTE, SECOND, MILLISECOND or MICROSECOND, in any case. An unknown unit gives NULL, as does a NULL timestamp.")
        .example("SELECT date_trunc('YEAR', '2015-03-05T09:32:05.359')", "2015-01-01 00:00:00")
        .example("SELECT date_trunc('HOUR', '2015-03-05T09:32:05.359')", "2015-03-05 09:00:00")
        .example("SELECT date_trunc('MILLISECOND', '2015-03-05T09:32:05.123456')", "2015-03-05 09:32:05.123")
        .example("SELECT date_trunc('WEEK', '2015-03-05T09:32:05.123456')", "2015-03-02 00:00:00");
    r.register("unix_timestamp", 0, 2, "unix_timestamp([timeExp[, fmt]])", (a, c) -> {
      if (a.isEmpty()) {
        return secondsOf(new CurrentTime(false));
      }
      if (a.size() == 2 || a.get(0).dataType() == DataTypes.StringType) {
        String fmt = a.size() == 2 ? FunctionArgs.constantString(a.get(1), c, "format") : "yyyy-MM-dd HH:mm:ss";
        if (fmt == null) {
          return new dev.sluice.plan.expr.Literal(null, DataTypes.LongType);
        }
        DateTimeFormatter f = formatter(fmt);
        return new ScalarFunction("unix_timestamp", List.of(StringFunctions.str(a.get(0), c)), DataTypes.LongType, v -> {
          LocalDateTime ldt = parseWith(f, (String) v[0], c.ansi(), fmt);
          return ldt == null ? null : ldt.toEpochSecond(ZoneOffset.UTC);
        });
      }
      return secondsOf(timestamp(a.get(0), c));
    })
        .doc("Returns the seconds since 1970-01-01 00:00:00 UTC of `timeExp`, or of the query's start time when called without arguments. A string is parsed with `fmt` (default `yyyy-MM-dd HH:mm:ss`) in the session time zone, failing in ANSI mode when it does not parse; dates and timestamps ignore `fmt`.")
        .example("SELECT unix_timestamp('2016-04-08', 'yyyy-MM-dd')", "1460073600")
        .example("SELECT unix_timestamp('1970-01-01 00:01:00')", "60")
        .example("SELECT unix_timestamp() > 0", "true");
    r.register("from_unixtime", 1, 2, "from_unixtime(seconds[, fmt])", (a, c) -> {
      String fmt = a.size() == 2 ? FunctionArgs.constantString(a.get(1), c, "format") : "yyyy-MM-dd HH:mm:ss";
      if (fmt == null) {
        return new dev.sluice.plan.expr.Literal(null, DataTypes.StringType);
      }
      DateTimeFormatter f = formatter(fmt);
      Expression secs = TypeCoercion.castIfNeeded(MathFunctions.numeric(a.get(0), c), DataTypes.LongType, c.ansi());
      return new ScalarFunction("from_unixtime", List.of(secs), DataTypes.StringType,
          v -> f.format(LocalDateTime.ofEpochSecond((Long) v[0], 0, ZoneOffset.UTC)));
    })
        .doc("Formats `seconds` since 1970-01-01 00:00:00 UTC as a string in the session time zone, using the datetime pattern `fmt` (default `yyyy-MM-dd HH:mm:ss`). NULL gives NULL.")
        .example("SELECT from_unixtime(0, 'yyyy-MM-dd HH:mm:ss')", "1970-01-01 00:00:00")
        .example("SELECT from_unixtime(0)", "1970-01-01 00:00:00")
        .example("SELECT from_unixtime(1460073600, 'yyyy/MM/dd')", "2016/04/08");
    r.register("date_format", 2, 2, "date_format(timestamp, fmt)", (a, c) -> {
      String fmt = FunctionArgs.constantString(a.get(1), c, "format");
      if (fmt == null) {
        return new dev.sluice.plan.expr.Literal(null, DataTypes.StringType);
      }
      DateTimeFormatter f = formatter(fmt);
      return new ScalarFunction("date_format", List.of(timestamp(a.get(0), c), a.get(1)), DataTypes.StringType,
          v -> f.format(DateTimeUtil.toLocalDateTime((Long) v[0])));
    })
        .doc("Renders `timestamp` as a string following the datetime pattern `fmt` (e.g. `yyyy-MM-dd HH:mm`, `EEE` for the short day name). Dates and strings are cast to a timestamp first; NULL gives NULL.")
        .example("SELECT date_format('2016-04-08', 'y')", "2016")
        .example("SELECT date_format(TIMESTAMP '2016-04-08 13:05:09', 'yyyy-MM-dd HH:mm')", "2016-04-08 13:05")
        .example("SELECT date_format(DATE '2016-04-08', 'EEE, d MMM yyyy')", "Fri, 8 Apr 2016");
    r.register("timestamp_seconds", 1, 1, "timestamp_seconds(seconds)", (a, c) -> {
      Expression x = MathFunctions.numeric(a.get(0), c);
      return new ScalarFunction("timestamp_seconds", List.of(x), DataTypes.TimestampType, v -> {
        Object n = v[0];
        if (n instanceof Double || n instanceof Float) {
          double d = ((Number) n).doubleValue();
          return Double.isNaN(d) || Double.isInfinite(d) ? null : (long) (d * 1_000_000L);
        }
        if (n instanceof java.math.BigDecimal bd) {
          return bd.movePointRight(6).longValue();
        }
        return Math.multiplyExact(((Number) n).longValue(), DateTimeUtil.MICROS_PER_SECOND);
      });
    })
        .doc("Returns the timestamp `seconds` after 1970-01-01 00:00:00 UTC; the number may have a fraction, kept to the microsecond. NaN and infinite values give NULL, and an integer too large for a timestamp is an overflow error.")
        .example("SELECT timestamp_seconds(1230219000)", "2008-12-25 15:30:00")
        .example("SELECT timestamp_seconds(1230219000.123)", "2008-12-25 15:30:00.123");
    r.register("timestamp_millis", 1, 1, "timestamp_millis(millis)", (a, c) -> new ScalarFunction("timestamp_millis",
        List.of(FunctionArgs.lng(a.get(0), c)), DataTypes.TimestampType,
        new Kernel.LongUnary(ms -> Math.multiplyExact(ms, 1000L))))
        .doc("Returns the timestamp `millis` milliseconds after 1970-01-01 00:00:00 UTC (before it when negative). A value out of the timestamp range is an overflow error; NULL gives NULL.")
        .example("SELECT timestamp_millis(1230219000123)", "2008-12-25 15:30:00.123")
        .example("SELECT timestamp_millis(-1)", "1969-12-31 23:59:59.999");
    r.register("timestamp_micros", 1, 1, "timestamp_micros(micros)", (a, c) -> new ScalarFunction("timestamp_micros",
        List.of(FunctionArgs.lng(a.get(0), c)), DataTypes.TimestampType, new Kernel.LongUnary(us -> us)))
        .doc("Returns the timestamp `micros` microseconds after 1970-01-01 00:00:00 UTC (before it when negative); NULL gives NULL.")
        .example("SELECT timestamp_micros(1230219000123123)", "2008-12-25 15:30:00.123123");
    r.register("unix_seconds", 1, 1, "unix_seconds(timestamp)", (a, c) -> secondsOf(timestamp(a.get(0), c)))
        .doc("Returns the whole seconds from 1970-01-01 00:00:00 UTC to `timestamp`, rounding down, so an instant just before the epoch gives -1. NULL gives NULL.")
        .example("SELECT unix_seconds(TIMESTAMP '1970-01-01 00:00:01Z')", "1")
        .example("SELECT unix_seconds(TIMESTAMP '1969-12-31 23:59:59.5')", "-1");
    r.register("unix_millis", 1, 1, "unix_millis(timestamp)", (a, c) -> new ScalarFunction("unix_millis",
        List.of(timestamp(a.get(0), c)), DataTypes.LongType,
        new Kernel.LongUnary(us -> Math.floorDiv(us, 1000L))))
        .doc("Returns the whole milliseconds from 1970-01-01 00:00:00 UTC to `timestamp`, dropping finer precision by rounding down. NULL gives NULL.")
        .example("SELECT unix_millis(TIMESTAMP '1970-01-01 00:00:01Z')", "1000")
        .example("SELECT unix_millis(TIMESTAMP '1970-01-01 00:00:00.0019')", "1");
    r.register("unix_micros", 1, 1, "unix_micros(timestamp)", (a, c) -> new ScalarFunction("unix_micros",
        List.of(timestamp(a.get(0), c)), DataTypes.LongType, new Kernel.LongUnary(us -> us)))
        .doc("Returns the microseconds from 1970-01-01 00:00:00 UTC to `timestamp`; NULL gives NULL.")
        .example("SELECT unix_micros(TIMESTAMP '1970-01-01 00:00:01Z')", "1000000");
    r.register("date_add", 2, 2, "date_add(date, days)", (a, c) -> new ScalarFunction("date_add",
        List.of(date(a.get(0), c), StringFunctions.integer(a.get(1), c)), DataTypes.DateType,
        new Kernel.IntBinary(Math::addExact)))
        .doc("Returns the date `days` days after `date` (before it when `days` is negative). Strings and timestamps are cast to a date; NULL in either argument gives NULL. `dateadd` is a synonym.")
        .example("SELECT date_add('2016-07-30', 1)", "2016-07-31")
        .example("SELECT dateadd('2016-07-30', -31)", "2016-06-29");
    r.register("date_sub", 2, 2, "date_sub(date, days)", (a, c) -> new ScalarFunction("date_sub",
        List.of(date(a.get(0), c), StringFunctions.integer(a.get(1), c)), DataTypes.DateType,
        new Kernel.IntBinary(Math::subtractExact)))
        .doc("Returns the date `days` days before `date` (after it when `days` is negative). Strings and timestamps are cast to a date; NULL in either argument gives NULL.")
        .example("SELECT date_sub('2016-07-30', 1)", "2016-07-29")
        .example("SELECT date_sub('2016-03-01', 1)", "2016-02-29");
    r.register("datediff", 2, 2, "datediff(end, start)", (a, c) -> new ScalarFunction("datediff",
        List.of(date(a.get(0), c), date(a.get(1), c)), DataTypes.IntegerType,
        new Kernel.IntBinary((end, start) -> end - start)))
        .doc("Returns the number of days from `start` to `end`, negative when `end` is earlier; times of day are ignored. NULL in either argument gives NULL. `date_diff` is a synonym.")
        .example("SELECT datediff('2009-07-31', '2009-07-30')", "1")
        .example("SELECT datediff('2009-07-30', '2009-07-31')", "-1")
        .example("SELECT date_diff('2009-07-31 23:59:59', '2009-07-30 00:00:01')", "1");
    r.register("make_date", 3, 3, "make_date(year, month, day)", (a, c) -> {
      boolean ansi = c.ansi();
      return new ScalarFunction("make_date",
          List.of(StringFunctions.integer(a.get(0), c), StringFunctions.integer(a.get(1), c),
              StringFunctions.integer(a.get(2), c)), DataTypes.DateType, v -> {
            try {
              return (int) LocalDate.of((Integer) v[0], (Integer) v[1], (Integer) v[2]).toEpochDay();
            } catch (java.time.DateTimeException e) {
              if (ansi) {
                throw FunctionArgs.runtime("make_date", "the fields do not form a valid date: " + e.getMessage()
                    + ". Set sluice.sql.ansi.enabled to false to get NULL instead.");
              }
              return null;
            }
          });
    })
        .doc("Builds a date from `year`, `month` and `day`. Any NULL field gives NULL; fields that do not form a real date (month 13, February 30) raise an error in ANSI mode (the default) and give NULL otherwise.")
        .example("SELECT make_date(2013, 7, 15)", "2013-07-15")
        .example("SELECT make_date(2019, 7, NULL)", "NULL");
    r.register("last_day", 1, 1, "last_day(date)", (a, c) -> new ScalarFunction("last_day",
        List.of(date(a.get(0), c)), DataTypes.DateType, new Kernel.IntUnary(days -> {
          LocalDate d = LocalDate.ofEpochDay(days);
          return (int) d.withDayOfMonth(d.lengthOfMonth()).toEpochDay();
        })))
        .doc("Returns the last day of the month that `date` falls in; strings and timestamps are cast to a date, and NULL gives NULL.")
        .example("SELECT last_day('2009-01-12')", "2009-01-31")
        .example("SELECT last_day('2016-02-10')", "2016-02-29");
    registerMore(r);
  }

  /** Spark's field names for date_part / EXTRACT, mapped to the function that computes each. */
  private static String extractFunction(String field) {
    return switch (field.toUpperCase(Locale.ROOT)) {
      case "YEAR", "Y", "YEARS", "YR", "YRS" -> "year";
      case "YEAROFWEEK" -> "yearofweek";
      case "QUARTER", "QTR" -> "quarter";
      case "MONTH", "MON", "MONS", "MONTHS" -> "month";
      case "WEEK", "W", "WEEKS" -> "weekofyear";
      case "DAY", "D", "DAYS" -> "day";
      case "DAYOFWEEK", "DOW" -> "dayofweek";
      case "DAYOFWEEK_ISO", "DOW_ISO" -> "dayofweek_iso";
      case "DOY" -> "dayofyear";
      case "HOUR", "H", "HOURS", "HR", "HRS" -> "hour";
      case "MINUTE", "M", "MIN", "MINS", "MINUTES" -> "minute";
      case "SECOND", "S", "SEC", "SECONDS", "SECS" -> "second_with_fraction";
      default -> null;
    };
  }

  private static final dev.sluice.types.DecimalType SECOND_WITH_FRACTION = new dev.sluice.types.DecimalType(8, 6);

  private static final String[] DAY_NAMES = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  private static final String[] MONTH_NAMES = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
      "Nov", "Dec"};

  /** Date functions beyond the first set: date_part, month arithmetic, truncation, time zones. */
  static void registerMore(FunctionRegistry r) {
    r.register("date_part", 2, 2, "date_part(field, source)", (a, c) -> {
      String field = FunctionArgs.constantString(a.get(0), c, "field");
      if (field == null) {
        return new dev.sluice.plan.expr.Literal(null, DataTypes.DoubleType);
      }
      String fn = extractFunction(field);
      if (fn == null) {
        throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, "`" + FunctionArgs.name(c) + "`",
            "the field '" + field + "' is not supported; use YEAR, YEAROFWEEK, QUARTER, MONTH, WEEK, DAY, DAYOFWEEK,"
                + " DAYOFWEEK_ISO, DOY, HOUR, MINUTE or SECOND");
      }
      if (fn.equals("second_with_fraction")) {
        return new ScalarFunction(FunctionArgs.name(c), List.of(a.get(0), timestamp(a.get(1), c)), SECOND_WITH_FRACTION,
            v -> java.math.BigDecimal.valueOf(Math.floorMod((Long) v[1], 60_000_000L), 6));
      }
      if (fn.equals("yearofweek") || fn.equals("dayofweek_iso")) {
        boolean iso = fn.equals("dayofweek_iso");
        return new ScalarFunction(FunctionArgs.name(c), List.of(a.get(0), date(a.get(1), c)), DataTypes.IntegerType, v -> {
          LocalDate d = LocalDate.ofEpochDay((Integer) v[1]);
          return iso ? d.getDayOfWeek().getValue() : d.get(IsoFields.WEEK_BASED_YEAR);
        });
      }
      return r.lookup(fn).builder().build(List.of(a.get(1)), new FunctionRegistry.FunctionContext(fn, c.ansi(), c.ddl(), c.constants()));
    })
        .doc("Extracts one field of the date or timestamp `source`, like `EXTRACT(field FROM source)`: `field` is a constant such as YEAR, YEAROFWEEK, QUARTER, MONTH, WEEK, DAY, DAYOFWEEK, DAYOFWEEK_ISO, DOY, HOUR, MINUTE or SECOND (or one of their abbreviations), in any case. SECOND includes the fraction as a DECIMAL(8, 6); a NULL field gives NULL and an unknown one is an error.")
        .example("SELECT date_part('YEAR', TIMESTAMP '2019-08-12 01:00:00.123456')", "2019")
        .example("SELECT date_part('week', TIMESTAMP '2019-08-12 01:00:00.123456')", "33")
        .example("SELECT date_part('doy', DATE '2019-08-12')", "224")
        .example("SELECT datepart('SECONDS', TIMESTAMP '2019-10-01 00:00:01.000001')", "1.000001");
    r.alias("datepart", "date_part");
    r.register("dayname", 1, 1, "dayname(date)", (a, c) -> new ScalarFunction("dayname", List.of(date(a.get(0), c)),
        DataTypes.StringType, v -> DAY_NAMES[LocalDate.ofEpochDay((Integer) v[0]).getDayOfWeek().getValue() - 1]))
        .doc("Returns the three-letter English name of the day of the week of `date` (`Mon` to `Sun`); timestamps and strings are cast to a date, and NULL gives NULL.")
        .example("SELECT dayname(DATE '2008-02-20')", "Wed")
        .example("SELECT dayname('2009-07-26')", "Sun");
    r.register("monthname", 1, 1, "monthname(date)", (a, c) -> new ScalarFunction("monthname",
        List.of(date(a.get(0), c)), DataTypes.StringType,
        v -> MONTH_NAMES[LocalDate.ofEpochDay((Integer) v[0]).getMonthValue() - 1]))
        .doc("Returns the three-letter English name of the month of `date` (`Jan` to `Dec`); timestamps and strings are cast to a date, and NULL gives NULL.")
        .example("SELECT monthname('2008-02-20')", "Feb")
        .example("SELECT monthname(TIMESTAMP '2008-12-01 10:00:00')", "Dec");
    r.register("months_between", 2, 3, "months_between(timestamp1, timestamp2[, roundOff])", (a, c) -> {
      List<Expression> args = List.of(timestamp(a.get(0), c), timestamp(a.get(1), c),
          a.size() == 3 ? FunctionArgs.bool(a.get(2), c) : dev.sluice.plan.expr.Literal.TRUE);
      return new ScalarFunction("months_between", args, DataTypes.DoubleType,
          v -> monthsBetween((Long) v[0], (Long) v[1], (Boolean) v[2]));
    })
        .doc("Returns how many months `timestamp1` is after `timestamp2` (negative when earlier). When both fall on the same day of the month, or both on the last day of their months, the result is a whole number and the time of day is ignored; otherwise the remainder counts 31-day months, and the result is rounded to 8 decimal places unless `roundOff` is false.")
        .example("SELECT months_between('1997-02-28 10:30:00', '1996-10-30')", "3.94959677")
        .example("SELECT months_between('1997-02-28 10:30:00', '1996-10-30', false)", "3.9495967741935485")
        .example("SELECT months_between('2019-03-31', '2019-02-28')", "1.0");
    r.register("add_months", 2, 2, "add_months(start_date, num_months)", (a, c) -> new ScalarFunction("add_months",
        List.of(date(a.get(0), c), StringFunctions.integer(a.get(1), c)), DataTypes.DateType, v -> {
          try {
            return (int) LocalDate.ofEpochDay((Integer) v[0]).plusMonths((Integer) v[1]).toEpochDay();
          } catch (java.time.DateTimeException e) {
            throw FunctionArgs.runtime("add_months", "the result is out of the supported date range: " + e.getMessage());
          }
        }))
        .doc("Returns the date `num_months` months after `start_date` (before it when negative). When the day does not exist in the target month, the last day of that month is used; NULL gives NULL.")
        .example("SELECT add_months('2016-08-31', 1)", "2016-09-30")
        .example("SELECT add_months('2016-08-31', -6)", "2016-02-29");
    r.register("next_day", 2, 2, "next_day(start_date, day_of_week)", (a, c) -> {
      Expression d = date(a.get(0), c);
      Expression dow = StringFunctions.str(a.get(1), c);
      boolean ansi = c.ansi();
      if (dow.foldable() && ansi) {
        Object v = c.constant(dow);
        if (v != null && dayOfWeek((String) v) == null) {
          throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, "`next_day`", illegalDayOfWeek((String) v));
        }
      }
      return new ScalarFunction("next_day", List.of(d, dow), DataTypes.DateType, v -> {
        DayOfWeek target = dayOfWeek((String) v[1]);
        if (target == null) {
          if (ansi) {
            throw FunctionArgs.runtime("next_day", illegalDayOfWeek((String) v[1]));
          }
          return null;
        }
        return (int) LocalDate.ofEpochDay((Integer) v[0])
            .with(java.time.temporal.TemporalAdjusters.next(target)).toEpochDay();
      });
    })
        .doc("Returns the first date strictly after `start_date` that falls on `day_of_week`, given as a two-letter, three-letter or full English day name in any case (`TU`, `Tue`, `tuesday`). NULL gives NULL; an unknown day name is an error in ANSI mode (the default) and gives NULL otherwise.")
        .example("SELECT next_day('2015-01-14', 'TU')", "2015-01-20")
        .example("SELECT next_day('2015-01-14', 'wednesday')", "2015-01-21");
    r.register("trunc", 2, 2, "trunc(date, fmt)", (a, c) -> {
      Expression d = date(a.get(0), c);
      Expression fmt = StringFunctions.str(a.get(1), c);
      if (fmt.foldable()) {
        Object f = c.constant(fmt);
        String unit = f == null ? null : truncDateUnit((String) f);
        if (unit == null) {
          return new dev.sluice.plan.expr.Literal(null, DataTypes.DateType);
        }
        return new ScalarFunction("trunc", List.of(d, fmt), DataTypes.DateType, v -> truncDate((Integer) v[0], unit));
      }
      return new ScalarFunction("trunc", List.of(d, fmt), DataTypes.DateType, v -> {
        String unit = truncDateUnit((String) v[1]);
        return unit == null ? null : truncDate((Integer) v[0], unit);
      });
    })
        .doc("Returns `date` truncated to the start of the unit `fmt`: YEAR (YYYY, YY), QUARTER, MONTH (MM, MON) or WEEK (the Monday), in any case. Any other unit, including DAY, gives NULL, as does a NULL date.")
        .example("SELECT trunc('2019-08-04', 'week')", "2019-07-29")
        .example("SELECT trunc('2019-08-04', 'quarter')", "2019-07-01")
        .example("SELECT trunc('2009-02-12', 'MM')", "2009-02-01")
        .example("SELECT trunc('2015-10-27', 'DD')", "NULL");
    r.register("make_timestamp", 6, 7, "make_timestamp(year, month, day, hour, min, sec[, timezone])", (a, c) -> {
      List<Expression> args = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        args.add(StringFunctions.integer(a.get(i), c));
      }
      args.add(FunctionArgs.castTo(MathFunctions.numeric(a.get(5), c), new dev.sluice.types.DecimalType(16, 6), c));
      if (a.size() == 7) {
        args.add(StringFunctions.str(a.get(6), c));
      }
      boolean ansi = c.ansi();
      return new ScalarFunction("make_timestamp", args, DataTypes.TimestampType, v -> makeTimestamp(v, ansi));
    })
        .doc("Builds a timestamp from its fields; `sec` may carry a fraction down to microseconds, and 60 with no fraction rolls over to the next minute. The fields are read in `timezone` when given, else in the session time zone. A NULL field gives NULL; invalid fields raise an error in ANSI mode (the default) and give NULL otherwise.")
        .example("SELECT make_timestamp(2014, 12, 28, 6, 30, 45.887)", "2014-12-28 06:30:45.887")
        .example("SELECT make_timestamp(2014, 12, 28, 6, 30, 45.887, 'CET')", "2014-12-28 05:30:45.887")
        .example("SELECT make_timestamp(2019, 6, 30, 23, 59, 60)", "2019-07-01 00:00:00")
        .example("SELECT make_timestamp(null, 7, 22, 15, 30, 0)", "NULL");
    r.register("to_unix_timestamp", 1, 2, "to_unix_timestamp(timeExp[, fmt])", r.lookup("unix_timestamp").builder())
        .doc("Returns the seconds since 1970-01-01 00:00:00 UTC of `timeExp`. A string is parsed with `fmt` (default `yyyy-MM-dd HH:mm:ss`) in the session time zone, failing in ANSI mode when it does not parse; dates and timestamps ignore `fmt`.")
        .example("SELECT to_unix_timestamp('2016-04-08', 'yyyy-MM-dd')", "1460073600")
        .example("SELECT to_unix_timestamp(TIMESTAMP '1970-01-01 00:00:10')", "10");
    r.alias("date_diff", "datediff");
    r.alias("dateadd", "date_add");
    r.register("unix_date", 1, 1, "unix_date(date)", (a, c) -> new ScalarFunction("unix_date",
        List.of(date(a.get(0), c)), DataTypes.IntegerType, new Kernel.IntUnary(days -> days)))
        .doc("Returns the number of days from 1970-01-01 to `date`, negative for earlier dates; NULL gives NULL.")
        .example("SELECT unix_date(DATE '1970-01-02')", "1")
        .example("SELECT unix_date(DATE '1969-12-31')", "-1");
    r.register("date_from_unix_date", 1, 1, "date_from_unix_date(days)", (a, c) -> new ScalarFunction(
        "date_from_unix_date", List.of(StringFunctions.integer(a.get(0), c)), DataTypes.DateType,
        new Kernel.IntUnary(days -> days)))
        .doc("Returns the date `days` days after 1970-01-01 (before it when negative); NULL gives NULL.")
        .example("SELECT date_from_unix_date(1)", "1970-01-02")
        .example("SELECT date_from_unix_date(-1)", "1969-12-31");
    r.register("current_timezone", 0, 0, "current_timezone()", (a, c) -> new ScalarFunction("current_timezone",
        List.of(), DataTypes.StringType, v -> "UTC"))
        .doc("Returns the session time zone as a string. Sluice supports only UTC as its session time zone (`sluice.sql.session.timeZone`), so the result is always `UTC`.")
        .example("SELECT current_timezone()", "UTC");
    r.register("from_utc_timestamp", 2, 2, "from_utc_timestamp(timestamp, timezone)", (a, c) -> zoneShift(a, c, true))
        .doc("Treats `timestamp` as a wall-clock time in UTC and returns the wall-clock time it shows in `timezone` (a region such as `Asia/Seoul` or an offset such as `+08:00`). NULL in either argument gives NULL; an unknown zone is an error.")
        .example("SELECT from_utc_timestamp('2016-08-31', 'Asia/Seoul')", "2016-08-31 09:00:00")
        .example("SELECT from_utc_timestamp(TIMESTAMP '2017-07-14 02:40:00', '+01:00')", "2017-07-14 03:40:00");
    r.register("to_utc_timestamp", 2, 2, "to_utc_timestamp(timestamp, timezone)", (a, c) -> zoneShift(a, c, false))
        .doc("Treats `timestamp` as a wall-clock time in `timezone` and returns the wall-clock time it shows in UTC, the reverse of `from_utc_timestamp`. NULL in either argument gives NULL; an unknown zone is an error.")
        .example("SELECT to_utc_timestamp('2016-08-31', 'Asia/Seoul')", "2016-08-30 15:00:00")
        .example("SELECT to_utc_timestamp(TIMESTAMP '2017-07-14 02:40:00', '+01:00')", "2017-07-14 01:40:00");
  }

  private static String illegalDayOfWeek(String s) {
    return "'" + s + "' is not a day of the week; use SU, SUN, SUNDAY, MO, MON, MONDAY, ... (any case)";
  }

  static DayOfWeek dayOfWeek(String s) {
    return switch (s.toUpperCase(Locale.ROOT)) {
      case "SU", "SUN", "SUNDAY" -> DayOfWeek.SUNDAY;
      case "MO", "MON", "MONDAY" -> DayOfWeek.MONDAY;
      case "TU", "TUE", "TUESDAY" -> DayOfWeek.TUESDAY;
      case "WE", "WED", "WEDNESDAY" -> DayOfWeek.WEDNESDAY;
      case "TH", "THU", "THURSDAY" -> DayOfWeek.THURSDAY;
      case "FR", "FRI", "FRIDAY" -> DayOfWeek.FRIDAY;
      case "SA", "SAT", "SATURDAY" -> DayOfWeek.SATURDAY;
      default -> null;
    };
  }

  /** The unit trunc(date, fmt) truncates to, or null (Spark gives NULL for units finer than a week). */
  static String truncDateUnit(String fmt) {
    return switch (fmt.toUpperCase(Locale.ROOT)) {
      case "YEAR", "YYYY", "YY" -> "YEAR";
      case "QUARTER" -> "QUARTER";
      case "MONTH", "MM", "MON" -> "MONTH";
      case "WEEK" -> "WEEK";
      default -> null;
    };
  }

  static int truncDate(int days, String unit) {
    return (int) Math.floorDiv(truncate(days * DateTimeUtil.MICROS_PER_DAY, unit), DateTimeUtil.MICROS_PER_DAY);
  }

  /** Spark's months_between: whole months when the days of month match or both are month ends, else days / 31. */
  static double monthsBetween(long micros1, long micros2, boolean roundOff) {
    LocalDateTime t1 = DateTimeUtil.toLocalDateTime(micros1);
    LocalDateTime t2 = DateTimeUtil.toLocalDateTime(micros2);
    LocalDate d1 = t1.toLocalDate();
    LocalDate d2 = t2.toLocalDate();
    int months1 = d1.getYear() * 12 + d1.getMonthValue();
    int months2 = d2.getYear() * 12 + d2.getMonthValue();
    double monthDiff = months1 - months2;
    boolean end1 = d1.getDayOfMonth() == d1.lengthOfMonth();
    boolean end2 = d2.getDayOfMonth() == d2.lengthOfMonth();
    if (d1.getDayOfMonth() == d2.getDayOfMonth() || (end1 && end2)) {
      return monthDiff;
    }
    long secondsInDay1 = Math.floorMod(micros1, DateTimeUtil.MICROS_PER_DAY) / DateTimeUtil.MICROS_PER_SECOND;
    long secondsInDay2 = Math.floorMod(micros2, DateTimeUtil.MICROS_PER_DAY) / DateTimeUtil.MICROS_PER_SECOND;
    long secondsDiff = (d1.getDayOfMonth() - d2.getDayOfMonth()) * 86_400L + secondsInDay1 - secondsInDay2;
    double diff = monthDiff + secondsDiff / (31 * 86_400.0);
    return roundOff ? Math.round(diff * 1e8) / 1e8 : diff;
  }

  private static Object makeTimestamp(Object[] v, boolean ansi) {
    try {
      java.math.BigDecimal sec = (java.math.BigDecimal) v[5];
      long totalMicros = sec.movePointRight(6).longValueExact();
      int seconds = (int) (totalMicros / DateTimeUtil.MICROS_PER_SECOND);
      int nanos = (int) (totalMicros % DateTimeUtil.MICROS_PER_SECOND) * 1000;
      LocalDateTime ldt;
      if (seconds == 60) {
        if (nanos != 0) {
          throw new java.time.DateTimeException("the fraction of sec must be zero when sec is 60, but it is "
              + sec.toPlainString());
        }
        ldt = LocalDateTime.of((Integer) v[0], (Integer) v[1], (Integer) v[2], (Integer) v[3], (Integer) v[4], 0, 0)
            .plusMinutes(1);
      } else {
        ldt = LocalDateTime.of((Integer) v[0], (Integer) v[1], (Integer) v[2], (Integer) v[3], (Integer) v[4],
            seconds, nanos);
      }
      java.time.ZoneId zone = v.length == 7 ? zone((String) v[6], "make_timestamp") : ZoneOffset.UTC;
      java.time.Instant in = ldt.atZone(zone).toInstant();
      return Math.addExact(Math.multiplyExact(in.getEpochSecond(), DateTimeUtil.MICROS_PER_SECOND),
          in.getNano() / 1000);
    } catch (java.time.DateTimeException | ArithmeticException e) {
      if (ansi) {
        throw FunctionArgs.runtime("make_timestamp", "the fields do not form a valid timestamp: " + e.getMessage()
            + ". Use try_make_timestamp or set sluice.sql.ansi.enabled to false to get NULL instead.");
      }
      return null;
    }
  }

  static java.time.ZoneId zone(String id, String fn) {
    try {
      return java.time.ZoneId.of(id, java.time.ZoneId.SHORT_IDS);
    } catch (java.time.DateTimeException e) {
      throw FunctionArgs.runtime(fn, "'" + id + "' is not a time zone; use a region like 'America/New_York' or an"
          + " offset like '+08:00'");
    }
  }

  /** from_utc_timestamp shows a UTC instant as wall time in a zone; to_utc_timestamp does the reverse. */
  private static Expression zoneShift(List<Expression> a, FunctionRegistry.FunctionContext c, boolean fromUtc) {
    String name = fromUtc ? "from_utc_timestamp" : "to_utc_timestamp";
    Expression ts = timestamp(a.get(0), c);
    Expression tz = StringFunctions.str(a.get(1), c);
    java.time.ZoneId constant = null;
    if (tz.foldable()) {
      Object z = c.constant(tz);
      if (z == null) {
        return new dev.sluice.plan.expr.Literal(null, DataTypes.TimestampType);
      }
      try {
        constant = java.time.ZoneId.of((String) z, java.time.ZoneId.SHORT_IDS);
      } catch (java.time.DateTimeException e) {
        throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, "`" + name + "`", "'" + z
            + "' is not a time zone; use a region like 'America/New_York' or an offset like '+08:00'");
      }
    }
    java.time.ZoneId fixed = constant;
    return new ScalarFunction(name, List.of(ts, tz), DataTypes.TimestampType, v -> {
      java.time.ZoneId zone = fixed != null ? fixed : zone((String) v[1], name);
      long micros = (Long) v[0];
      LocalDateTime ldt = DateTimeUtil.toLocalDateTime(micros);
      if (fromUtc) {
        java.time.Instant in = ldt.toInstant(ZoneOffset.UTC);
        return DateTimeUtil.fromLocalDateTime(LocalDateTime.ofInstant(in, zone));
      }
      java.time.Instant in = ldt.atZone(zone).toInstant();
      return in.getEpochSecond() * DateTimeUtil.MICROS_PER_SECOND + in.getNano() / 1000;
    });
  }

  private static Expression secondsOf(Expression ts) {
    return new ScalarFunction("unix_timestamp", List.of(ts), DataTypes.LongType,
        new Kernel.LongUnary(us -> Math.floorDiv(us, DateTimeUtil.MICROS_PER_SECOND)));
  }

  /**
   * Datetime arithmetic that leaves its type's range: NULL under TRY ({@code try_add}), otherwise Spark's
   * ARITHMETIC_OVERFLOW naming the expression.
   */
  private static Object exact(EvalMode mode, String type, String expr, Op op, java.util.function.Supplier<Object> f) {
    try {
      return f.get();
    } catch (ArithmeticException e) {
      if (mode == EvalMode.TRY) {
        return null;
      }
      throw new dev.sluice.errors.ExecutionException(ErrorClass.ARITHMETIC_OVERFLOW, type, expr,
          ErrorClass.tryInstead(op == Op.ADD ? "add" : "subtract"));
    }
  }

  /** {@code timestamp ± interval}, {@code date ± days}, {@code timestamp - timestamp}; null when not datetime arithmetic. */
  static Expression dateTimeArithmetic(Op op, Expression l, Expression r, EvalMode mode) {
    DataType lt = l.dataType();
    DataType rt = r.dataType();
    boolean lTime = lt == DataTypes.TimestampType || lt == DataTypes.DateType;
    boolean rTime = rt == DataTypes.TimestampType || rt == DataTypes.DateType;
    if (!lTime && !rTime && lt != DataTypes.DayTimeIntervalType && rt != DataTypes.DayTimeIntervalType) {
      return null;
    }
    if ((op == Op.ADD || op == Op.SUBTRACT) && lTime && rt == DataTypes.DayTimeIntervalType) {
      Expression ts = TypeCoercion.castIfNeeded(l, DataTypes.TimestampType, true);
      long sign = op == Op.ADD ? 1 : -1;
      String text = l.sql() + " " + op.symbol() + " " + r.sql();
      return new ScalarFunction(op == Op.ADD ? "+" : "-", List.of(ts, r), DataTypes.TimestampType,
          v -> exact(mode, "timestamp", text, op, () -> Math.addExact((Long) v[0], Math.multiplyExact(sign, (Long) v[1]))));
    }
    if (op == Op.ADD && rTime && lt == DataTypes.DayTimeIntervalType) {
      return dateTimeArithmetic(op, r, l, mode);
    }
    if ((op == Op.ADD || op == Op.SUBTRACT) && lt == DataTypes.DateType && rt.isIntegral()) {
      int sign = op == Op.ADD ? 1 : -1;
      return new ScalarFunction(op == Op.ADD ? "date_add" : "date_sub",
          List.of(l, TypeCoercion.castIfNeeded(r, DataTypes.IntegerType, true)), DataTypes.DateType,
          v -> exact(mode, "date", l.sql() + " " + op.symbol() + " " + r.sql(), op,
              () -> Math.addExact((Integer) v[0], sign * (Integer) v[1])));
    }
    if (op == Op.SUBTRACT && lTime && rTime) {
      Expression a = TypeCoercion.castIfNeeded(l, DataTypes.TimestampType, true);
      Expression b = TypeCoercion.castIfNeeded(r, DataTypes.TimestampType, true);
      String text = l.sql() + " - " + r.sql();
      return new ScalarFunction("-", List.of(a, b), DataTypes.DayTimeIntervalType,
          v -> exact(mode, "interval", text, op, () -> Math.subtractExact((Long) v[0], (Long) v[1])));
    }
    if ((op == Op.ADD || op == Op.SUBTRACT) && lt == DataTypes.DayTimeIntervalType && rt == DataTypes.DayTimeIntervalType) {
      long sign = op == Op.ADD ? 1 : -1;
      String text = l.sql() + " " + op.symbol() + " " + r.sql();
      return new ScalarFunction(op.symbol(), List.of(l, r), DataTypes.DayTimeIntervalType,
          v -> exact(mode, "interval", text, op, () -> Math.addExact((Long) v[0], Math.multiplyExact(sign, (Long) v[1]))));
    }
    if (lTime || rTime) {
      throw new AnalysisException(ErrorClass.DATATYPE_MISMATCH, "\"" + l.sql() + " " + op.symbol() + " " + r.sql() + "\"",
          "cannot apply " + op.symbol() + " to " + lt.sql() + " and " + rt.sql()
              + "; add or subtract an INTERVAL to a timestamp, or days to a date");
    }
    return null;
  }

  private static final java.util.Set<String> TIMESTAMP_TRUNC_UNITS = java.util.Set.of("YEAR", "YYYY", "YY", "QUARTER",
      "MONTH", "MM", "MON", "WEEK", "DAY", "DD", "HOUR", "MINUTE", "SECOND", "MILLISECOND", "MICROSECOND");

  static long truncate(long micros, String unit) {
    LocalDateTime t = DateTimeUtil.toLocalDateTime(micros);
    LocalDateTime out = switch (unit) {
      case "YEAR", "YYYY", "YY" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1);
      case "QUARTER" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1)
          .withMonth((t.getMonthValue() - 1) / 3 * 3 + 1);
      case "MONTH", "MM", "MON" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
      case "WEEK" -> t.truncatedTo(ChronoUnit.DAYS).with(ChronoField.DAY_OF_WEEK, DayOfWeek.MONDAY.getValue());
      case "DAY", "DD" -> t.truncatedTo(ChronoUnit.DAYS);
      case "HOUR" -> t.truncatedTo(ChronoUnit.HOURS);
      case "MINUTE" -> t.truncatedTo(ChronoUnit.MINUTES);
      case "SECOND" -> t.truncatedTo(ChronoUnit.SECONDS);
      case "MILLISECOND" -> t.truncatedTo(ChronoUnit.MILLIS);
      case "MICROSECOND" -> t;
      default -> throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, "date_trunc",
          "unknown unit '" + unit + "'; use YEAR, QUARTER, MONTH, WEEK, DAY, HOUR, MINUTE, SECOND, MILLISECOND or MICROSECOND");
    };
    return DateTimeUtil.fromLocalDateTime(out);
  }

  private static final Map<String, DateTimeFormatter> FORMATTERS = new ConcurrentHashMap<>();

  static DateTimeFormatter formatter(String pattern) {
    return FORMATTERS.computeIfAbsent(pattern, p -> {
      try {
        DateTimeFormatterBuilder b = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern(p.replace("yyyy", "uuuu"))
            .parseDefaulting(ChronoField.MONTH_OF_YEAR, 1)
            .parseDefaulting(ChronoField.DAY_OF_MONTH, 1);
        String letters = p.replaceAll("'[^']*'", "");
        if ((letters.indexOf('h') >= 0 || letters.indexOf('K') >= 0) && letters.indexOf('a') < 0) {
          // A 12-hour clock without an AM/PM marker reads as AM, as in Spark ("10" with hh is 10:00, not lost).
          b.parseDefaulting(ChronoField.AMPM_OF_DAY, 0);
        }
        return b.toFormatter(Locale.US);
      } catch (IllegalArgumentException e) {
        throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, "datetime pattern",
            "'" + p + "' is not a valid pattern: " + e.getMessage());
      }
    });
  }

  static LocalDateTime parseWith(DateTimeFormatter f, String s, boolean ansi, String fmt) {
    try {
      TemporalAccessor ta = f.parse(s.trim());
      LocalDate d = LocalDate.of(ta.isSupported(ChronoField.YEAR) ? ta.get(ChronoField.YEAR) : 1970,
          ta.get(ChronoField.MONTH_OF_YEAR), ta.get(ChronoField.DAY_OF_MONTH));
      int h = ta.isSupported(ChronoField.HOUR_OF_DAY) ? ta.get(ChronoField.HOUR_OF_DAY) : 0;
      int m = ta.isSupported(ChronoField.MINUTE_OF_HOUR) ? ta.get(ChronoField.MINUTE_OF_HOUR) : 0;
      int sec = ta.isSupported(ChronoField.SECOND_OF_MINUTE) ? ta.get(ChronoField.SECOND_OF_MINUTE) : 0;
      int nano = ta.isSupported(ChronoField.NANO_OF_SECOND) ? ta.get(ChronoField.NANO_OF_SECOND) : 0;
      LocalDateTime ldt = d.atTime(h, m, sec, nano);
      if (ta.isSupported(ChronoField.OFFSET_SECONDS)) {
        ldt = ldt.minusSeconds(ta.get(ChronoField.OFFSET_SECONDS));
      }
      return ldt;
    } catch (RuntimeException e) {
      if (ansi) {
        throw new dev.sluice.errors.ExecutionException(ErrorClass.CAST_INVALID_INPUT, "'" + s + "'", "STRING",
            "TIMESTAMP (pattern '" + fmt + "')");
      }
      return null;
    }
  }
}
