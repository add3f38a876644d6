package dev.sluice.plan.optimizer;

import dev.sluice.plan.expr.Alias;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.CaseWhen;
import dev.sluice.plan.expr.ConstantEvaluation;
import dev.sluice.plan.expr.ExprId;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.IsNull;
import dev.sluice.plan.expr.Literal;
import dev.sluice.plan.expr.NamedExpression;
import dev.sluice.plan.expr.ScalarSubquery;
import dev.sluice.plan.expr.agg.AggregateExpression;
import dev.sluice.plan.expr.agg.Count;
import dev.sluice.plan.expr.agg.DistinctAggregate;
import dev.sluice.plan.logical.Aggregate;
import dev.sluice.plan.logical.Filter;
import dev.sluice.plan.logical.FreshIds;
import dev.sluice.plan.logical.Join;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Project;
import dev.sluice.plan.logical.SubqueryAlias;
import dev.sluice.types.DataTypes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns correlated scalar subqueries into left outer joins, as Spark's RewriteCorrelatedScalarSubquery:
 * the subquery's correlated equalities are pulled up and its aggregation grouped by their inner side
 * ({@link Decorrelation}), so it has one row per outer value, and the join reads its value. An outer row
 * without a match gets NULL, which is wrong for an aggregate that is not NULL over no rows (the "count
 * bug": {@code count(*)} of nothing is 0): then the subquery also outputs a constant TRUE column, and
 * where that is NULL the value the subquery has over no rows is used instead. Uncorrelated scalar
 * subqueries stay as they are; they are computed once when the query runs.
 */
public final class RewriteCorrelatedScalarSubquery implements Rule {
  private final ConstantEvaluation constants;

  public RewriteCorrelatedScalarSubquery(ConstantEvaluation constants) {
    this.constants = constants;
  }

  @Override
  public LogicalPlan apply(LogicalPlan plan) {
    return plan.transformUp(this::rewrite);
  }

  static boolean hasCorrelatedScalar(Expression e) {
    return e.exists(x -> x instanceof ScalarSubquery s && s.correlated());
  }

  private LogicalPlan rewrite(LogicalPlan p) {
    if (p.expressions().stream().noneMatch(RewriteCorrelatedScalarSubquery::hasCorrelatedScalar)) {
      return null;
    }
    if (p instanceof Filter f) {
      LogicalPlan[] cur = {f.child()};
      Expression cond = replace(cur, f.condition());
      return new Project(f.output(), new Filter(cond, cur[0]));
    }
    if (p instanceof Project pr) {
      LogicalPlan[] cur = {pr.child()};
      List<Expression> list = new ArrayList<>();
      for (Expression e : pr.projectList()) {
        list.add(replace(cur, e));
      }
      return new Project(list, cur[0]);
    }
    if (p instanceof Aggregate a) {
      if (a.groupingExpressions().stream().noneMatch(RewriteCorrelatedScalarSubquery::hasCorrelatedScalar)
          && a.aggregateExpressions().stream().allMatch(e ->
              !hasCorrelatedScalar(e.transformDown(x -> x instanceof AggregateExpression ? Literal.TRUE : null)))) {
        // Only inside aggregate functions: one value per input row, joined below the aggregation.
        LogicalPlan[] cur = {a.child()};
        List<Expression> outs = new ArrayList<>();
        for (Expression e : a.aggregateExpressions()) {
          outs.add(replace(cur, e));
        }
        return new Aggregate(a.groupingExpressions(), outs, cur[0], a.sessionKey());
      }
      Project split = SubqueryRewrites.splitAggregate(a, RewriteCorrelatedScalarSubquery::hasCorrelatedScalar);
      if (split != null) {
        LogicalPlan above = rewrite(split);
        return above == null ? split : above;
      }
    }
    throw Decorrelation.unsupported("UNSUPPORTED_CORRELATED_SCALAR_SUBQUERY", "Correlated scalar subqueries can only "
        + "be used in filters, aggregations and projections, not in a " + p.nodeName() + ": " + p.expressions());
  }

  /** {@code e} with its correlated scalar subqueries read from left outer joins added to {@code cur[0]}. */
  private Expression replace(LogicalPlan[] cur, Expression e) {
    return e.transformUp(x -> {
      if (!(x instanceof ScalarSubquery s) || !s.correlated()) {
        return null;
      }
      LogicalPlan sub = FreshIds.dedupRight(cur[0], SubqueryRewrites.nested(s.plan(), constants));
      Literal empty = valueOnEmpty(sub);
      Expression having = null;
      Expression value = null;
      if (empty != null) {
        // [SELECT f(aggs)] ... HAVING h(aggs) over a global aggregate: join the aggregate alone and compute f
        // and h above the join, so that a group HAVING drops is NULL, not the value over no rows.
        LogicalPlan body = stripAlias(sub);
        Expression v = body.output().get(0);
        while (body instanceof Project pr && pr.projectList().stream().noneMatch(Decorrelation::hasOuter)) {
          Map<ExprId, Expression> defs = new HashMap<>();
          for (Expression item : pr.projectList()) {
            defs.put(((NamedExpression) item).exprId(), strip(item));
          }
          v = substitute(v, defs);
          body = stripAlias(pr.child());
        }
        if (body instanceof Filter f && stripAlias(f.child()) instanceof Aggregate agg
            && !Decorrelation.hasOuter(f.condition())) {
          having = f.condition();
          value = v;
          sub = agg;
        }
      }
      Decorrelation.Result r = Decorrelation.decorrelate(cur[0], sub);
      LogicalPlan right = r.plan();
      if (value == null) {
        value = right.output().get(0);
      }
      Expression result = value;
      if (empty != null) {
        Alias flag = new Alias(Literal.TRUE, "alwaysTrue");
        List<Expression> list = new ArrayList<>(right.output());
        list.add(flag);
        right = new Project(list, right);
        Expression noRows = new IsNull(flag.toAttribute(), false);
        result = having == null ? new CaseWhen(List.of(noRows), List.of(empty), value)
            : new CaseWhen(List.of(noRows, having), List.of(empty, value), new Literal(null, value.dataType()));
      }
      cur[0] = Join.singleMatch(cur[0], right, r.condition());
      return result;
    });
  }

  /**
   * The subquery's value when it aggregates no rows, when that is known and not NULL: a global
   * aggregation over nothing gives one row (count 0, other aggregates NULL), which projections above
   * compute on and a HAVING may drop.
   */
  private Literal valueOnEmpty(LogicalPlan plan) {
    Map<ExprId, Expression> row = emptyRow(plan);
    if (row == null) {
      return null;
    }
    Expression v = row.get(plan.output().get(0).exprId());
    if (v == null || !v.foldable()) {
      return null;
    }
    try {
      Object value = constants.value(v);
      return value == null ? null : new Literal(value, v.dataType());
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The one row a global aggregation below gives over no input, by column id; null when there is none. */
  private Map<ExprId, Expression> emptyRow(LogicalPlan p) {
    if (p instanceof Aggregate a) {
      if (!a.groupingExpressions().isEmpty()) {
        return null;
      }
      Map<ExprId, Expression> row = new HashMap<>();
      for (Expression item : a.aggregateExpressions()) {
        Expression v = strip(item).transformDown(x -> x instanceof AggregateExpression ae ? onEmpty(ae) : null);
        row.put(((NamedExpression) item).exprId(), v);
      }
      return row;
    }
    if (p instanceof SubqueryAlias sa) {
      return emptyRow(sa.child());
    }
    if (p instanceof Project pr) {
      Map<ExprId, Expression> below = emptyRow(pr.child());
      if (below == null) {
        return null;
      }
      Map<ExprId, Expression> row = new HashMap<>();
      for (Expression item : pr.projectList()) {
        row.put(((NamedExpression) item).exprId(), substitute(strip(item), below));
      }
      return row;
    }
    if (p instanceof Filter f) {
      Map<ExprId, Expression> below = emptyRow(f.child());
      if (below == null) {
        return null;
      }
      Expression c = substitute(f.condition(), below);
      try {
        return c.foldable() && Boolean.TRUE.equals(constants.value(c)) ? below : null;
      } catch (RuntimeException e) {
        return null;
      }
    }
    return null;
  }

  private static Expression substitute(Expression e, Map<ExprId, Expression> row) {
    return e.transformUp(x -> x instanceof AttributeReference a && row.containsKey(a.exprId()) ? row.get(a.exprId())
        : null);
  }

  private static LogicalPlan stripAlias(LogicalPlan p) {
    while (p instanceof SubqueryAlias sa) {
      p = sa.child();
    }
    return p;
  }

  private static Expression strip(Expression e) {
    return e instanceof Alias a ? a.child() : e;
  }

  /** An aggregate's result over no rows: 0 for a count, NULL for the others. */
  private static Expression onEmpty(AggregateExpression ae) {
    boolean count = ae.function() instanceof Count
        || ae.function() instanceof DistinctAggregate d && d.inner() instanceof Count;
    return count ? new Literal(0L, DataTypes.LongType) : new Literal(null, ae.dataType());
  }
}
