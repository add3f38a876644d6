package dev.sluice.plan.logical;

import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.SortOrder;
import java.util.List;
import java.util.function.Function;

/** {@code ORDER BY}: a total order over all rows. */
public final class Sort extends UnaryNode {
  private final List<SortOrder> order;

  public Sort(List<SortOrder> order, LogicalPlan child) {
    super(child);
    this.order = List.copyOf(order);
  }

  public List<SortOrder> order() {
    return order;
  }

  @Override
  public List<AttributeReference> output() {
    return child.output();
  }

  @Override
  public List<Expression> expressions() {
    return List.copyOf(order);
  }

  @Override
  public LogicalPlan mapExpressions(Function<Expression, Expression> f) {
    return new Sort(order.stream().map(o -> {
      Expression e = f.apply(o);
      return e instanceof SortOrder so ? so : SortOrder.asc(e);
    }).toList(), child);
  }

  @Override
  public LogicalPlan withChild(LogicalPlan c) {
    return new Sort(order, c);
  }
}
