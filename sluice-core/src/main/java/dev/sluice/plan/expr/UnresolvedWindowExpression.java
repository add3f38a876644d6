package dev.sluice.plan.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * A window function call, {@code fn(...) OVER (PARTITION BY ... ORDER BY ...)}, as the SQL parser
 * produces it. The analyzer refuses it on streams (Spark's NON_TIME_WINDOW_NOT_SUPPORTED_IN_STREAMING);
 * in batch queries the analyzer resolves it into a {@link WindowExpression}. The frame is null when the
 * OVER clause names none (the analyzer then picks the function's default frame).
 */
public final class UnresolvedWindowExpression extends Unresolved {
  private final Expression function;
  private final List<Expression> partitionBy;
  private final List<SortOrder> orderBy;
  private final WindowFrame frame;

  public UnresolvedWindowExpression(Expression function, List<? extends Expression> partitionBy,
      List<SortOrder> orderBy, WindowFrame frame) {
    this.function = function;
    this.partitionBy = List.copyOf(partitionBy);
    this.orderBy = List.copyOf(orderBy);
    this.frame = frame;
  }

  public UnresolvedWindowExpression(Expression function, List<? extends Expression> partitionBy,
      List<SortOrder> orderBy) {
    this(function, partitionBy, orderBy, null);
  }

  /** The frame the OVER clause names, or null. */
  public WindowFrame frame() {
    return frame;
  }

  /** The function called over the window, usually an {@link Unresolved.Function}. */
  public Expression function() {
    return function;
  }

  public List<Expression> partitionBy() {
    return partitionBy;
  }

  public List<SortOrder> orderBy() {
    return orderBy;
  }

  @Override
  public List<Expression> children() {
    List<Expression> c = new ArrayList<>(1 + partitionBy.size() + orderBy.size());
    c.add(function);
    c.addAll(partitionBy);
    c.addAll(orderBy);
    return c;
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    int p = partitionBy.size();
    List<SortOrder> order = new ArrayList<>(orderBy.size());
    for (Expression e : c.subList(1 + p, c.size())) {
      order.add(e instanceof SortOrder so ? so : SortOrder.asc(e));
    }
    return new UnresolvedWindowExpression(c.get(0), c.subList(1, 1 + p), order, frame);
  }

  @Override
  protected List<Object> args() {
    return frame == null ? List.of(partitionBy.size()) : List.of(partitionBy.size(), frame);
  }

  @Override
  public String sql() {
    StringBuilder sb = new StringBuilder(function.sql()).append(" OVER (");
    if (!partitionBy.isEmpty()) {
      sb.append("PARTITION BY ");
      for (int i = 0; i < partitionBy.size(); i++) {
        sb.append(i > 0 ? ", " : "").append(partitionBy.get(i).sql());
      }
    }
    if (!orderBy.isEmpty()) {
      sb.append(partitionBy.isEmpty() ? "" : " ").append("ORDER BY ");
      for (int i = 0; i < orderBy.size(); i++) {
        sb.append(i > 0 ? ", " : "").append(orderBy.get(i).sql());
      }
    }
    if (frame != null) {
      sb.append(partitionBy.isEmpty() && orderBy.isEmpty() ? "" : " ").append(frame.sql());
    }
    return sb.append(')').toString();
  }
}
