package dev.sluice.connector;

/**
 * Receives the result of each micro-batch. {@code batchId} increases by one per batch; after a
 * failure or restart the engine may call {@link #addBatch} again with an id it already passed (the
 * batch is replayed with the same data), so a sink that must not duplicate output remembers the
 * last id it committed and ignores repeats.
 */
public interface Sink {
  void addBatch(long batchId, SinkBatch data);

  /** Called once when the query stops, successfully or not. */
  default void close() {}

  /** Short description for progress reports. */
  default String description() {
    return getClass().getSimpleName();
  }
}
