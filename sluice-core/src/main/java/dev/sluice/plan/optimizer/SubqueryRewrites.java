package dev.sluice.plan.optimizer;

import dev.sluice.plan.expr.Alias;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.ConstantEvaluation;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.NamedExpression;
import dev.sluice.plan.expr.SubqueryExpression;
import dev.sluice.plan.expr.agg.AggregateExpression;
import dev.sluice.plan.logical.Aggregate;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Project;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** What the two subquery rewrites share. */
final class SubqueryRewrites {
  private SubqueryRewrites() {}

  /** A subquery's plan with its own subqueries turned into joins, before it is joined itself. */
  static LogicalPlan nested(LogicalPlan plan, ConstantEvaluation constants) {
    LogicalPlan p = new RewritePredicateSubquery(constants).apply(plan);
    return new RewriteCorrelatedScalarSubquery(constants).apply(p);
  }

  /**
   * An aggregation whose select items use a subquery outside any aggregate function, as a projection of
   * those items over the aggregation of everything else: the subquery then reads grouping columns and
   * aggregate results, once per group. Null when an item reads a column that is not a plain grouping column.
   */
  static Project splitAggregate(Aggregate a, Predicate<Expression> hasSubquery) {
    Set<AttributeReference> groupAttrs = new LinkedHashSet<>();
    for (Expression g : a.groupingExpressions()) {
      if (g instanceof AttributeReference ar) {
        groupAttrs.add(ar);
      }
    }
    List<Expression> below = new ArrayList<>();
    List<Expression> above = new ArrayList<>();
    Set<AttributeReference> belowAttrs = new LinkedHashSet<>();
    List<Expression> split = new ArrayList<>();
    for (Expression item : a.aggregateExpressions()) {
      if (!hasSubquery.test(item)) {
        below.add(item);
        AttributeReference attr = ((NamedExpression) item).toAttribute();
        belowAttrs.add(attr);
        above.add(attr);
      } else {
        above.add(null);
        split.add(item);
      }
    }
    int next = 0;
    for (int i = 0; i < above.size(); i++) {
      if (above.get(i) != null) {
        continue;
      }
      Expression item = split.get(next++);
      Expression it = item.transformDown(x -> {
        if (x instanceof AggregateExpression ae) {
          Alias al = new Alias(ae, ae.sql());
          below.add(al);
          return al.toAttribute();
        }
        return null;
      });
      Set<AttributeReference> needed = new LinkedHashSet<>(it.references());
      it.foreach(x -> {
        if (x instanceof SubqueryExpression s) {
          needed.addAll(s.outerReferences());
        }
      });
      for (AttributeReference r : needed) {
        if (belowAttrs.contains(r) || below.stream().anyMatch(b -> b instanceof Alias al && al.exprId().equals(r.exprId()))) {
          continue;
        }
        if (!groupAttrs.contains(r)) {
          return null;
        }
        below.add(r);
        belowAttrs.add(r);
      }
      above.set(i, it);
    }
    return new Project(above, new Aggregate(a.groupingExpressions(), below, a.child(), a.sessionKey()));
  }
}
