package dev.sluice.api;

import dev.sluice.api.internals.QueryExecution;
import dev.sluice.api.internals.SessionCatalog;
import dev.sluice.conf.SluiceConf;
import dev.sluice.connector.ConnectorRegistry;
import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.plan.analysis.FunctionRegistry;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.logical.LocalRelation;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.UnresolvedRelation;
import dev.sluice.sql.SqlParser;
import dev.sluice.streaming.ListenerBus;
import dev.sluice.types.Row;
import dev.sluice.types.StructField;
import dev.sluice.types.StructType;
import dev.sluice.types.Values;
import dev.sluice.vector.ColumnBatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The entry point: holds configuration, temp views, the worker pool and the running streaming
 * queries. Create one with {@link #builder()}; close it to stop its queries and threads.
 * Thread-safe.
 *
 * <pre>{@code
 * try (Session s = Session.builder().config("sluice.sql.shuffle.partitions", "4").getOrCreate()) {
 *   DataFrame counts = s.readStream().format("rate").load().groupBy("value").count();
 *   counts.writeStream().format("console").outputMode("complete").start().awaitTermination();
 * }
 * }</pre>
 */
public final class Session implements AutoCloseable {
  private final SluiceConf conf;
  private final SessionCatalog catalog = new SessionCatalog();
  private volatile ConnectorRegistry connectors;
  private final ExecutorService pool;
  private final ListenerBus listenerBus = new ListenerBus();
  private final StreamingQueryManager streams;
  private final AtomicInteger relationIds = new AtomicInteger();
  private final RuntimeConfig runtimeConfig;
  private final Map<String, SqlRunner.TableDefinition> tables = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, MemoryStream> memoryTables = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile dev.sluice.api.streaming.StreamingQuery lastStartedQuery;

  private Session(Map<String, String> settings) {
    this.conf = new SluiceConf(settings);
    int threads = conf.executorThreads();
    AtomicInteger n = new AtomicInteger();
    ThreadFactory tf = r -> {
      // A larger stack than the default: operators evaluate expressions as deep as the parser allows
      // (SqlParser.MAX_NESTING_DEPTH). Only the pages a thread touches are committed.
      Thread t = new Thread(null, r, "sluice-worker-" + n.incrementAndGet(), 16L << 20);
      t.setDaemon(true);
      return t;
    };
    this.pool = Executors.newFixedThreadPool(Math.max(threads, 1), tf);
    this.streams = new StreamingQueryManager(this);
    this.runtimeConfig = new RuntimeConfig(conf);
    this.catalog.setFallback(this::directPathRelation);
  }

  /**
   * {@code SELECT * FROM json.`/data/events`}: a two-part name whose first part is a source format
   * reads that path with the format (as a stream under STREAM(...)). Null for other names.
   */
  private LogicalPlan directPathRelation(List<String> nameParts, boolean asStream) {
    if (nameParts.size() != 2 || !connectors().hasSource(nameParts.get(0))) {
      return null;
    }
    String format = nameParts.get(0);
    String path = nameParts.get(1);
    if (asStream) {
      return readStream().format(format).load(path).logicalPlan();
    }
    return read().format(format).load(path).logicalPlan();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a session from configuration entries. */
  public static final class Builder {
    private final Map<String, String> settings = new LinkedHashMap<>();

    public Builder config(String key, String value) {
      settings.put(key, value);
      return this;
    }

    public Builder config(String key, long value) {
      return config(key, Long.toString(value));
    }

    public Builder config(String key, boolean value) {
      return config(key, Boolean.toString(value));
    }

    public Builder config(Map<String, String> entries) {
      settings.putAll(entries);
      return this;
    }

    /** Accepted for Spark compatibility; the name is informational. */
    public Builder appName(String name) {
      return config("sluice.app.name", name);
    }

    /** Accepted for Spark compatibility: Sluice always runs in this JVM. */
    public Builder master(String master) {
      return this;
    }

    public Session getOrCreate() {
      return new Session(settings);
    }

    public Session create() {
      return getOrCreate();
    }
  }

  /** Runtime configuration: {@code conf().set("sluice.sql.shuffle.partitions", "8")}. */
  public RuntimeConfig conf() {
    return runtimeConfig;
  }

  /** The configuration object (internal). */
  public SluiceConf sluiceConf() {
    return conf;
  }

  public DataFrameReader read() {
    return new DataFrameReader(this);
  }

  public DataStreamReader readStream() {
    return new DataStreamReader(this);
  }

  public StreamingQueryManager streams() {
    return streams;
  }

  /** A DataFrame from rows and a schema. */
  public DataFrame createDataFrame(List<Row> rows, StructType schema) {
    List<Object[]> internal = new ArrayList<>(rows.size());
    for (Row r : rows) {
      internal.add(Values.internalRow(r, schema));
    }
    ColumnBatch batch = ColumnBatch.fromRows(schema.types(), internal);
    return new DataFrame(this, new LocalRelation(attributes(schema), List.of(batch)));
  }

  /** A DataFrame from rows and a DDL schema string, e.g. {@code "id INT, name STRING"}. */
  public DataFrame createDataFrame(List<Row> rows, String ddlSchema) {
    return createDataFrame(rows, parseSchema(ddlSchema));
  }

  /** Rows {@code id} from start (inclusive) to end (exclusive): one BIGINT column {@code id}. */
  public DataFrame range(long start, long end) {
    StructType schema = new StructType().add("id", dev.sluice.types.DataTypes.LongType, false);
    int n = (int) Math.max(0, end - start);
    long[] ids = new long[n];
    for (int i = 0; i < n; i++) {
      ids[i] = start + i;
    }
    ColumnBatch b = new ColumnBatch(new dev.sluice.vector.ColumnVector[] {
        new dev.sluice.vector.LongVector(dev.sluice.types.DataTypes.LongType, ids, n, null)}, n);
    return new DataFrame(this, new LocalRelation(attributes(schema), List.of(b)));
  }

  public DataFrame range(long end) {
    return range(0, end);
  }

  /**
   * Runs SQL statements (separated by semicolons) and returns the result of the last one: a query's
   * DataFrame (batch or streaming, depending on its sources), or an empty DataFrame for commands.
   */
  public DataFrame sql(String text) {
    List<dev.sluice.sql.Statement> statements = dev.sluice.sql.SqlParser.parseStatements(text);
    SqlRunner runner = new SqlRunner(this);
    DataFrame last = null;
    for (dev.sluice.sql.Statement st : statements) {
      last = runner.run(st);
    }
    return last != null ? last : createDataFrame(List.of(), new StructType());
  }

  /** Runs one parsed statement (see {@link #sql(String)}). */
  public DataFrame execute(dev.sluice.sql.Statement statement) {
    return new SqlRunner(this).run(statement);
  }

  /** The memory stream behind a table created with {@code CREATE TABLE name (...) USING memory}. */
  public MemoryStream memoryTable(String name) {
    MemoryStream m = memoryTables.get(name.toLowerCase(java.util.Locale.ROOT));
    if (m == null) {
      throw new AnalysisException(ErrorClass.TABLE_OR_VIEW_NOT_FOUND, "`" + name + "` (a memory table)",
          String.join(", ", memoryTables.keySet()));
    }
    return m;
  }

  /** The streaming query most recently started by an {@code INSERT INTO} statement, or null. */
  public dev.sluice.api.streaming.StreamingQuery lastStartedQuery() {
    return lastStartedQuery;
  }

  void lastStartedQuery(dev.sluice.api.streaming.StreamingQuery q) {
    lastStartedQuery = q;
  }

  Map<String, SqlRunner.TableDefinition> tables() {
    return tables;
  }

  Map<String, MemoryStream> memoryTables() {
    return memoryTables;
  }

  /** A batch read of a memory table: every row added so far. */
  DataFrame memoryTableBatch(String name, MemoryStream stream) {
    return stream.snapshot();
  }

  /** The temp view or table with this name. */
  public DataFrame table(String name) {
    return new DataFrame(this, new UnresolvedRelation(dev.sluice.plan.expr.Unresolved.Attribute.splitName(name), false));
  }

  public static List<AttributeReference> attributes(StructType schema) {
    List<AttributeReference> out = new ArrayList<>();
    for (StructField f : schema) {
      out.add(AttributeReference.create(f.name(), f.dataType(), f.nullable()));
    }
    return out;
  }

  /** Parses a DDL column list like {@code "id INT, name STRING"}. */
  public StructType parseSchema(String ddl) {
    return dev.sluice.sql.SqlParser.parseSchema(ddl);
  }

  /** Drops a temp view; returns whether it existed. */
  public boolean dropTempView(String name) {
    return catalog.drop(name);
  }

  /** Stops all streaming queries and releases threads. */
  @Override
  public void close() {
    streams.stopAll();
    listenerBus.shutdown();
    pool.shutdownNow();
  }

  public void stop() {
    close();
  }

  // ------------------------------------------------------------------ internal

  SessionCatalog catalog() {
    return catalog;
  }

  ConnectorRegistry connectors() {
    ConnectorRegistry c = connectors;
    if (c == null) {
      synchronized (this) {
        if (connectors == null) {
          connectors = new ConnectorRegistry();
        }
        c = connectors;
      }
    }
    return c;
  }

  ExecutorService pool() {
    return pool;
  }

  ListenerBus listenerBus() {
    return listenerBus;
  }

  int nextRelationId() {
    return relationIds.incrementAndGet();
  }

  LogicalPlan analyze(LogicalPlan plan) {
    return QueryExecution.analyze(plan, catalog, conf);
  }

  QueryExecution execution(LogicalPlan analyzed) {
    return new QueryExecution(analyzed, conf, pool);
  }

  FunctionRegistry functions() {
    return FunctionRegistry.builtin();
  }

  static AnalysisException streamOnly(String what) {
    return new AnalysisException(ErrorClass.STREAM_REQUIRED, what);
  }
}
