package dev.sluice.plan.analysis;

import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.logical.Aggregate;
import dev.sluice.plan.logical.Filter;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Project;
import java.util.List;

/**
 * A filter's condition: a WHERE over the input's columns, or, over an aggregation, a HAVING whose
 * aggregate calls are computed by the Aggregate (see {@link AboveAggregate}). An aggregate function
 * in a WHERE is refused; the condition must be a BOOLEAN.
 */
final class ResolveWhereAndHaving extends ResolutionRule {
  private final ExpressionResolver resolver;
  private final AboveAggregate above;

  ResolveWhereAndHaving(ExpressionResolver r) {
    this.resolver = r;
    this.above = new AboveAggregate(r);
  }

  @Override
  protected LogicalPlan resolve(LogicalPlan p) {
    return p instanceof Filter f ? resolveFilter(f) : null;
  }

  private LogicalPlan resolveFilter(Filter f) {
    List<AttributeReference> input = f.child().output();
    Expression cond = resolver.tryResolve(f.condition(), input, f, false);
    if (cond != null && !ExpressionResolver.containsAggregate(cond)
        && !GroupingAnalytics.containsGroupingFunction(cond)) {
      return new Filter(resolver.bool(cond, "WHERE"), f.child());
    }
    LogicalPlan child = f.child();
    if (child instanceof Aggregate agg) {
      // HAVING: resolve against the aggregate's input, then route aggregates through the Aggregate.
      Expression c = above.resolveHavingOrOrder(f.condition(), agg, f);
      AboveAggregate.Rewritten rw = above.pushIntoAggregate(List.of(c), agg);
      Filter filtered = new Filter(resolver.bool(rw.exprs().get(0), "HAVING"), rw.aggregate());
      return rw.added() ? new Project(agg.output(), filtered) : filtered;
    }
    if (cond != null && !ExpressionResolver.containsAggregate(cond)) {
      throw GroupingAnalytics.unsupported(cond);
    }
    if (cond != null) {
      throw new AnalysisException(ErrorClass.AGGREGATE_IN_WHERE, cond.sql());
    }
    return new Filter(resolver.bool(resolver.resolveExpression(f.condition(), input, f, false), "WHERE"), f.child());
  }
}
