package dev.sluice.plan.analysis;

import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.plan.expr.BinaryArithmetic.Op;
import dev.sluice.plan.expr.CurrentTime;
import dev.sluice.plan.expr.EvalMode;
import dev.sluice.plan.expr.Expression;
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

  private static void tsField(FunctionRegistry r, String name, Function<LocalDateTime, Integer> f) {
    r.register(name, 1, 1, name + "(timestamp)", (a, c) -> new ScalarFunction(name, List.of(timestamp(a.get(0), c)),
        DataTypes.IntegerType, v -> f.apply(DateTimeUtil.toLocalDateTime((Long) v[0]))));
  }

  private static void dateField(FunctionRegistry r, String name, Function<LocalDate, Integer> f) {
    r.register(name, 1, 1, name + "(date)", (a, c) -> new ScalarFunction(name, List.of(date(a.get(0), c)),
        DataTypes.IntegerType, v -> f.apply(LocalDate.ofEpochDay((Integer) v[0]))));
  }

  static void register(FunctionRegistry r) {
    r.register("current_timestamp", 0, 0, "current_timestamp()", (a, c) -> new CurrentTime(false));
    r.alias("now", "current_timestamp");
    r.register("current_date", 0, 0, "current_date()", (a, c) -> new CurrentTime(true));
    r.alias("curdate", "current_date");
    tsField(r, "hour", LocalDateTime::getHour);
    tsField(r, "minute", LocalDateTime::getMinute);
    tsField(r, "second", LocalDateTime::getSecond);
    dateField(r, "year", LocalDate::getYear);
    dateField(r, "month", LocalDate::getMonthValue);
    dateField(r, "dayofmonth", LocalDate::getDayOfMonth);
    r.alias("day", "dayofmonth");
    dateField(r, "dayofyear", LocalDate::getDayOfYear);
    dateField(r, "quarter", d -> (d.getMonthValue() - 1) / 3 + 1);
    dateField(r, "dayofweek", d -> d.getDayOfWeek().getValue() % 7 + 1);
    dateField(r, "weekday", d -> d.getDayOfWeek().getValue() - 1);
    dateField(r, "weekofyear", d -> d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
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
    });
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
    });
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
    });
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
    });
    r.register("from_unixtime", 1, 2, "from_unixtime(seconds[, fmt])", (a, c) -> {
      String fmt = a.size() == 2 ? FunctionArgs.constantString(a.get(1), c, "format") : "yyyy-MM-dd HH:mm:ss";
      if (fmt == null) {
        return new dev.sluice.plan.expr.Literal(null, DataTypes.StringType);
      }
      DateTimeFormatter f = formatter(fmt);
      Expression secs = TypeCoercion.castIfNeeded(MathFunctions.numeric(a.get(0), c), DataTypes.LongType, c.ansi());
      return new ScalarFunction("from_unixtime", List.of(secs), DataTypes.StringType,
          v -> f.format(LocalDateTime.ofEpochSecond((Long) v[0], 0, ZoneOffset.UTC)));
    });
    r.register("date_format", 2, 2, "date_format(timestamp, fmt)", (a, c) -> {
      String fmt = FunctionArgs.constantString(a.get(1), c, "format");
      if (fmt == null) {
        return new dev.sluice.plan.expr.Literal(null, DataTypes.StringType);
      }
      DateTimeFormatter f = formatter(fmt);
      return new ScalarFunction("date_format", List.of(timestamp(a.get(0), c), a.get(1)), DataTypes.StringType,
          v -> f.format(DateTimeUtil.toLocalDateTime((Long) v[0])));
    });
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
    });
    r.register("timestamp_millis", 1, 1, "timestamp_millis(millis)", (a, c) -> new ScalarFunction("timestamp_millis",
        List.of(FunctionArgs.lng(a.get(0), c)), DataTypes.TimestampType,
        v -> Math.multiplyExact((Long) v[0], 1000L)));
    r.register("timestamp_micros", 1, 1, "timestamp_micros(micros)", (a, c) -> new ScalarFunction("timestamp_micros",
        List.of(FunctionArgs.lng(a.get(0), c)), DataTypes.TimestampType,
        v -> v[0]));
    r.register("unix_seconds", 1, 1, "unix_seconds(timestamp)", (a, c) -> secondsOf(timestamp(a.get(0), c)));
    r.register("unix_millis", 1, 1, "unix_millis(timestamp)", (a, c) -> new ScalarFunction("unix_millis",
        List.of(timestamp(a.get(0), c)), DataTypes.LongType, v -> Math.floorDiv((Long) v[0], 1000L)));
    r.register("unix_micros", 1, 1, "unix_micros(timestamp)", (a, c) -> new ScalarFunction("unix_micros",
        List.of(timestamp(a.get(0), c)), DataTypes.LongType, v -> v[0]));
    r.register("date_add", 2, 2, "date_add(date, days)", (a, c) -> new ScalarFunction("date_add",
        List.of(date(a.get(0), c), StringFunctions.integer(a.get(1), c)), DataTypes.DateType,
        v -> Math.addExact((Integer) v[0], (Integer) v[1])));
    r.register("date_sub", 2, 2, "date_sub(date, days)", (a, c) -> new ScalarFunction("date_sub",
        List.of(date(a.get(0), c), StringFunctions.integer(a.get(1), c)), DataTypes.DateType,
        v -> Math.subtractExact((Integer) v[0], (Integer) v[1])));
    r.register("datediff", 2, 2, "datediff(end, start)", (a, c) -> new ScalarFunction("datediff",
        List.of(date(a.get(0), c), date(a.get(1), c)), DataTypes.IntegerType,
        v -> (Integer) v[0] - (Integer) v[1]));
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
    });
    r.register("last_day", 1, 1, "last_day(date)", (a, c) -> new ScalarFunction("last_day",
        List.of(date(a.get(0), c)), DataTypes.DateType, v -> {
          LocalDate d = LocalDate.ofEpochDay((Integer) v[0]);
          return (int) d.withDayOfMonth(d.lengthOfMonth()).toEpochDay();
        }));
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
    });
    r.alias("datepart", "date_part");
    r.register("dayname", 1, 1, "dayname(date)", (a, c) -> new ScalarFunction("dayname", List.of(date(a.get(0), c)),
        DataTypes.StringType, v -> DAY_NAMES[LocalDate.ofEpochDay((Integer) v[0]).getDayOfWeek().getValue() - 1]));
    r.register("monthname", 1, 1, "monthname(date)", (a, c) -> new ScalarFunction("monthname",
        List.of(date(a.get(0), c)), DataTypes.StringType,
        v -> MONTH_NAMES[LocalDate.ofEpochDay((Integer) v[0]).getMonthValue() - 1]));
    r.register("months_between", 2, 3, "months_between(timestamp1, timestamp2[, roundOff])", (a, c) -> {
      List<Expression> args = List.of(timestamp(a.get(0), c), timestamp(a.get(1), c),
          a.size() == 3 ? FunctionArgs.bool(a.get(2), c) : dev.sluice.plan.expr.Literal.TRUE);
      return new ScalarFunction("months_between", args, DataTypes.DoubleType,
          v -> monthsBetween((Long) v[0], (Long) v[1], (Boolean) v[2]));
    });
    r.register("add_months", 2, 2, "add_months(start_date, num_months)", (a, c) -> new ScalarFunction("add_months",
        List.of(date(a.get(0), c), StringFunctions.integer(a.get(1), c)), DataTypes.DateType, v -> {
          try {
            return (int) LocalDate.ofEpochDay((Integer) v[0]).plusMonths((Integer) v[1]).toEpochDay();
          } catch (java.time.DateTimeException e) {
            throw FunctionArgs.runtime("add_months", "the result is out of the supported date range: " + e.getMessage());
          }
        }));
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
    });
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
    });
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
    });
    r.register("to_unix_timestamp", 1, 2, "to_unix_timestamp(timeExp[, fmt])", r.lookup("unix_timestamp").builder());
    r.alias("date_diff", "datediff");
    r.alias("dateadd", "date_add");
    r.register("unix_date", 1, 1, "unix_date(date)", (a, c) -> new ScalarFunction("unix_date",
        List.of(date(a.get(0), c)), DataTypes.IntegerType, v -> v[0]));
    r.register("date_from_unix_date", 1, 1, "date_from_unix_date(days)", (a, c) -> new ScalarFunction(
        "date_from_unix_date", List.of(StringFunctions.integer(a.get(0), c)), DataTypes.DateType, v -> v[0]));
    r.register("current_timezone", 0, 0, "current_timezone()", (a, c) -> new ScalarFunction("current_timezone",
        List.of(), DataTypes.StringType, v -> "UTC"));
    r.register("from_utc_timestamp", 2, 2, "from_utc_timestamp(timestamp, timezone)", (a, c) -> zoneShift(a, c, true));
    r.register("to_utc_timestamp", 2, 2, "to_utc_timestamp(timestamp, timezone)", (a, c) -> zoneShift(a, c, false));
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
        v -> Math.floorDiv((Long) v[0], DateTimeUtil.MICROS_PER_SECOND));
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
      return new ScalarFunction(op == Op.ADD ? "+" : "-", List.of(ts, r), DataTypes.TimestampType,
          v -> Math.addExact((Long) v[0], sign * (Long) v[1]));
    }
    if (op == Op.ADD && rTime && lt == DataTypes.DayTimeIntervalType) {
      return dateTimeArithmetic(op, r, l, mode);
    }
    if ((op == Op.ADD || op == Op.SUBTRACT) && lt == DataTypes.DateType && rt.isIntegral()) {
      int sign = op == Op.ADD ? 1 : -1;
      return new ScalarFunction(op == Op.ADD ? "date_add" : "date_sub",
          List.of(l, TypeCoercion.castIfNeeded(r, DataTypes.IntegerType, true)), DataTypes.DateType,
          v -> Math.addExact((Integer) v[0], sign * (Integer) v[1]));
    }
    if (op == Op.SUBTRACT && lTime && rTime) {
      Expression a = TypeCoercion.castIfNeeded(l, DataTypes.TimestampType, true);
      Expression b = TypeCoercion.castIfNeeded(r, DataTypes.TimestampType, true);
      return new ScalarFunction("-", List.of(a, b), DataTypes.DayTimeIntervalType,
          v -> Math.subtractExact((Long) v[0], (Long) v[1]));
    }
    if ((op == Op.ADD || op == Op.SUBTRACT) && lt == DataTypes.DayTimeIntervalType && rt == DataTypes.DayTimeIntervalType) {
      long sign = op == Op.ADD ? 1 : -1;
      return new ScalarFunction(op.symbol(), List.of(l, r), DataTypes.DayTimeIntervalType,
          v -> Math.addExact((Long) v[0], sign * (Long) v[1]));
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
        return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(p.replace("yyyy", "uuuu"))
            .parseDefaulting(ChronoField.MONTH_OF_YEAR, 1)
            .parseDefaulting(ChronoField.DAY_OF_MONTH, 1)
            .toFormatter(Locale.US);
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
