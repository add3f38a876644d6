package dev.sluice.plan.optimizer;

import static dev.sluice.plan.optimizer.PlanTestSupport.as;
import static dev.sluice.plan.optimizer.PlanTestSupport.assertIdempotent;
import static dev.sluice.plan.optimizer.PlanTestSupport.assertUnchanged;
import static dev.sluice.plan.optimizer.PlanTestSupport.eq;
import static dev.sluice.plan.optimizer.PlanTestSupport.intAttr;
import static dev.sluice.plan.optimizer.PlanTestSupport.relation;
import static dev.sluice.plan.optimizer.PlanTestSupport.select;
import static dev.sluice.plan.optimizer.PlanTestSupport.trees;
import static dev.sluice.plan.optimizer.PlanTestSupport.where;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.exec.eval.ExpressionCompiler;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.CaseWhen;
import dev.sluice.plan.expr.OuterReference;
import dev.sluice.plan.expr.ScalarSubquery;
import dev.sluice.plan.expr.agg.AggregateExpression;
import dev.sluice.plan.expr.agg.Count;
import dev.sluice.plan.expr.agg.MinMax;
import dev.sluice.plan.logical.Aggregate;
import dev.sluice.plan.logical.Join;
import dev.sluice.plan.logical.JoinType;
import dev.sluice.plan.logical.LocalRelation;
import dev.sluice.plan.logical.LogicalPlan;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RewriteCorrelatedScalarSubquery: a correlated aggregate becomes a left outer join on the correlation
 * keys, grouped by them; count(*) gets its value over no rows where no group matched.
 */
class RewriteCorrelatedScalarSubqueryTest {
  private static final Rule RULE = new RewriteCorrelatedScalarSubquery(ExpressionCompiler.CONSTANTS);

  private final AttributeReference a = intAttr("a");
  private final AttributeReference x = intAttr("x");
  private final AttributeReference y = intAttr("y");
  private final LocalRelation outer = relation(a);
  private final LocalRelation inner = relation(x, y);

  private LogicalPlan subquery(AggregateExpression agg) {
    return new Aggregate(List.of(), List.of(as(agg, "v")), where(inner, eq(x, new OuterReference(a))));
  }

  @Test
  void aCorrelatedAggregateIsALeftOuterJoinOnItsGroupingKey() {
    LogicalPlan before = select(outer, a, as(new ScalarSubquery(subquery(new AggregateExpression(
        new MinMax(y, false), false, null))), "m"));
    LogicalPlan after = RULE.apply(before);
    Join j = after.collect(Join.class).get(0);
    assertThat(j.joinType()).as(trees(before, after)).isEqualTo(JoinType.LEFT_OUTER);
    assertThat(j.condition()).as(trees(before, after)).isEqualTo(eq(x, a));
    assertThat(((Aggregate) j.right()).groupingExpressions()).containsExactly(x);
    // max over no rows is NULL: no count-bug column needed.
    assertThat(after.exists(p -> p.expressions().stream().anyMatch(e -> e.exists(c -> c instanceof CaseWhen))))
        .isFalse();
    assertThat(after.output()).isEqualTo(before.output());
    assertIdempotent(RULE, before);
  }

  @Test
  void countOverNoRowsIsZeroWhereNoGroupMatched() {
    LogicalPlan before = select(outer, a, as(new ScalarSubquery(subquery(new AggregateExpression(
        new Count(List.of()), false, null))), "n"));
    LogicalPlan after = RULE.apply(before);
    assertThat(after.exists(p -> p.expressions().stream().anyMatch(e -> e.exists(c -> c instanceof CaseWhen))))
        .as(trees(before, after)).isTrue();
  }

  @Test
  void leavesUncorrelatedScalarSubqueriesToBeComputedOnce() {
    LogicalPlan uncorrelated = new Aggregate(List.of(), List.of(as(new AggregateExpression(new Count(List.of()), false,
        null), "n")), inner);
    assertUnchanged(RULE, select(outer, a, as(new ScalarSubquery(uncorrelated), "n")));
  }
}
