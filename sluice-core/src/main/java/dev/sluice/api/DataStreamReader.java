package dev.sluice.api;

import dev.sluice.conf.Options;
import dev.sluice.connector.SourceContext;
import dev.sluice.connector.SourceProvider;
import dev.sluice.plan.logical.StreamingRelation;
import dev.sluice.types.StructType;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a stream from a connector: {@code session.readStream().format("rate").load()}. */
public final class DataStreamReader {
  private final Session session;
  private String format;
  private StructType schema;
  private final Map<String, String> options = new LinkedHashMap<>();

  DataStreamReader(Session session) {
    this.session = session;
  }

  public DataStreamReader format(String format) {
    this.format = format;
    return this;
  }

  public DataStreamReader schema(StructType schema) {
    this.schema = schema;
    return this;
  }

  public DataStreamReader schema(String ddl) {
    return schema(session.parseSchema(ddl));
  }

  public DataStreamReader option(String key, String value) {
    options.put(key, value);
    return this;
  }

  public DataStreamReader option(String key, long value) {
    return option(key, Long.toString(value));
  }

  public DataStreamReader option(String key, double value) {
    return option(key, Double.toString(value));
  }

  public DataStreamReader option(String key, boolean value) {
    return option(key, Boolean.toString(value));
  }

  public DataStreamReader options(Map<String, String> opts) {
    options.putAll(opts);
    return this;
  }

  public DataFrame load() {
    if (format == null) {
      throw new dev.sluice.errors.SluiceException(dev.sluice.errors.ErrorClass.MISSING_OPTION, "readStream()",
          "format", "call format(\"...\") first, e.g. format(\"rate\")");
    }
    SourceProvider p = session.connectors().source(format);
    ConnectorOptions.checkSource(format, p.optionNames(), options);
    SourceContext ctx = new SourceContext(new Options(options), schema, session.sluiceConf().getAll(), null);
    StructType s = p.streamSchema(ctx);
    return new DataFrame(session, new StreamingRelation(p, ctx, Session.attributes(s), format,
        session.nextRelationId()));
  }

  public DataFrame load(String path) {
    option("path", path);
    return load();
  }

  public DataFrame table(String name) {
    return new DataFrame(session, new dev.sluice.plan.logical.UnresolvedRelation(
        dev.sluice.plan.expr.Unresolved.Attribute.splitName(name), true));
  }

  /** Reads JSON lines files: {@code format("json").load(path)}. */
  public DataFrame json(String path) {
    return format("json").load(path);
  }

  /** Reads CSV files: {@code format("csv").load(path)}. */
  public DataFrame csv(String path) {
    return format("csv").load(path);
  }

  /** Reads text files, one {@code value} row per line: {@code format("text").load(path)}. */
  public DataFrame text(String path) {
    return format("text").load(path);
  }

  /** Reads Parquet files (needs the dev.sluice:sluice-parquet module): {@code format("parquet").load(path)}. */
  public DataFrame parquet(String path) {
    return format("parquet").load(path);
  }
}
