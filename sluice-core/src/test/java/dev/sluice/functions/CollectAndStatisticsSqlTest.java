package dev.sluice.functions;

import static dev.sluice.api.functions.col;
import static dev.sluice.api.functions.collect_list;
import static dev.sluice.api.functions.stddev;
import static dev.sluice.api.functions.variance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.DataFrame;
import dev.sluice.api.Session;
import dev.sluice.errors.AnalysisException;
import dev.sluice.types.ArrayType;
import dev.sluice.types.DataTypes;
import dev.sluice.types.Row;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the function examples do not show: result names and types, empty input, errors, windows. */
class CollectAndStatisticsSqlTest {
  private static Session session;

  @BeforeAll
  static void start() {
    session = Session.builder().config("sluice.sql.shuffle.partitions", "3").getOrCreate();
  }

  @AfterAll
  static void stop() {
    session.close();
  }

  private static String result(String sql) {
    return FunctionExamplesTest.render(session.sql(sql));
  }

  @Test
  void aColumnIsNamedByTheNameTheFunctionWasCalledBy() {
    DataFrame df = session.sql("SELECT std(col), stddev(col), variance(col), array_agg(col), collect_set(col), "
        + "bit_or(col) FROM VALUES (1), (2) AS tab(col)");
    assertThat(df.schema().fieldNames()).containsExactly("std(col)", "stddev(col)", "variance(col)",
        "array_agg(col)", "collect_set(col)", "bit_or(col)");
  }

  @Test
  void resultTypes() {
    DataFrame df = session.sql("SELECT collect_list(col), stddev_pop(col), var_samp(col), bit_and(col), "
        + "bit_xor(CAST(col AS BIGINT)) FROM VALUES (1), (2) AS tab(col)");
    assertThat(df.schema().field(0).dataType()).isEqualTo(new ArrayType(DataTypes.IntegerType, false));
    assertThat(df.schema().field(0).nullable()).isFalse();
    assertThat(df.schema().field(1).dataType()).isEqualTo(DataTypes.DoubleType);
    assertThat(df.schema().field(2).dataType()).isEqualTo(DataTypes.DoubleType);
    assertThat(df.schema().field(3).dataType()).isEqualTo(DataTypes.IntegerType);
    assertThat(df.schema().field(4).dataType()).isEqualTo(DataTypes.LongType);
  }

  @Test
  void emptyInputGivesEmptyArraysAndNullStatistics() {
    assertThat(result("SELECT collect_list(col), collect_set(col), stddev(col), var_pop(col), bit_and(col) "
        + "FROM VALUES (1), (2) AS tab(col) WHERE col > 5")).isEqualTo("[]\t[]\tNULL\tNULL\tNULL");
    // grouped, an empty input has no groups at all
    assertThat(result("SELECT col, collect_list(col) FROM VALUES (1) AS tab(col) WHERE col > 5 GROUP BY col"))
        .isEmpty();
  }

  @Test
  void groupedResultsWithNullsAndDistinct() {
    assertThat(result("SELECT k, sort_array(collect_list(v)), sort_array(collect_list(DISTINCT v)), "
        + "var_samp(v), var_pop(v), bit_or(DISTINCT v) FROM VALUES ('a', 1), ('a', 3), ('a', 3), ('a', NULL), "
        + "('b', 4), ('c', NULL) AS tab(k, v) GROUP BY k ORDER BY k"))
        .isEqualTo("a\t[1,3,3]\t[1,3]\t1.3333333333333333\t0.8888888888888888\t3\n"
            + "b\t[4]\t[4]\tNULL\t0.0\t4\n"
            + "c\t[]\t[]\tNULL\tNULL\tNULL");
  }

  @Test
  void statisticsTakeDecimalsAndStringsAsDoubles() {
    assertThat(result("SELECT var_pop(col) FROM VALUES (1.5), (2.5) AS tab(col)")).isEqualTo("0.25");
    assertThat(result("SELECT stddev_samp(col) FROM VALUES ('1'), ('3') AS tab(col)"))
        .isEqualTo(String.valueOf(Math.sqrt(2.0)));
  }

  @Test
  void collectGathersStructsAndArrays() {
    assertThat(result("SELECT sort_array(collect_set(a)) FROM VALUES (array(1, 2)), (array(1, 2)), (array(3)) "
        + "AS tab(a)")).isEqualTo("[[1,2],[3]]");
  }

  @Test
  void tryAvgIsNullWhereADecimalSumOverflows() {
    String big = "CAST('6" + "0".repeat(37) + "' AS DECIMAL(38,0))";
    assertThat(result("SELECT try_avg(col) FROM VALUES (" + big + "), (" + big + ") AS tab(col)")).isEqualTo("NULL");
    // the result type, decimal(38,4), holds 34 integer digits: a mean of 3e37 does not fit either
    assertThat(result("SELECT k, try_avg(col) FROM VALUES (1, " + big + "), (1, CAST(0 AS DECIMAL(38,0))), "
        + "(2, CAST(1 AS DECIMAL(38,0))), (2, CAST(2 AS DECIMAL(38,0))) AS tab(k, col) GROUP BY k ORDER BY k"))
        .isEqualTo("1\tNULL\n2\t1.5000");
  }

  @Test
  void whatSparkRefuses() {
    assertThatThrownBy(() -> session.sql("SELECT bit_and(col) FROM VALUES (1.5) AS tab(col)").collectAsList())
        .isInstanceOf(AnalysisException.class).hasMessageContaining("bit_and");
    assertThatThrownBy(() -> session.sql("SELECT collect_set(m) FROM VALUES (map(1, 2)) AS tab(m)").collectAsList())
        .isInstanceOf(AnalysisException.class).hasMessageContaining("map");
  }

  @Test
  void theDataFrameApiMatchesSql() {
    DataFrame df = session.createDataFrame(List.of(Row.of("a", 1), Row.of("a", 3), Row.of("b", 2)),
        "k STRING, v INT");
    List<Row> rows = df.groupBy("k").agg(collect_list(col("v")), stddev("v"), variance(col("v")))
        .orderBy(col("k")).collectAsList();
    assertThat(rows).containsExactly(Row.of("a", List.of(1, 3), Math.sqrt(2.0), 2.0), Row.of("b", List.of(2), null,
        null));
    assertThat(df.groupBy("k").agg(stddev("v")).schema().fieldNames()).containsExactly("k", "stddev(v)");
  }

  @Test
  void asWindowAggregates() {
    assertThat(result("SELECT v, collect_list(v) OVER (ORDER BY v), "
        + "var_pop(v) OVER () FROM VALUES (1), (2), (3) AS tab(v) ORDER BY v"))
        .isEqualTo("1\t[1]\t0.6666666666666666\n2\t[1,2]\t0.6666666666666666\n3\t[1,2,3]\t0.6666666666666666");
  }
}
