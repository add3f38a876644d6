package dev.sluice.plan.analysis;

import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Comparison;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.Literal;
import dev.sluice.plan.expr.Logic;
import dev.sluice.plan.logical.Aggregate;
import dev.sluice.plan.logical.Join;
import dev.sluice.plan.logical.JoinType;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.SetOperation;
import dev.sluice.plan.logical.Union;
import java.util.ArrayList;
import java.util.List;

/**
 * EXCEPT and INTERSECT (DISTINCT): the inputs are aligned as for UNION, then EXCEPT is a left anti
 * join and INTERSECT a left semi join on null-safe equality of all columns, followed by a distinct.
 * The ALL forms are not supported.
 */
final class ResolveSetOperations extends ResolutionRule {
  private final ResolveUnion union;

  ResolveSetOperations(ExpressionResolver r) {
    this.union = new ResolveUnion(r);
  }

  @Override
  protected LogicalPlan resolve(LogicalPlan p) {
    if (p instanceof SetOperation s && !DeduplicateRelations.conflicting(s.left(), s.right())) {
      return resolveSetOperation(s);
    }
    return null;
  }

  private LogicalPlan resolveSetOperation(SetOperation s) {
    LogicalPlan left = s.left();
    LogicalPlan right = s.right();
    Union aligned = (Union) union.resolveUnion(new Union(List.of(left, right)));
    left = aligned.children().get(0);
    right = aligned.children().get(1);
    if (s.all()) {
      throw new AnalysisException(ErrorClass.UNSUPPORTED_FEATURE, s.kind() + " ALL; use " + s.kind()
          + " (DISTINCT) or express it with a join");
    }
    List<Expression> conds = new ArrayList<>();
    for (int i = 0; i < left.output().size(); i++) {
      conds.add(new Comparison(Comparison.Op.NULL_SAFE_EQ, left.output().get(i), right.output().get(i)));
    }
    Expression cond = conds.stream().reduce(Logic::and).orElse(Literal.TRUE);
    JoinType type = s.kind() == SetOperation.Kind.EXCEPT ? JoinType.LEFT_ANTI : JoinType.LEFT_SEMI;
    Join join = new Join(left, right, type, cond);
    List<AttributeReference> out = join.output();
    return new Aggregate(out, out, join);
  }
}
