package dev.sluice.plan.logical;

import java.util.List;

/** A plan node with one child. */
public abstract class UnaryNode extends LogicalPlan {
  protected final LogicalPlan child;

  protected UnaryNode(LogicalPlan child) {
    this.child = child;
  }

  public final LogicalPlan child() {
    return child;
  }

  @Override
  public final List<LogicalPlan> children() {
    return List.of(child);
  }

  @Override
  public final LogicalPlan withNewChildren(List<LogicalPlan> c) {
    return c.get(0) == child ? this : withChild(c.get(0));
  }

  public abstract LogicalPlan withChild(LogicalPlan newChild);
}
