package dev.sluice.plan.optimizer;

import dev.sluice.plan.expr.Alias;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.ExprId;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.Literal;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Project;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges a projection into the projection below it by substituting the lower aliases, unless that
 * would evaluate a non-deterministic expression differently or repeat a costly expression.
 */
public final class CollapseProject implements Rule {
  @Override
  public LogicalPlan apply(LogicalPlan plan) {
    return plan.transformUp(p -> {
      if (!(p instanceof Project outer) || !(outer.child() instanceof Project inner)) {
        return null;
      }
      for (Expression e : inner.projectList()) {
        if (!e.deterministic()) {
          return null;
        }
      }
      Map<ExprId, Expression> aliases = AliasSubstitution.aliases(inner.projectList());
      Map<ExprId, Integer> uses = new HashMap<>();
      for (Expression e : outer.projectList()) {
        e.foreach(x -> {
          if (x instanceof AttributeReference a && aliases.containsKey(a.exprId())) {
            uses.merge(a.exprId(), 1, Integer::sum);
          }
        });
      }
      for (Map.Entry<ExprId, Integer> u : uses.entrySet()) {
        Expression target = aliases.get(u.getKey());
        if (u.getValue() > 1 && !(target instanceof AttributeReference || target instanceof Literal)) {
          return null;
        }
      }
      List<Expression> merged = outer.projectList().stream()
          .map(e -> AliasSubstitution.substituteNamed(e, aliases)).toList();
      return new Project(merged, inner.child());
    });
  }

  static boolean isAlias(Expression e) {
    return e instanceof Alias;
  }
}
