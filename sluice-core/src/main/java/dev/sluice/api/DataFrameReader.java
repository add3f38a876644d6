package dev.sluice.api;

import dev.sluice.conf.Options;
import dev.sluice.connector.SourceContext;
import dev.sluice.connector.SourceProvider;
import dev.sluice.plan.logical.DataSourceRelation;
import dev.sluice.types.StructType;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a batch DataFrame from a connector: {@code session.read().format("json").load(path)}. */
public final class DataFrameReader {
  private final Session session;
  private String format;
  private StructType schema;
  private final Map<String, String> options = new LinkedHashMap<>();

  DataFrameReader(Session session) {
    this.session = session;
  }

  public DataFrameReader format(String format) {
    this.format = format;
    return this;
  }

  public DataFrameReader schema(StructType schema) {
    this.schema = schema;
    return this;
  }

  public DataFrameReader schema(String ddl) {
    return schema(session.parseSchema(ddl));
  }

  public DataFrameReader option(String key, String value) {
    options.put(key, value);
    return this;
  }

  public DataFrameReader option(String key, long value) {
    return option(key, Long.toString(value));
  }

  public DataFrameReader option(String key, boolean value) {
    return option(key, Boolean.toString(value));
  }

  public DataFrameReader options(Map<String, String> opts) {
    options.putAll(opts);
    return this;
  }

  public DataFrame load() {
    if (format == null) {
      throw new dev.sluice.errors.SluiceException(dev.sluice.errors.ErrorClass.MISSING_OPTION, "read()", "format",
          "call format(\"...\") first");
    }
    SourceProvider p = session.connectors().source(format);
    ConnectorOptions.checkSource(format, p.optionNames(), options);
    SourceContext ctx = new SourceContext(new Options(options), schema, session.sluiceConf().getAll(), null);
    StructType s = p.schema(ctx);
    return new DataFrame(session, new DataSourceRelation(p, ctx, Session.attributes(s), format));
  }

  public DataFrame load(String path) {
    option("path", path);
    return load();
  }

  public DataFrame table(String name) {
    return session.table(name);
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
