package dev.sluice.plan.analysis;

import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.plan.expr.Alias;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Coalesce;
import dev.sluice.plan.expr.Comparison;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.Logic;
import dev.sluice.plan.logical.Join;
import dev.sluice.plan.logical.JoinType;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Project;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code JOIN ... USING (c, ...)} (and NATURAL-style joins from the DataFrame API): an equi-join
 * on the named columns, each appearing once in the output — the left side's, the right side's for
 * a RIGHT join, their coalesced value for a FULL join — followed by the other columns.
 */
final class ResolveUsingJoins extends ResolutionRule {
  private final ExpressionResolver resolver;

  ResolveUsingJoins(ExpressionResolver r) {
    this.resolver = r;
  }

  @Override
  protected LogicalPlan resolve(LogicalPlan p) {
    if (p instanceof Join j && j.natural() && !DeduplicateRelations.conflicting(j.left(), j.right())) {
      // NATURAL JOIN is USING the columns both sides have, in the left side's order (none: a cross product).
      List<String> common = new ArrayList<>();
      for (AttributeReference l : j.left().output()) {
        if (resolver.resolveName(List.of(l.name()), j.right().output()) != null
            && common.stream().noneMatch(c -> c.equalsIgnoreCase(l.name()))) {
          common.add(l.name());
        }
      }
      if (common.isEmpty()) {
        return new Join(j.left(), j.right(), j.joinType(), null, List.of());
      }
      return resolveUsingJoin(j.left(), j.right(), j.joinType(), common);
    }
    if (p instanceof Join j && !j.usingColumns().isEmpty() && !DeduplicateRelations.conflicting(j.left(), j.right())) {
      return resolveUsingJoin(j.left(), j.right(), j.joinType(), j.usingColumns());
    }
    return null;
  }

  private LogicalPlan resolveUsingJoin(LogicalPlan left, LogicalPlan right, JoinType type, List<String> using) {
    List<Expression> conds = new ArrayList<>();
    List<AttributeReference> leftKeys = new ArrayList<>();
    List<AttributeReference> rightKeys = new ArrayList<>();
    for (String name : using) {
      AttributeReference l = (AttributeReference) resolver.resolveName(List.of(name), left.output());
      AttributeReference r = (AttributeReference) resolver.resolveName(List.of(name), right.output());
      if (l == null || r == null) {
        List<AttributeReference> side = l == null ? left.output() : right.output();
        throw new AnalysisException(ErrorClass.UNRESOLVED_COLUMN, "`" + name + "` (USING column on the "
            + (l == null ? "left" : "right") + " side)", ExpressionResolver.candidates(side));
      }
      leftKeys.add(l);
      rightKeys.add(r);
      conds.add(OperatorFunctions.comparison(Comparison.Op.EQ, l, r, resolver.ansi()));
    }
    Expression cond = conds.stream().reduce(Logic::and).orElse(null);
    Join join = new Join(left, right, type, cond);
    List<Expression> proj = new ArrayList<>();
    for (int i = 0; i < using.size(); i++) {
      AttributeReference l = leftKeys.get(i);
      AttributeReference r = rightKeys.get(i);
      switch (type) {
        case RIGHT_OUTER -> proj.add(r);
        case FULL_OUTER -> proj.add(new Alias(new dev.sluice.plan.expr.Coalesce(
            TypeCoercion.coerceAll("USING", List.of(l, r), resolver.ansi(), false)), l.name()));
        default -> proj.add(l);
      }
    }
    for (AttributeReference a : join.output()) {
      if (!leftKeys.contains(a) && !rightKeys.contains(a)) {
        proj.add(a);
      }
    }
    if (type.leftOnly()) {
      return join;
    }
    return new Project(proj, join);
  }
}
