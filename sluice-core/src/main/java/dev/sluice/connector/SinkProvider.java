package dev.sluice.connector;

/** A named output format ({@code writeStream().format("console")}). */
public interface SinkProvider {
  String shortName();

  /** A sink for a streaming query. */
  Sink createSink(SinkContext ctx);

  /** Writes a whole batch result at once ({@code df.write()}); by default as batch 0 of a new sink. */
  default void writeBatch(SinkContext ctx, SinkBatch data) {
    Sink s = createSink(ctx);
    s.addBatch(0, data);
  }
}
