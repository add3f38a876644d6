package dev.sluice.plan.expr;

import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import java.util.List;

/**
 * {@code grouping(col)}: 1 when {@code col} is aggregated away in the current grouping set of a CUBE,
 * ROLLUP or GROUPING SETS (its value is the NULL the set put there), else 0. The analyzer replaces it
 * with a bit of the grouping id; anywhere else it is an error, as in Spark. Spark's result type is
 * TINYINT, which Sluice does not have: it is an INT here.
 */
public final class Grouping extends Expression {
  private final Expression child;

  public Grouping(Expression child) {
    this.child = child;
  }

  public Expression child() {
    return child;
  }

  @Override
  public List<Expression> children() {
    return List.of(child);
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    return new Grouping(c.get(0));
  }

  @Override
  public DataType dataType() {
    return DataTypes.IntegerType;
  }

  @Override
  public boolean nullable() {
    return false;
  }

  @Override
  public String sql() {
    return "grouping(" + child.sql() + ")";
  }
}
