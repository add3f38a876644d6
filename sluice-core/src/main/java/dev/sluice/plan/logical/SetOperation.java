package dev.sluice.plan.logical;

import dev.sluice.plan.expr.AttributeReference;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code EXCEPT} / {@code INTERSECT} (DISTINCT, or ALL). The analyzer rewrites the DISTINCT forms
 * into an anti/semi join over a distinct aggregate, as Spark does.
 */
public final class SetOperation extends LogicalPlan {
  public enum Kind { EXCEPT, INTERSECT }

  private final Kind kind;
  private final boolean all;
  private final LogicalPlan left;
  private final LogicalPlan right;

  public SetOperation(Kind kind, boolean all, LogicalPlan left, LogicalPlan right) {
    this.kind = kind;
    this.all = all;
    this.left = left;
    this.right = right;
  }

  public Kind kind() {
    return kind;
  }

  public boolean all() {
    return all;
  }

  public LogicalPlan left() {
    return left;
  }

  public LogicalPlan right() {
    return right;
  }

  @Override
  public List<LogicalPlan> children() {
    return List.of(left, right);
  }

  @Override
  public List<AttributeReference> output() {
    return new ArrayList<>(left.output());
  }

  @Override
  protected boolean computeResolved() {
    return false;
  }

  @Override
  public LogicalPlan withNewChildren(List<LogicalPlan> c) {
    return new SetOperation(kind, all, c.get(0), c.get(1));
  }

  @Override
  protected List<Object> args() {
    return List.of(kind, all);
  }
}
