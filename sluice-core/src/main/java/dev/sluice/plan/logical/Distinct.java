package dev.sluice.plan.logical;

import dev.sluice.plan.expr.AttributeReference;
import java.util.List;

/** {@code SELECT DISTINCT} / {@code distinct()}; the analyzer rewrites it into an {@link Aggregate}. */
public final class Distinct extends UnaryNode {
  public Distinct(LogicalPlan child) {
    super(child);
  }

  @Override
  public List<AttributeReference> output() {
    return child.output();
  }

  @Override
  protected boolean computeResolved() {
    return false;
  }

  @Override
  public LogicalPlan withChild(LogicalPlan c) {
    return new Distinct(c);
  }
}
