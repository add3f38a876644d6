package dev.sluice.plan.logical;

import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Comparison;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.Logic;
import dev.sluice.plan.expr.Predicates;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The equality keys of a join condition, each side's expression over that side's output, and the
 * condition that remains (Spark's ExtractEquiJoinKeys): what the planners hash or sort a join on and
 * what the streaming checks read the join's keys from.
 */
public record EquiJoinKeys(List<Expression> left, List<Expression> right, boolean[] nullSafe, Expression residual) {

  public static EquiJoinKeys of(Expression condition, LogicalPlan left, LogicalPlan right) {
    List<Expression> lk = new ArrayList<>();
    List<Expression> rk = new ArrayList<>();
    List<Boolean> ns = new ArrayList<>();
    List<Expression> rest = new ArrayList<>();
    Set<AttributeReference> lo = Set.copyOf(left.output());
    Set<AttributeReference> ro = Set.copyOf(right.output());
    for (Expression c : Predicates.conjuncts(condition)) {
      if (c instanceof Comparison cmp && (cmp.op() == Comparison.Op.EQ || cmp.op() == Comparison.Op.NULL_SAFE_EQ)) {
        Set<AttributeReference> a = cmp.left().references();
        Set<AttributeReference> b = cmp.right().references();
        if (!a.isEmpty() && !b.isEmpty() && lo.containsAll(a) && ro.containsAll(b)) {
          lk.add(cmp.left());
          rk.add(cmp.right());
          ns.add(cmp.op() == Comparison.Op.NULL_SAFE_EQ);
          continue;
        }
        if (!a.isEmpty() && !b.isEmpty() && ro.containsAll(a) && lo.containsAll(b)) {
          lk.add(cmp.right());
          rk.add(cmp.left());
          ns.add(cmp.op() == Comparison.Op.NULL_SAFE_EQ);
          continue;
        }
      }
      rest.add(c);
    }
    boolean[] nullSafe = new boolean[ns.size()];
    for (int i = 0; i < nullSafe.length; i++) {
      nullSafe[i] = ns.get(i);
    }
    Expression residual = rest.stream().reduce(Logic::and).orElse(null);
    return new EquiJoinKeys(lk, rk, nullSafe, residual);
  }
}
