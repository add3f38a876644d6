package dev.sluice.formats;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.ExecutionException;

/**
 * The size limits of the JSON and CSV parsers on data paths. Jackson guards its readers with {@link
 * StreamReadConstraints} whose defaults (a 20,000,000-character string, a 1,000-digit number, a
 * 50,000-character name) reject records that are valid: a record must never be malformed because it is
 * large, so these readers lift every size limit. What is left is the nesting depth (the readers recurse
 * per level), which is the {@code maxNestingDepth} option (Spark's name), default 1000; a record
 * deeper than that is an error naming the option, never a silently dropped record.
 */
public final class ReadLimits {
  /** The option that bounds JSON nesting depth. */
  public static final String MAX_NESTING_DEPTH = "maxNestingDepth";

  public static final int DEFAULT_MAX_NESTING_DEPTH = StreamReadConstraints.DEFAULT_MAX_DEPTH;

  private static final StreamReadConstraints UNLIMITED = constraints(DEFAULT_MAX_NESTING_DEPTH);

  private ReadLimits() {}

  /** Constraints with no limit on the size of strings, numbers, names or documents. */
  public static StreamReadConstraints constraints(int maxNestingDepth) {
    return StreamReadConstraints.builder()
        .maxStringLength(Integer.MAX_VALUE)
        .maxNumberLength(Integer.MAX_VALUE)
        .maxNameLength(Integer.MAX_VALUE)
        .maxDocumentLength(-1)
        .maxTokenCount(-1)
        .maxNestingDepth(maxNestingDepth)
        .build();
  }

  /**
   * Write constraints as deep as the read ones: a value read as a STRING column is written back as
   * JSON text, so a record as deep as the reader allows must be writable too.
   */
  public static StreamWriteConstraints writeConstraints(int maxNestingDepth) {
    return StreamWriteConstraints.builder().maxNestingDepth(maxNestingDepth).build();
  }

  /** {@link #constraints(int)} at the default depth. */
  public static StreamReadConstraints unlimited() {
    return UNLIMITED;
  }

  /**
   * The error for a record that went past a limit that remains, naming the option that raises it.
   * Not a malformed record, whatever the parse mode: the record is valid.
   */
  public static ExecutionException exceeded(String format, StreamConstraintsException e) {
    return exceeded(format, e, "Raise the option " + MAX_NESTING_DEPTH + " (default " + DEFAULT_MAX_NESTING_DEPTH
        + ") to read it.");
  }

  /** As {@link #exceeded(String, StreamConstraintsException)}, with the fix to suggest. */
  public static ExecutionException exceeded(String format, StreamConstraintsException e, String fix) {
    return new ExecutionException(ErrorClass.RECORD_LIMIT_EXCEEDED, format, e.getOriginalMessage(), fix);
  }
}
