package dev.sluice.plan.optimizer;

import static dev.sluice.plan.optimizer.PlanTestSupport.as;
import static dev.sluice.plan.optimizer.PlanTestSupport.assertIdempotent;
import static dev.sluice.plan.optimizer.PlanTestSupport.assertRewrites;
import static dev.sluice.plan.optimizer.PlanTestSupport.assertUnchanged;
import static dev.sluice.plan.optimizer.PlanTestSupport.gt;
import static dev.sluice.plan.optimizer.PlanTestSupport.intAttr;
import static dev.sluice.plan.optimizer.PlanTestSupport.plus;
import static dev.sluice.plan.optimizer.PlanTestSupport.random;
import static dev.sluice.plan.optimizer.PlanTestSupport.relation;
import static dev.sluice.plan.optimizer.PlanTestSupport.select;
import static dev.sluice.plan.optimizer.PlanTestSupport.times;
import static dev.sluice.plan.optimizer.PlanTestSupport.where;

import dev.sluice.plan.expr.Alias;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Literal;
import dev.sluice.plan.logical.LocalRelation;
import dev.sluice.plan.logical.LogicalPlan;
import org.junit.jupiter.api.Test;

/** CollapseProject: a projection over a projection becomes one, substituting the inner aliases. */
class CollapseProjectTest {
  private static final Rule RULE = new CollapseProject();

  private final AttributeReference a = intAttr("a");
  private final AttributeReference b = intAttr("b");
  private final LocalRelation rel = relation(a, b);

  @Test
  void substitutesInnerAliases() {
    Alias x = as(times(a, Literal.of(2)), "x");
    Alias y = as(plus(x.toAttribute(), Literal.of(1)), "y");
    LogicalPlan before = select(select(rel, x, b), y, b);
    LogicalPlan expected = select(rel, new Alias(plus(times(a, Literal.of(2)), Literal.of(1)), "y", y.exprId()), b);
    assertRewrites(RULE, before, expected);
  }

  @Test
  void aPassedThroughAliasKeepsItsNameAndId() {
    Alias x = as(times(a, Literal.of(2)), "x");
    LogicalPlan before = select(select(rel, x, b), x.toAttribute());
    LogicalPlan after = assertRewrites(RULE, before, select(rel, x));
    assertRewrites(RULE, after, after);
  }

  @Test
  void collapsesAChainInOnePass() {
    Alias x = as(plus(a, Literal.of(1)), "x");
    Alias y = as(plus(x.toAttribute(), Literal.of(2)), "y");
    Alias z = as(plus(y.toAttribute(), Literal.of(3)), "z");
    LogicalPlan before = select(select(select(rel, x), y), z);
    LogicalPlan expected = select(rel,
        new Alias(plus(plus(plus(a, Literal.of(1)), Literal.of(2)), Literal.of(3)), "z", z.exprId()));
    assertRewrites(RULE, before, expected);
    assertIdempotent(RULE, before);
  }

  @Test
  void doesNotCollapseOverANonDeterministicProjection() {
    // Collapsing would turn one random value per row into two different ones.
    Alias r = as(random(Literal.of(1)), "r");
    LogicalPlan before = select(select(rel, r), as(plus(r.toAttribute(), Literal.of(1.0)), "r1"),
        as(times(r.toAttribute(), Literal.of(2.0)), "r2"));
    assertUnchanged(RULE, before);
    assertUnchanged(RULE, select(select(rel, r, a), a));
  }

  @Test
  void doesNotRepeatAnExpensiveExpression() {
    Alias x = as(times(a, b), "x");
    assertUnchanged(RULE, select(select(rel, x), as(plus(x.toAttribute(), Literal.of(1)), "p"),
        as(plus(x.toAttribute(), Literal.of(2)), "q")));
  }

  @Test
  void repeatsCheapAliasesOfColumnsAndLiterals() {
    Alias c = as(a, "c");
    Alias one = as(Literal.of(1), "one");
    Alias p = as(plus(c.toAttribute(), one.toAttribute()), "p");
    Alias q = as(times(c.toAttribute(), one.toAttribute()), "q");
    LogicalPlan before = select(select(rel, c, one), p, q);
    LogicalPlan expected = select(rel, new Alias(plus(a, Literal.of(1)), "p", p.exprId()),
        new Alias(times(a, Literal.of(1)), "q", q.exprId()));
    assertRewrites(RULE, before, expected);
  }

  @Test
  void doesNotCollapseAcrossOtherOperators() {
    Alias x = as(plus(a, Literal.of(1)), "x");
    assertUnchanged(RULE, select(where(select(rel, x), gt(x.toAttribute(), Literal.of(0))), x.toAttribute()));
  }
}
