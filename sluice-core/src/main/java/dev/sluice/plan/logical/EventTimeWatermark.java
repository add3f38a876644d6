package dev.sluice.plan.logical;

import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.Unresolved;
import dev.sluice.types.DataTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code withWatermark(column, delay)}: declares the event-time column and how late data may be.
 * The output marks the event-time attribute with the delay so stateful operators above can find it.
 */
public final class EventTimeWatermark extends UnaryNode {
  private final Expression eventTime;
  private final long delayMicros;

  public EventTimeWatermark(Expression eventTime, long delayMicros, LogicalPlan child) {
    super(child);
    this.eventTime = eventTime;
    this.delayMicros = delayMicros;
  }

  /** The event-time column: an attribute once resolved. */
  public Expression eventTime() {
    return eventTime;
  }

  public AttributeReference eventTimeAttribute() {
    return (AttributeReference) eventTime;
  }

  public long delayMicros() {
    return delayMicros;
  }

  @Override
  protected boolean computeResolved() {
    return super.computeResolved() && eventTime instanceof AttributeReference a && a.dataType() == DataTypes.TimestampType;
  }

  @Override
  public List<AttributeReference> output() {
    List<AttributeReference> out = new ArrayList<>();
    for (AttributeReference a : child.output()) {
      if (eventTime instanceof AttributeReference et && a.equals(et)) {
        out.add(a.withWatermarkDelay(delayMicros));
      } else {
        out.add(a);
      }
    }
    return out;
  }

  @Override
  public List<Expression> expressions() {
    return List.of(eventTime);
  }

  @Override
  public LogicalPlan mapExpressions(Function<Expression, Expression> f) {
    return new EventTimeWatermark(f.apply(eventTime), delayMicros, child);
  }

  @Override
  public LogicalPlan withChild(LogicalPlan c) {
    return new EventTimeWatermark(eventTime, delayMicros, c);
  }

  @Override
  protected List<Object> args() {
    return List.of(delayMicros);
  }

  @Override
  public String simpleString() {
    return "EventTimeWatermark " + (eventTime instanceof Unresolved ? eventTime.sql() : eventTime) + ", delay="
        + delayMicros / 1000 + "ms";
  }
}
