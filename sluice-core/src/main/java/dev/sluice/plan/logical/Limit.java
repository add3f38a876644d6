package dev.sluice.plan.logical;

import dev.sluice.plan.expr.AttributeReference;
import java.util.List;

/** {@code LIMIT n}: the first n rows (of the order below it, if any). */
public final class Limit extends UnaryNode {
  private final int limit;

  public Limit(int limit, LogicalPlan child) {
    super(child);
    if (limit < 0) {
      throw new IllegalArgumentException("LIMIT must be zero or positive, got " + limit);
    }
    this.limit = limit;
  }

  public int limit() {
    return limit;
  }

  @Override
  public List<AttributeReference> output() {
    return child.output();
  }

  @Override
  protected List<Object> args() {
    return List.of(limit);
  }

  @Override
  public LogicalPlan withChild(LogicalPlan c) {
    return new Limit(limit, c);
  }
}
