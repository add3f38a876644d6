package dev.sluice.plan.analysis;

import dev.sluice.plan.expr.Alias;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.Unresolved;
import dev.sluice.plan.expr.agg.AggregateExpression;
import dev.sluice.plan.logical.Aggregate;
import dev.sluice.plan.logical.LogicalPlan;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Expressions of a HAVING or ORDER BY that sits above an aggregation: resolved against the
 * aggregate's output first (its aliases), else its input, and rewritten to reference only the
 * aggregate's output, adding the aggregate calls and grouping expressions they need as hidden items.
 */
final class AboveAggregate {
  private final ExpressionResolver resolver;

  AboveAggregate(ExpressionResolver r) {
    this.resolver = r;
  }

  /** Resolves a HAVING / ORDER BY expression over an aggregate: against its output first, else its input. */
  Expression resolveHavingOrOrder(Expression e, Aggregate agg, LogicalPlan node) {
    List<AttributeReference> out = agg.output();
    GroupingAnalytics ga = GroupingAnalytics.of(agg);
    // Over CUBE/ROLLUP/GROUPING SETS, names mean the input columns as in the select list (rewritten below).
    List<AttributeReference> in = ga != null ? ga.input : agg.child().output();
    // Output aliases win for plain names (ORDER BY cnt), input columns otherwise.
    Expression resolved = e.transformUp(x -> {
      if (x instanceof Unresolved.Attribute ua) {
        Expression r = resolver.resolveName(ua.nameParts(), out);
        if (r == null) {
          r = resolver.resolveName(ua.nameParts(), in);
        }
        if (r == null) {
          r = ExpressionResolver.virtualColumn(ua);
        }
        if (r == null) {
          throw resolver.unresolved(ua, ExpressionResolver.concat(out, in));
        }
        return r;
      }
      return resolver.resolveOne(x, node);
    });
    return forGroupingSets(resolved, agg);
  }

  /**
   * A resolved HAVING / ORDER BY expression over a CUBE/ROLLUP/GROUPING SETS aggregation, rewritten to
   * read its expanded grouping columns and grouping id; over a plain aggregation, grouping() and
   * grouping_id() are an error.
   */
  Expression forGroupingSets(Expression e, Aggregate agg) {
    GroupingAnalytics ga = GroupingAnalytics.of(agg);
    if (ga != null) {
      return ga.rewrite(e, agg, resolver);
    }
    if (GroupingAnalytics.containsGroupingFunction(e)) {
      throw GroupingAnalytics.unsupported(e);
    }
    return e;
  }

  record Rewritten(List<Expression> exprs, Aggregate aggregate, boolean added) {}

  /**
   * Rewrites expressions that sit above an Aggregate so they only reference its output: aggregate
   * calls and grouping expressions are matched to existing select items or added as hidden items.
   */
  Rewritten pushIntoAggregate(List<Expression> exprs, Aggregate agg) {
    List<Expression> aggList = new ArrayList<>(agg.aggregateExpressions());
    Set<AttributeReference> outputSet = new HashSet<>(agg.output());
    boolean[] added = {false};
    List<Expression> out = new ArrayList<>();
    for (Expression e : exprs) {
      out.add(e.transformDown(x -> {
        if (x instanceof AttributeReference a && outputSet.contains(a)) {
          return a;
        }
        if (x instanceof AggregateExpression || agg.groupingExpressions().contains(x)
            || (x instanceof AttributeReference a && !outputSet.contains(a))) {
          for (Expression item : aggList) {
            if (item instanceof Alias al && al.child().equals(x)) {
              return al.toAttribute();
            }
            if (item instanceof AttributeReference ar && ar.equals(x)) {
              return ar;
            }
          }
          Alias hidden = new Alias(x, x instanceof AttributeReference a ? a.name() : x.sql());
          aggList.add(hidden);
          added[0] = true;
          return hidden.toAttribute();
        }
        return null;
      }));
    }
    Aggregate newAgg = new Aggregate(agg.groupingExpressions(), aggList, agg.child(), agg.sessionKey());
    if (added[0]) {
      CheckAnalysis.checkAggregate(newAgg);
    }
    return new Rewritten(out, newAgg, added[0]);
  }
}
