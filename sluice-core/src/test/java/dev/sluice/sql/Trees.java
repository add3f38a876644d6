package dev.sluice.sql;

import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.Literal;
import dev.sluice.plan.expr.Unresolved;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.types.DataTypes;
import java.util.Arrays;
import java.util.List;

/** Small builders of unresolved trees for the parser tests. */
final class Trees {
  private Trees() {}

  static Unresolved.Attribute col(String... parts) {
    return new Unresolved.Attribute(Arrays.asList(parts));
  }

  static Unresolved.Function fn(String name, Expression... args) {
    return new Unresolved.Function(name, List.of(args));
  }

  static Literal lit(Object v) {
    return Literal.of(v);
  }

  static Literal str(String s) {
    return new Literal(s, DataTypes.StringType);
  }

  /** The plan's tree without expression ids, which differ from run to run. */
  static String shape(LogicalPlan plan) {
    return plan.treeString().replaceAll("#\\d+", "").strip();
  }

  /** Joins lines, so expected trees read like the printed ones. */
  static String lines(String... lines) {
    return String.join("\n", lines);
  }
}
