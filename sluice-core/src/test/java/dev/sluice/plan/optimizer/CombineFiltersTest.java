package dev.sluice.plan.optimizer;

import static dev.sluice.api.functions.col;
import static dev.sluice.api.functions.lit;
import static dev.sluice.plan.optimizer.PlanTestSupport.and;
import static dev.sluice.plan.optimizer.PlanTestSupport.as;
import static dev.sluice.plan.optimizer.PlanTestSupport.assertIdempotent;
import static dev.sluice.plan.optimizer.PlanTestSupport.assertRewrites;
import static dev.sluice.plan.optimizer.PlanTestSupport.assertUnchanged;
import static dev.sluice.plan.optimizer.PlanTestSupport.gt;
import static dev.sluice.plan.optimizer.PlanTestSupport.intAttr;
import static dev.sluice.plan.optimizer.PlanTestSupport.lt;
import static dev.sluice.plan.optimizer.PlanTestSupport.random;
import static dev.sluice.plan.optimizer.PlanTestSupport.relation;
import static dev.sluice.plan.optimizer.PlanTestSupport.select;
import static dev.sluice.plan.optimizer.PlanTestSupport.where;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.DataFrame;
import dev.sluice.api.Session;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.Literal;
import dev.sluice.plan.logical.LocalRelation;
import dev.sluice.types.Row;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CombineFilters: adjacent deterministic filters become one, the inner condition first. */
class CombineFiltersTest {
  private static final Rule RULE = new CombineFilters();

  private final AttributeReference a = intAttr("a");
  private final AttributeReference b = intAttr("b");
  private final AttributeReference c = intAttr("c");
  private final LocalRelation rel = relation(a, b, c);
  private final Expression pa = gt(a, Literal.of(1));
  private final Expression pb = gt(b, Literal.of(0));
  private final Expression pc = lt(c, Literal.of(5));

  @Test
  void combinesTwoFiltersInnerConditionFirst() {
    assertRewrites(RULE, where(where(rel, pa), pb), where(rel, and(pa, pb)));
  }

  @Test
  void combinesAChainInOnePass() {
    assertRewrites(RULE, where(where(where(rel, pa), pb), pc), where(rel, and(and(pa, pb), pc)));
    assertIdempotent(RULE, where(where(where(rel, pa), pb), pc));
  }

  @Test
  void doesNotCombineAcrossOtherOperators() {
    assertUnchanged(RULE, where(select(where(rel, pa), a, b), pb));
    assertUnchanged(RULE, where(rel, pa));
  }

  @Test
  void doesNotCombineWithANonDeterministicCondition() {
    Expression r = gt(random(Literal.of(7)), Literal.of(0.5));
    // The inner filter decides which rows the outer one sees (and how often random() is called).
    assertUnchanged(RULE, where(where(rel, r), pa));
    assertUnchanged(RULE, where(where(rel, pa), r));
  }

  @Test
  void combinesFiltersInsideProjections() {
    Expression x = as(a, "x");
    assertRewrites(RULE, select(where(where(rel, pa), pb), x), select(where(rel, and(pa, pb)), x));
  }

  /** The inner condition guards the outer one: b <> 0 keeps 10 / b from dividing by zero. */
  @Test
  void theInnerConditionStillGuardsTheOuterOne() {
    try (Session session = Session.builder().config("sluice.sql.shuffle.partitions", "1").getOrCreate()) {
      DataFrame t = session.createDataFrame(List.of(Row.of(0), Row.of(2), Row.of(20)), "b INT");
      DataFrame q = t.filter(col("b").notEqual(0)).filter(lit(10).divide(col("b")).gt(1));
      assertThat(q.explainString(true)).contains("Filter [((b <> 0) AND ((10.0 / b) > 1.0))]");
      assertThat(q.collectAsList()).containsExactly(Row.of(2));
    }
  }
}
