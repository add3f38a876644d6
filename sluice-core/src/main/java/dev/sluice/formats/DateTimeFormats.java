package dev.sluice.formats;

import dev.sluice.types.DateTimeUtil;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/**
 * Parses and formats dates and timestamps for the text formats with the {@code dateFormat} and
 * {@code timestampFormat} options (java.time patterns, as Spark's), in the session time zone.
 * Without a pattern, parsing accepts the forms a cast accepts ({@code 2024-05-01 12:00:00},
 * ISO-8601 with {@code T} and an offset), and formatting writes Spark's defaults
 * {@code yyyy-MM-dd} and {@code yyyy-MM-dd'T'HH:mm:ss.SSSXXX}.
 */
public final class DateTimeFormats {
  public static final String DEFAULT_TIMESTAMP_WRITE = "yyyy-MM-dd'T'HH:mm:ss.SSSXXX";

  private final DateTimeFormatter dateParser;
  private final DateTimeFormatter timestampParser;
  private final DateTimeFormatter dateWriter;
  private final DateTimeFormatter timestampWriter;
  private final ZoneId zone;

  public DateTimeFormats(String dateFormat, String timestampFormat, ZoneId zone) {
    this.zone = zone;
    this.dateParser = dateFormat == null ? null : formatter(dateFormat, zone);
    this.timestampParser = timestampFormat == null ? null : formatter(timestampFormat, zone);
    this.dateWriter = formatter(dateFormat == null ? "yyyy-MM-dd" : dateFormat, zone);
    this.timestampWriter = formatter(timestampFormat == null ? DEFAULT_TIMESTAMP_WRITE : timestampFormat, zone);
  }

  public static DateTimeFormats from(dev.sluice.conf.Options o, ZoneId zone) {
    return new DateTimeFormats(o.get("dateFormat"), o.get("timestampFormat"), zone);
  }

  private static DateTimeFormatter formatter(String pattern, ZoneId zone) {
    try {
      return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern)
          .parseDefaulting(ChronoField.HOUR_OF_DAY, 0).toFormatter(Locale.US).withZone(zone);
    } catch (IllegalArgumentException e) {
      throw new dev.sluice.errors.SluiceException(dev.sluice.errors.ErrorClass.INVALID_OPTION, "date/time format",
          pattern, e.getMessage());
    }
  }

  /** Days since epoch, or null when the text is not a date in the expected form. */
  public Integer parseDate(String s) {
    if (dateParser == null) {
      return DateTimeUtil.parseDate(s);
    }
    try {
      TemporalAccessor t = dateParser.parse(s.trim());
      return (int) LocalDate.from(t).toEpochDay();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Microseconds since epoch, or null when the text is not a timestamp in the expected form. */
  public Long parseTimestamp(String s) {
    if (timestampParser == null) {
      Long v = DateTimeUtil.parseTimestamp(s);
      if (v != null && !zone.equals(ZoneOffset.UTC) && !hasZone(s)) {
        LocalDateTime ldt = LocalDateTime.ofEpochSecond(Math.floorDiv(v, 1_000_000L),
            (int) Math.floorMod(v, 1_000_000L) * 1000, ZoneOffset.UTC);
        Instant in = ldt.atZone(zone).toInstant();
        return in.getEpochSecond() * 1_000_000L + in.getNano() / 1000;
      }
      return v;
    }
    try {
      TemporalAccessor t = timestampParser.parse(s.trim());
      Instant in;
      if (t.isSupported(ChronoField.INSTANT_SECONDS)) {
        in = Instant.from(t);
      } else {
        LocalDateTime ldt = t.isSupported(ChronoField.HOUR_OF_DAY) ? LocalDateTime.from(t)
            : LocalDate.from(t).atStartOfDay();
        in = ldt.atZone(zone).toInstant();
      }
      return in.getEpochSecond() * 1_000_000L + in.getNano() / 1000;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static boolean hasZone(String s) {
    String t = s.trim();
    return t.endsWith("Z") || t.contains("+") || t.matches(".*[T ].*-\\d\\d(:?\\d\\d)?$") || t.contains("/")
        || t.endsWith("UTC") || t.endsWith("GMT");
  }

  public String formatDate(int days) {
    return dateWriter.format(LocalDate.ofEpochDay(days));
  }

  public String formatTimestamp(long micros) {
    Instant in = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
    return timestampWriter.format(in);
  }
}
