package dev.sluice.plan.optimizer;

import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import dev.sluice.plan.expr.Alias;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Comparison;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.NamedExpression;
import dev.sluice.plan.expr.OuterReference;
import dev.sluice.plan.expr.Predicates;
import dev.sluice.plan.expr.SubqueryExpression;
import dev.sluice.plan.logical.Aggregate;
import dev.sluice.plan.logical.Filter;
import dev.sluice.plan.logical.Join;
import dev.sluice.plan.logical.JoinType;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Project;
import dev.sluice.plan.logical.Sort;
import dev.sluice.plan.logical.SubqueryAlias;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Pulls the correlated predicates of a subquery (the conjuncts of its filters that read columns of the
 * enclosing query) out of its plan, as Spark's pullOutCorrelatedPredicates: what remains is an
 * uncorrelated plan that also outputs the columns the predicates read, and the predicates become the
 * condition of the join the subquery turns into. Projections on the way up keep the columns the
 * predicates need; an aggregation groups by the inner side of correlated equalities (one group per
 * outer value). Shapes where that would change the answer are refused.
 */
final class Decorrelation {
  private Decorrelation() {}

  /** The subquery's plan without its correlated predicates, and those predicates (outer columns as plain attributes). */
  record Result(LogicalPlan plan, List<Expression> predicates) {
    Expression condition() {
      return Predicates.and(predicates);
    }
  }

  static Result pullUp(LogicalPlan sub) {
    Pulled p = pull(sub, true);
    if (hasOuter(p.plan)) {
      throw cannot("ACCESSING_OUTER_QUERY_COLUMN_IS_NOT_ALLOWED", "a subquery can read columns of the "
          + "enclosing query only in the conditions of its WHERE or HAVING, not in:\n" + p.plan.treeString());
    }
    List<Expression> preds = new ArrayList<>();
    for (Expression e : p.preds) {
      preds.add(stripOuter(e));
    }
    return new Result(p.plan, preds);
  }

  private record Pulled(LogicalPlan plan, List<Expression> preds) {}

  static boolean hasOuter(LogicalPlan p) {
    return !SubqueryExpression.outerReferences(p).isEmpty();
  }

  static boolean hasOuter(Expression e) {
    return e.exists(x -> x instanceof OuterReference
        || (x instanceof SubqueryExpression s && !s.outerReferences().isEmpty()));
  }

  static Expression stripOuter(Expression e) {
    return e.transformUp(x -> x instanceof OuterReference o ? o.attribute() : null);
  }

  /**
   * {@code top}: {@code p} is the subquery's result (under projections, aliases and filters only). A global
   * aggregation below that point is refused: grouping it by the correlation would drop the one row it has
   * over no input (the count bug one level down), which the domain join keeps.
   */
  private static Pulled pull(LogicalPlan p, boolean top) {
    if (!hasOuter(p)) {
      return new Pulled(p, List.of());
    }
    if (p instanceof Filter f) {
      Pulled c = pull(f.child(), top);
      List<Expression> preds = new ArrayList<>(c.preds);
      List<Expression> keep = new ArrayList<>();
      for (Expression e : Predicates.conjuncts(f.condition())) {
        if (hasOuter(e)) {
          if (e.exists(x -> x instanceof SubqueryExpression)) {
            throw cannot("CORRELATED_REFERENCE", "a nested subquery cannot read columns of a query two levels "
                + "up: " + e.sql());
          }
          preds.add(e);
        } else {
          keep.add(e);
        }
      }
      LogicalPlan child = keep.isEmpty() ? c.plan : new Filter(Predicates.and(keep), c.plan);
      return new Pulled(child, preds);
    }
    if (p instanceof SubqueryAlias sa) {
      Pulled c = pull(sa.child(), top);
      return new Pulled(new SubqueryAlias(sa.alias(), c.plan), c.preds);
    }
    if (p instanceof Sort s && !s.expressions().stream().anyMatch(Decorrelation::hasOuter)) {
      Pulled c = pull(s.child(), top);
      return new Pulled(new Sort(s.order(), c.plan), c.preds);
    }
    if (p instanceof Project pr) {
      Pulled c = pull(pr.child(), top);
      List<Expression> list = new ArrayList<>(pr.projectList());
      Set<AttributeReference> have = new LinkedHashSet<>(pr.output());
      for (AttributeReference a : needed(c.preds, c.plan)) {
        if (have.add(a)) {
          list.add(a);
        }
      }
      return new Pulled(new Project(list, c.plan), c.preds);
    }
    if (p instanceof Aggregate a && !a.expressions().stream().anyMatch(Decorrelation::hasOuter)) {
      if (!top && a.groupingExpressions().isEmpty()) {
        throw cannot("CORRELATED_REFERENCE", "a correlated aggregation without GROUP BY inside a subquery");
      }
      Pulled c = pull(a.child(), false);
      List<Expression> groups = new ArrayList<>(a.groupingExpressions());
      List<Expression> outs = new ArrayList<>(a.aggregateExpressions());
      List<Expression> preds = new ArrayList<>();
      Set<AttributeReference> inner = Set.copyOf(c.plan.output());
      for (Expression e : c.preds) {
        Expression innerSide = null;
        Expression outerSide = null;
        if (e instanceof Comparison cmp && cmp.op() == Comparison.Op.EQ) {
          if (isInner(cmp.left(), inner) && isOuterOnly(cmp.right())) {
            innerSide = cmp.left();
            outerSide = cmp.right();
          } else if (isInner(cmp.right(), inner) && isOuterOnly(cmp.left())) {
            innerSide = cmp.right();
            outerSide = cmp.left();
          }
        }
        if (innerSide == null) {
          throw cannot("CORRELATED_COLUMN_IS_NOT_ALLOWED_IN_PREDICATE", "below an aggregation a subquery can "
              + "read columns of the enclosing query only in equalities with its own columns, not in "
              + stripOuter(e).sql());
        }
        AttributeReference key;
        int at = groups.indexOf(innerSide);
        NamedExpression existing = at >= 0 ? outputFor(outs, innerSide) : null;
        if (existing != null) {
          key = existing.toAttribute();
        } else {
          if (at < 0) {
            groups.add(innerSide);
          }
          if (innerSide instanceof AttributeReference ar) {
            key = ar;
            outs.add(ar);
          } else {
            Alias al = new Alias(innerSide, "_corr" + outs.size());
            outs.add(al);
            key = al.toAttribute();
          }
        }
        preds.add(new Comparison(Comparison.Op.EQ, key, outerSide));
      }
      return new Pulled(new Aggregate(groups, outs, c.plan), preds);
    }
    if (p instanceof Join join && (join.condition() == null || !hasOuter(join.condition()))) {
      Pulled l = pull(join.left(), false);
      Pulled r = pull(join.right(), false);
      JoinType t = join.joinType();
      boolean ok = t == JoinType.INNER || t == JoinType.CROSS || r.preds.isEmpty() && t == JoinType.LEFT_OUTER
          || l.preds.isEmpty() && t == JoinType.RIGHT_OUTER || r.preds.isEmpty() && t.leftOnly();
      if (ok) {
        List<Expression> preds = new ArrayList<>(l.preds);
        preds.addAll(r.preds);
        return new Pulled(new Join(l.plan, r.plan, t, join.condition()), preds);
      }
    }
    throw cannot("ACCESSING_OUTER_QUERY_COLUMN_IS_NOT_ALLOWED", "columns of the enclosing query cannot be read "
        + "below a " + p.nodeName() + " in a subquery:\n" + p.treeString());
  }

  /** The select item that outputs exactly {@code e}, if any. */
  private static NamedExpression outputFor(List<Expression> outs, Expression e) {
    for (Expression o : outs) {
      if (o.equals(e) && o instanceof NamedExpression n) {
        return n;
      }
      if (o instanceof Alias al && al.child().equals(e)) {
        return al;
      }
    }
    return null;
  }

  private static boolean isInner(Expression e, Set<AttributeReference> inner) {
    return !hasOuter(e) && !e.references().isEmpty() && inner.containsAll(e.references());
  }

  private static boolean isOuterOnly(Expression e) {
    return hasOuter(e) && e.references().isEmpty();
  }

  /** The columns of {@code plan} the predicates read. */
  private static List<AttributeReference> needed(List<Expression> preds, LogicalPlan plan) {
    Set<AttributeReference> refs = new LinkedHashSet<>();
    for (Expression e : preds) {
      refs.addAll(e.references());
    }
    List<AttributeReference> out = new ArrayList<>();
    for (AttributeReference a : plan.output()) {
      if (refs.contains(a)) {
        out.add(a);
      }
    }
    return out;
  }

  /** Thrown when the predicates cannot be pulled up; {@link DomainDecorrelation} may still decorrelate. */
  static final class CannotPullUp extends SluiceException {
    CannotPullUp(String subclass, String detail) {
      super(ErrorClass.UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY, subclass, detail);
    }
  }

  private static CannotPullUp cannot(String subclass, String detail) {
    return new CannotPullUp(subclass, detail);
  }

  /** The subquery without correlated predicates, by pulling them up, else by joining its domain in. */
  static Result decorrelate(LogicalPlan outer, LogicalPlan sub) {
    Result r;
    try {
      r = pullUp(sub);
    } catch (CannotPullUp e) {
      r = DomainDecorrelation.decorrelate(outer, sub);
    }
    // Every column the join condition reads is the subquery's or the enclosing query's; one of a query
    // further out (a subquery nested two levels deep reading the outermost query) is not supported.
    Set<AttributeReference> known = new LinkedHashSet<>(outer.output());
    known.addAll(r.plan().output());
    for (Expression p : r.predicates()) {
      for (AttributeReference a : p.references()) {
        if (!known.contains(a)) {
          throw unsupported("CORRELATED_REFERENCE", "a subquery nested in another subquery can only read the columns "
              + "of the query right around it, not " + a.name() + " of a query further out");
        }
      }
    }
    return r;
  }

  static SluiceException unsupported(String subclass, String detail) {
    return new SluiceException(ErrorClass.UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY, subclass, detail);
  }
}
