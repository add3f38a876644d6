package dev.sluice.formats;

import dev.sluice.conf.Options;
import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import java.util.Locale;

/**
 * What a reader does with a malformed record (option {@code mode}), as in Spark:
 * <ul>
 *   <li>PERMISSIVE (default): the fields that cannot be parsed become null, and the raw record goes to
 *       the column named by {@code columnNameOfCorruptRecord} when the schema has it; the row is kept.
 *   <li>DROPMALFORMED: the record is dropped.
 *   <li>FAILFAST: the read (or the streaming query) fails with the file, line and reason.
 * </ul>
 */
public enum ParseMode {
  PERMISSIVE, DROPMALFORMED, FAILFAST;

  public static ParseMode from(Options options) {
    String m = options.get("mode", "PERMISSIVE").trim().toUpperCase(Locale.ROOT);
    return switch (m) {
      case "PERMISSIVE" -> PERMISSIVE;
      case "DROPMALFORMED" -> DROPMALFORMED;
      case "FAILFAST" -> FAILFAST;
      default -> throw new SluiceException(ErrorClass.INVALID_OPTION, "mode", options.get("mode"),
          "use PERMISSIVE, DROPMALFORMED or FAILFAST");
    };
  }
}
