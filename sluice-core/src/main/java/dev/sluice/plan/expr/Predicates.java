package dev.sluice.plan.expr;

import java.util.ArrayList;
import java.util.List;

/** Helpers for boolean conditions. */
public final class Predicates {
  private Predicates() {}

  /** Splits {@code a AND b AND c} into its conjuncts; null gives none. */
  public static List<Expression> conjuncts(Expression e) {
    List<Expression> out = new ArrayList<>();
    if (e == null) {
      return out;
    }
    if (e instanceof Logic l && l.isAnd()) {
      out.addAll(conjuncts(l.left()));
      out.addAll(conjuncts(l.right()));
    } else {
      out.add(e);
    }
    return out;
  }

  /** The conjunction of the conditions, or null for none. */
  public static Expression and(List<Expression> cs) {
    return cs.stream().reduce(Logic::and).orElse(null);
  }
}
