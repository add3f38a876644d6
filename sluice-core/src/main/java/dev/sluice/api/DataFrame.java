package dev.sluice.api;

import dev.sluice.api.internals.QueryExecution;
import dev.sluice.api.internals.SqlBridge;
import dev.sluice.connector.builtin.TableFormatter;
import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.plan.expr.Alias;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.NamedExpression;
import dev.sluice.plan.expr.SortOrder;
import dev.sluice.plan.expr.Unresolved;
import dev.sluice.plan.logical.Aggregate;
import dev.sluice.plan.logical.Deduplicate;
import dev.sluice.plan.logical.Distinct;
import dev.sluice.plan.logical.EventTimeWatermark;
import dev.sluice.plan.logical.Filter;
import dev.sluice.plan.logical.Join;
import dev.sluice.plan.logical.JoinType;
import dev.sluice.plan.logical.Limit;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Project;
import dev.sluice.plan.logical.SetOperation;
import dev.sluice.plan.logical.Sort;
import dev.sluice.plan.logical.SubqueryAlias;
import dev.sluice.plan.logical.Union;
import dev.sluice.types.DateTimeUtil;
import dev.sluice.types.Row;
import dev.sluice.types.StructType;
import dev.sluice.types.Values;
import dev.sluice.vector.ColumnBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A query over a table or a stream: the same operations build a batch query or a streaming one
 * ({@link #isStreaming()}). Immutable; every operation returns a new DataFrame and checks names and
 * types at once, so a mistake fails where it is made.
 */
public final class DataFrame {
  private final Session session;
  private final LogicalPlan plan;

  DataFrame(Session session, LogicalPlan plan) {
    this.session = session;
    this.plan = session.analyze(plan);
  }

  /** Wraps an analyzed plan (internal). */
  public static DataFrame ofPlan(Session session, LogicalPlan plan) {
    return new DataFrame(session, plan);
  }

  public Session session() {
    return session;
  }

  /** The analyzed logical plan. */
  public LogicalPlan logicalPlan() {
    return plan;
  }

  private DataFrame with(LogicalPlan p) {
    return new DataFrame(session, p);
  }

  private static List<Expression> exprs(Column... cs) {
    List<Expression> out = new ArrayList<>(cs.length);
    for (Column c : cs) {
      out.add(c.expr());
    }
    return out;
  }

  private static Column[] cols(String... names) {
    Column[] out = new Column[names.length];
    for (int i = 0; i < names.length; i++) {
      out[i] = new Column(names[i]);
    }
    return out;
  }

  /** Names every non-attribute expression the way Spark does (its SQL text). */
  private static List<Expression> autoAlias(List<Expression> es) {
    List<Expression> out = new ArrayList<>(es.size());
    for (Expression e : es) {
      out.add(e instanceof NamedExpression || e instanceof Unresolved.Attribute || e instanceof Unresolved.Star
          || e instanceof Unresolved.MultiAlias ? e : new Unresolved.AutoAlias(e));
    }
    return out;
  }

  // ------------------------------------------------------------------ schema

  public StructType schema() {
    return plan.schema();
  }

  public String[] columns() {
    return schema().fieldNames();
  }

  public void printSchema() {
    System.out.print(schema().treeString());
  }

  public boolean isStreaming() {
    return plan.isStreaming();
  }

  /** A column of this DataFrame, resolved now (use it to tell apart same-named columns in a join). */
  public Column col(String name) {
    if (name.equals("*")) {
      return new Column(new Unresolved.Star(List.of()));
    }
    Project p = (Project) session.analyze(new Project(List.of(Unresolved.Attribute.parse(name)), plan));
    Expression e = p.projectList().get(0);
    return new Column(e instanceof Alias a ? a.child() : e);
  }

  public Column apply(String name) {
    return col(name);
  }

  // ------------------------------------------------------------------ transformations

  public DataFrame select(Column... columns) {
    return with(new Project(autoAlias(exprs(columns)), plan));
  }

  public DataFrame select(String... columns) {
    return select(cols(columns));
  }

  /** Select SQL expressions, e.g. {@code selectExpr("price * 2 AS doubled", "upper(name)")}. */
  public DataFrame selectExpr(String... sql) {
    Column[] cs = new Column[sql.length];
    for (int i = 0; i < sql.length; i++) {
      cs[i] = new Column(SqlBridge.parseExpression(sql[i]));
    }
    return select(cs);
  }

  public DataFrame filter(Column condition) {
    return with(new Filter(condition.expr(), plan));
  }

  /** Filter by a SQL condition, e.g. {@code filter("amount > 6")}. */
  public DataFrame filter(String condition) {
    return filter(new Column(SqlBridge.parseExpression(condition)));
  }

  public DataFrame where(Column condition) {
    return filter(condition);
  }

  public DataFrame where(String condition) {
    return filter(condition);
  }

  /** Adds a column, or replaces the column of that name. */
  public DataFrame withColumn(String name, Column value) {
    List<Expression> list = new ArrayList<>();
    boolean replaced = false;
    for (AttributeReference a : plan.output()) {
      if (a.name().equalsIgnoreCase(name)) {
        list.add(new Alias(value.expr(), name));
        replaced = true;
      } else {
        list.add(a);
      }
    }
    if (!replaced) {
      list.add(new Alias(value.expr(), name));
    }
    return with(new Project(list, plan));
  }

  public DataFrame withColumnRenamed(String existing, String newName) {
    List<Expression> list = new ArrayList<>();
    for (AttributeReference a : plan.output()) {
      list.add(a.name().equalsIgnoreCase(existing) ? new Alias(a, newName) : a);
    }
    return with(new Project(list, plan));
  }

  public DataFrame drop(String... names) {
    List<String> drop = Arrays.stream(names).map(String::toLowerCase).toList();
    List<Expression> list = new ArrayList<>();
    for (AttributeReference a : plan.output()) {
      if (!drop.contains(a.name().toLowerCase())) {
        list.add(a);
      }
    }
    return with(new Project(list, plan));
  }

  public DataFrame drop(Column c) {
    // A column taken from a DataFrame (df.col("x")) is dropped by reference, as Spark does, so the
    // right side's copy of a join column can go; a name is resolved here.
    Expression e = c.expr() instanceof AttributeReference a ? a : col(c.expr().sql()).expr();
    List<Expression> list = new ArrayList<>();
    for (AttributeReference a : plan.output()) {
      // by id: an outer join's output has the same attribute with other nullability
      if (!(e instanceof AttributeReference r && r.exprId().equals(a.exprId()))) {
        list.add(a);
      }
    }
    return with(new Project(list, plan));
  }

  /** One group of all rows (a global aggregation). */
  public RelationalGroupedDataFrame groupBy() {
    return new RelationalGroupedDataFrame(this, List.of());
  }

  public RelationalGroupedDataFrame groupBy(Column... columns) {
    return new RelationalGroupedDataFrame(this, exprs(columns));
  }

  public RelationalGroupedDataFrame groupBy(String... columns) {
    return groupBy(cols(columns));
  }

  /**
   * Groups by every combination of the columns, as SQL's {@code GROUP BY CUBE(a, b)}: the aggregates
   * are computed for (a, b), (a), (b) and all rows, the columns a grouping set leaves out being NULL
   * ({@link functions#grouping} tells that NULL from a NULL value).
   */
  public RelationalGroupedDataFrame cube(Column... columns) {
    List<Expression> cs = exprs(columns);
    return new RelationalGroupedDataFrame(this, cs,
        dev.sluice.plan.expr.Unresolved.GroupingSets.cube(cs.stream().map(List::of).toList()));
  }

  public RelationalGroupedDataFrame cube(String... columns) {
    return cube(cols(columns));
  }

  /**
   * Groups by each prefix of the columns, as SQL's {@code GROUP BY ROLLUP(a, b)}: the aggregates are
   * computed for (a, b), (a) and all rows (subtotals and a grand total).
   */
  public RelationalGroupedDataFrame rollup(Column... columns) {
    List<Expression> cs = exprs(columns);
    return new RelationalGroupedDataFrame(this, cs,
        dev.sluice.plan.expr.Unresolved.GroupingSets.rollup(cs.stream().map(List::of).toList()));
  }

  public RelationalGroupedDataFrame rollup(String... columns) {
    return rollup(cols(columns));
  }

  /**
   * Groups by the given grouping sets of the columns, as SQL's {@code GROUP BY a, b GROUPING SETS ((a,
   * b), ())}; every column of a set must be one of {@code columns} (Spark 4's {@code groupingSets}).
   */
  public RelationalGroupedDataFrame groupingSets(List<List<Column>> groupingSets, Column... columns) {
    List<Expression> cs = exprs(columns);
    List<List<Expression>> sets = groupingSets.stream().map(s -> exprs(s.toArray(new Column[0]))).toList();
    return new RelationalGroupedDataFrame(this, cs, dev.sluice.plan.expr.Unresolved.GroupingSets.of(cs, sets));
  }

  /** Aggregate over all rows: {@code df.agg(count("*"), max("v"))}. */
  public DataFrame agg(Column first, Column... more) {
    return groupBy().agg(first, more);
  }

  DataFrame aggregate(List<Expression> grouping, List<Expression> aggs) {
    return with(new Aggregate(grouping, aggs, plan));
  }

  public DataFrame orderBy(Column... columns) {
    List<SortOrder> orders = new ArrayList<>();
    for (Column c : columns) {
      orders.add(c.expr() instanceof SortOrder so ? so : SortOrder.asc(c.expr()));
    }
    return with(new Sort(orders, plan));
  }

  public DataFrame orderBy(String... columns) {
    return orderBy(cols(columns));
  }

  public DataFrame sort(Column... columns) {
    return orderBy(columns);
  }

  public DataFrame sort(String... columns) {
    return orderBy(columns);
  }

  public DataFrame limit(int n) {
    return with(new Limit(n, plan));
  }

  /** UNION ALL by position. */
  public DataFrame union(DataFrame other) {
    return with(new Union(List.of(plan, other.plan)));
  }

  public DataFrame unionAll(DataFrame other) {
    return union(other);
  }

  /** UNION ALL matching columns by name. */
  public DataFrame unionByName(DataFrame other) {
    return unionByName(other, false);
  }

  /** With {@code allowMissingColumns}, columns missing on one side are NULL. */
  public DataFrame unionByName(DataFrame other, boolean allowMissingColumns) {
    return with(new Union(List.of(plan, other.plan), true, allowMissingColumns));
  }

  /**
   * The distinct rows. As in Spark this is {@code dropDuplicates()}, so on a stream it keeps the rows
   * seen in state and works in append mode (SQL's {@code SELECT DISTINCT} is an aggregation).
   */
  public DataFrame distinct() {
    return isStreaming() ? dropDuplicates() : with(new Distinct(plan));
  }

  public DataFrame dropDuplicates() {
    return dropDuplicates(columns());
  }

  /** Keeps the first row for each combination of the columns (on streams, state holds the keys seen). */
  public DataFrame dropDuplicates(String... columnNames) {
    return with(new Deduplicate(keyAttributes(columnNames), false, plan));
  }

  public DataFrame dropDuplicatesWithinWatermark(String... columnNames) {
    return with(new Deduplicate(keyAttributes(columnNames), true, plan));
  }

  private List<Expression> keyAttributes(String... names) {
    List<Expression> keys = new ArrayList<>();
    for (String n : names) {
      keys.add(col(n).expr());
    }
    return keys;
  }

  /** Rows of this DataFrame not in the other (distinct). */
  public DataFrame except(DataFrame other) {
    return with(new SetOperation(SetOperation.Kind.EXCEPT, false, plan, other.plan));
  }

  public DataFrame intersect(DataFrame other) {
    return with(new SetOperation(SetOperation.Kind.INTERSECT, false, plan, other.plan));
  }

  public DataFrame join(DataFrame right, Column condition) {
    return join(right, condition, "inner");
  }

  /**
   * Join on a condition; {@code how} is one of inner, cross, outer/full, left, right, left_semi,
   * left_anti.
   */
  public DataFrame join(DataFrame right, Column condition, String how) {
    return with(new Join(plan, right.plan, JoinType.parse(how), condition.expr()));
  }

  /** Join on equal values of a column both sides have; it appears once in the result. */
  public DataFrame join(DataFrame right, String usingColumn) {
    return join(right, List.of(usingColumn), "inner");
  }

  public DataFrame join(DataFrame right, List<String> usingColumns, String how) {
    return with(new Join(plan, right.plan, JoinType.parse(how), null, usingColumns));
  }

  public DataFrame crossJoin(DataFrame right) {
    return with(new Join(plan, right.plan, JoinType.CROSS, null));
  }

  /** Names this DataFrame so its columns can be qualified: {@code df.alias("a")} then {@code col("a.x")}. */
  public DataFrame alias(String name) {
    return with(new SubqueryAlias(name, plan));
  }

  public DataFrame as(String name) {
    return alias(name);
  }

  /**
   * Declares {@code eventTime} (a TIMESTAMP column) as event time with a watermark {@code delay}
   * (e.g. "10 seconds"): stateful operators wait that long for late data, then finalize and drop state.
   */
  public DataFrame withWatermark(String eventTime, String delay) {
    long micros;
    try {
      micros = watermarkDelayMicros(delay);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, "withWatermark delay", e.getMessage());
    }
    if (micros < 0) {
      throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, "withWatermark delay", "it must not be negative");
    }
    return with(new EventTimeWatermark(Unresolved.Attribute.parse(eventTime), micros, plan));
  }

  /**
   * A watermark delay in micros. As in Spark (and the SQL WATERMARK clause), months and years are
   * allowed and a month counts as 31 days; other units are those of durations.
   */
  static long watermarkDelayMicros(String delay) {
    String s = delay.trim().toLowerCase(java.util.Locale.ROOT);
    if (s.startsWith("interval")) {
      s = s.substring("interval".length()).trim();
    }
    String[] tokens = s.split("\\s+");
    if (tokens.length % 2 != 0) {
      return DateTimeUtil.parseDuration(delay); // says what is wrong
    }
    long months = 0;
    StringBuilder rest = new StringBuilder();
    for (int i = 0; i < tokens.length; i += 2) {
      String unit = tokens[i + 1].replace("'", "");
      int perUnit = unit.equals("month") || unit.equals("months") ? 1 : unit.equals("year") || unit.equals("years")
          ? 12 : 0;
      if (perUnit == 0) {
        rest.append(tokens[i]).append(' ').append(tokens[i + 1]).append(' ');
        continue;
      }
      try {
        months = Math.addExact(months, Math.multiplyExact(Long.parseLong(tokens[i].replace("'", "")), perUnit));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("Cannot parse the duration '" + delay + "': '" + tokens[i]
            + "' is not a whole number of " + unit);
      }
    }
    long micros = rest.isEmpty() ? 0 : DateTimeUtil.parseDuration(rest.toString());
    return Math.addExact(micros, Math.multiplyExact(months, 31L * DateTimeUtil.MICROS_PER_DAY));
  }

  // ------------------------------------------------------------------ actions

  private void requireBatch(String action) {
    if (isStreaming()) {
      throw new AnalysisException(ErrorClass.STREAM_REQUIRED, "Queries with streaming sources must be executed with "
          + "writeStream().start(); " + action + "() is only for batch DataFrames. To inspect a stream in tests, "
          + "write it to the memory sink.");
    }
  }

  QueryExecution execution() {
    return session.execution(plan);
  }

  /** Runs the query and returns its partitions' batches. */
  public List<List<ColumnBatch>> collectBatches() {
    requireBatch("collect");
    return execution().execute();
  }

  public List<Row> collectAsList() {
    StructType schema = schema();
    List<Row> out = new ArrayList<>();
    for (List<ColumnBatch> p : collectBatches()) {
      for (ColumnBatch b : p) {
        for (int i = 0; i < b.numRows(); i++) {
          out.add(Values.externalRow(b.row(i), schema));
        }
      }
    }
    return out;
  }

  public Row[] collect() {
    return collectAsList().toArray(new Row[0]);
  }

  public List<Row> takeAsList(int n) {
    return limit(n).collectAsList();
  }

  public Row first() {
    List<Row> r = takeAsList(1);
    if (r.isEmpty()) {
      throw new java.util.NoSuchElementException("The DataFrame is empty");
    }
    return r.get(0);
  }

  public Row head() {
    return first();
  }

  public long count() {
    requireBatch("count");
    List<Row> r = groupBy().count().collectAsList();
    return r.get(0).getLong(0);
  }

  public boolean isEmpty() {
    return takeAsList(1).isEmpty();
  }

  public void show() {
    show(20, true);
  }

  public void show(int numRows) {
    show(numRows, true);
  }

  public void show(boolean truncate) {
    show(20, truncate);
  }

  public void show(int numRows, boolean truncate) {
    System.out.print(showString(numRows, truncate ? 20 : 0));
  }

  /** The text {@link #show} prints. */
  public String showString(int numRows, int truncate) {
    requireBatch("show");
    List<Object[]> rows = new ArrayList<>();
    for (List<ColumnBatch> p : limit(numRows + 1).collectBatches()) {
      rows.addAll(TableFormatter.rows(p, numRows + 1 - rows.size()));
    }
    boolean more = rows.size() > numRows;
    if (more) {
      rows = rows.subList(0, numRows);
    }
    String s = TableFormatter.format(schema(), rows, truncate);
    return more ? s + "only showing top " + numRows + " row" + (numRows == 1 ? "" : "s") + "\n" : s;
  }

  /** Prints the physical plan. */
  public void explain() {
    System.out.println(explainString(false));
  }

  /** Prints the analyzed, optimized and physical plans. */
  public void explain(boolean extended) {
    System.out.println(explainString(extended));
  }

  public String explainString(boolean extended) {
    if (isStreaming()) {
      StringBuilder sb = new StringBuilder();
      sb.append("== Analyzed Logical Plan ==\n").append(plan.treeString()).append('\n');
      sb.append("== Optimized Logical Plan ==\n").append(QueryExecution.optimize(plan, session.sluiceConf())
          .treeString());
      sb.append("\n(streaming: the physical plan is made per micro-batch; see StreamingQuery.explain())\n");
      return sb.toString();
    }
    return execution().explain(extended);
  }

  public void createOrReplaceTempView(String name) {
    session.catalog().registerView(name, plan);
  }

  public void createTempView(String name) {
    if (session.catalog().exists(name)) {
      throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, "createTempView",
          "a view named " + name + " already exists; use createOrReplaceTempView");
    }
    createOrReplaceTempView(name);
  }

  public DataStreamWriter writeStream() {
    if (!isStreaming()) {
      throw new AnalysisException(ErrorClass.BATCH_REQUIRED,
          "'writeStream' can be called only on a streaming DataFrame; use write() for a batch DataFrame");
    }
    return new DataStreamWriter(this);
  }

  public DataFrameWriter write() {
    if (isStreaming()) {
      throw new AnalysisException(ErrorClass.STREAM_REQUIRED,
          "'write' can not be called on a streaming DataFrame; use writeStream()");
    }
    return new DataFrameWriter(this);
  }

  @Override
  public String toString() {
    return "DataFrame[" + String.join(", ", Arrays.stream(schema().fields().toArray(new dev.sluice.types.StructField[0]))
        .map(f -> f.name() + ": " + f.dataType().simpleString()).toList()) + "]";
  }
}
