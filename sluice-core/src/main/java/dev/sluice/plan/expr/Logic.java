package dev.sluice.plan.expr;

import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import java.util.List;

/**
 * {@code AND} / {@code OR} with SQL three-valued logic. The right side is evaluated only on the
 * rows whose result the left side does not decide, so {@code x <> 0 AND 10 / x > 1} never divides
 * by zero, as in Spark.
 */
public final class Logic extends Expression {
  private final boolean isAnd;
  private final Expression left;
  private final Expression right;

  private Logic(boolean isAnd, Expression left, Expression right) {
    this.isAnd = isAnd;
    this.left = left;
    this.right = right;
  }

  public static Logic and(Expression l, Expression r) {
    return new Logic(true, l, r);
  }

  public static Logic or(Expression l, Expression r) {
    return new Logic(false, l, r);
  }

  public boolean isAnd() {
    return isAnd;
  }

  public Expression left() {
    return left;
  }

  public Expression right() {
    return right;
  }

  @Override
  public List<Expression> children() {
    return List.of(left, right);
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    return new Logic(isAnd, c.get(0), c.get(1));
  }

  @Override
  protected List<Object> args() {
    return List.of(isAnd);
  }

  @Override
  public DataType dataType() {
    return DataTypes.BooleanType;
  }

  @Override
  public boolean foldable() {
    return left.foldable() && right.foldable();
  }

  @Override
  public String checkInputTypes() {
    if (left.dataType() != DataTypes.BooleanType || right.dataType() != DataTypes.BooleanType) {
      return (isAnd ? "AND" : "OR") + " requires BOOLEAN operands, got " + left.dataType().sql() + " and "
          + right.dataType().sql();
    }
    return null;
  }


  @Override
  public String sql() {
    return "(" + left.sql() + (isAnd ? " AND " : " OR ") + right.sql() + ")";
  }
}
