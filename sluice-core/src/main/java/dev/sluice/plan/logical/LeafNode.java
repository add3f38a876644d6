package dev.sluice.plan.logical;

import java.util.List;

/** A plan node without children: a relation. */
public abstract class LeafNode extends LogicalPlan {
  @Override
  public final List<LogicalPlan> children() {
    return List.of();
  }

  @Override
  public final LogicalPlan withNewChildren(List<LogicalPlan> newChildren) {
    return this;
  }
}
