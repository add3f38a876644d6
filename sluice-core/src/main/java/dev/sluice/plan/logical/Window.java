package dev.sluice.plan.logical;

import dev.sluice.plan.expr.Alias;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.SortOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Computes window functions of one window specification: the child's columns plus one column per
 * window expression ({@link Alias} of a {@link dev.sluice.plan.expr.WindowExpression}).
 */
public final class Window extends UnaryNode {
  private final List<Alias> windowExpressions;
  private final List<Expression> partitionBy;
  private final List<SortOrder> orderBy;

  public Window(List<Alias> windowExpressions, List<Expression> partitionBy, List<SortOrder> orderBy,
      LogicalPlan child) {
    super(child);
    this.windowExpressions = List.copyOf(windowExpressions);
    this.partitionBy = List.copyOf(partitionBy);
    this.orderBy = List.copyOf(orderBy);
  }

  public List<Alias> windowExpressions() {
    return windowExpressions;
  }

  public List<Expression> partitionBy() {
    return partitionBy;
  }

  public List<SortOrder> orderBy() {
    return orderBy;
  }

  @Override
  public List<AttributeReference> output() {
    List<AttributeReference> out = new ArrayList<>(child.output());
    for (Alias a : windowExpressions) {
      out.add(a.toAttribute());
    }
    return out;
  }

  @Override
  public List<Expression> expressions() {
    List<Expression> all = new ArrayList<>(windowExpressions);
    all.addAll(partitionBy);
    all.addAll(orderBy);
    return all;
  }

  @Override
  public LogicalPlan mapExpressions(Function<Expression, Expression> f) {
    List<Alias> w = windowExpressions.stream().map(a -> (Alias) f.apply(a)).toList();
    List<Expression> p = partitionBy.stream().map(f).toList();
    List<SortOrder> o = orderBy.stream().map(s -> (SortOrder) f.apply(s)).toList();
    return new Window(w, p, o, child);
  }

  @Override
  public LogicalPlan withChild(LogicalPlan c) {
    return new Window(windowExpressions, partitionBy, orderBy, c);
  }
}
