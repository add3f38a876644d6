package dev.sluice.types;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsing and formatting of dates and timestamps the way Spark casts them. Timestamps are UTC
 * microseconds; the session time zone is UTC.
 */
public final class DateTimeUtil {
  private DateTimeUtil() {}

  public static final long MICROS_PER_SECOND = 1_000_000L;
  public static final long MICROS_PER_DAY = 86_400_000_000L;

  private static final Pattern DATE = Pattern.compile("([+-]?\\d{4,6})(?:-(\\d{1,2})(?:-(\\d{1,2}))?)?(?:[T ].*)?");
  private static final Pattern TIMESTAMP = Pattern.compile(
      "([+-]?\\d{4,6})(?:-(\\d{1,2})(?:-(\\d{1,2}))?)?"
          + "(?:[T ](\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d{0,9}))?)?)?"
          + "\\s*(Z|UTC|GMT|[+-]\\d{1,2}(?::?\\d{2})?(?::?\\d{2})?|[A-Za-z]+/[A-Za-z_]+)?");

  /** Days since epoch for a date string, or null when it is not a date. */
  public static Integer parseDate(String s) {
    String t = s.trim();
    Matcher m = DATE.matcher(t);
    if (!m.matches()) {
      return null;
    }
    try {
      int year = Integer.parseInt(m.group(1));
      int month = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
      int day = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
      return (int) LocalDate.of(year, month, day).toEpochDay();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** UTC microseconds for a timestamp string, or null when it is not a timestamp. */
  public static Long parseTimestamp(String s) {
    String t = s.trim();
    Matcher m = TIMESTAMP.matcher(t);
    if (!m.matches()) {
      return null;
    }
    try {
      int year = Integer.parseInt(m.group(1));
      int month = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
      int day = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
      int hour = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
      int minute = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
      int second = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
      long micros = 0;
      if (m.group(7) != null && !m.group(7).isEmpty()) {
        String frac = (m.group(7) + "000000").substring(0, 6);
        micros = Long.parseLong(frac);
      }
      LocalDateTime ldt = LocalDateTime.of(LocalDate.of(year, month, day), LocalTime.of(hour, minute, second));
      ZoneId zone = ZoneOffset.UTC;
      String z = m.group(8);
      if (z != null && !z.equals("Z") && !z.equals("UTC") && !z.equals("GMT")) {
        zone = z.contains("/") ? ZoneId.of(z) : ZoneOffset.of(normalizeOffset(z));
      }
      Instant in = ldt.atZone(zone).toInstant();
      return in.getEpochSecond() * MICROS_PER_SECOND + micros;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String normalizeOffset(String z) {
    String sign = z.substring(0, 1);
    String digits = z.substring(1).replace(":", "");
    if (digits.length() == 1) {
      digits = "0" + digits;
    }
    if (digits.length() == 2) {
      return sign + digits + ":00";
    }
    if (digits.length() == 3) {
      digits = "0" + digits;
    }
    String out = sign + digits.substring(0, 2) + ":" + digits.substring(2, 4);
    if (digits.length() > 4) {
      out += ":" + digits.substring(4);
    }
    return out;
  }

  public static String formatDate(int days) {
    return LocalDate.ofEpochDay(days).toString();
  }

  /** {@code yyyy-MM-dd HH:mm:ss[.ffffff]} with trailing zeros of the fraction removed, as Spark casts. */
  public static String formatTimestamp(long micros) {
    long secs = Math.floorDiv(micros, MICROS_PER_SECOND);
    int frac = (int) Math.floorMod(micros, MICROS_PER_SECOND);
    LocalDateTime ldt = LocalDateTime.ofEpochSecond(secs, 0, ZoneOffset.UTC);
    StringBuilder sb = new StringBuilder(26);
    int year = ldt.getYear();
    if (year < 0 || year > 9999) {
      sb.append(year);
    } else {
      pad(sb, year, 4);
    }
    sb.append('-');
    pad(sb, ldt.getMonthValue(), 2);
    sb.append('-');
    pad(sb, ldt.getDayOfMonth(), 2);
    sb.append(' ');
    pad(sb, ldt.getHour(), 2);
    sb.append(':');
    pad(sb, ldt.getMinute(), 2);
    sb.append(':');
    pad(sb, ldt.getSecond(), 2);
    if (frac != 0) {
      String f = String.format("%06d", frac);
      int end = f.length();
      while (end > 0 && f.charAt(end - 1) == '0') {
        end--;
      }
      sb.append('.').append(f, 0, end);
    }
    return sb.toString();
  }

  /** ISO-8601 with Z, fraction only when non-zero (the form the conformance files use). */
  /**
   * ISO-8601 in UTC as Java's {@code Instant} prints it (and Spark's recorded answers with it): no
   * fraction for whole seconds, else milliseconds ({@code ...00.500Z}, not {@code ...00.5Z}), and
   * microseconds only when there are any.
   */
  public static String formatIso(long micros) {
    long seconds = Math.floorDiv(micros, MICROS_PER_SECOND);
    long frac = Math.floorMod(micros, MICROS_PER_SECOND);
    String base = formatTimestamp(seconds * MICROS_PER_SECOND).replace(' ', 'T');
    String digits = String.format(java.util.Locale.ROOT, "%06d", frac);
    return base + (frac == 0 ? "" : "." + (frac % 1000 == 0 ? digits.substring(0, 3) : digits)) + "Z";
  }

  private static void pad(StringBuilder sb, int v, int width) {
    String s = Integer.toString(v);
    for (int i = s.length(); i < width; i++) {
      sb.append('0');
    }
    sb.append(s);
  }

  public static LocalDate toLocalDate(int days) {
    return LocalDate.ofEpochDay(days);
  }

  public static LocalDateTime toLocalDateTime(long micros) {
    long secs = Math.floorDiv(micros, MICROS_PER_SECOND);
    int nanos = (int) Math.floorMod(micros, MICROS_PER_SECOND) * 1000;
    return LocalDateTime.ofEpochSecond(secs, nanos, ZoneOffset.UTC);
  }

  public static long fromLocalDateTime(LocalDateTime ldt) {
    return ldt.toEpochSecond(ZoneOffset.UTC) * MICROS_PER_SECOND + ldt.getNano() / 1000;
  }

  /** Parses strings like "10 seconds", "1 minute", "2 hours 30 minutes", "500 milliseconds" into micros. */
  public static long parseDuration(String text) {
    String s = text.trim().toLowerCase(java.util.Locale.ROOT);
    if (s.startsWith("interval")) {
      s = s.substring("interval".length()).trim();
    }
    String[] tokens = s.split("\\s+");
    if (tokens.length % 2 != 0 || tokens.length == 0) {
      throw new IllegalArgumentException("Cannot parse the duration '" + text
          + "'; use a number and a unit, e.g. '10 seconds', '1 minute', '2 hours'");
    }
    long total = 0;
    for (int i = 0; i < tokens.length; i += 2) {
      String num = tokens[i].replace("'", "");
      String unit = tokens[i + 1].replace("'", "");
      double value;
      try {
        value = Double.parseDouble(num);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("Cannot parse the duration '" + text + "': '" + num + "' is not a number");
      }
      long unitMicros = unitMicros(unit, text);
      total += Math.round(value * unitMicros);
    }
    return total;
  }

  public static long unitMicros(String unit, String text) {
    String u = unit.endsWith("s") && unit.length() > 1 && !unit.equals("ms") && !unit.equals("us")
        ? unit.substring(0, unit.length() - 1) : unit;
    return switch (u) {
      case "week" -> 7 * MICROS_PER_DAY;
      case "day", "d" -> MICROS_PER_DAY;
      case "hour", "h" -> 3_600L * MICROS_PER_SECOND;
      case "minute", "min", "m" -> 60L * MICROS_PER_SECOND;
      case "second", "sec", "s" -> MICROS_PER_SECOND;
      case "millisecond", "milli", "ms" -> 1_000L;
      case "microsecond", "micro", "us" -> 1L;
      default -> throw new IllegalArgumentException("Unknown time unit '" + unit + "' in '" + text
          + "'; use week, day, hour, minute, second, millisecond or microsecond");
    };
  }

  static boolean isValidDateString(String s) {
    try {
      return parseDate(s) != null;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
