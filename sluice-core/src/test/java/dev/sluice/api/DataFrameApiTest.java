package dev.sluice.api;

import static dev.sluice.api.functions.array;
import static dev.sluice.api.functions.avg;
import static dev.sluice.api.functions.ceil;
import static dev.sluice.api.functions.coalesce;
import static dev.sluice.api.functions.col;
import static dev.sluice.api.functions.countDistinct;
import static dev.sluice.api.functions.current_timestamp;
import static dev.sluice.api.functions.date_trunc;
import static dev.sluice.api.functions.element_at;
import static dev.sluice.api.functions.first;
import static dev.sluice.api.functions.floor;
import static dev.sluice.api.functions.from_unixtime;
import static dev.sluice.api.functions.hour;
import static dev.sluice.api.functions.last;
import static dev.sluice.api.functions.length;
import static dev.sluice.api.functions.lit;
import static dev.sluice.api.functions.map;
import static dev.sluice.api.functions.min;
import static dev.sluice.api.functions.round;
import static dev.sluice.api.functions.struct;
import static dev.sluice.api.functions.substring;
import static dev.sluice.api.functions.sum;
import static dev.sluice.api.functions.timestamp_seconds;
import static dev.sluice.api.functions.to_date;
import static dev.sluice.api.functions.trim;
import static dev.sluice.api.functions.try_divide;
import static dev.sluice.api.functions.unix_timestamp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.ExecutionException;
import dev.sluice.types.DataTypes;
import dev.sluice.types.Row;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every DataFrame method and function the core issue lists, used the way a Spark user would. */
class DataFrameApiTest {
  static Session session;
  static DataFrame people;

  @BeforeAll
  static void setUp() {
    session = Session.builder().config("sluice.sql.shuffle.partitions", "2").config("my.custom.key", 42L)
        .create();
    people = session.createDataFrame(List.of(
        Row.of(1, " Ann ", "eng", 100),
        Row.of(2, "Bob", "eng", 50),
        Row.of(3, "Cid", "ops", null),
        Row.of(4, null, "ops", 70)), "id INT, name STRING, dept STRING, pay INT");
  }

  @AfterAll
  static void tearDown() {
    session.close();
  }

  private static String captureOut(Runnable r) {
    PrintStream old = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      r.run();
    } finally {
      System.setOut(old);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void builderConfigIsVisibleThroughConf() {
    assertThat(session.conf().get("sluice.sql.shuffle.partitions")).isEqualTo("2");
    assertThat(session.conf().get("my.custom.key")).isEqualTo("42");
    // The shuffle partition count is what aggregations exchange into.
    assertThat(people.groupBy("dept").count().explainString(false)).containsPattern("hashpartitioning\\(.*, 2\\)");
  }

  @Test
  void readerWithFormatOptionsSchemaAndLoad(@TempDir Path dir) {
    people.select("id", "dept").write().format("csv").option("header", true).save(dir.resolve("p").toString());
    DataFrame back = session.read().format("csv").options(Map.of("header", "true")).schema("id INT, dept STRING")
        .load(dir.resolve("p").toString());
    assertThat(back.schema().fieldNames()).containsExactly("id", "dept");
    assertThat(back.isStreaming()).isFalse();
    assertThat(back.orderBy("id").collectAsList()).containsExactly(Row.of(1, "eng"), Row.of(2, "eng"),
        Row.of(3, "ops"), Row.of(4, "ops"));
  }

  /** As Spark: a filter after a select may read a column the select dropped; the result keeps the select's columns. */
  @Test
  void aFilterAfterASelectReadsAColumnTheSelectDropped() {
    DataFrame names = people.select("name").where("pay > 60");
    assertThat(names.columns()).containsExactly("name");
    assertThat(names.orderBy("name").collectAsList()).isEqualTo(
        people.where("pay > 60").select("name").orderBy("name").collectAsList());
    assertThat(people.selectExpr("upper(name) AS n").where(col("id").lt(3).and(col("dept").equalTo("eng")))
        .collectAsList()).hasSize(2);
    assertThatThrownBy(() -> people.select("name").where("nope > 1")).isInstanceOf(AnalysisException.class)
        .hasMessageContaining("UNRESOLVED_COLUMN").hasMessageContaining("`nope`");

    MemoryStream devices = MemoryStream.create(session, "device STRING, signal INT");
    dev.sluice.api.streaming.StreamingQuery q = devices.toDF().select("device").where("signal > 10").writeStream()
        .format("memory").queryName("strong").start();
    devices.addData(Row.of("a", 5), Row.of("b", 20), Row.of("c", null));
    q.processAllAvailable();
    q.stop();
    assertThat(session.table("strong").collectAsList()).containsExactly(Row.of("b"));
  }

  @Test
  void projectionMethods() {
    assertThat(people.selectExpr("id * 2 AS twice", "upper(dept)").where(col("twice").gt(6)).collectAsList())
        .containsExactly(Row.of(8, "OPS"));
    assertThat(people.selectExpr("id * 2 AS twice", "upper(dept)").columns()).containsExactly("twice", "upper(dept)");
    DataFrame w = people.withColumn("bonus", col("pay").divide(10)).withColumn("pay", col("pay").plus(1))
        .withColumnRenamed("dept", "team").drop("name");
    assertThat(w.columns()).containsExactly("id", "team", "pay", "bonus");
    assertThat(w.where("id = 1").collectAsList()).containsExactly(Row.of(1, "eng", 101, 10.0));
    assertThat(people.drop(col("pay")).drop("no_such_column").columns()).containsExactly("id", "name", "dept");
    assertThat(people.withColumnRenamed("no_such_column", "x").columns()).containsExactly("id", "name", "dept", "pay");
  }

  @Test
  void groupedShortcutsAndGlobalAgg() {
    assertThat(people.groupBy("dept").count().orderBy("dept").collectAsList())
        .containsExactly(Row.of("eng", 2L), Row.of("ops", 2L));
    DataFrame s = people.groupBy("dept").sum("pay").orderBy("dept");
    assertThat(s.columns()).containsExactly("dept", "sum(pay)");
    assertThat(s.collectAsList()).containsExactly(Row.of("eng", 150L), Row.of("ops", 70L));
    assertThat(people.groupBy(col("dept")).avg("pay").orderBy("dept").collectAsList())
        .containsExactly(Row.of("eng", 75.0), Row.of("ops", 70.0));
    assertThat(people.groupBy("dept").min("pay").orderBy("dept").collectAsList())
        .containsExactly(Row.of("eng", 50), Row.of("ops", 70));
    assertThat(people.groupBy("dept").max("pay", "id").orderBy("dept").collectAsList())
        .containsExactly(Row.of("eng", 100, 2), Row.of("ops", 70, 4));
    // No names: every numeric column, grouping columns included (as Spark); named columns must be numeric.
    assertThat(people.groupBy("dept").sum().orderBy("dept").columns()).containsExactly("dept", "sum(id)", "sum(pay)");
    assertThat(people.groupBy("dept").sum().orderBy("dept").first()).isEqualTo(Row.of("eng", 3L, 150L));
    assertThatThrownBy(() -> people.groupBy("dept").max("name")).isInstanceOf(AnalysisException.class)
        .hasMessageContaining("\"name\" is not a numeric column");
    assertThat(people.agg(min("pay"), avg("pay"), sum("pay")).collectAsList())
        .containsExactly(Row.of(50, 220.0 / 3, 220L));
  }

  @Test
  void orderLimitUnionDistinct() {
    assertThat(people.orderBy(col("pay").desc_nulls_last()).limit(2).select("id").collectAsList())
        .containsExactly(Row.of(1), Row.of(4));
    assertThat(people.orderBy(col("pay").asc()).select("id").first()).isEqualTo(Row.of(3)); // nulls first
    DataFrame a = people.select("dept", "id");
    DataFrame b = people.select("id", "dept");
    // union is by position (Spark's rule): the columns keep a's names whatever b calls them.
    assertThat(a.union(people.select(col("dept"), col("id").plus(10))).count()).isEqualTo(8);
    assertThat(a.unionByName(b).filter(col("id").equalTo(1)).collectAsList())
        .containsExactly(Row.of("eng", 1), Row.of("eng", 1));
    assertThat(a.unionByName(people.select("id"), true).filter(col("dept").isNull()).count()).isEqualTo(4);
    assertThat(people.select("dept").union(people.select("dept")).distinct().orderBy("dept").collectAsList())
        .containsExactly(Row.of("eng"), Row.of("ops"));
    // Positional union widens each column to the wider type (INT and BIGINT give BIGINT).
    DataFrame widened = people.select("id").union(session.range(5, 6));
    assertThat(widened.schema().fields().get(0).dataType().simpleString()).isEqualTo("bigint");
    assertThat(widened.filter(col("id").gt(3)).orderBy("id").collectAsList()).containsExactly(Row.of(4L), Row.of(5L));
    // Element nullability differences are aligned too (array(1) vs array(NULL), a struct with a NULL field).
    assertThat(session.sql("SELECT array(1) AS a, named_struct('x', 1) AS s UNION ALL "
        + "SELECT array(CAST(NULL AS INT)), named_struct('x', CAST(NULL AS INT))").count()).isEqualTo(2);
    assertThatThrownBy(() -> a.union(people.select("id"))).isInstanceOf(AnalysisException.class)
        .hasMessageContaining("number of columns");
  }

  @Test
  void innerAndRightJoins() {
    DataFrame depts = session.createDataFrame(List.of(Row.of("eng", "Berlin"), Row.of("hr", "Paris")),
        "dname STRING, city STRING");
    assertThat(people.join(depts, col("dept").equalTo(col("dname")), "inner").select("id", "city").orderBy("id")
        .collectAsList()).containsExactly(Row.of(1, "Berlin"), Row.of(2, "Berlin"));
    assertThat(people.join(depts, col("dept").equalTo(col("dname")), "right").select("id", "dname")
        .orderBy(col("id").asc_nulls_first()).collectAsList())
        .containsExactly(Row.of(null, "hr"), Row.of(1, "eng"), Row.of(2, "eng"));
    DataFrame d2 = depts.withColumnRenamed("dname", "dept");
    assertThat(people.join(d2, "dept").columns()).containsExactly("dept", "id", "name", "pay", "city");
    // The Spark idiom for a join on same-named columns: drop the other side's column by reference.
    DataFrame joined = people.join(d2, people.col("dept").equalTo(d2.col("dept"))).drop(d2.col("dept"));
    assertThat(joined.columns()).containsExactly("id", "name", "dept", "pay", "city");
    assertThat(joined.select("id", "dept").orderBy("id").collectAsList())
        .containsExactly(Row.of(1, "eng"), Row.of(2, "eng"));
    assertThat(people.join(d2, people.col("dept").equalTo(d2.col("dept")), "left").drop(d2.col("dept")).columns())
        .containsExactly("id", "name", "dept", "pay", "city");
  }

  @Test
  void schemaPrintSchemaShowAndExplain() {
    assertThat(people.schema().simpleString()).isEqualTo("struct<id:int,name:string,dept:string,pay:int>");
    assertThat(captureOut(people::printSchema)).isEqualTo("""
        root
         |-- id: integer (nullable = true)
         |-- name: string (nullable = true)
         |-- dept: string (nullable = true)
         |-- pay: integer (nullable = true)
        """);
    assertThat(captureOut(() -> people.orderBy("id").show(2))).isEqualTo("""
        +---+-----+----+---+
        | id| name|dept|pay|
        +---+-----+----+---+
        |  1| Ann | eng|100|
        |  2|  Bob| eng| 50|
        +---+-----+----+---+
        only showing top 2 rows
        """);
    DataFrame q = people.filter(col("pay").gt(lit(10).plus(lit(10)))).select("id");
    String extended = captureOut(() -> q.explain(true));
    assertThat(extended).contains("== Analyzed Logical Plan ==", "== Optimized Logical Plan ==", "== Physical Plan ==");
    // The optimizer folded the constant; the analyzed plan still has it.
    assertThat(extended.substring(extended.indexOf("== Optimized"))).contains("20").doesNotContain("(10 + 10)");
    String physical = captureOut(q::explain);
    assertThat(physical).contains("== Physical Plan ==").doesNotContain("== Analyzed Logical Plan ==");
  }

  @Test
  void tempViewsAreQueryableBySql() {
    people.createOrReplaceTempView("staff");
    assertThat(session.sql("SELECT count(*) FROM staff WHERE dept = 'ops'").first()).isEqualTo(Row.of(2L));
    people.filter(col("id").lt(2)).createOrReplaceTempView("staff");
    assertThat(session.table("staff").count()).isEqualTo(1);
  }

  @Test
  void columnOperators() {
    List<Row> rows = people.select(col("id"), col("name").like("B%"), col("id").isin(1, 3), coalesce(col("pay"),
        lit(0)), col("name").isNull(), col("pay").cast("string"), col("id").between(2, 3), col("id").mod(2),
        col("pay").notEqual(50)).orderBy("id").collectAsList();
    assertThat(rows).containsExactly(
        Row.of(1, false, true, 100, false, "100", false, 1, true),
        Row.of(2, true, false, 50, false, "50", true, 0, false),
        Row.of(3, false, true, 0, false, null, true, 1, null),
        Row.of(4, null, false, 70, true, "70", false, 0, true));
    assertThat(people.filter(col("dept").isin("ops").and(col("pay").isNotNull())).select("id").collectAsList())
        .containsExactly(Row.of(4));
    // Spark's names: a cast column keeps its name (so it can be referred to afterwards), LIKE is infix.
    DataFrame cast = people.select(col("pay").cast("string"), col("name").like("B%"), col("id").isin(1, 3));
    assertThat(cast.columns()).containsExactly("pay", "name LIKE B%", "(id IN (1, 3))");
    assertThat(cast.filter(col("pay").equalTo("50")).count()).isEqualTo(1);
    assertThat(people.selectExpr("CAST(id AS STRING)", "try_cast(name AS INT)").columns()).containsExactly("id", "name");
  }

  @Test
  void aggregateFunctions() {
    DataFrame df = session.createDataFrame(List.of(Row.of("a", null, 1), Row.of("a", 5, 1), Row.of("a", null, 2),
        Row.of("b", 7, 3), Row.of("b", 7, null)), "k STRING, v INT, w INT");
    assertThat(df.groupBy("k").agg(first(col("v"), true), last(col("v"), true), countDistinct(col("w")),
        functions.count(col("v")), functions.count("*")).orderBy("k").collectAsList())
        .containsExactly(Row.of("a", 5, 5, 2L, 1L, 3L), Row.of("b", 7, 7, 1L, 2L, 2L));
    assertThat(df.agg(countDistinct(col("k"), col("w"))).first()).isEqualTo(Row.of(3L));
    assertThat(df.agg(countDistinct("v")).columns()).containsExactly("count(DISTINCT v)");
  }

  @Test
  void stringAndMathFunctions() {
    Row r = session.createDataFrame(List.of(Row.of("  Hello ", 2.5, -7.45)), "s STRING, x DOUBLE, y DOUBLE")
        .select(trim(col("s")), substring(trim(col("s")), 2, 3), length(col("s")), round(col("x")),
            round(col("y"), 1), floor(col("x")), ceil(col("x")), floor(col("y")), functions.abs(col("y")))
        .first();
    assertThat(r).isEqualTo(Row.of("Hello", "ell", 8, 3.0, -7.5, 2L, 3L, -8L, 7.45));
    assertThat(people.select(functions.lower(col("dept")), functions.concat(col("dept"), lit("-"), col("id")))
        .orderBy(col("id")).collectAsList()).startsWith(Row.of("eng", "eng-1"));
    // concat is NULL when any input is NULL, as in Spark.
    assertThat(people.filter(col("id").equalTo(4)).select(functions.concat(col("name"), col("dept"))).first())
        .isEqualTo(Row.of((Object) null));
  }

  @Test
  void timeFunctions() {
    Instant ts = Instant.parse("2024-03-05T13:45:30.123456Z");
    DataFrame df = session.createDataFrame(List.of(Row.of(ts, "2024-03-05", 1700000000L)),
        "ts TIMESTAMP, d STRING, secs LONG");
    Row r = df.select(to_date(col("d")), date_trunc("hour", col("ts")), hour(col("ts")), unix_timestamp(col("ts")),
        from_unixtime(col("secs")), timestamp_seconds(col("secs")), to_date(col("ts")), col("ts"),
        col("ts").cast("string")).first();
    assertThat(r).isEqualTo(Row.of(LocalDate.of(2024, 3, 5), Instant.parse("2024-03-05T13:00:00Z"), 13,
        1709646330L, "2023-11-14 22:13:20", Instant.parse("2023-11-14T22:13:20Z"), LocalDate.of(2024, 3, 5), ts,
        "2024-03-05 13:45:30.123456"));
    Instant before = Instant.now().minusSeconds(1);
    Row now = df.select(current_timestamp(), current_timestamp()).first();
    assertThat(now.getTimestamp(0)).isAfter(before).isBeforeOrEqualTo(Instant.now());
    assertThat(now.getTimestamp(1)).isEqualTo(now.getTimestamp(0)); // one value per query, as in Spark
  }

  @Test
  void decimalBinaryAndNestedTypes() {
    DataFrame df = session.createDataFrame(List.of(
        Row.of(new BigDecimal("10.25"), new byte[] {1, 2, 3}),
        Row.of(new BigDecimal("0.75"), new byte[0])), "price DECIMAL(10,2), raw BINARY");
    Row agg = df.agg(sum("price"), avg(col("price"))).first();
    assertThat(agg.getDecimal(0)).isEqualTo(new BigDecimal("11.00"));
    assertThat(df.agg(sum("price")).schema().fields().get(0).dataType().simpleString()).isEqualTo("decimal(20,2)");
    assertThat(agg.getDecimal(1)).isEqualByComparingTo("5.5");
    // Spark's result types: avg widens by 4 digits of scale, a product adds the precisions.
    assertThat(df.agg(avg(col("price"))).schema().fields().get(0).dataType().simpleString())
        .isEqualTo("decimal(14,6)");
    assertThat(df.select(col("price").multiply(2)).schema().fields().get(0).dataType().simpleString())
        .isEqualTo("decimal(21,2)");
    assertThat(df.select(col("price").multiply(2)).orderBy(col("raw")).collectAsList())
        .containsExactly(Row.of(new BigDecimal("1.50")), Row.of(new BigDecimal("20.50")));
    assertThat(df.select(length(col("raw"))).orderBy(col("raw")).collectAsList()).containsExactly(Row.of(0), Row.of(3));
    assertThat(df.select(col("raw")).orderBy(length(col("raw")).desc()).first().<byte[]>getAs(0))
        .containsExactly(1, 2, 3);

    Row nested = people.filter(col("id").equalTo(2)).select(
        struct(col("id"), col("dept").alias("d")).alias("s"),
        array(col("id"), col("pay")).alias("a"),
        map(col("dept"), col("pay")).alias("m")).select(col("s"), col("s").getField("d"), col("a"),
        col("a").getItem(1), element_at(col("a"), 1), col("m"), col("m").getItem("eng")).first();
    assertThat(nested.getStruct(0)).isEqualTo(Row.of(2, "eng"));
    assertThat(nested.getString(1)).isEqualTo("eng");
    assertThat(nested.<Integer>getList(2)).containsExactly(2, 50);
    assertThat(nested.getInt(3)).isEqualTo(50);
    assertThat(nested.getInt(4)).isEqualTo(2);
    assertThat(nested.<String, Integer>getMap(5)).containsExactly(Map.entry("eng", 50));
    assertThat(nested.getInt(6)).isEqualTo(50);
  }

  @Test
  void threeValuedLogic() {
    DataFrame df = session.createDataFrame(List.of(Row.of(null, true), Row.of(null, false), Row.of(null, null)),
        "a BOOLEAN, b BOOLEAN");
    List<Row> rows = df.select(col("b"), col("a").and(col("b")), col("a").or(col("b")), col("a").not(),
        col("a").equalTo(col("b")), col("a").eqNullSafe(col("b"))).orderBy(col("b").asc_nulls_first()).collectAsList();
    assertThat(rows).containsExactly(
        Row.of(null, null, null, null, null, true),
        Row.of(false, false, null, null, null, false),
        Row.of(true, null, true, null, null, false));
    // A filter keeps only rows whose condition is true, never unknown.
    assertThat(people.filter(col("pay").gt(60)).count()).isEqualTo(2);
    assertThat(people.filter(col("pay").gt(60).not()).count()).isEqualTo(1);
    assertThat(people.filter(functions.not(col("name").equalTo("Bob"))).count()).isEqualTo(2);
  }

  @Test
  void ansiErrorsNameTheExpressionAndTryFunctionsReturnNull() {
    DataFrame df = session.createDataFrame(List.of(Row.of(1, 0, "12x", Long.MAX_VALUE)),
        "a INT, b INT, s STRING, big LONG");
    assertThatThrownBy(() -> df.select(col("a").divide(col("b"))).collectAsList())
        .isInstanceOf(ExecutionException.class).hasMessageContaining("DIVIDE_BY_ZERO")
        .hasMessageContaining("(a / b)")
        .satisfies(e -> assertThat(((ExecutionException) e).errorClass()).isEqualTo(ErrorClass.DIVIDE_BY_ZERO));
    assertThatThrownBy(() -> df.select(col("a").mod(col("b"))).collectAsList())
        .isInstanceOf(ExecutionException.class).hasMessageContaining("DIVIDE_BY_ZERO");
    assertThatThrownBy(() -> df.select(col("s").cast("int")).collectAsList())
        .isInstanceOf(ExecutionException.class).hasMessageContaining("CAST_INVALID_INPUT")
        .hasMessageContaining("'12x'").hasMessageContaining("\"INT\"").hasMessageContaining("CAST(s AS INT)");
    assertThatThrownBy(() -> df.select(col("big").cast("int")).collectAsList())
        .isInstanceOf(ExecutionException.class).hasMessageContaining("CAST_OVERFLOW")
        .hasMessageContaining("CAST(big AS INT)");
    assertThatThrownBy(() -> df.select(col("big").multiply(2)).collectAsList())
        .isInstanceOf(ExecutionException.class).hasMessageContaining("ARITHMETIC_OVERFLOW")
        .hasMessageContaining("(big * 2L)");
    assertThat(df.select(try_divide(col("a"), col("b")), col("s").tryCast(DataTypes.IntegerType),
        functions.expr("try_cast(s AS INT)"), try_divide(col("a"), lit(2))).first())
        .isEqualTo(Row.of(null, null, null, 0.5));
  }

  @Test
  void withAnsiOffTheSameErrorsReturnNull() {
    try (Session legacy = Session.builder().config("sluice.sql.ansi.enabled", false).create()) {
      DataFrame df = legacy.createDataFrame(List.of(Row.of(1, 0, "12x", Integer.MAX_VALUE)),
          "a INT, b INT, s STRING, m INT");
      // As in Spark with ANSI off: division by zero and a malformed cast give NULL, integer overflow wraps.
      assertThat(df.select(col("a").divide(col("b")), col("a").mod(col("b")), col("s").cast("int"),
          col("m").plus(1)).first()).isEqualTo(Row.of(null, null, null, Integer.MIN_VALUE));
    }
  }

  @Test
  void analyzerErrorsNameColumnsAndTypes() {
    assertThatThrownBy(() -> people.filter(col("deptt").equalTo("x")))
        .isInstanceOf(AnalysisException.class).hasMessageContaining("`deptt`").hasMessageContaining("`dept`")
        .hasMessageContaining("`name`");
    assertThatThrownBy(() -> people.groupBy("nope").count()).isInstanceOf(AnalysisException.class)
        .hasMessageContaining("`nope`").hasMessageContaining("`id`");
    assertThatThrownBy(() -> people.select(col("dept").and(col("id"))))
        .isInstanceOf(AnalysisException.class)
        .satisfies(e -> assertThat(((AnalysisException) e).errorClass()).isEqualTo(ErrorClass.DATATYPE_MISMATCH))
        .hasMessageContaining("\"(dept AND id)\"").hasMessageContaining("BOOLEAN").hasMessageContaining("STRING");
    assertThatThrownBy(() -> people.select(functions.when(col("id"), 1).otherwise(0)))
        .isInstanceOf(AnalysisException.class).hasMessageContaining("\"CASE WHEN id THEN 1 ELSE 0 END\"")
        .hasMessageContaining("BOOLEAN").hasMessageContaining("INT");
    assertThatThrownBy(() -> people.select(functions.date_add(col("id").cast("boolean"), 1)))
        .isInstanceOf(AnalysisException.class).hasMessageContaining("date_add(").hasMessageContaining("BOOLEAN")
        .hasMessageContaining("DATE");
    assertThatThrownBy(() -> people.select(col("id").plus(lit(true))))
        .isInstanceOf(AnalysisException.class).hasMessageContaining("INT").hasMessageContaining("BOOLEAN")
        .hasMessageContaining("id + true");
  }
}
