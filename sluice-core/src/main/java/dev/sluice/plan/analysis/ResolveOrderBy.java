package dev.sluice.plan.analysis;

import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.SortOrder;
import dev.sluice.plan.expr.Unresolved;
import dev.sluice.plan.logical.Aggregate;
import dev.sluice.plan.logical.Filter;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Project;
import dev.sluice.plan.logical.Sort;
import dev.sluice.types.ValueOrdering;
import java.util.ArrayList;
import java.util.List;

/**
 * ORDER BY: 1-based ordinals into the select list, sort keys over an aggregation (aggregate calls and
 * grouping expressions routed through the Aggregate), and keys on columns the SELECT list dropped
 * (added below the sort and projected away above it). Sort keys must be of an orderable type.
 */
final class ResolveOrderBy extends ResolutionRule {
  private final ExpressionResolver resolver;
  private final AboveAggregate above;

  ResolveOrderBy(ExpressionResolver r) {
    this.resolver = r;
    this.above = new AboveAggregate(r);
  }

  @Override
  protected LogicalPlan resolve(LogicalPlan p) {
    return p instanceof Sort s ? resolveSort(s) : null;
  }

  /** {@code ORDER BY ALL [ASC|DESC] [NULLS FIRST|LAST]}, unless the input has a column named {@code all}. */
  private boolean isOrderByAll(Sort s, List<AttributeReference> input) {
    return s.order().size() == 1 && s.order().get(0).child() instanceof Unresolved.Attribute ua
        && ua.nameParts().size() == 1 && ua.nameParts().get(0).equalsIgnoreCase("all")
        && resolver.resolveName(ua.nameParts(), input) == null;
  }

  private LogicalPlan resolveSort(Sort s) {
    List<AttributeReference> input = s.child().output();
    if (s.order().stream().anyMatch(o -> o.child() instanceof Unresolved.Ordinal)) {
      List<SortOrder> orders = new ArrayList<>();
      for (SortOrder o : s.order()) {
        if (o.child() instanceof Unresolved.Ordinal ord) {
          int i = ord.position();
          if (i < 1 || i > input.size()) {
            throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, "ORDER BY position " + i,
                "it is not in the select list (valid range is [1, " + input.size() + "])");
          }
          orders.add(new SortOrder(input.get(i - 1), o.ascending(), o.nullsFirst()));
        } else {
          orders.add(o);
        }
      }
      s = new Sort(orders, s.child());
    }
    if (isOrderByAll(s, input)) {
      // ORDER BY ALL: every column of the select list, in order, each with the given direction.
      SortOrder o = s.order().get(0);
      List<SortOrder> orders = new ArrayList<>();
      for (AttributeReference a : input) {
        orders.add(new SortOrder(a, o.ascending(), o.nullsFirst()));
      }
      s = new Sort(orders, s.child());
    }
    List<SortOrder> orders = new ArrayList<>();
    boolean allResolved = true;
    for (SortOrder o : s.order()) {
      Expression r = resolver.tryResolve(o.child(), input, s, false);
      if (r == null || ExpressionResolver.containsAggregate(r) || GroupingAnalytics.containsGroupingFunction(r)) {
        allResolved = false;
        break;
      }
      orders.add(new SortOrder(r, o.ascending(), o.nullsFirst()));
    }
    if (allResolved) {
      for (SortOrder o : orders) {
        if (!ValueOrdering.isOrderable(o.dataType())) {
          throw new AnalysisException(ErrorClass.DATATYPE_MISMATCH, o.child().sql(),
              o.dataType().sql() + " values cannot be sorted");
        }
      }
      return new Sort(orders, s.child());
    }
    LogicalPlan child = s.child();
    // Over an aggregation, or its HAVING (a Filter, under a Project when the HAVING added hidden items).
    Filter having = null;
    LogicalPlan below = child;
    if (below instanceof Project p && p.child() instanceof Filter f && f.child() instanceof Aggregate
        && p.projectList().stream().allMatch(e -> e instanceof AttributeReference)) {
      below = f;
    }
    if (below instanceof Filter f && f.child() instanceof Aggregate) {
      having = f;
      below = f.child();
    }
    if (below instanceof Aggregate agg) {
      List<Expression> exprs = new ArrayList<>();
      for (SortOrder o : s.order()) {
        Expression r = resolver.tryResolve(o.child(), input, s, false);
        exprs.add(r != null && !ExpressionResolver.containsAggregate(r) ? above.forGroupingSets(r, agg)
            : above.resolveHavingOrOrder(o.child(), agg, s));
      }
      AboveAggregate.Rewritten rw = above.pushIntoAggregate(exprs, agg);
      List<SortOrder> out = new ArrayList<>();
      for (int i = 0; i < exprs.size(); i++) {
        SortOrder o = s.order().get(i);
        out.add(new SortOrder(rw.exprs().get(i), o.ascending(), o.nullsFirst()));
      }
      LogicalPlan sortInput = having == null ? rw.aggregate() : new Filter(having.condition(), rw.aggregate());
      Sort sorted = new Sort(out, sortInput);
      return rw.added() || below != child ? new Project(child.output(), sorted) : sorted;
    }
    if (child instanceof Project proj) {
      // ORDER BY a column the SELECT list dropped: add it below, sort, and project it away.
      List<AttributeReference> inner = proj.child().output();
      List<Expression> extra = new ArrayList<>(proj.projectList());
      List<SortOrder> out = new ArrayList<>();
      for (SortOrder o : s.order()) {
        Expression r = resolver.tryResolve(o.child(), input, s, false);
        if (r == null) {
          r = resolver.resolveExpression(o.child(), inner, s, false);
          for (AttributeReference ref : r.references()) {
            if (!extra.contains(ref)) {
              extra.add(ref);
            }
          }
        }
        out.add(new SortOrder(r, o.ascending(), o.nullsFirst()));
      }
      return new Project(proj.output(), new Sort(out, new Project(extra, proj.child())));
    }
    List<SortOrder> out = new ArrayList<>();
    for (SortOrder o : s.order()) {
      out.add(new SortOrder(resolver.resolveExpression(o.child(), input, s, false), o.ascending(), o.nullsFirst()));
    }
    return new Sort(out, s.child());
  }
}
