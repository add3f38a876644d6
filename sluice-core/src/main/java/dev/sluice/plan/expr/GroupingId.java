package dev.sluice.plan.expr;

import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code grouping_id(c1, ..., cn)}: the grouping id of the current grouping set, a BIGINT whose bit
 * {@code n - 1 - i} is {@code grouping(ci)} (so the first column is the highest bit). The columns must
 * be the grouping columns in order, or none (all of them); the virtual column {@code grouping__id} is
 * the same thing. The analyzer replaces it with the grouping id column; anywhere else it is an error.
 */
public final class GroupingId extends Expression {
  private final List<Expression> children;
  /** Written as the virtual column {@code grouping__id} rather than called. */
  private final boolean virtualColumn;

  public GroupingId(List<Expression> children, boolean virtualColumn) {
    this.children = List.copyOf(children);
    this.virtualColumn = virtualColumn;
  }

  public boolean virtualColumn() {
    return virtualColumn;
  }

  @Override
  public List<Expression> children() {
    return children;
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    return new GroupingId(c, virtualColumn);
  }

  @Override
  protected List<Object> args() {
    return List.of(virtualColumn);
  }

  @Override
  public DataType dataType() {
    return DataTypes.LongType;
  }

  @Override
  public boolean nullable() {
    return false;
  }

  @Override
  public String sql() {
    if (virtualColumn) {
      return "grouping__id";
    }
    List<String> args = new ArrayList<>();
    for (Expression c : children) {
      args.add(c.sql());
    }
    return "grouping_id(" + String.join(", ", args) + ")";
  }
}
