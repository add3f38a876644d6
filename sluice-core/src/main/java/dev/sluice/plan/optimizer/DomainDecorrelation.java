package dev.sluice.plan.optimizer;

import dev.sluice.plan.expr.Alias;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Comparison;
import dev.sluice.plan.expr.ExprId;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.OuterReference;
import dev.sluice.plan.expr.SortOrder;
import dev.sluice.plan.expr.SubqueryExpression;
import dev.sluice.plan.logical.Aggregate;
import dev.sluice.plan.logical.Filter;
import dev.sluice.plan.logical.FreshIds;
import dev.sluice.plan.logical.Join;
import dev.sluice.plan.logical.JoinType;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Project;
import dev.sluice.plan.logical.Sort;
import dev.sluice.plan.logical.SubqueryAlias;
import dev.sluice.plan.logical.Union;
import dev.sluice.plan.logical.Window;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decorrelation for the subqueries whose correlated predicates cannot simply be pulled up (a non-equality
 * below an aggregation, outer columns in a select list, a UNION of correlated branches), in the manner
 * of Spark's DecorrelateInnerQuery: the distinct values of the outer columns the subquery reads (the
 * domain) are joined into the subquery where it first reads them, every operator above carries the
 * domain columns along (an aggregation groups by them), and the subquery joins its enclosing query on
 * {@code outer <=> domain}. The subquery then answers once per outer value.
 */
final class DomainDecorrelation {
  private final LogicalPlan domain;
  private final List<AttributeReference> domainAttrs;
  private final Map<ExprId, AttributeReference> byOuter = new HashMap<>();

  private DomainDecorrelation(LogicalPlan outer, List<AttributeReference> refs) {
    List<Expression> out = new ArrayList<>();
    List<AttributeReference> attrs = new ArrayList<>();
    for (AttributeReference a : refs) {
      Alias al = new Alias(a, a.name());
      out.add(al);
      AttributeReference d = al.toAttribute();
      attrs.add(d);
      byOuter.put(a.exprId(), d);
    }
    this.domain = new Aggregate(refs, out, outer);
    this.domainAttrs = attrs;
  }

  /** The subquery over its domain, and the condition joining {@code outer} to it. */
  static Decorrelation.Result decorrelate(LogicalPlan outer, LogicalPlan sub) {
    List<AttributeReference> refs = SubqueryExpression.outerReferences(sub);
    DomainDecorrelation d = new DomainDecorrelation(outer, refs);
    R r = d.rewrite(sub);
    LogicalPlan plan = r.withDomain ? r.plan : d.crossWithDomain(r.plan);
    List<Expression> preds = new ArrayList<>();
    for (AttributeReference a : refs) {
      preds.add(new Comparison(Comparison.Op.NULL_SAFE_EQ, a, d.byOuter.get(a.exprId())));
    }
    return new Decorrelation.Result(plan, preds);
  }

  private record R(LogicalPlan plan, boolean withDomain) {}

  private Expression subst(Expression e) {
    return e.transformUp(x -> x instanceof OuterReference o ? byOuter.get(o.attribute().exprId()) : null);
  }

  private LogicalPlan crossWithDomain(LogicalPlan p) {
    return new Join(p, domain, JoinType.CROSS, null);
  }

  /** {@code p}'s rewritten child, joined with the domain when it does not carry it yet. */
  private LogicalPlan withDomain(R c) {
    return c.withDomain ? c.plan : crossWithDomain(c.plan);
  }

  private List<Expression> plusDomain(List<Expression> list) {
    List<Expression> out = new ArrayList<>();
    for (Expression e : list) {
      out.add(subst(e));
    }
    for (AttributeReference d : domainAttrs) {
      if (!out.contains(d)) {
        out.add(d);
      }
    }
    return out;
  }

  /**
   * A global aggregation has one row per outer value even over no rows: it is grouped by the domain, and
   * the domain left-joined to it, with each item's value over no rows (count 0, else NULL) where no group
   * matched (the count bug).
   */
  private LogicalPlan globalAggregate(Aggregate a, R c) {
    List<Expression> items = new ArrayList<>();
    List<Alias> renamed = new ArrayList<>();
    for (Expression item : a.aggregateExpressions()) {
      Alias al = new Alias(stripAlias(subst(item)), ((dev.sluice.plan.expr.NamedExpression) item).name());
      renamed.add(al);
      items.add(al);
    }
    Alias flag = new Alias(dev.sluice.plan.expr.Literal.TRUE, "alwaysTrue");
    items.add(flag);
    items.addAll(domainAttrs);
    LogicalPlan grouped = new Aggregate(new ArrayList<>(domainAttrs), items, withDomain(c), a.sessionKey());
    FreshIds.Renamed rr = FreshIds.renamed(domain, grouped);
    Expression cond = null;
    for (AttributeReference d : domainAttrs) {
      ExprId id = rr.mapping().get(d.exprId());
      Expression eq = new Comparison(Comparison.Op.NULL_SAFE_EQ, d, id == null ? d : d.withExprId(id));
      cond = cond == null ? eq : dev.sluice.plan.expr.Logic.and(cond, eq);
    }
    LogicalPlan joined = new Join(domain, rr.plan(), JoinType.LEFT_OUTER, cond);
    Expression noRows = new dev.sluice.plan.expr.IsNull(flag.toAttribute(), false);
    List<Expression> out = new ArrayList<>();
    for (int i = 0; i < renamed.size(); i++) {
      Alias al = renamed.get(i);
      dev.sluice.plan.expr.NamedExpression original = (dev.sluice.plan.expr.NamedExpression) a.aggregateExpressions()
          .get(i);
      Expression empty = al.child().transformDown(x -> x instanceof dev.sluice.plan.expr.agg.AggregateExpression ae
          ? onEmpty(ae) : null);
      Expression v = new dev.sluice.plan.expr.CaseWhen(List.of(noRows), List.of(empty), al.toAttribute());
      out.add(new Alias(v, original.name(), original.exprId()));
    }
    out.addAll(domainAttrs);
    return new Project(out, joined);
  }

  private static Expression stripAlias(Expression e) {
    return e instanceof Alias a ? a.child() : e;
  }

  private static Expression onEmpty(dev.sluice.plan.expr.agg.AggregateExpression ae) {
    boolean count = ae.function() instanceof dev.sluice.plan.expr.agg.Count
        || ae.function() instanceof dev.sluice.plan.expr.agg.DistinctAggregate d
        && d.inner() instanceof dev.sluice.plan.expr.agg.Count;
    return count ? new dev.sluice.plan.expr.Literal(0L, dev.sluice.types.DataTypes.LongType)
        : new dev.sluice.plan.expr.Literal(null, ae.dataType());
  }

  private R rewrite(LogicalPlan p) {
    if (!Decorrelation.hasOuter(p)) {
      return new R(p, false);
    }
    if (p.expressions().stream().anyMatch(e -> e.exists(x -> x instanceof SubqueryExpression))) {
      throw Decorrelation.unsupported("CORRELATED_REFERENCE", "a nested subquery cannot read columns of a query two "
          + "levels up:\n" + p.treeString());
    }
    if (p instanceof Filter f) {
      R c = rewrite(f.child());
      Expression cond = subst(f.condition());
      if (!c.withDomain) {
        // The first read of the outer columns: join the domain on the condition.
        return new R(new Join(c.plan, domain, JoinType.INNER, cond), true);
      }
      return new R(new Filter(cond, c.plan), true);
    }
    if (p instanceof SubqueryAlias sa) {
      R c = rewrite(sa.child());
      return new R(new SubqueryAlias(sa.alias(), c.plan), c.withDomain);
    }
    if (p instanceof Project pr) {
      R c = rewrite(pr.child());
      return new R(new Project(plusDomain(pr.projectList()), withDomain(c)), true);
    }
    if (p instanceof Sort s) {
      R c = rewrite(s.child());
      List<SortOrder> order = s.order().stream().map(o -> (SortOrder) subst(o)).toList();
      return new R(new Sort(order, withDomain(c)), true);
    }
    if (p instanceof Aggregate a && !a.groupingExpressions().isEmpty()) {
      R c = rewrite(a.child());
      return new R(new Aggregate(plusDomain(a.groupingExpressions()), plusDomain(a.aggregateExpressions()),
          withDomain(c), a.sessionKey()), true);
    }
    if (p instanceof Aggregate a) {
      return new R(globalAggregate(a, rewrite(a.child())), true);
    }
    if (p instanceof Window w) {
      R c = rewrite(w.child());
      List<Alias> exprs = w.windowExpressions().stream().map(x -> (Alias) subst(x)).toList();
      List<SortOrder> order = w.orderBy().stream().map(o -> (SortOrder) subst(o)).toList();
      return new R(new Window(exprs, plusDomain(w.partitionBy()), order, withDomain(c)), true);
    }
    if (p instanceof Union u && !u.byName()) {
      List<LogicalPlan> cs = new ArrayList<>();
      for (LogicalPlan child : u.children()) {
        R c = rewrite(child);
        List<Expression> list = new ArrayList<>(child.output());
        list.addAll(domainAttrs);
        cs.add(new Project(list, withDomain(c)));
      }
      return new R(new Union(cs), true);
    }
    if (p instanceof Join j) {
      R l = rewrite(j.left());
      R r = rewrite(j.right());
      JoinType t = j.joinType();
      Expression cond = j.condition() == null ? null : subst(j.condition());
      boolean onLeft = t == JoinType.INNER || t == JoinType.CROSS || t == JoinType.LEFT_OUTER || t.leftOnly();
      boolean onRight = t == JoinType.INNER || t == JoinType.CROSS || t == JoinType.RIGHT_OUTER;
      if (l.withDomain && !r.withDomain && onLeft || r.withDomain && !l.withDomain && onRight) {
        return new R(new Join(l.plan, r.plan, t, cond), true);
      }
      if (l.withDomain && r.withDomain && onLeft) {
        // Both sides read outer columns (INTERSECT, EXCEPT of correlated queries): the right side gets its own
        // copy of the domain, matched to the left's.
        FreshIds.Renamed rr = FreshIds.renamed(l.plan, r.plan);
        Expression same = cond;
        for (AttributeReference d : domainAttrs) {
          ExprId id = rr.mapping().get(d.exprId());
          Expression eq = new Comparison(Comparison.Op.NULL_SAFE_EQ, d, id == null ? d : d.withExprId(id));
          same = same == null ? eq : dev.sluice.plan.expr.Logic.and(same, eq);
        }
        return new R(new Join(l.plan, rr.plan(), t, same), true);
      }
      if (!l.withDomain && !r.withDomain && (onLeft || onRight)) {
        return new R(onLeft ? new Join(withDomain(l), r.plan, t, cond) : new Join(l.plan, withDomain(r), t, cond),
            true);
      }
    }
    throw Decorrelation.unsupported("ACCESSING_OUTER_QUERY_COLUMN_IS_NOT_ALLOWED", "columns of the enclosing query "
        + "cannot be read below a " + p.nodeName() + " in a subquery:\n" + p.treeString());
  }
}
