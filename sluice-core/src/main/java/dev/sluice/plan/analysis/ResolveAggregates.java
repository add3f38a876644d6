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
    boolean analytics = false;
    for (Expression g : a.groupingExpressions()) {
      analytics |= g instanceof Unresolved.GroupingSets;
      groups.add(g instanceof Unresolved.Ordinal || g instanceof Unresolved.GroupingSets ? null
          : resolver.tryResolve(g, input, a, false));
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
    List<Expression> writtenGroups = a.groupingExpressions();
    // GROUP BY ALL, unless a column or a select item is named `all`.
    if (groups.size() == 1 && groups.get(0) == null && isGroupByAll(writtenGroups.get(0))
        && aggs.stream().noneMatch(e -> e instanceof Alias al && resolver.nameEquals(al.name(), "all")
            && !ExpressionResolver.containsAggregate(al.child()))) {
      groups = groupByAll(aggs);
      writtenGroups = groups;
    }
    List<GroupItem> items = new ArrayList<>();
    for (int i = 0; i < groups.size(); i++) {
      Expression written = writtenGroups.get(i);
      if (written instanceof Unresolved.GroupingSets gs) {
        items.add(resolveGroupingSets(gs, input, aggs, a));
        continue;
      }
      if (groups.get(i) == null) {
        groups.set(i, resolveGrouping(written, input, aggs, a));
      }
      items.add(new GroupItem(List.of(groups.get(i)), List.of(List.of(groups.get(i)))));
    }
    List<Expression> all = new ArrayList<>();
    for (GroupItem item : items) {
      all.addAll(item.columns());
    }
    for (Expression g : analytics ? all : groups) {
      if (ExpressionResolver.containsAggregate(g)) {
        throw new AnalysisException(ErrorClass.DATATYPE_MISMATCH, g.sql(),
            "aggregate functions are not allowed in GROUP BY");
      }
      if (g instanceof TimeWindow || g instanceof dev.sluice.plan.expr.SessionWindow) {
        throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, "GROUP BY", "window(...) must be a grouping item itself");
      }
    }
    if (analytics) {
      if (sessionKey >= 0) {
        throw new AnalysisException(ErrorClass.UNSUPPORTED_FEATURE,
            "session_window(...) together with CUBE, ROLLUP or GROUPING SETS; group by the session window alone");
      }
      return groupingSets(items, aggs, child);
    }
    for (Expression e : aggs) {
      if (GroupingAnalytics.containsGroupingFunction(e)) {
        throw GroupingAnalytics.unsupported(e);
      }
    }
    Aggregate out = new Aggregate(groups, aggs, child, sessionKey);
    CheckAnalysis.checkAggregate(out);
    return out;
  }

  /**
   * GROUP BY with CUBE, ROLLUP or GROUPING SETS items: the grouping sets are the cartesian product of
   * the items' sets (a plain expression is one set of itself), the grouping expressions the distinct
   * expressions of the items in order, as in Spark.
   */
  private Aggregate groupingSets(List<GroupItem> items, List<Expression> aggs, LogicalPlan child) {
    List<List<Expression>> sets = List.of(List.of());
    List<Expression> groupExprs = new ArrayList<>();
    for (GroupItem item : items) {
      List<List<Expression>> product = new ArrayList<>();
      for (List<Expression> left : sets) {
        for (List<Expression> right : item.sets()) {
          List<Expression> set = new ArrayList<>(left);
          set.addAll(right);
          product.add(set);
        }
      }
      if (product.size() > MAX_GROUPING_SETS) {
        throw new AnalysisException(ErrorClass.UNSUPPORTED_FEATURE, "a GROUP BY with more than "
            + MAX_GROUPING_SETS + " grouping sets (each input row becomes one row per set); list fewer sets");
      }
      sets = product;
      for (Expression e : item.columns()) {
        if (GroupingAnalytics.semanticIndexOf(groupExprs, e) < 0) {
          groupExprs.add(e);
        }
      }
    }
    return GroupingAnalytics.build(groupExprs, sets, aggs, child, resolver);
  }

  private static final int MAX_GROUPING_SETS = Unresolved.GroupingSets.MAX_SETS;

  /** One GROUP BY item: the grouping columns it contributes and its grouping sets. */
  private record GroupItem(List<Expression> columns, List<List<Expression>> sets) {}

  /**
   * One CUBE/ROLLUP/GROUPING SETS item with its expressions resolved like other GROUP BY items. Its
   * columns are the distinct expressions of its sets, or Hive's explicit grouping list when there is
   * one ({@code GROUP BY a, b, c GROUPING SETS ((a), (b))}: c is a grouping column that is always
   * NULL), from which the sets may only take.
   */
  private GroupItem resolveGroupingSets(Unresolved.GroupingSets gs, List<AttributeReference> input,
      List<Expression> aggs, LogicalPlan node) {
    List<Expression> resolved = new ArrayList<>();
    for (Expression c : gs.children()) {
      resolved.add(resolveGrouping(c, input, aggs, node));
    }
    List<Expression> userGiven = resolved.subList(0, gs.userGiven());
    List<List<Expression>> sets = new ArrayList<>();
    List<Expression> columns = new ArrayList<>();
    for (Expression e : userGiven) {
      if (GroupingAnalytics.semanticIndexOf(columns, e) < 0) {
        columns.add(e);
      }
    }
    for (List<Integer> positions : gs.sets()) {
      List<Expression> set = new ArrayList<>();
      for (int p : positions) {
        Expression e = resolved.get(p);
        if (gs.userGiven() > 0 && GroupingAnalytics.semanticIndexOf(userGiven, e) < 0) {
          throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, "GROUPING SETS",
              e.sql() + " is in a grouping set but not in the GROUP BY list before GROUPING SETS ("
                  + userGiven.stream().map(Expression::sql).collect(java.util.stream.Collectors.joining(", "))
                  + "); add it there");
        }
        if (gs.userGiven() == 0 && GroupingAnalytics.semanticIndexOf(columns, e) < 0) {
          columns.add(e);
        }
        set.add(e);
      }
      sets.add(set);
    }
    return new GroupItem(columns, sets);
  }

  private static boolean isGroupByAll(Expression g) {
    return g instanceof Unresolved.Attribute ua && ua.nameParts().size() == 1
        && ua.nameParts().get(0).equalsIgnoreCase("all");
  }

  /**
   * GROUP BY ALL (no column named {@code all} exists): every select item without an aggregate
   * function. None is a global aggregation, unless a column is used outside an aggregate, which Spark
   * does not guess at ({@code SELECT x + count(*) ... GROUP BY ALL}).
   */
  private static List<Expression> groupByAll(List<Expression> aggs) {
    List<Expression> groups = new ArrayList<>();
    for (Expression e : aggs) {
      if (!ExpressionResolver.containsAggregate(e)) {
        groups.add(ExpressionResolver.stripAlias(e));
      }
    }
    if (groups.isEmpty() && aggs.stream().anyMatch(ResolveAggregates::readsColumnOutsideAggregate)) {
      throw new AnalysisException(ErrorClass.UNRESOLVED_ALL_IN_GROUP_BY);
    }
    return groups;
  }

  private static boolean readsColumnOutsideAggregate(Expression e) {
    if (e instanceof dev.sluice.plan.expr.agg.AggregateExpression) {
      return false;
    }
    if (e instanceof AttributeReference) {
      return true;
    }
    return e.children().stream().anyMatch(ResolveAggregates::readsColumnOutsideAggregate);
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
