package dev.sluice.plan.optimizer;

import static dev.sluice.plan.optimizer.PlanTestSupport.as;
import static dev.sluice.plan.optimizer.PlanTestSupport.assertIdempotent;
import static dev.sluice.plan.optimizer.PlanTestSupport.assertRewrites;
import static dev.sluice.plan.optimizer.PlanTestSupport.assertUnchanged;
import static dev.sluice.plan.optimizer.PlanTestSupport.gt;
import static dev.sluice.plan.optimizer.PlanTestSupport.intAttr;
import static dev.sluice.plan.optimizer.PlanTestSupport.relation;
import static dev.sluice.plan.optimizer.PlanTestSupport.select;
import static dev.sluice.plan.optimizer.PlanTestSupport.where;

import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Literal;
import dev.sluice.plan.logical.LocalRelation;
import dev.sluice.plan.logical.LogicalPlan;
import org.junit.jupiter.api.Test;

/** RemoveNoopProject: a projection of exactly the child's columns, in order, with their names, goes away. */
class RemoveNoopProjectTest {
  private static final Rule RULE = new RemoveNoopProject();

  private final AttributeReference a = intAttr("a");
  private final AttributeReference b = intAttr("b");
  private final LocalRelation rel = relation(a, b);

  @Test
  void removesAnIdentityProjection() {
    assertRewrites(RULE, select(rel, a, b), rel);
    LogicalPlan nested = select(where(select(rel, a, b), gt(a, Literal.of(1))), a, b);
    assertRewrites(RULE, nested, where(rel, gt(a, Literal.of(1))));
    assertIdempotent(RULE, nested);
  }

  @Test
  void keepsProjectionsThatChangeTheOutput() {
    assertUnchanged(RULE, select(rel, b, a));                  // reorders
    assertUnchanged(RULE, select(rel, a));                     // drops a column
    assertUnchanged(RULE, select(rel, a, b, a));               // repeats one
    assertUnchanged(RULE, select(rel, a.withName("renamed"), b));   // renames (same column id)
    assertUnchanged(RULE, select(rel, as(a, "a"), b));          // a new column, even with the same name
  }
}
