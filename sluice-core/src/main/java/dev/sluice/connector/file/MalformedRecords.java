package dev.sluice.connector.file;

import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.ExecutionException;
import dev.sluice.formats.BadRecordException;
import dev.sluice.formats.ParseMode;

/**
 * Applies the parse mode to a malformed record: PERMISSIVE returns the row with the fields that
 * parsed and the raw record in the corrupt-record column (when the schema has one), DROPMALFORMED
 * returns null, FAILFAST throws with the file, the line and the reason. Every malformed record is
 * counted, so nothing is dropped without a trace.
 */
public final class MalformedRecords {
  private final ParseMode mode;
  private final int corruptIndex;
  private final int width;
  private final String file;
  private long count;

  /** @param corruptIndex position of the corrupt-record column in the output rows, or -1 */
  public MalformedRecords(ParseMode mode, int corruptIndex, int width, String file) {
    this.mode = mode;
    this.corruptIndex = corruptIndex;
    this.width = width;
    this.file = file;
  }

  public int corruptIndex() {
    return corruptIndex;
  }

  /** The row to emit for a malformed record, or null to drop it. */
  public Object[] handle(BadRecordException e, String raw, long line) {
    count++;
    switch (mode) {
      case FAILFAST -> throw new ExecutionException(ErrorClass.MALFORMED_RECORD_IN_PARSING,
          "file " + file + (line > 0 ? ", line " + line : "") + ": " + e.getMessage() + " (record: "
              + abbreviate(raw) + ")");
      case DROPMALFORMED -> {
        return null;
      }
      default -> {
        Object[] row = e.partial() != null && e.partial().length == width ? e.partial() : new Object[width];
        if (corruptIndex >= 0) {
          row[corruptIndex] = raw;
        }
        return row;
      }
    }
  }

  public long count() {
    return count;
  }

  private static String abbreviate(String s) {
    if (s == null) {
      return "null";
    }
    return s.length() <= 200 ? s : s.substring(0, 200) + "...";
  }
}
