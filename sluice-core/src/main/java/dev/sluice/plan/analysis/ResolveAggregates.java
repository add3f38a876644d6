package dev.sluice.plan.analysis;

import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.plan.expr.Alias;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.Generator;
import dev.sluice.plan.expr.IsNull;
import dev.sluice.plan.expr.SessionBounds;
import dev.sluice.plan.expr.SessionWindow;
import dev.sluice.plan.expr.TimeWindow;
import dev.sluice.plan.expr.Unresolved;
import dev.sluice.plan.expr.WindowExpression;
import dev.sluice.plan.logical.Aggregate;
import dev.sluice.plan.logical.Filter;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Project;
import java.util.ArrayList;
import java.util.List;

/**
 * Aggregations: {@code GROUP BY} items (columns, expressions, select-list aliases, 1-based
 * ordinals, a {@code window(...)} or {@code session_window(...)} column computed below the
 * aggregation), the select list resolved against the grouped input, and a SELECT with aggregate
 * functions but no GROUP BY as a global aggregate. Every column outside an aggregate function must
 * be grouped ({@link CheckAnalysis#checkAggregate}).
 */
final class ResolveAggregates extends ResolutionRule {
  private final ExpressionResolver resolver;

  ResolveAggregates(ExpressionResolver r) {
    this.resolver = r;
  }

  @Override
  protected LogicalPlan resolve(LogicalPlan p) {
    if (p instanceof Aggregate a) {
      return resolveAggregate(a);
    }
    if (p instanceof Project pr && ExpressionResolver.allSettled(pr.projectList())
        && pr.projectList().stream().anyMatch(ExpressionResolver::containsAggregate)
        && !ExpressionResolver.anyContains(pr.projectList(), Generator.class)
        && !ExpressionResolver.anyContains(pr.projectList(), WindowExpression.class)) {
      // SELECT count(*) FROM t: a global aggregate.
      Aggregate agg = new Aggregate(List.of(), pr.projectList(), pr.child());
      CheckAnalysis.checkAggregate(agg);
      return agg;
    }
    return null;
  }

  private LogicalPlan resolveAggregate(Aggregate a) {
    LogicalPlan child = a.child();
    List<AttributeReference> input = child.output();
    // Grouping expressions that resolve against the input now; aliases and ordinals wait for the select list.
    List<Expression> groups = new ArrayList<>();
    for (Expression g : a.groupingExpressions()) {
      groups.add(g instanceof Unresolved.Ordinal ? null : resolver.tryResolve(g, input, a, false));
    }
    // A time window in GROUP BY becomes a `window` column computed below the aggregation.
    Expression window = null;
    AttributeReference windowAttr = null;
    int sessionKey = -1;
    for (int i = 0; i < groups.size(); i++) {
      if (groups.get(i) instanceof dev.sluice.plan.expr.SessionWindow sw) {
        if (window != null) {
          throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, "GROUP BY",
              "more than one window(...)/session_window(...) would group by a cartesian product of windows");
        }
        window = sw;
        Alias bounds = new Alias(new dev.sluice.plan.expr.SessionBounds(sw.timeColumn(), sw.gap()), "session_window");
        List<Expression> proj = new ArrayList<>(child.output());
        proj.add(bounds);
        windowAttr = bounds.toAttribute();
        child = new Filter(new dev.sluice.plan.expr.IsNull(windowAttr, true), new Project(proj, child));
        groups.set(i, windowAttr);
        sessionKey = i;
        continue;
      }
      if (groups.get(i) instanceof TimeWindow tw) {
        if (window != null) {
          throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, "GROUP BY",
              "more than one window(...) would group by a cartesian product of windows; use one window");
        }
        window = tw;
        ResolveTimeWindows.WindowedChild wc = ResolveTimeWindows.windowedChild(child, tw);
        child = wc.plan();
        windowAttr = wc.window();
        groups.set(i, windowAttr);
      }
    }
    input = child.output();
    List<Expression> aggItems = resolver.expandStars(a.aggregateExpressions(), input, a);
    List<Expression> aggs = new ArrayList<>();
    for (Expression e : aggItems) {
      Expression r = resolver.resolveExpression(e, input, a, true);
      if (window != null) {
        Expression tw = window;
        AttributeReference wa = windowAttr;
        r = r.transformDown(x -> x.equals(tw) ? wa : null);
      }
      aggs.add(ExpressionResolver.named(r));
    }
    for (int i = 0; i < groups.size(); i++) {
      if (groups.get(i) == null) {
        groups.set(i, resolveGrouping(a.groupingExpressions().get(i), input, aggs, a));
      }
    }
    for (Expression g : groups) {
      if (ExpressionResolver.containsAggregate(g)) {
        throw new AnalysisException(ErrorClass.DATATYPE_MISMATCH, g.sql(),
            "aggregate functions are not allowed in GROUP BY");
      }
      if (g instanceof TimeWindow || g instanceof dev.sluice.plan.expr.SessionWindow) {
        throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, "GROUP BY", "window(...) must be a grouping item itself");
      }
    }
    Aggregate out = new Aggregate(groups, aggs, child, sessionKey);
    CheckAnalysis.checkAggregate(out);
    return out;
  }

  /** GROUP BY items may be columns, expressions, select-list aliases or 1-based ordinals. */
  private Expression resolveGrouping(Expression g, List<AttributeReference> input, List<Expression> aggs, LogicalPlan node) {
    if (g instanceof Unresolved.Ordinal o) {
      int i = o.position();
      if (i < 1 || i > aggs.size()) {
        throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, "GROUP BY position " + i,
            "it is not in the select list (valid range is [1, " + aggs.size() + "])");
      }
      Expression target = ExpressionResolver.stripAlias(aggs.get(i - 1));
      if (ExpressionResolver.containsAggregate(target)) {
        throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, "GROUP BY position " + i,
            "it refers to an aggregate expression " + target.sql());
      }
      return target;
    }
    Expression r = resolver.tryResolve(g, input, node, false);
    if (r != null) {
      return r;
    }
    if (g instanceof Unresolved.Attribute ua && ua.nameParts().size() == 1) {
      for (Expression e : aggs) {
        if (e instanceof Alias al && resolver.nameEquals(al.name(), ua.nameParts().get(0)) && !ExpressionResolver.containsAggregate(al.child())) {
          return al.child();
        }
      }
    }
    return resolver.resolveExpression(g, input, node, false);
  }
}
