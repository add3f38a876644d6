package dev.sluice.plan.logical;

import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Expression;
import java.util.List;
import java.util.function.Function;

/**
 * {@code dropDuplicates(keys)}: keeps the first row seen for each key. On a stream the keys seen are
 * state; with {@code withinWatermark}, a key is forgotten once the watermark passes its first
 * occurrence's event time plus the delay.
 */
public final class Deduplicate extends UnaryNode {
  private final List<Expression> keys;
  private final boolean withinWatermark;

  public Deduplicate(List<? extends Expression> keys, boolean withinWatermark, LogicalPlan child) {
    super(child);
    this.keys = List.copyOf(keys);
    this.withinWatermark = withinWatermark;
  }

  public List<Expression> keys() {
    return keys;
  }

  public boolean withinWatermark() {
    return withinWatermark;
  }

  @Override
  public List<AttributeReference> output() {
    return child.output();
  }

  @Override
  public List<Expression> expressions() {
    return keys;
  }

  @Override
  public LogicalPlan mapExpressions(Function<Expression, Expression> f) {
    return new Deduplicate(keys.stream().map(f).toList(), withinWatermark, child);
  }

  @Override
  public LogicalPlan withChild(LogicalPlan c) {
    return new Deduplicate(keys, withinWatermark, c);
  }

  @Override
  protected List<Object> args() {
    return List.of(withinWatermark);
  }
}
