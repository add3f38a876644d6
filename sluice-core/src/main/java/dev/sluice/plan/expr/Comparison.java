package dev.sluice.plan.expr;

import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.types.ValueOrdering;
import java.util.List;

/**
 * {@code = <> < <= > >= <=>}. Operands have one type after coercion. NULL compared with anything is
 * NULL, except for the null-safe {@code <=>}, which is never NULL.
 */
public final class Comparison extends Expression {
  public enum Op {
    EQ("="), NEQ("<>"), LT("<"), LTE("<="), GT(">"), GTE(">="), NULL_SAFE_EQ("<=>");

    final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }

    /** The operator with operands swapped: a < b is b > a. */
    public Op flip() {
      return switch (this) {
        case LT -> GT;
        case LTE -> GTE;
        case GT -> LT;
        case GTE -> LTE;
        default -> this;
      };
    }

    public boolean test(int c) {
      return switch (this) {
        case EQ, NULL_SAFE_EQ -> c == 0;
        case NEQ -> c != 0;
        case LT -> c < 0;
        case LTE -> c <= 0;
        case GT -> c > 0;
        case GTE -> c >= 0;
      };
    }
  }

  private final Op op;
  private final Expression left;
  private final Expression right;

  public Comparison(Op op, Expression left, Expression right) {
    this.op = op;
    this.left = left;
    this.right = right;
  }

  public Op op() {
    return op;
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
    return new Comparison(op, c.get(0), c.get(1));
  }

  @Override
  protected List<Object> args() {
    return List.of(op);
  }

  @Override
  public DataType dataType() {
    return DataTypes.BooleanType;
  }

  @Override
  public boolean nullable() {
    return op != Op.NULL_SAFE_EQ && super.nullable();
  }

  @Override
  public boolean foldable() {
    return left.foldable() && right.foldable();
  }

  @Override
  public String checkInputTypes() {
    DataType l = left.dataType();
    DataType r = right.dataType();
    if (!l.equals(r) && l != DataTypes.NullType && r != DataTypes.NullType) {
      return "the operands of " + op.symbol + " must have the same type, but got " + l.sql() + " and " + r.sql();
    }
    if (op != Op.EQ && op != Op.NEQ && op != Op.NULL_SAFE_EQ && !ValueOrdering.isOrderable(l)) {
      return l.sql() + " values cannot be ordered";
    }
    return null;
  }

  @Override
  public String sql() {
    return "(" + left.sql() + " " + op.symbol + " " + right.sql() + ")";
  }
}
