package dev.sluice.api;

import dev.sluice.api.streaming.StreamingQuery;
import dev.sluice.api.streaming.Trigger;
import dev.sluice.conf.Options;
import dev.sluice.connector.SourceContext;
import dev.sluice.connector.SourceProvider;
import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import dev.sluice.fs.FilePaths;
import dev.sluice.fs.FileSystem;
import dev.sluice.fs.FileSystems;
import dev.sluice.plan.analysis.FunctionDocs;
import dev.sluice.plan.analysis.FunctionSpec;
import dev.sluice.plan.logical.DataSourceRelation;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.StreamingRelation;
import dev.sluice.sql.Statement;
import dev.sluice.types.DataTypes;
import dev.sluice.types.Row;
import dev.sluice.types.StructType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Executes parsed SQL statements against a session: queries become DataFrames, {@code CREATE TABLE
 * ... USING} declares a connector table (read as a batch with {@code FROM t}, as a stream with
 * {@code FROM STREAM(t)}), {@code INSERT INTO} writes to one (starting a streaming query when the
 * query reads a stream), {@code SET} changes configuration.
 */
final class SqlRunner {
  /** Sink options of a table that configure the streaming query rather than the connector. */
  static final Set<String> QUERY_OPTIONS = Set.of("checkpointlocation", "outputmode", "trigger", "queryname");

  private final Session session;

  SqlRunner(Session session) {
    this.session = session;
  }

  /** A table declared with CREATE TABLE. */
  /** {@code managed}: the table's folder is under the warehouse directory, made by CREATE and removed by DROP. */
  record TableDefinition(String name, StructType schema, String format, Map<String, String> options,
      boolean managed) {}

  /** Formats whose tables are folders of files: without a LOCATION, CREATE TABLE makes a managed one. */
  private static final java.util.Set<String> FILE_FORMATS = java.util.Set.of("parquet", "json", "csv", "text", "orc");

  DataFrame run(Statement st) {
    if (st instanceof Statement.QueryStatement q) {
      return new DataFrame(session, q.plan());
    }
    if (st instanceof Statement.CreateView v) {
      if (!v.orReplace() && session.catalog().exists(v.name())) {
        throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, "CREATE VIEW " + v.name(),
            "a table or view with that name exists; use CREATE OR REPLACE VIEW");
      }
      new DataFrame(session, v.plan()).createOrReplaceTempView(v.name());
      return empty();
    }
    if (st instanceof Statement.SetConfig s) {
      return set(s);
    }
    if (st instanceof Statement.DropTable d) {
      return drop(d.name(), d.ifExists());
    }
    if (st instanceof Statement.DropView d) {
      return drop(d.name(), d.ifExists());
    }
    if (st instanceof Statement.Explain e) {
      DataFrame df = new DataFrame(session, e.plan());
      return session.createDataFrame(List.of(Row.of(df.explainString(e.extended()))),
          new StructType().add("plan", DataTypes.StringType));
    }
    if (st instanceof Statement.ShowFunctions sf) {
      List<Row> rows = new ArrayList<>();
      if (!sf.scope().equals("USER")) { // no user-defined SQL functions yet: USER lists nothing
        for (String name : FunctionDocs.show(session.functions(), sf.pattern())) {
          rows.add(Row.of(name));
        }
      }
      return session.createDataFrame(rows, new StructType().add("function", DataTypes.StringType, false));
    }
    if (st instanceof Statement.DescribeFunction df) {
      FunctionSpec spec = session.functions().lookup(df.name());
      if (spec == null) {
        throw session.functions().unknown(df.name());
      }
      List<Row> rows = new ArrayList<>();
      for (String line : FunctionDocs.describe(spec, df.name(), df.extended())) {
        rows.add(Row.of(line));
      }
      return session.createDataFrame(rows, new StructType().add("function_desc", DataTypes.StringType, false));
    }
    if (st instanceof Statement.CreateTable c) {
      return createTable(c);
    }
    if (st instanceof Statement.DescribeRelation d) {
      // Spark's DESCRIBE: one row per column, its type in Spark's simple form, and its comment.
      List<Row> rows = new ArrayList<>();
      for (dev.sluice.types.StructField f : new DataFrame(session, d.plan()).schema().fields()) {
        rows.add(Row.of(f.name(), f.dataType().simpleString(), null));
      }
      return session.createDataFrame(rows, new StructType().add("col_name", DataTypes.StringType, false)
          .add("data_type", DataTypes.StringType, false).add("comment", DataTypes.StringType, true));
    }
    if (st instanceof Statement.InsertInto i) {
      return insertInto(i);
    }
    throw new AnalysisException(ErrorClass.UNSUPPORTED_FEATURE, "statement " + st.getClass().getSimpleName());
  }

  private DataFrame empty() {
    return session.createDataFrame(List.of(), new StructType());
  }

  private DataFrame set(Statement.SetConfig s) {
    StructType schema = new StructType().add("key", DataTypes.StringType).add("value", DataTypes.StringType);
    List<Row> rows = new ArrayList<>();
    if (s.key() == null) {
      for (Map.Entry<String, String> e : session.conf().getAll().entrySet()) {
        rows.add(Row.of(e.getKey(), e.getValue()));
      }
    } else {
      if (s.value() != null) {
        session.conf().set(s.key(), s.value());
      }
      rows.add(Row.of(s.key(), session.conf().get(s.key(), "<undefined>")));
    }
    return session.createDataFrame(rows, schema);
  }

  private DataFrame drop(String name, boolean ifExists) {
    boolean existed = session.catalog().drop(name);
    TableDefinition def = session.tables().remove(name.toLowerCase(Locale.ROOT));
    if (def != null && def.managed()) {
      String path = def.options().get("path");
      try {
        FileSystems.get(path, def.options()).delete(path, true);
      } catch (java.io.IOException e) {
        throw new SluiceException(ErrorClass.TASK_WRITE_FAILED, path, "DROP TABLE " + name + " could not delete the "
            + "managed table's folder: " + e.getMessage());
      }
    }
    if (!existed && !ifExists) {
      throw new AnalysisException(ErrorClass.TABLE_OR_VIEW_NOT_FOUND, "`" + name + "`",
          String.join(", ", session.catalog().relationNames()));
    }
    return empty();
  }

  private DataFrame createTable(Statement.CreateTable given) {
    Statement.CreateTable c0 = given;
    // A CREATE ... IF NOT EXISTS of an existing table, or one that may not replace, stops before touching files.
    String key = c0.name().toLowerCase(Locale.ROOT);
    if (session.catalog().exists(c0.name())) {
      if (c0.ifNotExists()) {
        return empty();
      }
      if (!c0.orReplace()) {
        throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, "CREATE TABLE " + c0.name(),
            "a table or view with that name exists; use CREATE OR REPLACE TABLE or IF NOT EXISTS");
      }
      TableDefinition old = session.tables().get(key);
      if (old != null && old.managed()) {
        drop(old.name(), true); // REPLACE of a managed table replaces its files too
      }
    }
    String format = c0.format().toLowerCase(Locale.ROOT);
    Map<String, String> options = new LinkedHashMap<>(c0.options());
    boolean managed = !options.keySet().stream().anyMatch(k -> k.equalsIgnoreCase("path"))
        && FILE_FORMATS.contains(format);
    if (managed) {
      options.put("path", managedFolder(c0.name()));
    }
    StructType tableSchema = c0.schema();
    if (c0.asSelect() != null) {
      tableSchema = createAsSelect(c0, format, options);
    } else if (managed && tableSchema == null) {
      throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, "CREATE TABLE " + c0.name(), "a new managed table needs "
          + "its columns: CREATE TABLE " + c0.name() + " (col TYPE, ...) USING " + c0.format() + ", or ... AS SELECT");
    }
    Statement.CreateTable c = c0.asSelect() == null && !managed ? c0 : new Statement.CreateTable(c0.name(),
        tableSchema, c0.format(), options, c0.ifNotExists(), c0.orReplace(), null);
    TableDefinition def = new TableDefinition(c.name(), c.schema(), c.format(), c.options(), managed);
    if (c.format().equalsIgnoreCase("memory") && c.schema() == null) {
      // A memory sink: INSERT INTO it starts a query whose results are readable under the table's name.
      session.tables().put(key, def);
      return empty();
    }
    if (c.format().equalsIgnoreCase("memory")) {
      MemoryStream stream = MemoryStream.create(session, c.schema());
      session.memoryTables().put(key, stream);
      session.catalog().register(c.name(), asStream -> {
        if (asStream) {
          return stream.toDF().logicalPlan();
        }
        return session.memoryTableBatch(c.name(), stream).logicalPlan();
      });
    } else {
      SourceProvider provider = session.connectors().hasSource(c.format()) ? session.connectors().source(c.format())
          : null;
      Map<String, String> sourceOptions = sourceOptions(c.options());
      if (provider != null) {
        ConnectorOptions.checkSource(c.format(), provider.optionNames(), sourceOptions);
      }
      session.catalog().register(c.name(), asStream -> {
        if (provider == null) {
          throw new AnalysisException(ErrorClass.UNKNOWN_FORMAT, "'" + c.format() + "' (as a source for table "
              + c.name() + ")", "it can only be written to");
        }
        SourceContext ctx = new SourceContext(new Options(sourceOptions), c.schema(), session.sluiceConf().getAll(),
            null);
        StructType schema = asStream ? provider.streamSchema(ctx) : provider.schema(ctx);
        if (asStream) {
          return new StreamingRelation(provider, ctx, Session.attributes(schema), c.format(), stableId(c.name()));
        }
        return new DataSourceRelation(provider, ctx, Session.attributes(schema), c.format());
      });
    }
    session.tables().put(key, def);
    return empty();
  }

  /**
   * A managed table's folder, {@code <warehouse>/<name>}: made empty now. A folder already holding files is
   * refused (Spark's LOCATION_ALREADY_EXISTS): it may be another table's data, which DROP would delete.
   */
  private String managedFolder(String table) {
    String warehouse = session.sluiceConf().get(dev.sluice.conf.SluiceConf.WAREHOUSE_DIR);
    String path = FilePaths.join(warehouse, table.toLowerCase(Locale.ROOT));
    try {
      FileSystem fs = FileSystems.get(path, Map.of());
      if (fs.exists(path) && !fs.list(path).isEmpty()) {
        throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, "CREATE TABLE " + table, "LOCATION_ALREADY_EXISTS: "
            + "the managed table's folder " + path + " already holds files; drop the table that owns it, delete the "
            + "folder, or give a LOCATION");
      }
      fs.mkdirs(path);
    } catch (java.io.IOException e) {
      throw new SluiceException(ErrorClass.TASK_WRITE_FAILED, path, "CREATE TABLE " + table + " could not create the "
          + "managed table's folder: " + e.getMessage());
    }
    return path;
  }

  /** CREATE TABLE ... AS SELECT: the query's rows are written to the table's (empty) location. */
  private StructType createAsSelect(Statement.CreateTable c, String format, Map<String, String> options) {
    DataFrame q = new DataFrame(session, c.asSelect());
    if (format.equals("memory")) {
      throw new AnalysisException(ErrorClass.UNSUPPORTED_FEATURE, "CREATE TABLE ... USING memory AS SELECT; use "
          + "CREATE TEMPORARY VIEW ... AS SELECT");
    }
    q.write().format(c.format()).options(sourceOptions(options)).mode("append").save();
    return q.schema();
  }

  private static int stableId(String name) {
    return 1_000_000 + Math.abs(name.toLowerCase(Locale.ROOT).hashCode() % 1_000_000);
  }

  private static Map<String, String> sourceOptions(Map<String, String> options) {
    Map<String, String> out = new LinkedHashMap<>();
    options.forEach((k, v) -> {
      if (!QUERY_OPTIONS.contains(k.toLowerCase(Locale.ROOT))) {
        out.put(k, v);
      }
    });
    return out;
  }

  private DataFrame insertInto(Statement.InsertInto i) {
    TableDefinition def = session.tables().get(i.tableName().toLowerCase(Locale.ROOT));
    MemoryStream memorySource = session.memoryTables().get(i.tableName().toLowerCase(Locale.ROOT));
    if (memorySource != null && !new DataFrame(session, i.query()).isStreaming()) {
      return insertIntoMemorySource(i, memorySource);
    }
    if (def == null) {
      throw new AnalysisException(ErrorClass.TABLE_OR_VIEW_NOT_FOUND, "`" + i.tableName() + "` (INSERT INTO needs a "
          + "table declared with CREATE TABLE ... USING format)", String.join(", ", session.catalog().relationNames()));
    }
    DataFrame query = new DataFrame(session, i.query());
    Options opts = new Options(def.options());
    if (query.isStreaming()) {
      DataStreamWriter w = query.writeStream().format(def.format());
      if (def.format().equalsIgnoreCase("memory")) {
        w.queryName(def.name());
      }
      def.options().forEach((k, v) -> {
        if (!QUERY_OPTIONS.contains(k.toLowerCase(Locale.ROOT))) {
          w.option(k, v);
        }
      });
      if (opts.contains("checkpointLocation")) {
        w.option("checkpointLocation", opts.get("checkpointLocation"));
      }
      if (opts.contains("outputMode")) {
        w.outputMode(opts.get("outputMode"));
      }
      if (opts.contains("trigger")) {
        w.trigger(Trigger.parse(opts.get("trigger")));
      }
      if (opts.contains("queryName")) {
        w.queryName(opts.get("queryName"));
      }
      StreamingQuery q = w.start();
      session.lastStartedQuery(q);
      return empty();
    }
    if (def.format().equalsIgnoreCase("memory")) {
      // A batch INSERT INTO a memory table appends its rows to what the table holds, readable under its name.
      List<dev.sluice.types.Row> rows = new java.util.ArrayList<>();
      if (session.catalog().exists(def.name())) {
        rows.addAll(session.table(def.name()).collectAsList());
      }
      rows.addAll(query.collectAsList());
      session.createDataFrame(rows, query.schema()).createOrReplaceTempView(def.name());
      return empty();
    }
    DataFrame rows = def.schema() == null ? query : byPosition(query, def.schema(), def.name());
    rows.write().format(def.format()).options(sourceOptions(def.options())).mode("append").save();
    return empty();
  }

  /**
   * {@code INSERT INTO t SELECT/VALUES ...} into a memory table declared with columns: the rows
   * (cast to the table's columns, by position) are added to its stream as one micro-batch's data,
   * so a SQL-only job can feed the streams it reads.
   */
  private DataFrame insertIntoMemorySource(Statement.InsertInto i, MemoryStream stream) {
    stream.addData(byPosition(new DataFrame(session, i.query()), stream.schema(), i.tableName()).collectAsList());
    return empty();
  }

  /**
   * The query's columns as the table's, by position, as Spark's INSERT INTO: cast to the column types and
   * named as the table names them (VALUES rows are col1, col2, ...). The counts must match.
   */
  private static DataFrame byPosition(DataFrame query, StructType target, String table) {
    List<dev.sluice.plan.expr.AttributeReference> columns = query.logicalPlan().output();
    if (columns.size() != target.size()) {
      throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, "INSERT INTO " + table,
          "the table has " + target.size() + " column(s) but the query produces " + columns.size());
    }
    Column[] cast = new Column[columns.size()];
    for (int c = 0; c < cast.length; c++) {
      cast[c] = new Column(columns.get(c)).cast(target.field(c).dataType()).alias(target.field(c).name());
    }
    return query.select(cast);
  }


  static LogicalPlan plan(DataFrame df) {
    return df.logicalPlan();
  }
}
