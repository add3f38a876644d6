package dev.sluice.connector;

import dev.sluice.types.StructType;
import java.util.Map;

/**
 * What a sink provider receives: options, the schema of the rows it will get, the output mode
 * ({@code append}, {@code update} or {@code complete}), the query name (may be null) and session conf.
 */
public record SinkContext(Options options, StructType schema, String outputMode, String queryName,
    Map<String, String> sessionConf) {}
