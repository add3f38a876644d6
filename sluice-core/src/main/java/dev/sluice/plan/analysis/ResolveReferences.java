package dev.sluice.plan.analysis;

import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.logical.Aggregate;
import dev.sluice.plan.logical.Deduplicate;
import dev.sluice.plan.logical.Distinct;
import dev.sluice.plan.logical.EventTimeWatermark;
import dev.sluice.plan.logical.Filter;
import dev.sluice.plan.logical.Join;
import dev.sluice.plan.logical.LateralView;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Project;
import dev.sluice.plan.logical.SetOperation;
import dev.sluice.plan.logical.Sort;
import dev.sluice.plan.logical.SubqueryAlias;
import dev.sluice.plan.logical.Union;
import dev.sluice.plan.logical.UnresolvedRelation;
import dev.sluice.types.DataTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves column names, functions and {@code *} in the operators that have no rule of their own:
 * SELECT lists (expanding {@code *} and {@code t.*}, giving unnamed items Spark's automatic names),
 * {@code JOIN ... ON} conditions, withWatermark's event-time column, dropDuplicates keys, and the
 * expressions of any other node (LIMIT, ...). Aggregate functions, generators, window functions and
 * time windows stay in the projection, which is not resolved until {@link ResolveAggregates},
 * {@link ResolveGenerators}, {@link ExtractWindowExpressions} or {@link ResolveTimeWindows} give
 * them their operators.
 */
final class ResolveReferences extends ResolutionRule {
  private final ExpressionResolver resolver;

  ResolveReferences(ExpressionResolver r) {
    this.resolver = r;
  }

  @Override
  protected LogicalPlan resolve(LogicalPlan p) {
    if (p instanceof Project pr) {
      return ExpressionResolver.allSettled(pr.projectList()) ? null : resolveProject(pr);
    }
    if (p instanceof Join j) {
      if (!j.usingColumns().isEmpty() || j.natural() || DeduplicateRelations.conflicting(j.left(), j.right())) {
        return null; // ResolveUsingJoins, or DeduplicateRelations first
      }
      return resolveJoinCondition(j);
    }
    if (p instanceof EventTimeWatermark w) {
      Expression et = resolver.resolveExpression(w.eventTime(), w.child().output(), w, false);
      if (!(et instanceof AttributeReference a) || a.dataType() != dev.sluice.types.DataTypes.TimestampType) {
        throw new AnalysisException(ErrorClass.DATATYPE_MISMATCH, "withWatermark(" + w.eventTime().sql() + ")",
            "the event-time column must be a TIMESTAMP column, but " + et.sql() + " is "
                + (et.resolved() ? et.dataType().sql() : "unresolved") + "; cast it, e.g. timestamp_seconds(col)");
      }
      return new EventTimeWatermark(et, w.delayMicros(), w.child());
    }
    if (p instanceof Deduplicate d) {
      List<Expression> keys = new ArrayList<>();
      for (Expression k : d.keys()) {
        keys.add(resolver.resolveExpression(k, d.child().output(), d, false));
      }
      return new Deduplicate(keys, d.withinWatermark(), d.child());
    }
    if (p instanceof UnresolvedRelation || p instanceof Aggregate || p instanceof Filter || p instanceof Sort
        || p instanceof LateralView || p instanceof Union || p instanceof SetOperation || p instanceof Distinct) {
      return null; // resolved by their own rules
    }
    // Other nodes (Limit, SubqueryAlias, ...): resolve their expressions against the children.
    LogicalPlan q = p;
    List<AttributeReference> input = p.childOutput();
    return q.mapExpressions(e -> resolver.resolveExpression(e, input, q, false));
  }

  private LogicalPlan resolveProject(Project p) {
    List<AttributeReference> input = p.child().output();
    List<Expression> resolved = new ArrayList<>();
    for (Expression e : resolver.expandStars(p.projectList(), input, p)) {
      resolved.add(ExpressionResolver.named(resolver.resolveExpression(e, input, p, true)));
    }
    return new Project(resolved, p.child());
  }

  private LogicalPlan resolveJoinCondition(Join j) {
    LogicalPlan left = j.left();
    LogicalPlan right = j.right();
    Expression cond = null;
    if (j.condition() != null) {
      List<AttributeReference> input = ExpressionResolver.concat(left.output(), right.output());
      cond = resolver.bool(resolver.resolveExpression(j.condition(), input, j, false), "join");
    }
    return new Join(left, right, j.joinType(), cond);
  }
}
