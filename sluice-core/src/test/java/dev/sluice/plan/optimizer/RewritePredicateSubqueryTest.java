package dev.sluice.plan.optimizer;

import static dev.sluice.plan.optimizer.PlanTestSupport.assertIdempotent;
import static dev.sluice.plan.optimizer.PlanTestSupport.assertRewrites;
import static dev.sluice.plan.optimizer.PlanTestSupport.assertUnchanged;
import static dev.sluice.plan.optimizer.PlanTestSupport.eq;
import static dev.sluice.plan.optimizer.PlanTestSupport.gt;
import static dev.sluice.plan.optimizer.PlanTestSupport.intAttr;
import static dev.sluice.plan.optimizer.PlanTestSupport.isNull;
import static dev.sluice.plan.optimizer.PlanTestSupport.join;
import static dev.sluice.plan.optimizer.PlanTestSupport.lit;
import static dev.sluice.plan.optimizer.PlanTestSupport.not;
import static dev.sluice.plan.optimizer.PlanTestSupport.or;
import static dev.sluice.plan.optimizer.PlanTestSupport.relation;
import static dev.sluice.plan.optimizer.PlanTestSupport.select;
import static dev.sluice.plan.optimizer.PlanTestSupport.trees;
import static dev.sluice.plan.optimizer.PlanTestSupport.where;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.exec.eval.ExpressionCompiler;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Exists;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.InSubquery;
import dev.sluice.plan.expr.OuterReference;
import dev.sluice.plan.logical.ExistenceJoin;
import dev.sluice.plan.logical.Join;
import dev.sluice.plan.logical.JoinType;
import dev.sluice.plan.logical.Limit;
import dev.sluice.plan.logical.LocalRelation;
import dev.sluice.plan.logical.LogicalPlan;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RewritePredicateSubquery: EXISTS / IN conjuncts of a filter become semi and anti joins (NOT IN a
 * null-aware one), correlated predicates move into the join condition, and subqueries elsewhere become
 * existence joins.
 */
class RewritePredicateSubqueryTest {
  private static final Rule RULE = new RewritePredicateSubquery(ExpressionCompiler.CONSTANTS);

  private final AttributeReference a = intAttr("a");
  private final AttributeReference b = intAttr("b");
  private final AttributeReference x = intAttr("x");
  private final AttributeReference y = intAttr("y");
  private final LocalRelation outer = relation(a, b);
  private final LocalRelation inner = relation(x, y);

  @Test
  void inConjunctBecomesALeftSemiJoinBelowTheOtherConjuncts() {
    LogicalPlan before = where(outer, PlanTestSupport.and(gt(b, lit(0)), new InSubquery(List.of(a), select(inner, x))));
    assertRewrites(RULE, before, join(where(outer, gt(b, lit(0))), select(inner, x), JoinType.LEFT_SEMI, eq(a, x)));
    assertIdempotent(RULE, before);
  }

  @Test
  void correlatedExistsPullsItsPredicateIntoTheJoin() {
    Expression correlated = eq(y, new OuterReference(b));
    LogicalPlan before = where(outer, new Exists(select(where(inner, PlanTestSupport.and(correlated, gt(x, lit(1)))),
        lit(1))));
    // The select list of an EXISTS does not matter: what remains is the uncorrelated filter.
    assertRewrites(RULE, before, join(outer, where(inner, gt(x, lit(1))), JoinType.LEFT_SEMI, eq(y, b)));
    LogicalPlan notExists = where(outer, not(new Exists(where(inner, correlated))));
    assertRewrites(RULE, notExists, join(outer, inner, JoinType.LEFT_ANTI, eq(y, b)));
  }

  @Test
  void notInIsANullAwareAntiJoin() {
    LogicalPlan before = where(outer, not(new InSubquery(List.of(a), select(inner, x))));
    assertRewrites(RULE, before, join(outer, select(inner, x), JoinType.LEFT_ANTI, or(eq(a, x), isNull(eq(a, x)))));
  }

  @Test
  void uncorrelatedExistsNeedsOneRow() {
    LogicalPlan before = where(outer, new Exists(inner));
    assertRewrites(RULE, before, join(outer, new Limit(1, inner), JoinType.LEFT_SEMI, null));
  }

  @Test
  void inUnderOrBecomesAnExistenceJoin() {
    LogicalPlan before = where(outer, or(gt(b, lit(0)), new Exists(where(inner, eq(y, new OuterReference(b))))));
    LogicalPlan after = RULE.apply(before);
    assertThat(after.collect(ExistenceJoin.class)).as(trees(before, after)).hasSize(1);
    assertThat(after.collect(Join.class)).as(trees(before, after)).isEmpty();
    assertThat(after.output()).isEqualTo(before.output());
    assertIdempotent(RULE, before);
  }

  @Test
  void leavesPlansWithoutSubqueriesAlone() {
    assertUnchanged(RULE, where(outer, gt(a, lit(1))));
    assertUnchanged(RULE, join(outer, inner, JoinType.INNER, eq(a, x)));
  }
}
