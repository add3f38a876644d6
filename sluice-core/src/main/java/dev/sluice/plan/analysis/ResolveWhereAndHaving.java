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
 * aggregate calls are computed by the Aggregate (see {@link AboveAggregate}), or over a projection
 * that dropped a column it reads (the column is kept below the filter and dropped above it). An
 * aggregate function in a WHERE is refused; the condition must be a BOOLEAN.
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
    if (cond == null && child instanceof Project proj) {
      // df.select("a").where("b > 1"), as Spark's ResolveMissingReferences: a column the projection
      // dropped is added below it for the filter and projected away above.
      Expression below = resolver.tryResolve(f.condition(), proj.child().output(), f, false);
      if (below != null && !ExpressionResolver.containsAggregate(below)
          && !GroupingAnalytics.containsGroupingFunction(below)) {
        List<Expression> extended = new java.util.ArrayList<>(proj.projectList());
        for (AttributeReference ref : below.references()) {
          if (!proj.output().contains(ref) && !extended.contains(ref)) {
            extended.add(ref);
          }
        }
        Expression c = resolver.tryResolve(f.condition(), new Project(extended, proj.child()).output(), f, false);
        if (c != null) {
          return new Project(proj.output(), new Filter(resolver.bool(c, "WHERE"), new Project(extended, proj.child())));
        }
      }
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
