package dev.sluice.api.streaming;

import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import java.util.Locale;

/**
 * What a streaming query writes to its sink each trigger:
 * <ul>
 *   <li>{@link #Append()}: only new result rows that will never change (for aggregations: groups the
 *       watermark has closed);
 *   <li>{@link #Update()}: the result rows that changed in this trigger;
 *   <li>{@link #Complete()}: the whole result table (aggregations only).
 * </ul>
 */
public enum OutputMode {
  APPEND, UPDATE, COMPLETE;

  public static OutputMode Append() {
    return APPEND;
  }

  public static OutputMode Update() {
    return UPDATE;
  }

  public static OutputMode Complete() {
    return COMPLETE;
  }

  public static OutputMode fromString(String s) {
    return switch (s.trim().toLowerCase(Locale.ROOT)) {
      case "append" -> APPEND;
      case "update" -> UPDATE;
      case "complete" -> COMPLETE;
      default -> throw new SluiceException(ErrorClass.INVALID_OPTION, "outputMode", s,
          "use append, update or complete");
    };
  }

  /** Lower-case name, as in progress reports and sink contexts. */
  public String sparkName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
