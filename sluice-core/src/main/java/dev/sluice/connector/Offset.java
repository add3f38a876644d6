package dev.sluice.connector;

/**
 * A position in a source's stream. Offsets are written to the checkpoint's offset log as JSON, so a
 * restarted query can ask the source for exactly the same range again. Implementations are
 * immutable values with {@code equals}.
 */
public interface Offset {
  /** The JSON form stored in the offset log and shown in progress reports. */
  String json();
}
