package dev.sluice.plan.analysis;

import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.ScalarSubquery;
import dev.sluice.plan.expr.SubqueryExpression;
import dev.sluice.plan.expr.agg.AggregateExpression;
import dev.sluice.plan.logical.Aggregate;
import dev.sluice.plan.logical.Filter;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Project;
import dev.sluice.plan.logical.SubqueryAlias;

/**
 * The checks of Spark's checkSubqueryExpression that Sluice shares: every subquery's plan passes
 * {@link CheckAnalysis} itself, and a correlated scalar subquery must be an aggregation (one value
 * per outer row) held by a node that can host it (a projection, a filter or an aggregation).
 */
final class CheckSubqueries {
  private CheckSubqueries() {}

  static void check(LogicalPlan holder, SubqueryExpression sq) {
    CheckAnalysis.check(sq.plan());
    sq.plan().foreach(p -> p.expressions().forEach(e -> e.foreach(x -> {
      if (x instanceof AggregateExpression ae && ae.exists(y -> y instanceof dev.sluice.plan.expr.OuterReference)) {
        // An aggregate of the enclosing query's rows would have to be computed by the enclosing aggregation.
        throw new AnalysisException(ErrorClass.UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY, "CORRELATED_REFERENCE",
            "Expressions referencing the outer query are not supported outside of WHERE/HAVING clauses: "
                + ae.sql() + " in a subquery aggregates columns of the enclosing query");
      }
    })));
    if (!(sq instanceof ScalarSubquery) || !sq.correlated()) {
      return;
    }
    LogicalPlan q = sq.plan();
    while (q instanceof SubqueryAlias || q instanceof Project) {
      q = q.children().get(0);
    }
    if (q instanceof Filter f && f.child() instanceof Aggregate) {
      q = f.child();
    }
    if (!(q instanceof Aggregate a) || a.aggregateExpressions().stream()
        .noneMatch(e -> e.exists(x -> x instanceof AggregateExpression))) {
      throw new AnalysisException(ErrorClass.UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY,
          "MUST_AGGREGATE_CORRELATED_SCALAR_SUBQUERY", "Correlated scalar subqueries must be aggregated to return at "
              + "most one row: " + sq.sql() + "; compute an aggregate such as max(...) or first(...) in it");
    }
    Aggregate agg = (Aggregate) q;
    for (Expression g : agg.groupingExpressions()) {
      if (g.exists(x -> x instanceof dev.sluice.plan.expr.OuterReference)) {
        throw new AnalysisException(ErrorClass.UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY, "CORRELATED_REFERENCE",
            "Expressions referencing the outer query are not supported outside of WHERE/HAVING clauses: GROUP BY "
                + g.sql() + " in " + sq.sql());
      }
    }
    if (!(holder instanceof Project || holder instanceof Filter || holder instanceof Aggregate)) {
      throw new AnalysisException(ErrorClass.UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY,
          "UNSUPPORTED_CORRELATED_SCALAR_SUBQUERY", "Correlated scalar subqueries can only be used in filters, "
              + "aggregations, projections, and UPDATE/MERGE/DELETE commands, not in a " + holder.nodeName());
    }
  }

  /** Checks every subquery held by the expressions of {@code holder}. */
  static void checkAll(LogicalPlan holder) {
    for (Expression e : holder.expressions()) {
      e.foreach(x -> {
        if (x instanceof SubqueryExpression sq) {
          check(holder, sq);
        }
      });
    }
  }
}
