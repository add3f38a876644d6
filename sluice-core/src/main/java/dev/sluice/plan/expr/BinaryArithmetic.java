package dev.sluice.plan.expr;

import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.types.DecimalType;
import java.util.List;

/**
 * {@code + - * / DIV % pmod} on numbers. The analyzer casts both operands to one numeric type
 * first (see TypeCoercion); {@code /} works on double or decimal, {@code DIV} on bigint or decimal.
 * Overflow and division by zero follow the {@link EvalMode}.
 */
public final class BinaryArithmetic extends Expression {
  public enum Op {
    ADD("+", "add"), SUBTRACT("-", "subtract"), MULTIPLY("*", "multiply"), DIVIDE("/", "divide"),
    INTEGRAL_DIVIDE("div", "divide"), REMAINDER("%", "remainder"), PMOD("pmod", "pmod");

    final String symbol;
    private final String tryName;

    Op(String symbol, String tryName) {
      this.symbol = symbol;
      this.tryName = tryName;
    }

    public String tryName() {
      return tryName;
    }

    public String symbol() {
      return symbol;
    }
  }

  private final Op op;
  private final Expression left;
  private final Expression right;
  private final EvalMode mode;

  public BinaryArithmetic(Op op, Expression left, Expression right, EvalMode mode) {
    this.op = op;
    this.left = left;
    this.right = right;
    this.mode = mode;
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

  public EvalMode mode() {
    return mode;
  }

  @Override
  public List<Expression> children() {
    return List.of(left, right);
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    return new BinaryArithmetic(op, c.get(0), c.get(1), mode);
  }

  @Override
  protected List<Object> args() {
    return List.of(op, mode);
  }

  @Override
  public boolean foldable() {
    return left.foldable() && right.foldable();
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public String checkInputTypes() {
    DataType l = left.dataType();
    DataType r = right.dataType();
    if (!l.equals(r) && !(l instanceof DecimalType && r instanceof DecimalType)) {
      return "the operands of " + op.symbol + " must have the same type after coercion, but got "
          + l.sql() + " and " + r.sql();
    }
    if (!l.isNumeric()) {
      return "the operator " + op.symbol + " requires numeric operands, but got " + l.sql();
    }
    if (op == Op.DIVIDE && !(l == DataTypes.DoubleType || l instanceof DecimalType)) {
      return "/ requires DOUBLE or DECIMAL operands after coercion, got " + l.sql();
    }
    return null;
  }

  @Override
  public DataType dataType() {
    DataType t = left.dataType();
    if (op == Op.INTEGRAL_DIVIDE) {
      return DataTypes.LongType;
    }
    if (t instanceof DecimalType a && right.dataType() instanceof DecimalType b) {
      return decimalResultType(op, a, b);
    }
    return t;
  }

  /** Spark's result precision and scale for decimal arithmetic. */
  public static DecimalType decimalResultType(Op op, DecimalType a, DecimalType b) {
    int p1 = a.precision();
    int s1 = a.scale();
    int p2 = b.precision();
    int s2 = b.scale();
    return switch (op) {
      case ADD, SUBTRACT -> {
        int scale = Math.max(s1, s2);
        int range = Math.max(p1 - s1, p2 - s2);
        yield DecimalType.adjustPrecisionScale(range + scale + 1, scale);
      }
      case MULTIPLY -> DecimalType.adjustPrecisionScale(p1 + p2 + 1, s1 + s2);
      case DIVIDE -> {
        int scale = Math.max(6, s1 + p2 + 1);
        int prec = p1 - s1 + s2 + scale;
        yield DecimalType.adjustPrecisionScale(prec, scale);
      }
      case REMAINDER, PMOD -> {
        int scale = Math.max(s1, s2);
        int prec = Math.min(p1 - s1, p2 - s2) + scale;
        yield DecimalType.adjustPrecisionScale(prec, scale);
      }
      case INTEGRAL_DIVIDE -> new DecimalType(20, 0);
    };
  }

  @Override
  public String sql() {
    if (op == Op.PMOD) {
      return "pmod(" + left.sql() + ", " + right.sql() + ")";
    }
    return "(" + left.sql() + " " + op.symbol + " " + right.sql() + ")";
  }
}
