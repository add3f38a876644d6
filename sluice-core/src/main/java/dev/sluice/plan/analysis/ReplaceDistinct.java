package dev.sluice.plan.analysis;

import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.logical.Aggregate;
import dev.sluice.plan.logical.Distinct;
import dev.sluice.plan.logical.LogicalPlan;
import java.util.List;

/** {@code SELECT DISTINCT} and {@code distinct()}: an aggregation grouping by every column. */
final class ReplaceDistinct extends ResolutionRule {
  @Override
  protected LogicalPlan resolve(LogicalPlan p) {
    if (p instanceof Distinct d) {
      List<AttributeReference> out = d.child().output();
      return new Aggregate(out, out, d.child());
    }
    return null;
  }
}
