package dev.sluice.plan.optimizer;

import dev.sluice.plan.expr.Alias;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.CaseWhen;
import dev.sluice.plan.expr.ConstantEvaluation;
import dev.sluice.plan.expr.Comparison;
import dev.sluice.plan.expr.Exists;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.InSubquery;
import dev.sluice.plan.expr.IsNull;
import dev.sluice.plan.expr.Literal;
import dev.sluice.plan.expr.Logic;
import dev.sluice.plan.expr.Not;
import dev.sluice.plan.expr.Predicates;
import dev.sluice.plan.expr.ScalarSubquery;
import dev.sluice.plan.expr.agg.AggregateExpression;
import dev.sluice.plan.logical.Aggregate;
import dev.sluice.plan.logical.ExistenceJoin;
import dev.sluice.plan.logical.Filter;
import dev.sluice.plan.logical.FreshIds;
import dev.sluice.plan.logical.Join;
import dev.sluice.plan.logical.JoinType;
import dev.sluice.plan.logical.Limit;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Project;
import dev.sluice.plan.logical.Sort;
import dev.sluice.plan.logical.SubqueryAlias;
import dev.sluice.types.DataTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns EXISTS and IN subqueries into joins, as Spark's RewritePredicateSubquery. A conjunct of a filter
 * keeps or drops rows: {@code EXISTS} and {@code IN} become a left semi join, {@code NOT EXISTS} a left
 * anti join, and {@code NOT IN} a null-aware anti join (a row is dropped when it equals a subquery row or
 * the comparison is NULL, so a NULL anywhere drops every row unless the subquery is empty). Anywhere else
 * (a select list, under OR) the subquery is a value: an existence join adds a BOOLEAN column saying
 * whether a match exists, and {@code IN} reads two of them (a match, a NULL comparison) to give SQL's
 * three-valued answer. Correlated predicates move into the join's condition ({@link Decorrelation}).
 */
public final class RewritePredicateSubquery implements Rule {
  private final ConstantEvaluation constants;

  public RewritePredicateSubquery(ConstantEvaluation constants) {
    this.constants = constants;
  }

  @Override
  public LogicalPlan apply(LogicalPlan plan) {
    return plan.transformUp(this::rewrite);
  }

  static boolean hasPredicateSubquery(Expression e) {
    return e.exists(x -> x instanceof Exists || x instanceof InSubquery);
  }

  private LogicalPlan rewrite(LogicalPlan p) {
    if (p.expressions().stream().noneMatch(RewritePredicateSubquery::hasPredicateSubquery)) {
      return null;
    }
    if (p.expressions().stream().anyMatch(RewriteCorrelatedScalarSubquery::hasCorrelatedScalar)) {
      // A correlated scalar subquery among IN's values (or next to a predicate subquery) is joined first.
      LogicalPlan joined = new RewriteCorrelatedScalarSubquery(constants).apply(p);
      return joined.equals(p) ? null : apply(joined);
    }
    LogicalPlan q = p.mapExpressions(e -> e.transformUp(RewritePredicateSubquery::simplify));
    if (q.expressions().stream().noneMatch(RewritePredicateSubquery::hasPredicateSubquery)) {
      return q;
    }
    if (q instanceof Filter f) {
      return rewriteFilter(f);
    }
    if (q instanceof Join j && (j.joinType() == JoinType.INNER || j.joinType() == JoinType.CROSS)) {
      // An inner join's condition is a filter over the product.
      List<Expression> plain = new ArrayList<>();
      List<Expression> withSub = new ArrayList<>();
      for (Expression c : Predicates.conjuncts(j.condition())) {
        (hasPredicateSubquery(c) ? withSub : plain).add(c);
      }
      Join rest = new Join(j.left(), j.right(), j.joinType(), Predicates.and(plain));
      return rewriteFilter(new Filter(Predicates.and(withSub), rest));
    }
    if (q instanceof Join j) {
      // An outer, semi or anti join: a subquery that reads one side only is a column added to that side.
      Holder left = new Holder(j.left());
      Holder right = new Holder(j.right());
      Expression cond = j.condition().transformUp(x -> {
        if (!(x instanceof Exists || x instanceof InSubquery)) {
          return null;
        }
        java.util.Set<AttributeReference> refs = new java.util.HashSet<>(x.references());
        refs.addAll(((dev.sluice.plan.expr.SubqueryExpression) x).outerReferences());
        if (j.left().output().containsAll(refs)) {
          return existential(left, x);
        }
        if (j.right().output().containsAll(refs)) {
          return existential(right, x);
        }
        throw Decorrelation.unsupported("UNSUPPORTED_IN_EXISTS_SUBQUERY", "a subquery in the condition of a "
            + j.joinType().display() + " join can read the columns of one side only: " + x.sql());
      });
      return new Project(j.output(), new Join(left.plan, right.plan, j.joinType(), cond));
    }
    if (q instanceof Aggregate a && a.groupingExpressions().stream()
        .anyMatch(RewritePredicateSubquery::hasPredicateSubquery)) {
      // Grouping by a subquery's answer: compute it per input row, and read the same column in the select list.
      Holder h = new Holder(a.child());
      List<Expression> groups = new ArrayList<>();
      java.util.Map<Expression, Expression> replaced = new java.util.HashMap<>();
      for (Expression g : a.groupingExpressions()) {
        Expression g2 = hasPredicateSubquery(g) ? existential(h, g) : g;
        replaced.put(g, g2);
        groups.add(g2);
      }
      List<Expression> outs = new ArrayList<>();
      for (Expression e : a.aggregateExpressions()) {
        outs.add(e.transformDown(x -> x instanceof Alias || !replaced.containsKey(x) ? null : replaced.get(x)));
      }
      Aggregate grouped = new Aggregate(groups, outs, h.plan, a.sessionKey());
      LogicalPlan again = rewrite(grouped);
      return again == null ? grouped : again;
    }
    if (q instanceof Project pr) {
      Holder h = new Holder(pr.child());
      List<Expression> list = new ArrayList<>();
      for (Expression e : pr.projectList()) {
        list.add(existential(h, e));
      }
      return new Project(list, h.plan);
    }
    if (q instanceof Sort s) {
      Holder h = new Holder(s.child());
      LogicalPlan sorted = new Sort(s.order(), h.plan).mapExpressions(e -> existential(h, e));
      sorted = sorted.withNewChildren(List.of(h.plan));
      return new Project(s.output(), sorted);
    }
    if (q instanceof dev.sluice.plan.logical.Window w) {
      Holder h = new Holder(w.child());
      LogicalPlan mapped = w.mapExpressions(e -> existential(h, e));
      return new Project(w.output(), mapped.withNewChildren(List.of(h.plan)));
    }
    if (q instanceof Aggregate a && !insideAggregatesOnly(a)) {
      Project split = SubqueryRewrites.splitAggregate(a, RewritePredicateSubquery::hasPredicateSubquery);
      if (split != null) {
        LogicalPlan above = rewrite(split);
        return above == null ? split : above;
      }
    }
    if (q instanceof Aggregate a && insideAggregatesOnly(a)) {
      Holder h = new Holder(a.child());
      List<Expression> outs = new ArrayList<>();
      for (Expression e : a.aggregateExpressions()) {
        outs.add(existential(h, e));
      }
      return new Aggregate(a.groupingExpressions(), outs, h.plan, a.sessionKey());
    }
    throw Decorrelation.unsupported("UNSUPPORTED_IN_EXISTS_SUBQUERY", "IN or EXISTS subqueries are not supported "
        + "here yet: " + q.nodeName() + " " + q.expressions());
  }

  /** Whether every predicate subquery of an aggregation is inside an aggregate function's input. */
  private static boolean insideAggregatesOnly(Aggregate a) {
    for (Expression e : a.groupingExpressions()) {
      if (hasPredicateSubquery(e)) {
        return false;
      }
    }
    for (Expression e : a.aggregateExpressions()) {
      Expression stripped = e.transformDown(x -> x instanceof AggregateExpression ? Literal.TRUE : null);
      if (hasPredicateSubquery(stripped)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Subqueries whose answer is known from their shape: EXISTS over LIMIT 0 is FALSE, EXISTS over an
   * aggregation without GROUP BY is TRUE (it has one row, as Spark 4 answers unless its legacy count
   * handling is on); {@code v IN (correlated global aggregate [HAVING ...])} compares with that one row at
   * most, which is a correlated scalar subquery (and so gets the count bug right).
   */
  private static Expression simplify(Expression x) {
    if (x instanceof Exists e) {
      LogicalPlan p = e.plan();
      while (p instanceof Project || p instanceof SubqueryAlias || p instanceof Sort
          || p instanceof Limit l && l.limit() > 0) {
        p = p.children().get(0);
      }
      if (p instanceof Limit) {
        return Literal.FALSE;
      }
      if (p instanceof Aggregate a && a.groupingExpressions().isEmpty()) {
        return Literal.TRUE;
      }
      return null;
    }
    if (x instanceof InSubquery in && in.values().size() == 1 && in.correlated()) {
      LogicalPlan p = in.plan();
      boolean having = false;
      while (p instanceof Project || p instanceof SubqueryAlias
          || p instanceof Filter f && !Decorrelation.hasOuter(f.condition())) {
        having |= p instanceof Filter;
        p = p.children().get(0);
      }
      if (p instanceof Aggregate a && a.groupingExpressions().isEmpty()) {
        Expression eq = new Comparison(Comparison.Op.EQ, in.values().get(0), new ScalarSubquery(in.plan()));
        if (!having) {
          return eq;
        }
        // A HAVING may leave no row, and IN over no rows is FALSE: ask whether the row is there first.
        LogicalPlan present = new Project(List.of(new Alias(Literal.TRUE, "present")), in.plan());
        return new CaseWhen(List.of(new IsNull(new ScalarSubquery(present), false)), List.of(Literal.FALSE), eq);
      }
    }
    return null;
  }

  private LogicalPlan rewriteFilter(Filter f) {
    List<Expression> plain = new ArrayList<>();
    List<Expression> withSub = new ArrayList<>();
    for (Expression c : Predicates.conjuncts(f.condition())) {
      (hasPredicateSubquery(c) ? withSub : plain).add(c);
    }
    LogicalPlan cur = plain.isEmpty() ? f.child() : new Filter(Predicates.and(plain), f.child());
    List<Expression> residual = new ArrayList<>();
    for (Expression c : withSub) {
      if (c instanceof Exists e) {
        Decorrelation.Result r = decorrelate(cur, existsPlan(e));
        cur = new Join(cur, r.plan(), JoinType.LEFT_SEMI, r.condition());
      } else if (c instanceof Not n && n.child() instanceof Exists e) {
        Decorrelation.Result r = decorrelate(cur, existsPlan(e));
        cur = new Join(cur, r.plan(), JoinType.LEFT_ANTI, r.condition());
      } else if (c instanceof InSubquery in) {
        Decorrelation.Result r = decorrelate(cur, in.plan());
        Expression eq = equalities(in.values(), r.plan().output());
        cur = new Join(cur, r.plan(), JoinType.LEFT_SEMI, both(eq, r.condition()));
      } else if (c instanceof Not n && n.child() instanceof InSubquery in) {
        Decorrelation.Result r = decorrelate(cur, in.plan());
        List<AttributeReference> out = r.plan().output().subList(0, in.values().size());
        Expression eq = equalities(in.values(), out);
        boolean nullable = in.values().stream().anyMatch(Expression::nullable)
            || out.stream().anyMatch(AttributeReference::nullable);
        // Null-aware: a NULL comparison drops the row as a match would.
        Expression cond = nullable ? Logic.or(eq, new IsNull(eq, false)) : eq;
        cur = new Join(cur, r.plan(), JoinType.LEFT_ANTI, both(cond, r.condition()));
      } else {
        Holder h = new Holder(cur);
        residual.add(existential(h, c));
        cur = h.plan;
      }
    }
    if (!residual.isEmpty()) {
      cur = new Filter(Predicates.and(residual), cur);
    }
    return cur.output().equals(f.output()) ? cur : new Project(f.output(), cur);
  }

  /** An EXISTS subquery's plan: its columns do not matter, so an uncorrelated one needs only one row. */
  private static LogicalPlan existsPlan(Exists e) {
    LogicalPlan p = e.plan();
    // What the subquery selects, its order and a (positive) limit do not change whether it has a row.
    while (p instanceof Project || p instanceof Sort || p instanceof SubqueryAlias
        || p instanceof Limit l && l.limit() > 0) {
      p = p.children().get(0);
    }
    return Decorrelation.hasOuter(p) ? p : new Limit(1, p);
  }

  /** The subquery's plan, its own subqueries rewritten, ids apart from {@code outer}'s, predicates pulled up. */
  private Decorrelation.Result decorrelate(LogicalPlan outer, LogicalPlan sub) {
    LogicalPlan rewritten = SubqueryRewrites.nested(sub, constants);
    return Decorrelation.decorrelate(outer, FreshIds.dedupRight(outer, rewritten));
  }

  private static Expression equalities(List<Expression> values, List<AttributeReference> out) {
    Expression eq = null;
    for (int i = 0; i < values.size(); i++) {
      Expression one = new Comparison(Comparison.Op.EQ, values.get(i), out.get(i));
      eq = eq == null ? one : Logic.and(eq, one);
    }
    return eq;
  }

  /** The plan existence joins are added to, as subqueries are replaced by what they read. */
  private static final class Holder {
    LogicalPlan plan;

    Holder(LogicalPlan plan) {
      this.plan = plan;
    }

    AttributeReference mark(Decorrelation.Result r, Expression cond) {
      AttributeReference exists = AttributeReference.create("exists", DataTypes.BooleanType, false);
      plan = new ExistenceJoin(plan, r.plan(), cond, exists);
      return exists;
    }
  }

  /** {@code e} with its EXISTS and IN subqueries replaced by existence-join columns added to {@code h}. */
  private Expression existential(Holder h, Expression e) {
    return e.transformUp(x -> {
      if (x instanceof Exists ex) {
        Decorrelation.Result r = decorrelate(h.plan, existsPlan(ex));
        return h.mark(r, r.condition());
      }
      if (x instanceof InSubquery in) {
        Decorrelation.Result r = decorrelate(h.plan, in.plan());
        List<AttributeReference> out = r.plan().output().subList(0, in.values().size());
        Expression eq = equalities(in.values(), out);
        AttributeReference match = h.mark(r, both(eq, r.condition()));
        boolean nullable = in.values().stream().anyMatch(Expression::nullable)
            || out.stream().anyMatch(AttributeReference::nullable);
        if (!nullable) {
          return match;
        }
        // A second look for a NULL comparison: TRUE on a match, else NULL on one, else FALSE.
        Decorrelation.Result again = decorrelate(h.plan, in.plan());
        List<AttributeReference> out2 = again.plan().output().subList(0, in.values().size());
        Expression eq2 = equalities(in.values(), out2);
        AttributeReference unknown = h.mark(again, both(new IsNull(eq2, false), again.condition()));
        return new CaseWhen(List.of(match, unknown), List.of(Literal.TRUE, new Literal(null, DataTypes.BooleanType)),
            Literal.FALSE);
      }
      return null;
    });
  }

  /** {@code a AND b}, or {@code a} when {@code b} is null. */
  static Expression both(Expression a, Expression b) {
    return b == null ? a : Logic.and(a, b);
  }
}
