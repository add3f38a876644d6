package dev.sluice.sql;

import dev.sluice.types.DateTimeUtil;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** Text-to-value helpers of the parser: string unescaping and interval arithmetic. */
final class Literals {
  private Literals() {}

  /**
   * The value of a quoted string token, as Spark reads it: surrounding quotes removed, a doubled
   * quote is one quote, and backslash escapes ({@code \n \t \r \b \0 \Z \\ \' \" \\uXXXX}, octal
   * {@code \ddd}) are replaced. {@code \%} and {@code \_} keep their backslash (LIKE patterns need
   * it); any other escaped character stands for itself. Raw strings {@code r'...'} are taken as is.
   */
  static String unquote(String token) {
    char first = token.charAt(0);
    if (first == 'r' || first == 'R') {
      return token.substring(2, token.length() - 1);
    }
    char quote = first;
    String s = token.substring(1, token.length() - 1);
    StringBuilder sb = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == quote && i + 1 < s.length() && s.charAt(i + 1) == quote) {
        sb.append(quote);
        i += 2;
        continue;
      }
      if (c != '\\' || i + 1 >= s.length()) {
        sb.append(c);
        i++;
        continue;
      }
      char n = s.charAt(i + 1);
      if (n == 'u' && i + 6 <= s.length() && isHex(s, i + 2, 4)) {
        sb.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
        i += 6;
        continue;
      }
      if (n >= '0' && n <= '3' && i + 4 <= s.length() && isOctal(s.charAt(i + 2)) && isOctal(s.charAt(i + 3))) {
        sb.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
        i += 4;
        continue;
      }
      switch (n) {
        case '0' -> sb.append('\u0000');
        case 'b' -> sb.append('\b');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'Z' -> sb.append('\u001A');
        case '%' -> sb.append("\\%");
        case '_' -> sb.append("\\_");
        default -> sb.append(n);
      }
      i += 2;
    }
    return sb.toString();
  }

  private static boolean isHex(String s, int from, int n) {
    for (int i = from; i < from + n; i++) {
      if (Character.digit(s.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean isOctal(char c) {
    return c >= '0' && c <= '7';
  }

  /** The name of a backquoted identifier token: backticks removed, a doubled backtick is one. */
  static String unquoteIdentifier(String token) {
    return token.substring(1, token.length() - 1).replace("``", "`");
  }

  /** A name part as it must be written to read back as one part. */
  static String quoteIfNeeded(String part) {
    return part.matches("[A-Za-z_][A-Za-z0-9_]*") ? part : "`" + part.replace("`", "``") + "`";
  }

  // ------------------------------------------------------------------ intervals

  /** An interval value: months (year-month part) and microseconds (day-time part). */
  record Interval(long months, long micros, boolean hasMonths, boolean hasMicros) {
    static final Interval ZERO = new Interval(0, 0, false, false);

    Interval plus(Interval o) {
      return new Interval(Math.addExact(months, o.months), Math.addExact(micros, o.micros),
          hasMonths || o.hasMonths, hasMicros || o.hasMicros);
    }

    Interval negate() {
      return new Interval(-months, -micros, hasMonths, hasMicros);
    }
  }

  /** {@code value unit}, e.g. 10 SECONDS, '1.5' SECOND, 2 YEARS. */
  static Interval interval(String value, String unit) {
    BigDecimal v;
    try {
      v = new BigDecimal(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + value + "' is not a number of " + unit.toLowerCase(Locale.ROOT));
    }
    String u = unit.toLowerCase(Locale.ROOT);
    boolean year = u.equals("year") || u.equals("years");
    if (year || u.equals("month") || u.equals("months")) {
      BigDecimal months = year ? v.multiply(BigDecimal.valueOf(12)) : v;
      try {
        return new Interval(months.longValueExact(), 0, true, false);
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException("an interval of " + value + " " + u + " is not a whole number of months");
      }
    }
    long unitMicros = DateTimeUtil.unitMicros(u, value + " " + unit);
    BigDecimal micros = v.multiply(BigDecimal.valueOf(unitMicros)).setScale(0, RoundingMode.HALF_UP);
    return new Interval(0, micros.longValueExact(), false, true);
  }

  /** A whole interval string: {@code '10 seconds'}, {@code '1 hour 30 minutes'}, {@code 'interval -2 days'}. */
  static Interval interval(String text) {
    String s = text.trim();
    if (s.regionMatches(true, 0, "interval", 0, 8)) {
      s = s.substring(8).trim();
    }
    String[] tokens = s.isEmpty() ? new String[0] : s.split("\\s+");
    java.util.List<String> parts = new java.util.ArrayList<>();
    for (String t : tokens) {
      // "10seconds" and "10s" are accepted like "10 seconds"
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("([+-]?[0-9.]+)([A-Za-z]+)").matcher(t);
      if (m.matches()) {
        parts.add(m.group(1));
        parts.add(m.group(2));
      } else {
        parts.add(t);
      }
    }
    if (parts.isEmpty() || parts.size() % 2 != 0) {
      throw new IllegalArgumentException("cannot read '" + text
          + "' as an interval; write a number and a unit, e.g. '10 seconds' or '1 hour 30 minutes'");
    }
    Interval total = Interval.ZERO;
    for (int i = 0; i < parts.size(); i += 2) {
      total = total.plus(interval(parts.get(i), parts.get(i + 1)));
    }
    return total;
  }

  private static final String[] DAY_TIME_UNITS = {"day", "hour", "minute", "second"};

  /** {@code '1-2' YEAR TO MONTH}, {@code '1 10:30:00.5' DAY TO SECOND}, {@code '10:30' HOUR TO MINUTE}, ... */
  static Interval interval(String value, String fromUnit, String toUnit) {
    String from = singular(fromUnit);
    String to = singular(toUnit);
    String v = value.trim();
    boolean negative = false;
    if (v.startsWith("-") || v.startsWith("+")) {
      negative = v.startsWith("-");
      v = v.substring(1).trim();
    }
    if (from.equals("year") && to.equals("month")) {
      String[] p = v.split("-");
      if (p.length != 2) {
        throw new IllegalArgumentException("'" + value + "' is not a YEAR TO MONTH interval like '1-2'");
      }
      Interval i = interval(p[0], "year").plus(interval(p[1], "month"));
      return negative ? i.negate() : i;
    }
    int fi = indexOf(from);
    int ti = indexOf(to);
    if (fi < 0 || ti < 0 || ti <= fi) {
      throw new IllegalArgumentException("INTERVAL " + fromUnit + " TO " + toUnit
          + " is not supported; use YEAR TO MONTH, or two of DAY, HOUR, MINUTE, SECOND in that order");
    }
    String[] p = v.split("[ :]+");
    if (p.length != ti - fi + 1) {
      throw new IllegalArgumentException("'" + value + "' does not match INTERVAL " + fromUnit.toUpperCase(Locale.ROOT)
          + " TO " + toUnit.toUpperCase(Locale.ROOT));
    }
    Interval total = Interval.ZERO;
    for (int i = 0; i < p.length; i++) {
      total = total.plus(interval(p[i], DAY_TIME_UNITS[fi + i]));
    }
    return negative ? total.negate() : total;
  }

  private static String singular(String unit) {
    String u = unit.toLowerCase(Locale.ROOT);
    return u.endsWith("s") ? u.substring(0, u.length() - 1) : u;
  }

  private static int indexOf(String unit) {
    for (int i = 0; i < DAY_TIME_UNITS.length; i++) {
      if (DAY_TIME_UNITS[i].equals(unit)) {
        return i;
      }
    }
    return -1;
  }
}
