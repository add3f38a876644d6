package dev.sluice.connector;

import dev.sluice.conf.Options;
import dev.sluice.types.StructType;
import java.util.Map;

/**
 * What a sink provider receives: options, the schema of the rows it will get, the output mode
 * ({@code append}, {@code update} or {@code complete}), the query name (may be null), session conf,
 * and the streaming query's id ({@link dev.sluice.api.streaming.StreamingQuery#id()}; null for a
 * batch write). The id is kept in the checkpoint, so it is the same after every restart of a query
 * with a checkpoint location: a transactional sink derives names from it that must survive restarts
 * (a Kafka transactional.id, a table of committed batch ids).
 */
public record SinkContext(Options options, StructType schema, String outputMode, String queryName,
    Map<String, String> sessionConf, String queryId) {

  /** A context without a query id (batch writes). */
  public SinkContext(Options options, StructType schema, String outputMode, String queryName,
      Map<String, String> sessionConf) {
    this(options, schema, outputMode, queryName, sessionConf, null);
  }
}
