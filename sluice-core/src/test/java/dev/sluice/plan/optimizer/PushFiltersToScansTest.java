package dev.sluice.plan.optimizer;

import static dev.sluice.api.functions.col;
import static dev.sluice.api.functions.rand;
import static dev.sluice.plan.optimizer.PlanTestSupport.assertIdempotent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.DataFrame;
import dev.sluice.api.MemoryStream;
import dev.sluice.api.Session;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.logical.DataSourceRelation;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.StreamingRelation;
import dev.sluice.types.Row;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PushFiltersToScans (run once): the deterministic conjuncts of a filter right above a batch or
 * stream read, through aliases, go to the read; the filter stays; nothing else is pushed.
 */
class PushFiltersToScansTest {
  private static final Rule RULE = new PushFiltersToScans();
  static Session session;

  @BeforeAll
  static void start() {
    session = Session.builder().getOrCreate();
  }

  @AfterAll
  static void stop() {
    session.close();
  }

  private static List<String> pushed(List<Expression> filters) {
    return filters.stream().map(Expression::sql).toList();
  }

  @Test
  void aStreamReadGetsTheDeterministicConjunctsThroughAnAlias() {
    MemoryStream events = MemoryStream.create(session, "a INT, b STRING");
    DataFrame q = events.toDF().alias("e").filter(col("a").gt(1).and(rand(3).gt(0.5)).and(col("b").isNotNull()));
    LogicalPlan after = RULE.apply(q.logicalPlan());
    StreamingRelation r = after.collect(StreamingRelation.class).get(0);
    assertThat(pushed(r.pushedFilters())).as(PlanTestSupport.trees(q.logicalPlan(), after))
        .containsExactly("(a > 1)", "(b IS NOT NULL)");
    assertThat(after.treeString()).contains("Filter").contains("PushedFilters: [(a > 1), (b IS NOT NULL)]");
    assertIdempotent(RULE, q.logicalPlan());
  }

  @Test
  void aFilterNotRightAboveTheReadPushesNothing(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("p.json"), "{\"k\":\"x\",\"n\":1}\n{\"k\":\"y\",\"n\":5}\n");
    DataFrame grouped = session.read().schema("k STRING, n INT").json(dir.toString()).groupBy("k").count()
        .filter(col("count").gt(0));
    LogicalPlan after = RULE.apply(grouped.logicalPlan());
    assertThat(after.collect(DataSourceRelation.class).get(0).pushedFilters()).isEmpty();
    PlanTestSupport.assertUnchanged(RULE, grouped.logicalPlan());
  }

  @Test
  void aBatchReadIsFilteredByTheConnectorAndTheFilterAlike(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("p.json"), "{\"k\":\"x\",\"n\":1}\n{\"k\":\"y\",\"n\":5}\n{\"k\":null,\"n\":7}\n");
    DataFrame q = session.read().schema("k STRING, n INT").json(dir.toString()).filter("n > 2 AND k IS NOT NULL");
    assertThat(q.explainString(true)).contains("PushedFilters: [(n > 2), (k IS NOT NULL)]");
    assertThat(q.collectAsList()).containsExactly(Row.of("y", 5));
  }
}
