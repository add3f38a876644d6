package dev.sluice.exec;

import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.BoundReference;
import dev.sluice.plan.expr.ExprId;
import dev.sluice.plan.expr.Expression;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Replaces attribute references with positions in an operator's input batch. */
public final class Binder {
  private Binder() {}

  public static Expression bind(Expression e, List<AttributeReference> input) {
    Map<ExprId, Integer> pos = new HashMap<>();
    for (int i = 0; i < input.size(); i++) {
      pos.putIfAbsent(input.get(i).exprId(), i);
    }
    return e.transformUp(x -> {
      if (x instanceof AttributeReference a) {
        Integer i = pos.get(a.exprId());
        if (i == null) {
          throw new IllegalStateException("Attribute " + a + " is not in the operator input " + input);
        }
        return new BoundReference(i, a.dataType(), a.nullable(), a.name());
      }
      return null;
    });
  }

  public static List<Expression> bindAll(List<? extends Expression> es, List<AttributeReference> input) {
    return es.stream().map(e -> bind(e, input)).toList();
  }
}
