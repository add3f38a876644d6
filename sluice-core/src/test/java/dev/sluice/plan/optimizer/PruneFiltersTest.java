package dev.sluice.plan.optimizer;

import static dev.sluice.plan.optimizer.PlanTestSupport.as;
import static dev.sluice.plan.optimizer.PlanTestSupport.assertIdempotent;
import static dev.sluice.plan.optimizer.PlanTestSupport.assertRewrites;
import static dev.sluice.plan.optimizer.PlanTestSupport.assertUnchanged;
import static dev.sluice.plan.optimizer.PlanTestSupport.gt;
import static dev.sluice.plan.optimizer.PlanTestSupport.intAttr;
import static dev.sluice.plan.optimizer.PlanTestSupport.nullBoolean;
import static dev.sluice.plan.optimizer.PlanTestSupport.relation;
import static dev.sluice.plan.optimizer.PlanTestSupport.select;
import static dev.sluice.plan.optimizer.PlanTestSupport.where;

import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.Literal;
import dev.sluice.plan.logical.LocalRelation;
import org.junit.jupiter.api.Test;

/** PruneFilters: a filter whose condition is the constant TRUE goes away. */
class PruneFiltersTest {
  private static final Rule RULE = new PruneFilters();

  private final AttributeReference a = intAttr("a");
  private final LocalRelation rel = relation(a);

  @Test
  void removesAlwaysTrueFilters() {
    assertRewrites(RULE, where(rel, Literal.TRUE), rel);
    Expression x = as(a, "x");
    assertRewrites(RULE, select(where(where(rel, Literal.TRUE), Literal.TRUE), x), select(rel, x));
    assertIdempotent(RULE, select(where(where(rel, Literal.TRUE), Literal.TRUE), x));
  }

  @Test
  void keepsFiltersThatRemoveRows() {
    // FALSE and NULL keep no row at all: removing those filters would return every row.
    assertUnchanged(RULE, where(rel, Literal.FALSE));
    assertUnchanged(RULE, where(rel, nullBoolean()));
    assertUnchanged(RULE, where(rel, gt(a, Literal.of(1))));
  }

  @Test
  void aTrueThatIsNotALiteralIsLeftToConstantFolding() {
    assertUnchanged(RULE, where(rel, gt(Literal.of(2), Literal.of(1))));
  }
}
