package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static dev.sluice.api.functions.col;
import static dev.sluice.api.functions.count;
import static dev.sluice.api.functions.lag;
import static dev.sluice.api.functions.max;
import static dev.sluice.api.functions.row_number;
import static dev.sluice.api.functions.sum;

import dev.sluice.api.expressions.Window;
import dev.sluice.api.expressions.WindowSpec;
import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.ParseException;
import dev.sluice.types.Row;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Window frames, {@code ROWS|RANGE BETWEEN ... AND ...}, with Spark's semantics: ROWS counts rows,
 * RANGE compares the ORDER BY value (peers together, NULL keys framed with each other, descending order
 * turning "following" into smaller values), frames may be empty, and Spark's analysis errors for frames
 * that cannot be computed. Each query runs on two shuffle partitions, over a partition with NULLs.
 */
class WindowFrameTest {
  static Session session;

  @BeforeAll
  static void setUp() {
    session = Session.builder().config("sluice.sql.shuffle.partitions", "2").getOrCreate();
    // Partition a: keys NULL, 1, 1, 2, 4; partition b: 3, 5, 6.
    session.createDataFrame(List.of(Row.of("a", null, 10L), Row.of("a", 1, 1L), Row.of("a", 1, 2L),
        Row.of("a", 2, 4L), Row.of("a", 4, 8L), Row.of("b", 3, 16L), Row.of("b", 5, 32L), Row.of("b", 6, 64L)),
        "k STRING, v INT, w BIGINT").createOrReplaceTempView("t");
  }

  @AfterAll
  static void tearDown() {
    session.close();
  }

  /** The window column of the query, in the order of (k, v, w). */
  private static List<Object> column(String window) {
    List<Object> out = new ArrayList<>();
    for (Row r : session.sql("SELECT k, v, w, " + window + " AS x FROM t ORDER BY k, v NULLS FIRST, w")
        .collectAsList()) {
      out.add(r.get(3));
    }
    return out;
  }

  @Test
  void rowsFramesCountRowsFromTheCurrentOne() {
    assertThat(column("sum(w) OVER (PARTITION BY k ORDER BY v, w ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING)"))
        .containsExactly(11L, 13L, 7L, 14L, 12L, 48L, 112L, 96L);
    assertThat(column("sum(w) OVER (PARTITION BY k ORDER BY v, w ROWS CURRENT ROW)"))
        .containsExactly(10L, 1L, 2L, 4L, 8L, 16L, 32L, 64L);
    assertThat(column("sum(w) OVER (PARTITION BY k ORDER BY v, w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 FOLLOWING)"))
        .containsExactly(11L, 13L, 17L, 25L, 25L, 48L, 112L, 112L);
    assertThat(column("sum(w) OVER (PARTITION BY k ORDER BY v, w ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING)"))
        .containsExactly(25L, 15L, 14L, 12L, 8L, 112L, 96L, 64L);
  }

  @Test
  void framesThatFallOutsideThePartitionAreEmpty() {
    assertThat(column("sum(w) OVER (PARTITION BY k ORDER BY v, w ROWS BETWEEN 2 FOLLOWING AND 3 FOLLOWING)"))
        .containsExactly(6L, 12L, 8L, null, null, 64L, null, null);
    assertThat(column("count(w) OVER (PARTITION BY k ORDER BY v, w ROWS BETWEEN 3 PRECEDING AND 2 PRECEDING)"))
        .containsExactly(0L, 0L, 1L, 2L, 2L, 0L, 0L, 1L);
  }

  @Test
  void rangeFramesCompareOrderByValuesAndKeepPeersTogether() {
    // a: NULL frames only NULL; 1 -> [0, 2] = 1, 1, 2; 2 -> [1, 3] = 1, 1, 2; 4 -> [3, 5] = 4.
    assertThat(column("sum(w) OVER (PARTITION BY k ORDER BY v RANGE BETWEEN 1 PRECEDING AND 1 FOLLOWING)"))
        .containsExactly(10L, 7L, 7L, 7L, 8L, 16L, 96L, 96L);
    assertThat(column("count(w) OVER (PARTITION BY k ORDER BY v RANGE CURRENT ROW)"))
        .containsExactly(1L, 2L, 2L, 1L, 1L, 1L, 1L, 1L);
    // The default frame with ORDER BY is RANGE ... CURRENT ROW: peers share the running total.
    assertThat(column("sum(w) OVER (PARTITION BY k ORDER BY v)"))
        .containsExactly(10L, 13L, 13L, 17L, 25L, 16L, 48L, 112L);
    assertThat(column("sum(w) OVER (PARTITION BY k ORDER BY v RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING)"))
        .containsExactly(25L, 15L, 15L, 12L, 8L, 112L, 96L, 64L);
  }

  @Test
  void descendingOrderMakesFollowingSmallerValues() {
    // Order v DESC: following values are smaller. 4 -> [3, 4] = 4 alone; 2 -> [1, 2] = 1, 1, 2.
    assertThat(column("sum(w) OVER (PARTITION BY k ORDER BY v DESC RANGE BETWEEN CURRENT ROW AND 1 FOLLOWING)"))
        .containsExactly(10L, 3L, 3L, 7L, 8L, 16L, 32L, 96L);
  }

  @Test
  void rangeFramesOverDatesTimestampsAndDoubles() {
    List<Row> rows = session.sql("SELECT d, count(*) OVER (ORDER BY d RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) AS n "
        + "FROM VALUES (DATE '2024-01-01'), (DATE '2024-01-02'), (DATE '2024-01-04') AS v(d) ORDER BY d")
        .collectAsList();
    assertThat(rows.stream().map(r -> r.get(1)).toList()).containsExactly(1L, 2L, 1L);
    rows = session.sql("SELECT ts, count(*) OVER (ORDER BY ts RANGE BETWEEN INTERVAL 1 HOUR PRECEDING AND CURRENT ROW)"
        + " AS n FROM VALUES (TIMESTAMP '2024-01-01 10:00:00'), (TIMESTAMP '2024-01-01 10:30:00'),"
        + " (TIMESTAMP '2024-01-01 11:00:00'), (TIMESTAMP '2024-01-01 12:00:01') AS v(ts) ORDER BY ts").collectAsList();
    assertThat(rows.stream().map(r -> r.get(1)).toList()).containsExactly(1L, 2L, 3L, 1L);
    rows = session.sql("SELECT ts, count(*) OVER (ORDER BY ts RANGE BETWEEN CURRENT ROW AND INTERVAL 1 MONTH FOLLOWING)"
        + " AS n FROM VALUES (TIMESTAMP '2024-01-31 00:00:00'), (TIMESTAMP '2024-02-29 00:00:00'),"
        + " (TIMESTAMP '2024-03-01 00:00:00') AS v(ts) ORDER BY ts").collectAsList();
    assertThat(rows.stream().map(r -> r.get(1)).toList()).containsExactly(2L, 2L, 1L);
    rows = session.sql("SELECT x, sum(x) OVER (ORDER BY x RANGE BETWEEN 0.7 PRECEDING AND 0.7 FOLLOWING) AS s "
        + "FROM VALUES (1.0D), (1.4D), (2.0D), (3.0D) AS v(x) ORDER BY x").collectAsList();
    assertThat(rows.stream().map(r -> r.get(1)).toList()).containsExactly(2.4, 4.4, 3.4, 3.0);
  }

  @Test
  void orderDependentAggregatesSeeTheFrameInOrder() {
    List<Row> rows = session.sql("SELECT v, collect_list(w) OVER (PARTITION BY k ORDER BY v, w "
        + "ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS l, first(w) OVER (PARTITION BY k ORDER BY v, w "
        + "ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS f FROM t WHERE k = 'b' ORDER BY v").collectAsList();
    assertThat(rows).containsExactly(Row.of(3, List.of(16L, 32L), 16L), Row.of(5, List.of(16L, 32L, 64L), 32L),
        Row.of(6, List.of(32L, 64L), 64L));
  }

  @Test
  void columnNamesCarryTheFrameAsInSpark() {
    DataFrame df = session.sql("SELECT sum(w) OVER (PARTITION BY k ORDER BY v ROWS BETWEEN 1 PRECEDING AND CURRENT ROW),"
        + " count(w) OVER (PARTITION BY k), row_number() OVER (ORDER BY v), lag(v) OVER (ORDER BY v),"
        + " sum(w) OVER (ORDER BY v) FROM t");
    assertThat(df.schema().fieldNames()).containsExactly(
        "sum(w) OVER (PARTITION BY k ORDER BY v ASC NULLS FIRST ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)",
        "count(w) OVER (PARTITION BY k ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)",
        "row_number() OVER (ORDER BY v ASC NULLS FIRST ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)",
        "lag(v, 1, NULL) OVER (ORDER BY v ASC NULLS FIRST ROWS BETWEEN -1 FOLLOWING AND -1 FOLLOWING)",
        "sum(w) OVER (ORDER BY v ASC NULLS FIRST RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)");
  }

  @Test
  void nthValueReadsTheFrame() {
    // Partition a in (v, w) order: w = 10 (v NULL), 1, 2, 4, 8.
    assertThat(column("nth_value(w, 2) OVER (PARTITION BY k ORDER BY v, w ROWS BETWEEN UNBOUNDED PRECEDING AND "
        + "UNBOUNDED FOLLOWING)")).containsExactly(1L, 1L, 1L, 1L, 1L, 32L, 32L, 32L);
    assertThat(column("nth_value(w, 3) OVER (PARTITION BY k ORDER BY v, w)"))
        .containsExactly(null, null, 2L, 2L, 2L, null, null, 64L);
    assertThat(column("nth_value(v, 1) IGNORE NULLS OVER (PARTITION BY k ORDER BY v, w)"))
        .containsExactly(null, 1, 1, 1, 1, 3, 3, 3);
    assertThatThrownBy(() -> session.sql("SELECT nth_value(w) OVER (ORDER BY v) FROM t"))
        .isInstanceOf(AnalysisException.class).hasMessageContaining("requires 2 to 3 parameters");
    assertThatThrownBy(() -> session.sql("SELECT nth_value(w, 0) OVER (ORDER BY v) FROM t"))
        .isInstanceOf(AnalysisException.class).hasMessageContaining("positive INT");
  }

  @Test
  void theDataFrameApiBuildsTheSameWindowsAsSql() {
    WindowSpec byK = Window.partitionBy("k").orderBy(col("v"), col("w"));
    List<Row> rows = session.table("t").where(col("k").equalTo("b"))
        .withColumn("rn", row_number().over(byK))
        .withColumn("prev", lag(col("w"), 1, -1L).over(byK))
        .withColumn("moving", sum(col("w")).over(byK.rowsBetween(-1, Window.currentRow())))
        .withColumn("near", count(col("w")).over(Window.partitionBy("k").orderBy("v").rangeBetween(-2, 1)))
        .withColumn("rest", sum(col("w")).over(byK.rowsBetween(1, Window.unboundedFollowing())))
        .withColumn("total", max(col("w")).over(Window.partitionBy("k")))
        .orderBy("v").select(col("v"), col("rn"), col("prev"), col("moving"), col("near"), col("rest"), col("total"))
        .collectAsList();
    assertThat(rows).containsExactly(
        Row.of(3, 1, -1L, 16L, 1L, 96L, 64L),
        Row.of(5, 2, 16L, 48L, 3L, 64L, 64L),
        Row.of(6, 3, 32L, 96L, 2L, null, 64L));
    assertThatThrownBy(() -> Window.orderBy("v").rowsBetween(0, 1L << 40))
        .isInstanceOf(AnalysisException.class).hasMessageContaining("must fit an INT");
  }

  @Test
  void namedWindowsOfTheWindowClause() {
    List<Row> rows = session.sql("SELECT v, sum(w) OVER w1 AS s, count(*) OVER (w1) AS n, max(w) OVER whole AS m "
        + "FROM t WHERE k = 'b' WINDOW w1 AS (PARTITION BY k ORDER BY v ROWS BETWEEN 1 PRECEDING AND CURRENT ROW), "
        + "whole AS (PARTITION BY k) ORDER BY v").collectAsList();
    assertThat(rows).containsExactly(Row.of(3, 16L, 1L, 64L), Row.of(5, 48L, 2L, 64L), Row.of(6, 96L, 2L, 64L));
    // WINDOW stays a name: the event-time function and a column called window still work.
    assertThat(session.sql("SELECT window.start FROM (SELECT window(TIMESTAMP '2024-01-01 10:03:00', '5 minutes') "
        + "AS window)").collectAsList()).hasSize(1);
    assertThatThrownBy(() -> session.sql("SELECT sum(w) OVER w2 FROM t WINDOW w1 AS (ORDER BY v)"))
        .isInstanceOf(ParseException.class).hasMessageContaining("window specification w2 is not defined");
    assertThatThrownBy(() -> session.sql("SELECT sum(w) OVER w1 FROM t WINDOW w1 AS (ORDER BY v), W1 AS (ORDER BY w)"))
        .isInstanceOf(ParseException.class).hasMessageContaining("REPETITIVE_WINDOW_DEFINITION");
  }

  @Test
  void framesThatCannotBeComputedAreRefusedWithSparksErrorClasses() {
    assertRefused("count(v) OVER (PARTITION BY k ROWS BETWEEN UNBOUNDED FOLLOWING AND 1 FOLLOWING)",
        "SPECIFIED_WINDOW_FRAME_INVALID_BOUND");
    assertRefused("count(v) OVER (PARTITION BY k RANGE BETWEEN CURRENT ROW AND 1 FOLLOWING)",
        "RANGE_FRAME_WITHOUT_ORDER");
    assertRefused("count(v) OVER (PARTITION BY k ORDER BY v, k RANGE BETWEEN CURRENT ROW AND 1 FOLLOWING)",
        "RANGE_FRAME_MULTI_ORDER");
    assertRefused("count(v) OVER (ORDER BY k RANGE BETWEEN CURRENT ROW AND 1 FOLLOWING)", "RANGE_FRAME_INVALID_TYPE");
    assertRefused("count(v) OVER (ORDER BY v RANGE BETWEEN 1 FOLLOWING AND 1 PRECEDING)",
        "SPECIFIED_WINDOW_FRAME_WRONG_COMPARISON");
    assertRefused("sum(w) OVER (ORDER BY w ROWS BETWEEN CURRENT ROW AND 2147483648 FOLLOWING)",
        "SPECIFIED_WINDOW_FRAME_UNACCEPTED_TYPE");
    assertThatThrownBy(() -> session.sql("SELECT count(v) OVER (ORDER BY v RANGE BETWEEN CURRENT ROW AND v FOLLOWING)"
        + " FROM t")).isInstanceOf(ParseException.class).hasMessageContaining("Frame bound value must be a literal");
    assertThatThrownBy(() -> session.sql("SELECT rank() OVER (ORDER BY v ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)"
        + " FROM t")).isInstanceOf(AnalysisException.class).hasMessageContaining("remove the frame clause");
  }

  @Test
  void windowFunctionsOutsideTheSelectListAreRefused() {
    assertThatThrownBy(() -> session.sql("SELECT * FROM t WHERE sum(w) OVER (PARTITION BY k) = 1").collectAsList())
        .isInstanceOf(AnalysisException.class).hasMessageContaining("not allowed to use window functions inside WHERE");
    assertThatThrownBy(() -> session.sql("SELECT count(v) FILTER (WHERE v > 1) OVER (PARTITION BY k) FROM t"))
        .isInstanceOf(AnalysisException.class).hasMessageContaining("FILTER predicate in a window aggregate");
    assertThatThrownBy(() -> session.sql("SELECT count(DISTINCT v) OVER (PARTITION BY k) FROM t"))
        .isInstanceOf(AnalysisException.class).hasMessageContaining("DISTINCT in a window aggregate");
  }

  private static void assertRefused(String window, String subClass) {
    assertThatThrownBy(() -> session.sql("SELECT " + window + " FROM t").collectAsList())
        .isInstanceOf(AnalysisException.class)
        .hasMessageContaining(subClass)
        .satisfies(e -> assertThat(((AnalysisException) e).errorClass()).isEqualTo(ErrorClass.DATATYPE_MISMATCH));
  }
}
