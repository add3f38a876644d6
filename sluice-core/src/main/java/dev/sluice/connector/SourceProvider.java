package dev.sluice.connector;

import dev.sluice.types.StructType;
import java.util.List;

/**
 * A named data source format ({@code format("rate")}, {@code USING kafka}). Providers are found by
 * {@link #shortName()} through {@link ConnectorRegistry} (built-ins and {@link java.util.ServiceLoader}).
 */
public interface SourceProvider {
  String shortName();

  /**
   * The options this connector reads (any case), so that a misspelled one is warned about with the
   * nearest name instead of being silently ignored; null (the default) when the connector does not
   * say, and then nothing is checked. Keys with a dot are never checked (namespaced settings).
   */
  default java.util.Set<String> optionNames() {
    return null;
  }

  /** The schema of the data this source produces given the options and an optional user schema. */
  StructType schema(SourceContext ctx);

  /**
   * The schema of the data when read as a stream ({@code readStream()}, {@code FROM STREAM(t)}); by
   * default the same as {@link #schema}. File sources override it to require a schema, as Spark does.
   */
  default StructType streamSchema(SourceContext ctx) {
    return schema(ctx);
  }

  /** A streaming source; throws with a clear message when the format cannot be streamed. */
  default Source createSource(SourceContext ctx) {
    throw new UnsupportedOperationException("Format '" + shortName() + "' cannot be read as a stream");
  }

  /** Partitions for a batch read of all the data; throws when the format cannot be read as a batch. */
  default List<InputPartition> planBatch(SourceContext ctx) {
    throw new UnsupportedOperationException("Format '" + shortName()
        + "' can only be read as a stream; use readStream() instead of read()");
  }
}
