package dev.sluice.plan.expr;

import dev.sluice.plan.expr.agg.AggregateFunction;
import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * A resolved window function call {@code fn(...) OVER (PARTITION BY ... ORDER BY ... frame)}: a ranking
 * or offset function (see {@link Kind}) or an aggregate over its {@link WindowFrame} (when the query
 * names none, the running frame up to the current row's peers with ORDER BY, the whole partition
 * without). Ranking and offset functions carry the frame Spark gives them, which only shows in the
 * column name. Computed by the Window operator, never evaluated row by row.
 */
public final class WindowExpression extends Expression {
  /** The window-only functions. */
  public enum Kind { ROW_NUMBER, RANK, DENSE_RANK, PERCENT_RANK, CUME_DIST, NTILE, LAG, LEAD, NTH_VALUE, AGGREGATE }

  private final Kind kind;
  /**
   * Arguments: for LAG/LEAD (input, offset literal, default); for NTH_VALUE (input, offset literal, ignore-nulls
   * literal); for NTILE (buckets); for AGGREGATE the function.
   */
  private final List<Expression> arguments;
  private final List<Expression> partitionBy;
  private final List<SortOrder> orderBy;
  private final WindowFrame frame;
  private final String displayName;

  public WindowExpression(Kind kind, List<Expression> arguments, List<Expression> partitionBy,
      List<SortOrder> orderBy, WindowFrame frame, String displayName) {
    this.kind = kind;
    this.arguments = List.copyOf(arguments);
    this.partitionBy = List.copyOf(partitionBy);
    this.orderBy = List.copyOf(orderBy);
    this.frame = frame;
    this.displayName = displayName;
  }

  public WindowFrame frame() {
    return frame;
  }

  public Kind kind() {
    return kind;
  }

  public List<Expression> arguments() {
    return arguments;
  }

  public List<Expression> partitionBy() {
    return partitionBy;
  }

  public List<SortOrder> orderBy() {
    return orderBy;
  }

  public AggregateFunction aggregate() {
    return (AggregateFunction) arguments.get(0);
  }

  @Override
  public List<Expression> children() {
    List<Expression> c = new ArrayList<>(arguments);
    c.addAll(partitionBy);
    c.addAll(orderBy);
    return c;
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    int a = arguments.size();
    int p = partitionBy.size();
    List<SortOrder> order = new ArrayList<>();
    for (Expression e : c.subList(a + p, c.size())) {
      order.add((SortOrder) e);
    }
    return new WindowExpression(kind, c.subList(0, a), c.subList(a, a + p), order, frame, displayName);
  }

  @Override
  protected List<Object> args() {
    return List.of(kind, partitionBy.size(), frame, displayName);
  }

  @Override
  public DataType dataType() {
    return switch (kind) {
      case ROW_NUMBER, RANK, DENSE_RANK, NTILE -> DataTypes.IntegerType;
      case PERCENT_RANK, CUME_DIST -> DataTypes.DoubleType;
      case LAG, LEAD, NTH_VALUE -> arguments.get(0).dataType();
      case AGGREGATE -> aggregate().dataType();
    };
  }

  @Override
  public boolean nullable() {
    return kind == Kind.LAG || kind == Kind.LEAD || kind == Kind.NTH_VALUE || kind == Kind.AGGREGATE;
  }

  /** The same window (partitioning and order)? */
  public boolean sameSpec(WindowExpression o) {
    return partitionBy.equals(o.partitionBy) && orderBy.equals(o.orderBy);
  }

  @Override
  public String sql() {
    return displayName;
  }
}
