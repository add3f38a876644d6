package dev.sluice.plan.optimizer;

import dev.sluice.exec.eval.ExpressionCompiler;
import static dev.sluice.api.functions.col;
import static dev.sluice.api.functions.count;
import static dev.sluice.api.functions.lit;
import static dev.sluice.api.functions.not;
import static dev.sluice.api.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.DataFrame;
import dev.sluice.api.Session;
import dev.sluice.api.internals.QueryExecution;
import dev.sluice.conf.SluiceConf;
import dev.sluice.plan.logical.Filter;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Project;
import dev.sluice.types.Row;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The optimizer as a whole: {@code sluice.sql.optimizer.excludedRules} switches rules off, and no
 * rule changes a query's answer — the guard that lets a wrong answer be bisected rule by rule.
 */
class OptimizerTest {
  private static final String EXCLUDED = SluiceConf.OPTIMIZER_EXCLUDED_RULES.key();
  static Session session;
  static DataFrame t;
  static DataFrame u;

  @BeforeAll
  static void setUp() {
    session = Session.builder().config("sluice.sql.shuffle.partitions", "3").getOrCreate();
    List<Row> ts = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      ts.add(Row.of(i % 7 == 3 ? null : i % 9, i % 4, i % 5 == 0 ? null : "s" + (i % 3)));
    }
    t = session.createDataFrame(ts, "a INT, b INT, s STRING");
    u = session.createDataFrame(List.of(Row.of(0, "zero"), Row.of(1, "one"), Row.of(2, null), Row.of(5, "five"),
        Row.of(11, "eleven")), "k INT, v STRING");
    t.createOrReplaceTempView("t");
    u.createOrReplaceTempView("u");
  }

  @AfterAll
  static void tearDown() {
    session.close();
  }

  @AfterEach
  void resetExclusions() {
    session.conf().unset(EXCLUDED);
  }

  private static Set<String> ruleNames() {
    Set<String> names = new LinkedHashSet<>();
    for (Optimizer.Batch b : Optimizer.defaultBatches(ExpressionCompiler.CONSTANTS)) {
      b.rules().forEach(r -> names.add(r.name()));
    }
    return names;
  }

  /** Queries that give every rule something to do: filters, projections, joins, aggregates, constants. */
  private static Map<String, DataFrame> queries() {
    Map<String, DataFrame> q = new LinkedHashMap<>();
    q.put("filter over an aliased projection", t.filter(col("a").gt(1))
        .select(col("a").plus(1).alias("x"), col("b"), col("s")).filter(col("x").lt(8)).select("x", "s"));
    q.put("inner join, filters on both sides, aggregate", t.join(u, col("a").equalTo(col("k")))
        .filter(col("b").gt(0).and(col("v").notEqual("five")))
        .select(col("v"), col("b").multiply(2).alias("b2"))
        .groupBy("v").agg(count("*").alias("n"), sum("b2").alias("total")));
    q.put("left join, unmatched rows", t.join(u, col("a").equalTo(col("k")), "left")
        .filter(col("v").isNull().and(col("a").isNotNull())).groupBy("a").agg(count("*").alias("n")));
    q.put("right and full joins with filters", t.join(u, col("a").equalTo(col("k")), "full")
        .filter(col("k").gt(0).or(col("a").isNull())).select("a", "k", "v")
        .union(t.join(u, col("a").equalTo(col("k")), "right").filter(col("b").isNull()).select("a", "k", "v")));
    q.put("constants and a guarding filter", t.filter(lit(1).plus(1).equalTo(2).and(lit(true)))
        .filter(col("b").notEqual(0)).filter(lit(12).divide(col("b")).gt(4))
        .select(col("a"), lit(2).multiply(3).plus(col("b")).alias("c"), not(not(col("s").isNull())).alias("n")));
    q.put("count over a projection", t.select("a", "b").filter(col("b").gt(1)).agg(count("*").alias("n")));
    q.put("SQL: subquery, join, distinct", session.sql("SELECT v, count(*) AS n, sum(x) AS sx FROM "
        + "(SELECT DISTINCT a AS x, b FROM t WHERE NOT NOT (a > 0) AND 1 = 1) q JOIN u ON q.x = u.k "
        + "WHERE true OR b > 2 GROUP BY v"));
    q.put("SQL: collapsible projections", session.sql("SELECT y + 1 AS z, s FROM (SELECT x * 2 AS y, s FROM "
        + "(SELECT a + b AS x, s FROM t WHERE s IS NOT NULL) p) q WHERE y > 4"));
    return q;
  }

  @Test
  void excludedRulesSwitchARuleOff() {
    DataFrame q = t.filter(col("a").gt(1)).select(col("a").plus(1).alias("x")).filter(col("x").lt(8));
    LogicalPlan optimized = QueryExecution.optimize(q.logicalPlan(), session.sluiceConf());
    assertThat(optimized).as(optimized.treeString()).isInstanceOf(Project.class);   // the filters went down

    session.conf().set(EXCLUDED, "PushDownPredicate");
    LogicalPlan withoutPushDown = QueryExecution.optimize(q.logicalPlan(), session.sluiceConf());
    assertThat(withoutPushDown).as(withoutPushDown.treeString()).isInstanceOf(Filter.class);
    assertThat(q.explainString(true)).contains("== Optimized Logical Plan ==\nFilter");

    session.conf().set(EXCLUDED, " PushDownPredicate , CombineFilters,ConstantFolding ");
    Optimizer opt = new Optimizer(Optimizer.defaultBatches(ExpressionCompiler.CONSTANTS), session.conf().get(EXCLUDED));
    opt.optimize(q.logicalPlan());
    assertThat(opt.ruleTimes().keySet()).doesNotContain("PushDownPredicate", "CombineFilters", "ConstantFolding")
        .contains("CollapseProject", "BooleanSimplification", "ColumnPruning");
  }

  @Test
  void everyRuleIsTimedByName() {
    Optimizer opt = new Optimizer(Optimizer.defaultBatches(ExpressionCompiler.CONSTANTS), null);
    opt.optimize(t.filter(col("a").gt(1)).logicalPlan());
    assertThat(opt.ruleTimes().keySet()).containsExactlyInAnyOrderElementsOf(ruleNames());
  }

  @Test
  void answersAreTheSameWithEachRuleSwitchedOff() {
    Map<String, List<Row>> reference = new LinkedHashMap<>();
    session.conf().set(EXCLUDED, String.join(",", ruleNames()));
    queries().forEach((name, q) -> reference.put(name, q.collectAsList()));
    session.conf().unset(EXCLUDED);
    queries().forEach((name, q) -> assertThat(q.collectAsList()).as("%s, with every rule", name)
        .containsExactlyInAnyOrderElementsOf(reference.get(name)));
    for (String rule : ruleNames()) {
      session.conf().set(EXCLUDED, rule);
      queries().forEach((name, q) -> assertThat(q.collectAsList())
          .as("%s, without %s\n%s", name, rule, q.explainString(true))
          .containsExactlyInAnyOrderElementsOf(reference.get(name)));
    }
    // the queries are not trivial
    reference.forEach((name, rows) -> assertThat(rows).as(name).isNotEmpty());
  }

  @Test
  void everyRuleHasItsOwnTestClass() {
    for (String rule : ruleNames()) {
      assertThat(getClass().getClassLoader().getResource(
          "dev/sluice/plan/optimizer/" + rule + "Test.class")).as("a test class for %s", rule).isNotNull();
    }
  }
}
