package dev.sluice.plan.logical;

import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Expression;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Produces one output row per projection for every input row (sliding windows: one row per window a
 * row falls in). Every projection yields the columns of {@code output}, in order.
 */
public final class Expand extends UnaryNode {
  private final List<List<Expression>> projections;
  private final List<AttributeReference> output;

  public Expand(List<List<Expression>> projections, List<AttributeReference> output, LogicalPlan child) {
    super(child);
    this.projections = projections.stream().map(List::copyOf).toList();
    this.output = List.copyOf(output);
  }

  public List<List<Expression>> projections() {
    return projections;
  }

  @Override
  public List<AttributeReference> output() {
    return output;
  }

  @Override
  public List<Expression> expressions() {
    List<Expression> all = new ArrayList<>();
    projections.forEach(all::addAll);
    return all;
  }

  @Override
  public LogicalPlan mapExpressions(Function<Expression, Expression> f) {
    return new Expand(projections.stream().map(p -> p.stream().map(f).toList()).toList(), output, child);
  }

  @Override
  public LogicalPlan withChild(LogicalPlan c) {
    return new Expand(projections, output, c);
  }

  @Override
  public String simpleString() {
    return "Expand " + projections.size() + " projections " + output;
  }
}
