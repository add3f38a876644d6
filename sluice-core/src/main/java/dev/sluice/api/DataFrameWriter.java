package dev.sluice.api;

import dev.sluice.conf.Options;
import dev.sluice.connector.SinkBatch;
import dev.sluice.connector.SinkContext;
import dev.sluice.connector.SinkProvider;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes a batch DataFrame through a connector: {@code df.write().format("console").save()}. */
public final class DataFrameWriter {
  private final DataFrame df;
  private String format;
  private String mode = "errorifexists";
  private final Map<String, String> options = new LinkedHashMap<>();

  DataFrameWriter(DataFrame df) {
    this.df = df;
  }

  public DataFrameWriter format(String format) {
    this.format = format;
    return this;
  }

  /** append, overwrite, ignore or errorifexists (for connectors that store data). */
  public DataFrameWriter mode(String mode) {
    this.mode = mode;
    return this;
  }

  public DataFrameWriter option(String key, String value) {
    options.put(key, value);
    return this;
  }

  public DataFrameWriter option(String key, long value) {
    return option(key, Long.toString(value));
  }

  public DataFrameWriter option(String key, boolean value) {
    return option(key, Boolean.toString(value));
  }

  public DataFrameWriter options(Map<String, String> opts) {
    options.putAll(opts);
    return this;
  }

  public void save(String path) {
    option("path", path);
    save();
  }

  public void save() {
    if (format == null) {
      throw new dev.sluice.errors.SluiceException(dev.sluice.errors.ErrorClass.MISSING_OPTION, "write()", "format",
          "call format(\"...\") first");
    }
    Session session = df.session();
    SinkProvider p = session.connectors().sink(format);
    ConnectorOptions.checkSink(format, p.optionNames(), options);
    Map<String, String> opts = new LinkedHashMap<>(options);
    opts.putIfAbsent("saveMode", mode);
    SinkContext ctx = new SinkContext(new Options(opts), df.schema(), "append", null, session.sluiceConf().getAll());
    p.writeBatch(ctx, new SinkBatch(df.schema(), df.collectBatches(), session.pool()));
  }

  /**
   * Writes the rows into one folder per value of these columns ({@code col=value/...}), as Spark and
   * Hive lay out partitioned tables; the columns are not stored in the files.
   */
  public DataFrameWriter partitionBy(String... columns) {
    return option("partitionBy", String.join(",", columns));
  }

  /** Writes JSON lines files into the folder {@code path}. */
  public void json(String path) {
    format("json").save(path);
  }

  /** Writes CSV files into the folder {@code path}. */
  public void csv(String path) {
    format("csv").save(path);
  }

  /** Writes text files (one string column) into the folder {@code path}. */
  public void text(String path) {
    format("text").save(path);
  }

  /** Writes Parquet files into the folder {@code path} (needs the dev.sluice:sluice-parquet module). */
  public void parquet(String path) {
    format("parquet").save(path);
  }
}
