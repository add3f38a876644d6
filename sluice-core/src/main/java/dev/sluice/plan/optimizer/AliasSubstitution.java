package dev.sluice.plan.optimizer;

import dev.sluice.plan.expr.Alias;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.ExprId;
import dev.sluice.plan.expr.Expression;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Replaces references to a projection's aliases with the aliased expressions. */
final class AliasSubstitution {
  private AliasSubstitution() {}

  static Map<ExprId, Expression> aliases(List<Expression> projectList) {
    Map<ExprId, Expression> m = new HashMap<>();
    for (Expression e : projectList) {
      if (e instanceof Alias a) {
        m.put(a.exprId(), a.child());
      }
    }
    return m;
  }

  static Expression substitute(Expression e, Map<ExprId, Expression> aliases) {
    return e.transformUp(x -> {
      if (x instanceof AttributeReference a && aliases.containsKey(a.exprId())) {
        return aliases.get(a.exprId());
      }
      return null;
    });
  }

  /** Substitutes inside a named select item, keeping its name and identity. */
  static Expression substituteNamed(Expression item, Map<ExprId, Expression> aliases) {
    if (item instanceof AttributeReference a && aliases.containsKey(a.exprId())) {
      return new Alias(aliases.get(a.exprId()), a.name(), a.exprId());
    }
    if (item instanceof Alias al) {
      return new Alias(substitute(al.child(), aliases), al.name(), al.exprId());
    }
    return substitute(item, aliases);
  }
}
