package dev.sluice.plan.rules;

import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.ExprId;
import dev.sluice.plan.logical.LogicalPlan;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Structural checks a {@link RuleExecutor} runs after every rule that changed a plan. Each returns
 * {@code null} when the plan is sound, otherwise what is wrong; the executor names the rule.
 */
public final class PlanIntegrity {
  private PlanIntegrity() {}

  /** A check comparing the plan before a rule with the plan after it. */
  @FunctionalInterface
  public interface Check {
    /** What is wrong with {@code after}, or {@code null}. */
    String violation(LogicalPlan before, LogicalPlan after);

    default Check and(Check other) {
      return (before, after) -> {
        String v = violation(before, after);
        return v != null ? v : other.violation(before, after);
      };
    }
  }

  /**
   * An expression id names one column: within the output of each resolved operator, attributes that
   * share an id must have the same data type. ({@code SELECT a, a} repeats one column, which is fine;
   * one id for an INT and a STRING column means a rule reused an id it should have renewed.)
   */
  public static String outputIdsConsistent(LogicalPlan plan) {
    String[] found = {null};
    plan.foreach(p -> {
      if (found[0] != null || !p.resolved()) {
        return;
      }
      Map<ExprId, AttributeReference> byId = new HashMap<>();
      for (AttributeReference a : p.output()) {
        AttributeReference seen = byId.putIfAbsent(a.exprId(), a);
        if (seen != null && !seen.dataType().equals(a.dataType())) {
          found[0] = "the output of " + p.nodeName() + " has two columns with expression id " + a.exprId()
              + " but different types: " + seen.name() + " " + seen.dataType().sql() + " and " + a.name() + " "
              + a.dataType().sql();
          return;
        }
      }
    });
    return found[0];
  }

  /** The plan's output keeps its column names and types (nullability may change). */
  public static String sameSchema(LogicalPlan before, LogicalPlan after) {
    if (!before.resolved()) {
      return null;
    }
    List<AttributeReference> a = before.output();
    List<AttributeReference> b = after.output();
    boolean same = a.size() == b.size();
    for (int i = 0; same && i < a.size(); i++) {
      same = a.get(i).name().equals(b.get(i).name()) && a.get(i).dataType().equals(b.get(i).dataType());
    }
    return same ? null : "the output schema changed from " + describe(a) + " to " + describe(b);
  }

  /** The default check: consistent expression ids, and an optimizer's unchanged schema when asked. */
  public static Check standard(boolean schemaUnchanged) {
    Check ids = (before, after) -> outputIdsConsistent(after);
    return schemaUnchanged ? ids.and(PlanIntegrity::sameSchema) : ids;
  }

  private static String describe(List<AttributeReference> attrs) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < attrs.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(attrs.get(i).name()).append(' ').append(attrs.get(i).dataType().sql());
    }
    return sb.append(']').toString();
  }
}
