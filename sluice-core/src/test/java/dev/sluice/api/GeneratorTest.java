package dev.sluice.api;

import static dev.sluice.api.functions.col;
import static dev.sluice.api.functions.explode;
import static dev.sluice.api.functions.explode_outer;
import static dev.sluice.api.functions.posexplode;
import static dev.sluice.api.functions.split;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.internals.QueryExecution;
import dev.sluice.api.streaming.StreamingQuery;
import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.ParseException;
import dev.sluice.types.Row;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** explode, posexplode, inline and their _outer forms, in SQL, in the DataFrame API and on streams. */
class GeneratorTest {
  static Session session;

  @BeforeAll
  static void setUp() {
    session = Session.builder().config("sluice.sql.shuffle.partitions", "2").getOrCreate();
    session.createDataFrame(List.of(
        Row.of(1, List.of("a", "b"), Map.of("x", 10)),
        Row.of(2, List.of(), Map.of()),
        Row.of(3, null, null),
        Row.of(4, java.util.Arrays.asList("c", null), Map.of("y", 20))),
        "id INT, tags ARRAY<STRING>, m MAP<STRING, INT>").createOrReplaceTempView("t");
  }

  @AfterAll
  static void tearDown() {
    session.close();
  }

  private static List<Row> sql(String q) {
    return session.sql(q).collectAsList();
  }

  @Test
  void explodeGivesOneRowPerElementAndNoneForNullOrEmpty() {
    DataFrame df = session.sql("SELECT id, explode(tags) FROM t ORDER BY id, col NULLS LAST");
    assertThat(df.schema().fieldNames()).containsExactly("id", "col");
    assertThat(df.collectAsList()).containsExactly(Row.of(1, "a"), Row.of(1, "b"), Row.of(4, "c"), Row.of(4, null));
  }

  @Test
  void explodeOuterKeepsRowsWithNothingToExplode() {
    assertThat(sql("SELECT id, explode_outer(tags) AS tag FROM t ORDER BY id, tag NULLS LAST")).containsExactly(
        Row.of(1, "a"), Row.of(1, "b"), Row.of(2, null), Row.of(3, null), Row.of(4, "c"), Row.of(4, null));
  }

  @Test
  void posexplodeAddsThePositionAndTakesSeveralAliases() {
    DataFrame df = session.sql("SELECT id, posexplode(tags) AS (p, tag) FROM t WHERE id IN (1, 4) ORDER BY id, p");
    assertThat(df.schema().fieldNames()).containsExactly("id", "p", "tag");
    assertThat(df.collectAsList()).containsExactly(Row.of(1, 0, "a"), Row.of(1, 1, "b"), Row.of(4, 0, "c"),
        Row.of(4, 1, null));
    assertThat(session.sql("SELECT posexplode(tags) FROM t").schema().fieldNames()).containsExactly("pos", "col");
  }

  @Test
  void explodingAMapGivesKeyAndValue() {
    DataFrame df = session.sql("SELECT id, explode(m) FROM t ORDER BY id");
    assertThat(df.schema().fieldNames()).containsExactly("id", "key", "value");
    assertThat(df.collectAsList()).containsExactly(Row.of(1, "x", 10), Row.of(4, "y", 20));
    assertThat(sql("SELECT explode(m) AS (k, v) FROM t WHERE id = 1")).containsExactly(Row.of("x", 10));
  }

  @Test
  void inlineTurnsAnArrayOfStructsIntoColumns() {
    DataFrame df = session.sql("SELECT inline(array(named_struct('a', 1, 'b', 'x'), named_struct('a', 2, 'b', 'y')))");
    assertThat(df.schema().fieldNames()).containsExactly("a", "b");
    assertThat(df.collectAsList()).containsExactly(Row.of(1, "x"), Row.of(2, "y"));
  }

  @Test
  void generatedColumnsCanBeFilteredAndAggregatedInAnOuterQuery() {
    assertThat(sql("SELECT tag, count(*) AS n FROM (SELECT explode(tags) AS tag FROM t) WHERE tag IS NOT NULL "
        + "GROUP BY tag ORDER BY tag")).containsExactly(Row.of("a", 1L), Row.of("b", 1L), Row.of("c", 1L));
  }

  @Test
  void lateralViewAppliesAGeneratorToEachRowOfTheFromClause() {
    assertThat(sql("SELECT id, v.tag FROM t LATERAL VIEW explode(tags) v AS tag WHERE v.tag IS NOT NULL "
        + "ORDER BY id, tag")).containsExactly(Row.of(1, "a"), Row.of(1, "b"), Row.of(4, "c"));
    assertThat(sql("SELECT id, tag FROM t LATERAL VIEW OUTER explode(tags) v AS tag WHERE id IN (2, 3) ORDER BY id"))
        .containsExactly(Row.of(2, null), Row.of(3, null));
    assertThat(sql("SELECT id, p, k, val FROM t LATERAL VIEW posexplode(m) e AS p, k, val ORDER BY id"))
        .containsExactly(Row.of(1, 0, "x", 10), Row.of(4, 0, "y", 20));
    // Two lateral views multiply: every tag with every map entry.
    assertThat(sql("SELECT id, tag, key FROM t LATERAL VIEW explode(tags) a AS tag LATERAL VIEW explode(m) b "
        + "WHERE id = 1 ORDER BY tag")).containsExactly(Row.of(1, "a", "x"), Row.of(1, "b", "x"));
  }

  @Test
  void dataFrameApi() {
    DataFrame t = session.table("t");
    assertThat(t.select(col("id"), explode(col("tags")).as("tag")).where(col("id").equalTo(1)).collectAsList())
        .containsExactly(Row.of(1, "a"), Row.of(1, "b"));
    DataFrame pos = t.select(col("id"), posexplode(col("tags")).as("p", "tag")).where(col("id").equalTo(4));
    assertThat(pos.schema().fieldNames()).containsExactly("id", "p", "tag");
    assertThat(pos.collectAsList()).containsExactly(Row.of(4, 0, "c"), Row.of(4, 1, null));
    assertThat(t.withColumn("tag", explode_outer(col("tags"))).select("id", "tag").where(col("id").equalTo(3))
        .collectAsList()).containsExactly(Row.of(3, null));
  }

  @Test
  void filtersOnInputColumnsRunBeforeTheGeneratorAndUnreadColumnsAreNotCopied() {
    DataFrame df = session.sql("SELECT tag FROM (SELECT id, m, explode(tags) AS tag FROM t) WHERE id = 1");
    String optimized = QueryExecution.optimize(df.logicalPlan(), session.sluiceConf()).treeString();
    int generate = optimized.indexOf("Generate");
    int filter = optimized.indexOf("Filter");
    assertThat(generate).isNotNegative();
    assertThat(filter).isGreaterThan(generate);
    // The generator keeps none of the input columns: `id` is only read by the filter below it.
    assertThat(optimized).contains("Generate explode(tags), [], [tag");
    assertThat(df.collectAsList()).containsExactly(Row.of("a"), Row.of("b"));
  }

  @Test
  void misuseIsRefusedWithAnExplanation() {
    assertThatThrownBy(() -> session.sql("SELECT upper(explode(tags)) FROM t"))
        .isInstanceOf(AnalysisException.class).hasMessageContaining("UNSUPPORTED_GENERATOR")
        .hasMessageContaining("nested");
    assertThatThrownBy(() -> session.sql("SELECT explode(tags), explode(m) FROM t"))
        .isInstanceOf(AnalysisException.class).hasMessageContaining("only one generator");
    assertThatThrownBy(() -> session.sql("SELECT id FROM t WHERE size(tags) > 0 AND explode(tags) = 'a'"))
        .isInstanceOf(AnalysisException.class).hasMessageContaining("UNSUPPORTED_GENERATOR");
    assertThatThrownBy(() -> session.sql("SELECT explode(tags), count(*) FROM t"))
        .isInstanceOf(AnalysisException.class).hasMessageContaining("aggregate");
    assertThatThrownBy(() -> session.sql("SELECT explode(m) AS k FROM t"))
        .isInstanceOf(AnalysisException.class)
        .satisfies(e -> assertThat(((AnalysisException) e).errorClass()).isEqualTo(ErrorClass.UDTF_ALIAS_NUMBER_MISMATCH))
        .hasMessageContaining("Expected 2 aliases");
    assertThatThrownBy(() -> session.sql("SELECT explode(id) FROM t"))
        .isInstanceOf(AnalysisException.class).hasMessageContaining("must be an ARRAY or a MAP, but it is INT");
    assertThatThrownBy(() -> session.sql("SELECT id FROM t LATERAL VIEW upper(id) x"))
        .isInstanceOf(AnalysisException.class).hasMessageContaining("LATERAL VIEW needs a generator");
    assertThatThrownBy(() -> session.sql("SELECT (id + 1) AS (a, b) FROM t"))
        .isInstanceOf(AnalysisException.class).hasMessageContaining("can only name the columns of a generator");
    assertThatThrownBy(() -> session.sql("SELECT id FROM t LATERAL explode(tags) x"))
        .isInstanceOf(ParseException.class);
  }

  @Test
  void streamingWordCountSurvivesARestart(@TempDir Path checkpoint) {
    MemoryStream lines = MemoryStream.create(session, "value STRING");
    DataFrame words = lines.toDF().select(explode(split(col("value"), " ")).as("word"));
    DataFrame counts = words.groupBy("word").count();
    List<Row> seen = new ArrayList<>();
    StreamingQuery q = counts.writeStream().outputMode("complete").format("memory").queryName("wc1")
        .option("checkpointLocation", checkpoint.toString()).start();
    lines.addData(Row.of("the cat sat"), Row.of("the dog"));
    q.processAllAvailable();
    assertThat(session.sql("SELECT * FROM wc1 ORDER BY word").collectAsList()).containsExactly(
        Row.of("cat", 1L), Row.of("dog", 1L), Row.of("sat", 1L), Row.of("the", 2L));
    q.stop();

    lines.addData(Row.of("the end"));
    StreamingQuery again = counts.writeStream().outputMode("update").format("memory").queryName("wc2")
        .option("checkpointLocation", checkpoint.toString()).start();
    again.processAllAvailable();
    seen.addAll(session.sql("SELECT * FROM wc2 ORDER BY word").collectAsList());
    again.stop();
    // Only the rows the new batch changed, with counts carried over from before the restart.
    assertThat(seen).containsExactly(Row.of("end", 1L), Row.of("the", 3L));
  }

  @Test
  void streamingSqlWithLateralViewInAppendMode() {
    MemoryStream events = MemoryStream.create(session, "user STRING, items ARRAY<STRING>");
    events.toDF().createOrReplaceTempView("orders");
    StreamingQuery q = session.sql("SELECT user, item FROM orders LATERAL VIEW explode(items) i AS item")
        .writeStream().format("memory").queryName("order_items").start();
    events.addData(Row.of("ann", List.of("pen", "ink")), Row.of("bob", List.of()));
    q.processAllAvailable();
    events.addData(Row.of("bob", List.of("pad")));
    q.processAllAvailable();
    assertThat(session.sql("SELECT * FROM order_items ORDER BY user, item").collectAsList()).containsExactly(
        Row.of("ann", "ink"), Row.of("ann", "pen"), Row.of("bob", "pad"));
    assertThat(q.lastProgress().numInputRows()).isEqualTo(1);
    q.stop();
  }
}
