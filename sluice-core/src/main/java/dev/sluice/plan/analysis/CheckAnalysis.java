package dev.sluice.plan.analysis;

import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.Unresolved;
import dev.sluice.plan.expr.agg.AggregateExpression;
import dev.sluice.plan.logical.Aggregate;
import dev.sluice.plan.logical.Filter;
import dev.sluice.plan.logical.LogicalPlan;

/** Final checks after resolution: nothing unresolved is left, aggregates are well formed. */
final class CheckAnalysis {
  private CheckAnalysis() {}

  static void check(LogicalPlan plan) {
    plan.foreach(CheckSubqueries::checkAll);
    // grouping()/grouping_id() left anywhere means there was no CUBE, ROLLUP or GROUPING SETS to read.
    plan.foreach(p -> {
      for (Expression e : p.expressions()) {
        if (GroupingAnalytics.containsGroupingFunction(e)) {
          throw GroupingAnalytics.unsupported(e);
        }
      }
    });
    plan.foreach(p -> {
      for (Expression e : p.expressions()) {
        e.foreach(x -> {
          if (x instanceof Unresolved u) {
            throw new AnalysisException(ErrorClass.UNRESOLVED_COLUMN, "`" + u.sql() + "`",
                String.join(", ", p.childOutput().stream().map(a -> "`" + a.name() + "`").toList()));
          }
        });
        if (!e.resolved()) {
          String err = firstTypeError(e);
          throw new AnalysisException(ErrorClass.DATATYPE_MISMATCH, "\"" + e.sql() + "\"",
              err == null ? "the expression could not be resolved" : err);
        }
      }
      if (!(p instanceof dev.sluice.plan.logical.Window)) {
        for (Expression e : p.expressions()) {
          if (e.exists(x -> x instanceof dev.sluice.plan.expr.WindowExpression)) {
            String where = p instanceof Filter ? "WHERE (or HAVING)" : p.nodeName();
            throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, e.sql(), "It is not allowed to use window "
                + "functions inside " + where + "; compute the window function in a subquery and filter or group "
                + "on its result");
          }
        }
      }
      if (p instanceof Filter f && Analyzer.containsAggregate(f.condition())) {
        throw new AnalysisException(ErrorClass.AGGREGATE_IN_WHERE, f.condition().sql());
      }
      if (!(p instanceof Aggregate)) {
        for (Expression e : p.expressions()) {
          if (Analyzer.containsAggregate(e)) {
            throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, e.sql(),
                "aggregate functions are only allowed in SELECT, HAVING and ORDER BY of an aggregation");
          }
        }
      }
      if (!p.resolved()) {
        throw new AnalysisException(ErrorClass.INTERNAL_ERROR, "Plan node could not be resolved:\n" + p.treeString());
      }
    });
  }

  private static String firstTypeError(Expression e) {
    String[] out = {null};
    e.foreach(x -> {
      if (out[0] == null && x.childrenResolved()) {
        String err = x.checkInputTypes();
        if (err != null) {
          out[0] = err;
        }
      }
    });
    return out[0];
  }

  /** Every column outside an aggregate function must be a grouping expression (or part of one). */
  static void checkAggregate(Aggregate agg) {
    for (Expression e : agg.aggregateExpressions()) {
      if (GroupingAnalytics.containsGroupingFunction(e)) {
        throw GroupingAnalytics.unsupported(e);
      }
      checkGrouped(e, agg);
    }
  }

  private static void checkGrouped(Expression e, Aggregate agg) {
    if (agg.groupingExpressions().contains(e)) {
      return;
    }
    if (e instanceof AggregateExpression ae) {
      for (Expression c : ae.function().children()) {
        if (Analyzer.containsAggregate(c)) {
          throw new AnalysisException(ErrorClass.NESTED_AGGREGATE_FUNCTION, ae.sql());
        }
      }
      return;
    }
    if (e instanceof AttributeReference a) {
      throw new AnalysisException(ErrorClass.MISSING_AGGREGATION, "\"" + a.name() + "\"", a.name());
    }
    for (Expression c : e.children()) {
      checkGrouped(c, agg);
    }
  }
}
