package dev.sluice.api;

import static dev.sluice.api.functions.avg;
import static dev.sluice.api.functions.col;
import static dev.sluice.api.functions.count;
import static dev.sluice.api.functions.lit;
import static dev.sluice.api.functions.max;
import static dev.sluice.api.functions.sum;
import static dev.sluice.api.functions.upper;
import static dev.sluice.api.functions.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.ExecutionException;
import dev.sluice.types.Row;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BatchQueryTest {
  static Session session;
  static DataFrame orders;

  @BeforeAll
  static void setUp() {
    session = Session.builder().config("sluice.sql.shuffle.partitions", "3").getOrCreate();
    orders = session.createDataFrame(List.of(
        Row.of(1, "apple", 5),
        Row.of(2, "banana", 7),
        Row.of(3, "apple", 3),
        Row.of(4, "fig", 10),
        Row.of(5, null, null)), "id INT, name STRING, amount INT");
  }

  @AfterAll
  static void tearDown() {
    session.close();
  }

  @Test
  void projectsAndFilters() {
    List<Row> rows = orders.filter(col("amount").gt(4)).select(col("id"), upper(col("name")).alias("n"),
        col("amount").multiply(2)).orderBy("id").collectAsList();
    assertThat(rows).containsExactly(Row.of(1, "APPLE", 10), Row.of(2, "BANANA", 14), Row.of(4, "FIG", 20));
    assertThat(orders.select(col("amount").multiply(2)).columns()).containsExactly("(amount * 2)");
  }

  @Test
  void groupsAndAggregates() {
    List<Row> rows = orders.groupBy("name").agg(count("*").alias("n"), sum("amount").alias("total"),
        avg("amount").alias("mean"), max("amount").alias("hi")).orderBy(col("name")).collectAsList();
    assertThat(rows).containsExactly(
        Row.of(null, 1L, null, null, null),
        Row.of("apple", 2L, 8L, 4.0, 5),
        Row.of("banana", 1L, 7L, 7.0, 7),
        Row.of("fig", 1L, 10L, 10.0, 10));
  }

  @Test
  void globalAggregateOfEmptyInputHasOneRow() {
    Row r = orders.filter(col("amount").gt(100)).agg(count("*"), sum("amount")).first();
    assertThat(r).isEqualTo(Row.of(0L, null));
    assertThat(orders.count()).isEqualTo(5);
  }

  @Test
  void caseWhenEvaluatesBranchesOnlyWhereSelected() {
    List<Row> rows = orders.select(col("id"), when(col("amount").equalTo(0), lit(null))
        .otherwise(lit(100).divide(col("amount"))).alias("x")).orderBy("id").limit(2).collectAsList();
    assertThat(rows).containsExactly(Row.of(1, 20.0), Row.of(2, 100.0 / 7));
  }

  @Test
  void unknownColumnNamesTheColumnsThatExist() {
    assertThatThrownBy(() -> orders.select(col("amonut")))
        .isInstanceOf(AnalysisException.class)
        .hasMessageContaining("`amonut`")
        .hasMessageContaining("`amount`")
        .satisfies(e -> assertThat(((AnalysisException) e).errorClass()).isEqualTo(ErrorClass.UNRESOLVED_COLUMN));
  }

  @Test
  void ansiOverflowRaisesNamingTheExpression() {
    DataFrame big = session.createDataFrame(List.of(Row.of(Integer.MAX_VALUE, 1)), "a INT, b INT");
    assertThatThrownBy(() -> big.select(col("a").plus(col("b"))).collectAsList())
        .isInstanceOf(ExecutionException.class)
        .hasMessageContaining("ARITHMETIC_OVERFLOW")
        .hasMessageContaining("(a + b)");
  }

  @Test
  void joins() {
    DataFrame names = session.createDataFrame(List.of(Row.of("apple", "red"), Row.of("fig", "purple"),
        Row.of("kiwi", "green")), "fruit STRING, color STRING");
    assertThat(orders.join(names, col("name").equalTo(col("fruit"))).select("id", "color").orderBy("id")
        .collectAsList()).containsExactly(Row.of(1, "red"), Row.of(3, "red"), Row.of(4, "purple"));
    assertThat(orders.join(names, col("name").equalTo(col("fruit")), "left").filter(col("color").isNull())
        .select("id").orderBy("id").collectAsList()).containsExactly(Row.of(2), Row.of(5));
    assertThat(orders.join(names, col("name").equalTo(col("fruit")), "full").filter(col("id").isNull())
        .select("fruit").collectAsList()).containsExactly(Row.of("kiwi"));
    assertThat(orders.join(names, col("name").equalTo(col("fruit")), "left_anti").select("id").orderBy("id")
        .collectAsList()).containsExactly(Row.of(2), Row.of(5));
    assertThat(orders.join(names, col("name").equalTo(col("fruit")), "left_semi").count()).isEqualTo(3);
  }
}
