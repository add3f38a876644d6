package dev.sluice.plan.optimizer;

import dev.sluice.exec.eval.ExpressionCompiler;
import static dev.sluice.api.functions.col;
import static dev.sluice.api.functions.count;
import static dev.sluice.api.functions.lit;
import static dev.sluice.api.functions.sum;
import static dev.sluice.plan.optimizer.PlanTestSupport.as;
import static dev.sluice.plan.optimizer.PlanTestSupport.assertIdempotent;
import static dev.sluice.plan.optimizer.PlanTestSupport.assertRewrites;
import static dev.sluice.plan.optimizer.PlanTestSupport.assertUnchanged;
import static dev.sluice.plan.optimizer.PlanTestSupport.eq;
import static dev.sluice.plan.optimizer.PlanTestSupport.gt;
import static dev.sluice.plan.optimizer.PlanTestSupport.intAttr;
import static dev.sluice.plan.optimizer.PlanTestSupport.join;
import static dev.sluice.plan.optimizer.PlanTestSupport.plus;
import static dev.sluice.plan.optimizer.PlanTestSupport.relation;
import static dev.sluice.plan.optimizer.PlanTestSupport.select;
import static dev.sluice.plan.optimizer.PlanTestSupport.stringAttr;
import static dev.sluice.plan.optimizer.PlanTestSupport.where;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.DataFrame;
import dev.sluice.api.MemoryStream;
import dev.sluice.api.Session;
import dev.sluice.api.streaming.StreamingQuery;
import dev.sluice.plan.expr.Alias;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Literal;
import dev.sluice.plan.logical.Deduplicate;
import dev.sluice.plan.logical.JoinType;
import dev.sluice.plan.logical.LocalRelation;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Project;
import dev.sluice.plan.logical.StreamingRelation;
import dev.sluice.plan.logical.Union;
import dev.sluice.types.Row;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ColumnPruning (run once): inner projections drop items nobody reads, and stream relations read
 * only the columns used. Root projections, and everything below whole-row operators, stay.
 */
class ColumnPruningTest {
  private static final Rule RULE = new ColumnPruning();
  static Session session;

  private final AttributeReference a = intAttr("a");
  private final AttributeReference b = intAttr("b");
  private final AttributeReference c = intAttr("c");
  private final AttributeReference k = intAttr("k");
  private final AttributeReference v = stringAttr("v");
  private final AttributeReference w = stringAttr("w");
  private final LocalRelation rel = relation(a, b, c);
  private final LocalRelation rel2 = relation(k, v, w);

  @BeforeAll
  static void setUp() {
    session = Session.builder().config("sluice.sql.shuffle.partitions", "2").getOrCreate();
  }

  @AfterAll
  static void tearDown() {
    session.close();
  }

  @Test
  void expandsCopyOnlyTheColumnsReadAbove() {
    // Two projections of (a, b, c): b nulled in the second. Only a is read above.
    Literal nullInt = new Literal(null, dev.sluice.types.DataTypes.IntegerType);
    AttributeReference a2 = a.newInstance();
    AttributeReference b2 = b.newInstance();
    AttributeReference c2 = c.newInstance();
    LogicalPlan expand = new dev.sluice.plan.logical.Expand(List.of(List.of(a, b, c), List.of(a, nullInt, c)),
        List.of(a2, b2, c2), rel);
    LogicalPlan before = select(expand, a2);
    LogicalPlan after = select(new dev.sluice.plan.logical.Expand(List.of(List.of(a), List.of(a)), List.of(a2),
        rel), a2);
    assertRewrites(RULE, before, after);
    assertIdempotent(RULE, before);
  }

  @Test
  void cubeCopiesOnlyTheColumnsItsAggregatesRead() {
    session.createDataFrame(List.of(Row.of(1, 2, 3, 4)), "p INT, q INT, r INT, unused INT").createOrReplaceTempView("cp");
    DataFrame df = session.sql("SELECT p, sum(r) FROM cp GROUP BY CUBE(p, q)");
    LogicalPlan optimized = new Optimizer(Optimizer.defaultBatches(ExpressionCompiler.CONSTANTS), "")
        .optimize(df.logicalPlan());
    dev.sluice.plan.logical.Expand e = optimized.collect(dev.sluice.plan.logical.Expand.class).get(0);
    assertThat(e.output().stream().map(AttributeReference::name)).doesNotContain("unused").contains("r");
    assertThat(df.collectAsList()).hasSize(4);
  }

  @Test
  void innerProjectionsDropWhatNobodyReads() {
    Alias x = as(a, "x");
    Alias y = as(plus(b, Literal.of(1)), "y");
    LogicalPlan before = select(select(rel, x, y, c), x.toAttribute());
    assertRewrites(RULE, before, select(select(rel, x), x.toAttribute()));
    assertIdempotent(RULE, before);
  }

  @Test
  void theRootProjectionKeepsEveryColumn() {
    Alias y = as(plus(b, Literal.of(1)), "y");
    assertUnchanged(RULE, select(rel, a, y, c));
  }

  @Test
  void keepsWhatFiltersRead() {
    LogicalPlan before = select(where(select(rel, a, b, c), gt(b, Literal.of(0))), a);
    assertRewrites(RULE, before, select(where(select(rel, a, b), gt(b, Literal.of(0))), a));
    assertIdempotent(RULE, before);
  }

  @Test
  void keepsJoinKeys() {
    LogicalPlan before = select(join(select(rel, a, b, c), select(rel2, k, v, w), JoinType.INNER, eq(a, k)), a, v);
    LogicalPlan expected = select(join(select(rel, a), select(rel2, k, v), JoinType.INNER, eq(a, k)), a, v);
    assertRewrites(RULE, before, expected);
    assertIdempotent(RULE, before);
  }

  @Test
  void anAggregateNeedsOnlyItsKeysAndArguments() {
    DataFrame t = session.createDataFrame(List.of(Row.of(1, 2, 3)), "a INT, b INT, c INT");
    DataFrame q = t.select("a", "b", "c").groupBy("a").agg(sum("b").alias("s"));
    LogicalPlan after = RULE.apply(q.logicalPlan());
    List<Project> projects = after.collect(Project.class);
    assertThat(projects).as(PlanTestSupport.trees(q.logicalPlan(), after)).hasSize(1);
    assertThat(projects.get(0).output().stream().map(AttributeReference::name)).containsExactly("a", "b");
    assertIdempotent(RULE, q.logicalPlan());
  }

  @Test
  void doesNotPruneBelowWholeRowOperators() {
    // Deduplicating or uniting (a, b, c) rows is not the same as doing it on fewer columns.
    assertUnchanged(RULE, select(new Deduplicate(List.of(), false, select(rel, a, b, c)), a));
    assertUnchanged(RULE, select(new Union(List.of(select(rel, a, b), select(rel, b, a))), a));
  }

  @Test
  void narrowsStreamRelations() {
    MemoryStream events = MemoryStream.create(session, "a INT, b STRING, c DOUBLE");
    DataFrame q = events.toDF().filter(col("c").gt(0)).select("a");
    LogicalPlan after = RULE.apply(q.logicalPlan());
    StreamingRelation r = after.collect(StreamingRelation.class).get(0);
    assertThat(r.output().stream().map(AttributeReference::name)).as(PlanTestSupport.trees(q.logicalPlan(), after))
        .containsExactly("a", "c");
    assertIdempotent(RULE, q.logicalPlan());
  }

  /** Catalyst's check for run-once batches, on the whole "Column pruning" batch of the optimizer. */
  @Test
  void theColumnPruningBatchIsIdempotent() {
    Optimizer.Batch batch = Optimizer.defaultBatches(ExpressionCompiler.CONSTANTS).stream()
        .filter(bt -> bt.name().equals("Column pruning")).findFirst().orElseThrow();
    assertThat(batch.rules().stream().map(Rule::name)).contains("ColumnPruning");
    Optimizer once = new Optimizer(List.of(batch), "");
    DataFrame t = session.createDataFrame(List.of(Row.of(1, 2, 3)), "a INT, b INT, c INT");
    DataFrame u = session.createDataFrame(List.of(Row.of(1, "x", "y")), "k INT, v STRING, w STRING");
    List<DataFrame> queries = List.of(
        t.select(col("a"), col("b").plus(1).alias("b1"), col("c")).filter(col("b1").gt(0)).select("a"),
        t.join(u, col("a").equalTo(col("k"))).select("a", "v").groupBy("v").agg(count("*")),
        t.select("a", "b").select("a", "b").select("a"));
    for (DataFrame q : queries) {
      LogicalPlan p1 = once.optimize(q.logicalPlan());
      LogicalPlan p2 = once.optimize(p1);
      assertThat(p2).as("the second run changed the plan\n" + PlanTestSupport.trees(p1, p2)).isEqualTo(p1);
    }
  }

  /** Pruning a stream to no column at all must still count its rows. */
  @Test
  void aStreamReadForNoColumnStillHasItsRows() throws Exception {
    MemoryStream events = MemoryStream.create(session, "a INT, b STRING");
    StreamingQuery counts = events.toDF().groupBy().count().writeStream().format("memory").queryName("pruned_counts")
        .outputMode("complete").start();
    StreamingQuery ones = events.toDF().select(lit(1).alias("one")).writeStream().format("memory")
        .queryName("pruned_ones").outputMode("append").start();
    try {
      events.addData(Row.of(1, "x"), Row.of(2, "y"), Row.of(3, "z"));
      counts.processAllAvailable();
      ones.processAllAvailable();
      assertThat(session.table("pruned_counts").collectAsList()).containsExactly(Row.of(3L));
      assertThat(session.table("pruned_ones").collectAsList()).containsExactly(Row.of(1), Row.of(1), Row.of(1));
    } finally {
      counts.stop();
      ones.stop();
    }
    DataFrame t = session.createDataFrame(List.of(Row.of(1, 2, 3), Row.of(4, 5, 6)), "a INT, b INT, c INT");
    assertThat(t.select("a", "b").agg(count("*")).collectAsList()).containsExactly(Row.of(2L));
    assertThat(new ArrayList<>(t.select("a", "b").select(lit(7)).collectAsList())).containsExactly(Row.of(7),
        Row.of(7));
  }

  @Test
  void aGeneratorCopiesOnlyTheInputColumnsReadAbove() {
    AttributeReference tags = dev.sluice.plan.optimizer.PlanTestSupport.attr("tags",
        new dev.sluice.types.ArrayType(dev.sluice.types.DataTypes.StringType, true));
    AttributeReference tag = stringAttr("tag");
    LocalRelation input = relation(a, b, tags);
    dev.sluice.plan.expr.Generator explode = new dev.sluice.plan.expr.Generator(
        dev.sluice.plan.expr.Generator.Kind.EXPLODE, false, tags);
    LogicalPlan before = select(new dev.sluice.plan.logical.Generate(explode, List.of(a, b, tags), List.of(tag),
        select(input, a, b, tags)), a, tag);
    // b is dropped below; tags is still produced (the generator reads it) but not copied per element.
    assertRewrites(RULE, before, select(new dev.sluice.plan.logical.Generate(explode, List.of(a), List.of(tag),
        select(input, a, tags)), a, tag));
    assertIdempotent(RULE, before);
  }
}
