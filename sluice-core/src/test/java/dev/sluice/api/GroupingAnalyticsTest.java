package dev.sluice.api;

import static dev.sluice.api.functions.col;
import static dev.sluice.api.functions.count;
import static dev.sluice.api.functions.grouping;
import static dev.sluice.api.functions.grouping_id;
import static dev.sluice.api.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.ParseException;
import dev.sluice.errors.SluiceException;
import dev.sluice.api.streaming.StreamingQuery;
import dev.sluice.types.Row;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CUBE, ROLLUP, GROUPING SETS, grouping() / grouping_id() / grouping__id, GROUP BY ALL and ORDER BY
 * ALL, in SQL and the DataFrame API, on batches and streams. Expected rows follow Spark's documented
 * semantics: a grouping set's left-out columns are NULL (a NULL that grouping() tells from a NULL
 * value), aggregates read the original values, and the grouping id has one bit per grouping column,
 * the first column highest.
 */
class GroupingAnalyticsTest {
  static Session session;

  @BeforeAll
  static void setUp() {
    session = Session.builder().config("sluice.sql.shuffle.partitions", "2").getOrCreate();
    // NULLs in both grouping columns and in the measure, so a grouped NULL and a set's NULL both occur.
    session.createDataFrame(List.of(Row.of("a", "x", 1), Row.of("a", "y", 2), Row.of("a", null, 3),
        Row.of("b", "x", 4), Row.of(null, "x", 5), Row.of("b", "y", null)), "k STRING, g STRING, v INT")
        .createOrReplaceTempView("t");
  }

  @AfterAll
  static void tearDown() {
    session.close();
  }

  private static List<Row> rows(String sql) {
    return session.sql(sql).collectAsList();
  }

  private static AnalysisException analysisError(String sql) {
    Throwable[] thrown = {null};
    assertThatThrownBy(() -> session.sql(sql).collectAsList()).isInstanceOf(AnalysisException.class)
        .satisfies(e -> thrown[0] = e);
    return (AnalysisException) thrown[0];
  }

  @Test
  void rollupComputesSubtotalsAndATotalWithGroupingBits() {
    List<Row> r = rows("SELECT k, g, sum(v), grouping(k), grouping(g), grouping_id(k, g), count(*) FROM t "
        + "GROUP BY ROLLUP(k, g) ORDER BY grouping_id(k, g), k, g");
    assertThat(r).containsExactly(
        Row.of(null, "x", 5L, 0, 0, 0L, 1L),
        Row.of("a", null, 3L, 0, 0, 0L, 1L),
        Row.of("a", "x", 1L, 0, 0, 0L, 1L),
        Row.of("a", "y", 2L, 0, 0, 0L, 1L),
        Row.of("b", "x", 4L, 0, 0, 0L, 1L),
        Row.of("b", "y", null, 0, 0, 0L, 1L),
        Row.of(null, null, 5L, 0, 1, 1L, 1L),
        Row.of("a", null, 6L, 0, 1, 1L, 3L),
        Row.of("b", null, 4L, 0, 1, 1L, 2L),
        Row.of(null, null, 15L, 1, 1, 3L, 6L));
    assertThat(session.sql("SELECT k, grouping(k), grouping_id(k, g), grouping__id FROM t GROUP BY CUBE(k, g)")
        .schema().toDDL()).isEqualTo("k STRING, `grouping(k)` INT NOT NULL, `grouping_id(k, g)` BIGINT NOT NULL, "
        + "grouping__id BIGINT NOT NULL");
  }

  @Test
  void cubeGroupsByEverySubset() {
    List<Row> r = rows("SELECT g, count(*), sum(v) FROM t GROUP BY CUBE(k, g) HAVING grouping(k) = 1 ORDER BY g");
    // The (g) set and the total: x 3 rows (1 + 4 + 5), y 2 rows (2 + NULL), NULL 1 row (3).
    assertThat(r).containsExactly(Row.of(null, 1L, 3L), Row.of(null, 6L, 15L), Row.of("x", 3L, 10L),
        Row.of("y", 2L, 2L));
    assertThat(rows("SELECT count(*) FROM (SELECT k, g FROM t GROUP BY CUBE(k, g))")).containsExactly(Row.of(13L));
  }

  @Test
  void suffixFormsAreTheSameAsTheFunctionForms() {
    String order = " ORDER BY grouping__id, k, g";
    assertThat(rows("SELECT k, g, sum(v), grouping__id FROM t GROUP BY k, g WITH ROLLUP" + order))
        .isEqualTo(rows("SELECT k, g, sum(v), grouping__id FROM t GROUP BY ROLLUP(k, g)" + order));
    assertThat(rows("SELECT k, g, sum(v), grouping__id FROM t GROUP BY k, g WITH CUBE" + order))
        .isEqualTo(rows("SELECT k, g, sum(v), grouping__id FROM t GROUP BY CUBE(k, g)" + order))
        .isEqualTo(rows("SELECT k, g, sum(v), grouping__id FROM t GROUP BY GROUPING SETS ((k, g), (k), (g), ())"
            + order))
        .hasSize(13);
  }

  @Test
  void mixedItemsMultiplyTheirSets() {
    // k in every set: (k, g) and (k).
    assertThat(rows("SELECT k, g, count(*), grouping__id FROM t GROUP BY k, ROLLUP(g) ORDER BY grouping__id, k, g"))
        .isEqualTo(rows("SELECT k, g, count(*), grouping__id FROM t GROUP BY GROUPING SETS ((k, g), (k)) "
            + "ORDER BY grouping__id, k, g"));
    assertThat(rows("SELECT k, count(*) FROM t GROUP BY k, GROUPING SETS ((g), ()) HAVING grouping(g) = 1 ORDER BY k"))
        .containsExactly(Row.of(null, 1L), Row.of("a", 3L), Row.of("b", 2L));
    // Nested analytics inside GROUPING SETS are flattened: ROLLUP(k) is (k), ().
    assertThat(rows("SELECT k, count(*) FROM t GROUP BY GROUPING SETS (ROLLUP(k)) ORDER BY grouping(k), k"))
        .containsExactly(Row.of(null, 1L), Row.of("a", 3L), Row.of("b", 2L), Row.of(null, 6L));
  }

  @Test
  void hiveGroupingSetsKeepEveryListedColumn() {
    // g is a grouping column in no set: always NULL, and grouping(g) is always 1.
    assertThat(rows("SELECT k, g, grouping(g), count(*) FROM t GROUP BY k, g GROUPING SETS ((k)) ORDER BY k"))
        .containsExactly(Row.of(null, null, 1, 1L), Row.of("a", null, 1, 3L), Row.of("b", null, 1, 2L));
    AnalysisException e = analysisError("SELECT k, count(*) FROM t GROUP BY k GROUPING SETS ((g))");
    assertThat(e.errorClass()).isEqualTo(ErrorClass.INVALID_ARGUMENT);
    assertThat(e).hasMessageContaining("not in the GROUP BY list");
  }

  @Test
  void aggregatesReadTheOriginalValuesOfGroupedColumns() {
    // The total row has g NULL, but count(g) and max(g) still see the five non-NULL values.
    assertThat(rows("SELECT g, count(g), max(g) FROM t GROUP BY ROLLUP(g) ORDER BY grouping(g), g"))
        .containsExactly(Row.of(null, 0L, null), Row.of("x", 3L, "x"), Row.of("y", 2L, "y"), Row.of(null, 5L, "y"));
  }

  @Test
  void expressionsAndAliasesAsGroupingColumns() {
    // a + b and b + a are one grouping expression, as in Spark.
    assertThat(rows("SELECT v % 2, count(*) FROM t GROUP BY GROUPING SETS ((v % 2), ()) ORDER BY grouping__id, 1"))
        .containsExactly(Row.of(null, 1L), Row.of(0, 2L), Row.of(1, 3L), Row.of(null, 6L));
    assertThat(rows("SELECT upper(k) AS uk, count(*) FROM t GROUP BY CUBE(uk) ORDER BY grouping(uk), uk"))
        .containsExactly(Row.of(null, 1L), Row.of("A", 3L), Row.of("B", 2L), Row.of(null, 6L));
    assertThat(rows("SELECT k, count(*) FROM t GROUP BY ROLLUP(1) ORDER BY grouping(k), k"))
        .containsExactly(Row.of(null, 1L), Row.of("a", 3L), Row.of("b", 2L), Row.of(null, 6L));
    assertThat(rows("SELECT v + 1 AS w, count(*) FROM t WHERE v IS NOT NULL "
        + "GROUP BY GROUPING SETS ((v + 1), (1 + v)) ORDER BY w")).hasSize(10);
  }

  @Test
  void repeatedSetsGiveRepeatedRows() {
    assertThat(rows("SELECT k, count(*), grouping__id FROM t GROUP BY GROUPING SETS ((k), (k)) ORDER BY k"))
        .containsExactly(Row.of(null, 1L, 0L), Row.of(null, 1L, 0L), Row.of("a", 3L, 0L), Row.of("a", 3L, 0L),
            Row.of("b", 2L, 0L), Row.of("b", 2L, 0L));
  }

  @Test
  void emptyGroupingSetIsNotAGlobalAggregate() {
    assertThat(rows("SELECT count(*) FROM t GROUP BY GROUPING SETS (())")).containsExactly(Row.of(6L));
    // On an empty input there is no group to report (unlike SELECT count(*) without GROUP BY).
    assertThat(rows("SELECT count(*) FROM t WHERE v > 100 GROUP BY GROUPING SETS (())")).isEmpty();
    assertThat(rows("SELECT count(*) FROM t WHERE v > 100 GROUP BY ROLLUP(k)")).isEmpty();
  }

  @Test
  void havingAndOrderByReadGroupedColumnsAndAggregatesNotInTheSelectList() {
    assertThat(rows("SELECT count(*) FROM t GROUP BY ROLLUP(k) HAVING k IS NULL AND grouping(k) = 0"))
        .containsExactly(Row.of(1L));
    assertThat(rows("SELECT count(*) AS n FROM t GROUP BY CUBE(k) ORDER BY grouping(k) DESC, k DESC"))
        .containsExactly(Row.of(6L), Row.of(2L), Row.of(3L), Row.of(1L));
    assertThat(rows("SELECT k FROM t GROUP BY ROLLUP(k) HAVING sum(v) > 5 ORDER BY sum(v)"))
        .containsExactly(Row.of("a"), Row.of((Object) null));
    assertThat(rows("SELECT k, g FROM t GROUP BY CUBE(k, g) HAVING grouping__id = 2 ORDER BY g"))
        .containsExactly(Row.of(null, null), Row.of(null, "x"), Row.of(null, "y"));
  }

  @Test
  void theNullsOfAGroupingSetAreVisibleToOuterQueries() {
    // The grouping column is nullable above the aggregation even though k IS NULL would otherwise
    // match only the NULL key: the optimizer must not treat the expanded column as non-NULL.
    session.createDataFrame(List.of(Row.of("a", 1), Row.of("b", 2)), "nk STRING NOT NULL, nv INT NOT NULL")
        .createOrReplaceTempView("nn");
    assertThat(rows("SELECT * FROM (SELECT nk, sum(nv) AS s FROM nn GROUP BY ROLLUP(nk)) WHERE nk IS NULL"))
        .containsExactly(Row.of(null, 3L));
    assertThat(session.sql("SELECT nk, grouping(nk) FROM nn GROUP BY CUBE(nk)").schema().toDDL())
        .isEqualTo("nk STRING, `grouping(nk)` INT NOT NULL");
  }

  @Test
  void aViewOfARollupJoinsItself() {
    session.sql("CREATE OR REPLACE TEMP VIEW rolled AS SELECT k, count(*) AS n FROM t GROUP BY ROLLUP(k)");
    // The right side's expanded columns get their own ids: (a, 3), (b, 2), and the two NULL keys (the
    // NULL k group and the total) pairing up four ways under <=>.
    assertThat(rows("SELECT x.k, x.n, y.n FROM rolled x JOIN rolled y ON x.k <=> y.k ORDER BY x.k, x.n, y.n"))
        .containsExactly(Row.of(null, 1L, 1L), Row.of(null, 1L, 6L), Row.of(null, 6L, 1L), Row.of(null, 6L, 6L),
            Row.of("a", 3L, 3L), Row.of("b", 2L, 2L));
  }

  @Test
  void groupingFunctionsOutsideGroupingSetsAreRefused() {
    for (String sql : List.of(
        "SELECT k, grouping(k) FROM t GROUP BY k",
        "SELECT k, grouping_id(k) FROM t GROUP BY k",
        "SELECT k FROM t GROUP BY k HAVING grouping(k) = 0",
        "SELECT k FROM t GROUP BY k ORDER BY grouping_id(k)",
        "SELECT k, grouping__id FROM t GROUP BY k",
        "SELECT grouping(k) FROM t",
        "SELECT k FROM t WHERE grouping(k) = 0")) {
      assertThat(analysisError(sql).errorClass()).as(sql).isEqualTo(ErrorClass.UNSUPPORTED_GROUPING_EXPRESSION);
    }
  }

  @Test
  void groupingFunctionsMustNameTheGroupingColumns() {
    AnalysisException e = analysisError("SELECT k, grouping(v) FROM t GROUP BY CUBE(k)");
    assertThat(e.errorClass()).isEqualTo(ErrorClass.GROUPING_COLUMN_MISMATCH);
    assertThat(e).hasMessageContaining("grouping (v)").hasMessageContaining("[k]");
    e = analysisError("SELECT grouping_id(g, k) FROM t GROUP BY CUBE(k, g)");
    assertThat(e.errorClass()).isEqualTo(ErrorClass.GROUPING_ID_COLUMN_MISMATCH);
    assertThat(e).hasMessageContaining("(g, k)").hasMessageContaining("(k, g)");
    assertThat(analysisError("SELECT grouping_id(k) FROM t GROUP BY CUBE(k, g)").errorClass())
        .isEqualTo(ErrorClass.GROUPING_ID_COLUMN_MISMATCH);
    // A column that is not grouped still needs an aggregate.
    assertThat(analysisError("SELECT k, v FROM t GROUP BY ROLLUP(k)").errorClass())
        .isEqualTo(ErrorClass.MISSING_AGGREGATION);
    assertThat(analysisError("SELECT k FROM t GROUP BY GROUPING SETS (())").errorClass())
        .isEqualTo(ErrorClass.MISSING_AGGREGATION);
  }

  @Test
  void parserRefusals() {
    assertThatThrownBy(() -> session.sql("SELECT k, count(*) FROM t GROUP BY ROLLUP(k, ())"))
        .isInstanceOf(ParseException.class).hasMessageContaining("Empty set in ROLLUP grouping sets");
    assertThatThrownBy(() -> session.sql("SELECT k, count(*) FROM t GROUP BY CUBE(k, (k, g), ())"))
        .isInstanceOf(ParseException.class).hasMessageContaining("Empty set in CUBE grouping sets");
    assertThatThrownBy(() -> session.sql("SELECT count(*) FROM t GROUP BY WITH ROLLUP"))
        .isInstanceOf(ParseException.class);
    List<String> cols = new ArrayList<>();
    for (int i = 0; i < 13; i++) {
      cols.add("v + " + i);
    }
    assertThatThrownBy(() -> session.sql("SELECT count(*) FROM t GROUP BY CUBE(" + String.join(", ", cols) + ")"))
        .isInstanceOf(ParseException.class).hasMessageContaining("more than 4096 grouping sets");
  }

  @Test
  void atMost64GroupingColumns() {
    List<String> cols = new ArrayList<>();
    for (int i = 0; i < 65; i++) {
      cols.add("v + " + i);
    }
    AnalysisException e = analysisError("SELECT count(*) FROM t GROUP BY GROUPING SETS ((" + String.join(", ", cols)
        + "))");
    assertThat(e.errorClass()).isEqualTo(ErrorClass.GROUPING_SIZE_LIMIT_EXCEEDED);
    assertThat(e).hasMessageContaining("64");
  }

  @Test
  void cubeRollupAndGroupingAreStillNames() {
    session.createDataFrame(List.of(Row.of(1, 2, 3), Row.of(1, 5, 6)), "cube INT, rollup INT, grouping INT")
        .createOrReplaceTempView("grouping");
    assertThat(rows("SELECT cube, sum(rollup) AS sets FROM grouping GROUP BY cube")).containsExactly(Row.of(1, 7L));
    assertThat(rows("SELECT grouping, grouping(cube) FROM grouping GROUP BY grouping, ROLLUP(cube) "
        + "ORDER BY grouping, 2")).containsExactly(Row.of(3, 0), Row.of(3, 1), Row.of(6, 0), Row.of(6, 1));
  }

  // ------------------------------------------------------------------ GROUP BY ALL / ORDER BY ALL

  @Test
  void groupByAllGroupsByTheItemsWithoutAggregates() {
    assertThat(rows("SELECT k, upper(g) AS ug, sum(v) + 1 AS s, count(*) FROM t GROUP BY ALL ORDER BY k, ug"))
        .isEqualTo(rows("SELECT k, upper(g) AS ug, sum(v) + 1 AS s, count(*) FROM t GROUP BY k, upper(g) "
            + "ORDER BY k, ug"));
    assertThat(rows("SELECT k FROM t GROUP BY aLl ORDER BY k")).containsExactly(Row.of((Object) null), Row.of("a"),
        Row.of("b"));
    assertThat(rows("SELECT k, count(*) AS n FROM t GROUP BY ALL HAVING n > 1 ORDER BY ALL"))
        .containsExactly(Row.of("a", 3L), Row.of("b", 2L));
    // No grouping item: a global aggregation, one row even for no input.
    assertThat(rows("SELECT count(*) * 2 FROM t WHERE v > 100 GROUP BY ALL")).containsExactly(Row.of(0L));
  }

  @Test
  void groupByAllRefusesToGuessAndYieldsToAColumnNamedAll() {
    AnalysisException e = analysisError("SELECT v + count(*) FROM t GROUP BY ALL");
    assertThat(e.errorClass()).isEqualTo(ErrorClass.UNRESOLVED_ALL_IN_GROUP_BY);
    assertThat(analysisError("SELECT nope, count(*) FROM t GROUP BY ALL").errorClass())
        .isEqualTo(ErrorClass.UNRESOLVED_COLUMN);
    // `all` is a column here: three groups, not one global aggregate.
    assertThat(rows("SELECT count(*) FROM VALUES (1), (2), (2), (NULL) AS x(all) GROUP BY all")).hasSize(3);
    assertThat(rows("SELECT all, count(*) FROM (SELECT k AS all FROM t) GROUP BY all, all ORDER BY all"))
        .containsExactly(Row.of(null, 1L), Row.of("a", 3L), Row.of("b", 2L));
  }

  @Test
  void orderByAllSortsByEverySelectItem() {
    assertThat(rows("SELECT k, v FROM t ORDER BY ALL")).containsExactly(Row.of(null, 5), Row.of("a", 1),
        Row.of("a", 2), Row.of("a", 3), Row.of("b", null), Row.of("b", 4));
    assertThat(rows("SELECT k, v FROM t ORDER BY all DESC")).containsExactly(Row.of("b", 4), Row.of("b", null),
        Row.of("a", 3), Row.of("a", 2), Row.of("a", 1), Row.of(null, 5));
    assertThat(rows("SELECT k, v FROM t ORDER BY ALL ASC NULLS LAST")).containsExactly(Row.of("a", 1),
        Row.of("a", 2), Row.of("a", 3), Row.of("b", 4), Row.of("b", null), Row.of(null, 5));
    assertThat(rows("SELECT k FROM t UNION SELECT g FROM t ORDER BY ALL LIMIT 3"))
        .containsExactly(Row.of((Object) null), Row.of("a"), Row.of("b"));
    // A column named all is sorted by, not expanded.
    assertThat(rows("SELECT * FROM VALUES ('z', 1), ('y', 2), ('x', 3) AS x(c, all) ORDER BY all DESC"))
        .containsExactly(Row.of("x", 3), Row.of("y", 2), Row.of("z", 1));
  }

  // ------------------------------------------------------------------ DataFrame API

  @Test
  void dataFrameCubeRollupAndGroupingSets() {
    DataFrame t = session.table("t");
    List<Row> rolled = t.rollup("k", "g").agg(sum("v").alias("s"), grouping("g").alias("gg"),
        grouping_id().alias("id")).orderBy(col("id"), col("k"), col("g")).collectAsList();
    assertThat(rolled).isEqualTo(rows("SELECT k, g, sum(v) AS s, grouping(g) AS gg, grouping_id() AS id FROM t "
        + "GROUP BY ROLLUP(k, g) ORDER BY id, k, g"));
    assertThat(t.cube(col("k")).count().orderBy(col("k")).collectAsList())
        .containsExactlyInAnyOrder(Row.of(null, 1L), Row.of(null, 6L), Row.of("a", 3L), Row.of("b", 2L));
    DataFrame sets = t.groupingSets(List.of(List.of(col("k")), List.of()), col("k"), col("g"))
        .agg(count("*").alias("n"), grouping_id("k", "g").alias("id"));
    assertThat(sets.columns()).containsExactly("k", "g", "n", "id");
    assertThat(sets.filter(grouping("k").equalTo(1)).collectAsList()).containsExactly(Row.of(null, null, 6L, 3L));
    assertThat(sets.orderBy(grouping("k").desc(), col("k")).select("n").collectAsList())
        .containsExactly(Row.of(6L), Row.of(1L), Row.of(3L), Row.of(2L));
    assertThat(t.cube("k", "g").sum("v").columns()).containsExactly("k", "g", "sum(v)");
    assertThatThrownBy(() -> t.groupBy("k").agg(grouping("k")))
        .isInstanceOf(AnalysisException.class)
        .satisfies(e -> assertThat(((AnalysisException) e).errorClass())
            .isEqualTo(ErrorClass.UNSUPPORTED_GROUPING_EXPRESSION));
  }

  // ------------------------------------------------------------------ streams

  @Test
  void streamsRunCubeAndRollupAsSparkDoes() {
    // Spark's UnsupportedOperationChecker looks for grouping sets in the analyzed plan, where they are
    // already an Expand below the Aggregate: streaming CUBE/ROLLUP/GROUPING SETS run, in complete and
    // update mode (and in append mode when every set keeps a watermarked key, below).
    MemoryStream s = MemoryStream.create(session, "k STRING, g STRING, v INT");
    s.toDF().createOrReplaceTempView("st");
    DataFrame cube = session.sql("SELECT k, g, sum(v) AS s, grouping_id() AS id FROM st GROUP BY CUBE(k, g)");
    StreamingQuery complete = cube.writeStream().outputMode("complete").format("memory").queryName("cube_all")
        .start();
    List<List<Row>> updates = new CopyOnWriteArrayList<>();
    StreamingQuery update = session.table("st").rollup("k").agg(count("*").alias("n")).writeStream()
        .outputMode("update").foreachBatch((df, id) -> updates.add(df.collectAsList())).start();
    try {
      s.addData(Row.of("a", "x", 1), Row.of("a", null, 2), Row.of(null, "x", 3));
      complete.processAllAvailable();
      update.processAllAvailable();
      s.addData(Row.of("a", "x", 10));
      complete.processAllAvailable();
      update.processAllAvailable();
      assertThat(session.sql("SELECT * FROM cube_all ORDER BY id, k, g").collectAsList()).containsExactly(
          Row.of(null, "x", 3L, 0L), Row.of("a", null, 2L, 0L), Row.of("a", "x", 11L, 0L),
          Row.of(null, null, 3L, 1L), Row.of("a", null, 13L, 1L),
          Row.of(null, null, 2L, 2L), Row.of(null, "x", 14L, 2L),
          Row.of(null, null, 16L, 3L));
      assertThat(updates).hasSize(2);
      assertThat(updates.get(0)).containsExactlyInAnyOrder(Row.of("a", 2L), Row.of(null, 1L), Row.of(null, 3L));
      assertThat(updates.get(1)).containsExactlyInAnyOrder(Row.of("a", 3L), Row.of(null, 4L));
    } finally {
      complete.stop();
      update.stop();
    }
  }

  @Test
  void aStreamingRollupResumesFromItsCheckpoint(@TempDir Path dir) {
    MemoryStream s = MemoryStream.create(session, "k STRING, v INT");
    DataFrame rolled = s.toDF().rollup("k").agg(sum("v").alias("s"), grouping("k").alias("gk"));
    StreamingQuery first = rolled.writeStream().outputMode("complete").format("memory").queryName("roll1")
        .option("checkpointLocation", dir.toString()).start();
    s.addData(Row.of("a", 1), Row.of(null, 2));
    first.processAllAvailable();
    first.stop();
    s.addData(Row.of("a", 10), Row.of("b", 100));
    StreamingQuery second = rolled.writeStream().outputMode("complete").format("memory").queryName("roll2")
        .option("checkpointLocation", dir.toString()).start();
    try {
      second.processAllAvailable();
      // The NULL key group and the total are two groups, kept apart by the grouping id in the state.
      assertThat(session.sql("SELECT * FROM roll2 ORDER BY gk, k").collectAsList()).containsExactly(
          Row.of(null, 2L, 0), Row.of("a", 11L, 0), Row.of("b", 100L, 0), Row.of(null, 113L, 1));
    } finally {
      second.stop();
    }
  }

  @Test
  void windowedCubeOnAWatermarkedStreamInAppendMode() {
    MemoryStream clicks = MemoryStream.create(session, "page STRING, ts TIMESTAMP");
    clicks.toDF().withWatermark("ts", "0 seconds").createOrReplaceTempView("clk");
    DataFrame counts = session.sql("SELECT window.start AS w, page, count(*) AS n FROM clk "
        + "GROUP BY window(ts, '10 seconds'), CUBE(page)");
    List<Row> out = new CopyOnWriteArrayList<>();
    StreamingQuery q = counts.writeStream().outputMode("append").foreachBatch((df, id) -> out.addAll(df.collectAsList()))
        .start();
    try {
      clicks.addData(Row.of("p", t(1)), Row.of("q", t(2)), Row.of("p", t(3)));
      q.processAllAvailable();
      assertThat(out).isEmpty();
      clicks.addData(Row.of("p", t(25)));
      q.processAllAvailable();
      clicks.addData(Row.of("p", t(26)));
      q.processAllAvailable();
      // The window [0, 10) closed when the watermark passed 10s: its per-page rows and its total.
      assertThat(out).containsExactlyInAnyOrder(Row.of(t(0), "p", 2L), Row.of(t(0), "q", 1L),
          Row.of(t(0), null, 3L));
    } finally {
      q.stop();
    }
  }

  @Test
  void streamingCubeInAppendModeWithoutWatermarkIsRefused() {
    MemoryStream s = MemoryStream.create(session, "k STRING, v INT");
    DataFrame cube = s.toDF().cube("k").agg(sum("v"));
    assertThatThrownBy(() -> cube.writeStream().outputMode("append").format("memory").queryName("nope").start())
        .isInstanceOf(SluiceException.class)
        .satisfies(e -> assertThat(((SluiceException) e).errorClass())
            .isEqualTo(ErrorClass.STREAMING_OUTPUT_MODE_UNSUPPORTED));
  }

  static Instant t(int seconds) {
    return Instant.parse("2026-01-01T00:00:00Z").plusSeconds(seconds);
  }
}
