package dev.sluice.formats.csv;

import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.sluice.conf.Options;
import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import dev.sluice.formats.DateTimeFormats;
import dev.sluice.formats.ParseMode;
import java.nio.charset.Charset;
import java.time.ZoneId;

/**
 * The options of the csv format and of {@code from_csv}/{@code to_csv}, with Spark's names and
 * defaults: {@code header} (false), {@code sep}/{@code delimiter} (,), {@code quote} ("), {@code escape}
 * (\), {@code comment} (none), {@code nullValue} (""), {@code emptyValue}, {@code nanValue} (NaN),
 * {@code positiveInf} (Inf), {@code negativeInf} (-Inf), {@code dateFormat}, {@code timestampFormat},
 * {@code inferSchema} (false), {@code prefersDate} (true), {@code ignoreLeadingWhiteSpace},
 * {@code ignoreTrailingWhiteSpace}, {@code mode}, {@code columnNameOfCorruptRecord}, {@code multiLine},
 * {@code lineSep}, {@code encoding}, {@code quoteAll}, {@code escapeQuotes} (true), {@code compression}.
 */
public final class CsvOptions {
  public final boolean header;
  public final char sep;
  public final int quote;
  public final int escape;
  public final Character comment;
  public final String nullValue;
  public final String emptyValue;
  public final String nanValue;
  public final String positiveInf;
  public final String negativeInf;
  public final boolean inferSchema;
  public final boolean prefersDate;
  public final boolean trimLeading;
  public final boolean trimTrailing;
  public final ParseMode mode;
  public final String corruptColumn;
  public final boolean multiLine;
  public final String lineSep;
  public final Charset charset;
  public final boolean quoteAll;
  public final boolean escapeQuotes;
  public final DateTimeFormats formats;
  public final CsvFactory factory = new CsvFactory();
  public final CsvSchema schema;

  public CsvOptions(Options o, ZoneId zone) {
    header = o.getBoolean("header", false);
    String s = o.get("sep", o.get("delimiter", ","));
    s = s.equals("\\t") ? "\t" : s;
    if (s.length() != 1) {
      throw new SluiceException(ErrorClass.INVALID_OPTION, "sep", s, "the separator must be one character");
    }
    sep = s.charAt(0);
    quote = oneChar(o, "quote", "\"");
    escape = oneChar(o, "escape", "\\");
    String c = o.get("comment");
    comment = c == null || c.isEmpty() ? null : c.charAt(0);
    nullValue = o.get("nullValue", "");
    emptyValue = o.get("emptyValue", "");
    nanValue = o.get("nanValue", "NaN");
    positiveInf = o.get("positiveInf", "Inf");
    negativeInf = o.get("negativeInf", "-Inf");
    inferSchema = o.getBoolean("inferSchema", false);
    prefersDate = o.getBoolean("prefersDate", o.getBoolean("preferDate", true));
    trimLeading = o.getBoolean("ignoreLeadingWhiteSpace", false);
    trimTrailing = o.getBoolean("ignoreTrailingWhiteSpace", false);
    mode = ParseMode.from(o);
    corruptColumn = o.get("columnNameOfCorruptRecord", "_corrupt_record");
    multiLine = o.getBoolean("multiLine", false);
    lineSep = o.get("lineSep");
    String enc = o.get("encoding", o.get("charset", "UTF-8"));
    try {
      charset = Charset.forName(enc);
    } catch (RuntimeException e) {
      throw new SluiceException(ErrorClass.INVALID_OPTION, "encoding", enc, "not a known character set");
    }
    quoteAll = o.getBoolean("quoteAll", false);
    escapeQuotes = o.getBoolean("escapeQuotes", true);
    formats = DateTimeFormats.from(o, zone);
    CsvSchema cs = CsvSchema.emptySchema().withoutHeader().withColumnSeparator(sep)
        .withLineSeparator(lineSep == null ? "\n" : lineSep).withNullValue(nullValue);
    cs = quote < 0 ? cs.withoutQuoteChar() : cs.withQuoteChar((char) quote);
    cs = escape < 0 || escape == quote ? cs.withoutEscapeChar() : cs.withEscapeChar((char) escape);
    schema = cs;
    if (trimLeading || trimTrailing) {
      factory.enable(CsvParser.Feature.TRIM_SPACES);
    }
    factory.disable(CsvParser.Feature.FAIL_ON_MISSING_COLUMNS);
    // A field of any size is a valid field (Jackson's default limit is 20,000,000 characters).
    factory.setStreamReadConstraints(dev.sluice.formats.ReadLimits.unlimited());
    if (quoteAll) {
      factory.enable(CsvGenerator.Feature.ALWAYS_QUOTE_STRINGS);
      factory.enable(CsvGenerator.Feature.ALWAYS_QUOTE_EMPTY_STRINGS);
    } else {
      // Quote a value only when it needs it, as Spark does. Without this Jackson quotes any value with
      // a character below the highest of sep, quote and escape: with sep '|' every value was quoted.
      factory.enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING);
    }
    if (escape >= 0 && escape != quote && escapeQuotes) {
      factory.enable(CsvGenerator.Feature.ESCAPE_QUOTE_CHAR_WITH_ESCAPE_CHAR);
    }
  }

  private static int oneChar(Options o, String key, String dflt) {
    String v = o.get(key, dflt);
    if (v.isEmpty()) {
      return -1;
    }
    if (v.length() != 1) {
      throw new SluiceException(ErrorClass.INVALID_OPTION, key, v, "it must be one character");
    }
    return v.charAt(0) == '\u0000' ? -1 : v.charAt(0);
  }

  public ParseMode mode() {
    return mode;
  }

  public String corruptColumn() {
    return corruptColumn;
  }
}
