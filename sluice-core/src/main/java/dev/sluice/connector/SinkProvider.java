package dev.sluice.connector;

/** A named output format ({@code writeStream().format("console")}). */
public interface SinkProvider {
  String shortName();

  /**
   * The options this connector reads (any case), so that a misspelled one is warned about with the
   * nearest name instead of being silently ignored; null (the default) when the connector does not
   * say, and then nothing is checked. Keys with a dot are never checked (namespaced settings).
   */
  default java.util.Set<String> optionNames() {
    return null;
  }

  /**
   * Whether the sink's output is gone when the process ends (console, memory): a query writing to it has
   * nothing to resume, so it needs no checkpoint and is not warned about running without one.
   */
  default boolean transientOutput() {
    return false;
  }

  /** A sink for a streaming query. */
  Sink createSink(SinkContext ctx);

  /** Writes a whole batch result at once ({@code df.write()}); by default as batch 0 of a new sink. */
  default void writeBatch(SinkContext ctx, SinkBatch data) {
    Sink s = createSink(ctx);
    s.addBatch(0, data);
  }
}
