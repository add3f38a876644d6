package dev.sluice.plan.optimizer;

import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.Literal;
import dev.sluice.plan.expr.Logic;
import dev.sluice.plan.expr.Not;
import dev.sluice.plan.logical.LogicalPlan;

/**
 * Simplifies boolean logic with constant operands: {@code TRUE AND x → x}, {@code FALSE AND x → FALSE},
 * {@code TRUE OR x → TRUE}, {@code FALSE OR x → x}, {@code NOT NOT x → x}, {@code x AND x → x}.
 */
public final class BooleanSimplification implements Rule {
  @Override
  public LogicalPlan apply(LogicalPlan plan) {
    return plan.transformUp(p -> p.mapExpressions(e -> e.transformUp(BooleanSimplification::simplify)));
  }

  private static boolean isTrue(Expression e) {
    return e instanceof Literal l && Boolean.TRUE.equals(l.value());
  }

  private static boolean isFalse(Expression e) {
    return e instanceof Literal l && Boolean.FALSE.equals(l.value());
  }

  static Expression simplify(Expression e) {
    if (e instanceof Logic l) {
      Expression a = l.left();
      Expression b = l.right();
      if (l.isAnd()) {
        if (isTrue(a)) {
          return b;
        }
        if (isTrue(b)) {
          return a;
        }
        if (isFalse(a) || isFalse(b)) {
          return Literal.FALSE;
        }
      } else {
        if (isFalse(a)) {
          return b;
        }
        if (isFalse(b)) {
          return a;
        }
        if (isTrue(a) || isTrue(b)) {
          return Literal.TRUE;
        }
      }
      if (a.equals(b) && a.deterministic()) {
        return a;
      }
    }
    if (e instanceof Not n && n.child() instanceof Not inner) {
      return inner.child();
    }
    return null;
  }
}
