package dev.sluice.formats.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import dev.sluice.conf.Options;
import dev.sluice.formats.DateTimeFormats;
import dev.sluice.formats.ParseMode;
import dev.sluice.formats.ReadLimits;
import java.time.ZoneId;

/**
 * The options of the json format and of {@code from_json}/{@code to_json}, with Spark's names and
 * defaults: {@code mode}, {@code columnNameOfCorruptRecord}, {@code multiLine}, {@code dateFormat},
 * {@code timestampFormat}, {@code primitivesAsString}, {@code prefersDecimal}, {@code allowComments},
 * {@code allowUnquotedFieldNames}, {@code allowSingleQuotes}, {@code allowNumericLeadingZeros},
 * {@code allowNonNumericNumbers}, {@code allowBackslashEscapingAnyCharacter},
 * {@code allowUnquotedControlChars}, {@code dropFieldIfAllNull}, {@code ignoreNullFields},
 * {@code lineSep}, {@code encoding}, {@code compression}, {@code maxNestingDepth} (1000; strings, numbers
 * and names have no size limit, see {@link ReadLimits}).
 */
public final class JsonOptions {
  public final ParseMode mode;
  public final String corruptColumn;
  public final boolean multiLine;
  public final boolean primitivesAsString;
  public final boolean prefersDecimal;
  public final boolean allowNonNumericNumbers;
  public final boolean dropFieldIfAllNull;
  public final boolean ignoreNullFields;
  public final String lineSep;
  public final java.nio.charset.Charset charset;
  public final DateTimeFormats formats;
  public final JsonFactory factory;

  public JsonOptions(Options o, ZoneId zone) {
    mode = ParseMode.from(o);
    corruptColumn = o.get("columnNameOfCorruptRecord", "_corrupt_record");
    multiLine = o.getBoolean("multiLine", false);
    primitivesAsString = o.getBoolean("primitivesAsString", false);
    prefersDecimal = o.getBoolean("prefersDecimal", false);
    allowNonNumericNumbers = o.getBoolean("allowNonNumericNumbers", true);
    dropFieldIfAllNull = o.getBoolean("dropFieldIfAllNull", false);
    ignoreNullFields = o.getBoolean("ignoreNullFields", true);
    lineSep = o.get("lineSep");
    String enc = o.get("encoding", o.get("charset", "UTF-8"));
    try {
      charset = java.nio.charset.Charset.forName(enc);
    } catch (RuntimeException e) {
      throw new dev.sluice.errors.SluiceException(dev.sluice.errors.ErrorClass.INVALID_OPTION, "encoding", enc,
          "not a known character set");
    }
    formats = DateTimeFormats.from(o, zone);
    JsonFactoryBuilder b = new JsonFactoryBuilder();
    b.configure(JsonReadFeature.ALLOW_JAVA_COMMENTS, o.getBoolean("allowComments", false));
    b.configure(JsonReadFeature.ALLOW_YAML_COMMENTS, o.getBoolean("allowComments", false));
    b.configure(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES, o.getBoolean("allowUnquotedFieldNames", false));
    b.configure(JsonReadFeature.ALLOW_SINGLE_QUOTES, o.getBoolean("allowSingleQuotes", true));
    b.configure(JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS, o.getBoolean("allowNumericLeadingZeros", false));
    b.configure(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS, allowNonNumericNumbers);
    b.configure(JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER,
        o.getBoolean("allowBackslashEscapingAnyCharacter", false));
    b.configure(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS, o.getBoolean("allowUnquotedControlChars", false));
    b.configure(JsonWriteFeature.WRITE_NAN_AS_STRINGS, true);
    int depth = o.getInt(ReadLimits.MAX_NESTING_DEPTH, ReadLimits.DEFAULT_MAX_NESTING_DEPTH);
    if (depth < 1) {
      throw new dev.sluice.errors.SluiceException(dev.sluice.errors.ErrorClass.INVALID_OPTION,
          ReadLimits.MAX_NESTING_DEPTH, depth, "it must be at least 1");
    }
    b.streamReadConstraints(ReadLimits.constraints(depth));
    b.streamWriteConstraints(ReadLimits.writeConstraints(depth));
    factory = b.build();
  }

  public ParseMode mode() {
    return mode;
  }

  public String corruptColumn() {
    return corruptColumn;
  }
}
