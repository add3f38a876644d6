package dev.sluice.plan.expr;

import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.ExecutionException;
import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.types.DecimalType;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;
import dev.sluice.vector.DoubleVector;
import dev.sluice.vector.IntVector;
import dev.sluice.vector.LongVector;
import dev.sluice.vector.ObjectVector;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
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
    final String tryName;

    Op(String symbol, String tryName) {
      this.symbol = symbol;
      this.tryName = tryName;
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
  public ColumnVector eval(ColumnBatch batch) {
    ColumnVector l = left.eval(batch);
    ColumnVector r = right.eval(batch);
    int n = batch.numRows();
    DataType t = left.dataType();
    if (op == Op.INTEGRAL_DIVIDE) {
      return integralDivide(l, r, n);
    }
    if (t == DataTypes.LongType) {
      return evalLong(((LongVector) l).values(), ((LongVector) r).values(), Eval.unionNulls(n, l, r), n);
    }
    if (t == DataTypes.IntegerType) {
      return evalInt(((IntVector) l).values(), ((IntVector) r).values(), Eval.unionNulls(n, l, r), n);
    }
    if (t == DataTypes.DoubleType) {
      return evalDouble(((DoubleVector) l).values(), ((DoubleVector) r).values(), Eval.unionNulls(n, l, r), n);
    }
    return evalDecimal((ObjectVector) l, (ObjectVector) r, n);
  }

  private ColumnVector evalLong(long[] a, long[] b, boolean[] nulls, int n) {
    long[] out = new long[n];
    switch (op) {
      case ADD -> {
        for (int i = 0; i < n; i++) {
          long x = a[i];
          long y = b[i];
          long s = x + y;
          if (((x ^ s) & (y ^ s)) < 0 && (nulls == null || !nulls[i])) {
            nulls = overflow(nulls, i, n, "long");
            if (mode == EvalMode.LEGACY) {
              nulls[i] = false;
            }
          }
          out[i] = s;
        }
      }
      case SUBTRACT -> {
        for (int i = 0; i < n; i++) {
          long x = a[i];
          long y = b[i];
          long s = x - y;
          if (((x ^ y) & (x ^ s)) < 0 && (nulls == null || !nulls[i])) {
            nulls = overflow(nulls, i, n, "long");
            if (mode == EvalMode.LEGACY) {
              nulls[i] = false;
            }
          }
          out[i] = s;
        }
      }
      case MULTIPLY -> {
        for (int i = 0; i < n; i++) {
          long x = a[i];
          long y = b[i];
          long hi = Math.multiplyHigh(x, y);
          long s = x * y;
          if ((hi != 0 || s < 0) && (hi != -1 || s >= 0) && (nulls == null || !nulls[i])) {
            nulls = overflow(nulls, i, n, "long");
            if (mode == EvalMode.LEGACY) {
              nulls[i] = false;
            }
          }
          out[i] = s;
        }
      }
      case REMAINDER, PMOD -> {
        for (int i = 0; i < n; i++) {
          if (nulls != null && nulls[i]) {
            continue;
          }
          long y = b[i];
          if (y == 0) {
            nulls = divideByZero(nulls, i, n);
            continue;
          }
          long m = a[i] % y;
          if (op == Op.PMOD && m < 0) {
            m = (m + y) % y;
          }
          out[i] = m;
        }
      }
      default -> throw new IllegalStateException(op + " on bigint");
    }
    return new LongVector(DataTypes.LongType, out, n, Eval.normalize(nulls, n));
  }

  private ColumnVector evalInt(int[] a, int[] b, boolean[] nulls, int n) {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      int x = a[i];
      int y = b[i];
      long wide;
      switch (op) {
        case ADD -> wide = (long) x + y;
        case SUBTRACT -> wide = (long) x - y;
        case MULTIPLY -> wide = (long) x * y;
        case REMAINDER, PMOD -> {
          if (y == 0) {
            if (nulls == null || !nulls[i]) {
              nulls = divideByZero(nulls, i, n);
            }
            continue;
          }
          int m = x % y;
          if (op == Op.PMOD && m < 0) {
            m = (m + y) % y;
          }
          out[i] = m;
          continue;
        }
        default -> throw new IllegalStateException(op + " on int");
      }
      int s = (int) wide;
      if (s != wide && (nulls == null || !nulls[i])) {
        nulls = overflow(nulls, i, n, "integer");
        if (mode == EvalMode.LEGACY) {
          nulls[i] = false;
        }
      }
      out[i] = s;
    }
    return new IntVector(DataTypes.IntegerType, out, n, Eval.normalize(nulls, n));
  }

  private ColumnVector evalDouble(double[] a, double[] b, boolean[] nulls, int n) {
    double[] out = new double[n];
    switch (op) {
      case ADD -> {
        for (int i = 0; i < n; i++) {
          out[i] = a[i] + b[i];
        }
      }
      case SUBTRACT -> {
        for (int i = 0; i < n; i++) {
          out[i] = a[i] - b[i];
        }
      }
      case MULTIPLY -> {
        for (int i = 0; i < n; i++) {
          out[i] = a[i] * b[i];
        }
      }
      case DIVIDE, REMAINDER, PMOD -> {
        for (int i = 0; i < n; i++) {
          if (nulls != null && nulls[i]) {
            continue;
          }
          double y = b[i];
          if (y == 0.0) {
            nulls = divideByZero(nulls, i, n);
            continue;
          }
          if (op == Op.DIVIDE) {
            out[i] = a[i] / y;
          } else {
            double m = a[i] % y;
            if (op == Op.PMOD && m < 0) {
              m = (m + y) % y;
            }
            out[i] = m;
          }
        }
      }
      default -> throw new IllegalStateException(op + " on double");
    }
    return new DoubleVector(out, n, Eval.normalize(nulls, n));
  }

  private ColumnVector evalDecimal(ObjectVector l, ObjectVector r, int n) {
    DecimalType rt = (DecimalType) dataType();
    Object[] out = new Object[n];
    boolean[] nulls = Eval.unionNulls(n, l, r);
    Object[] a = l.values();
    Object[] b = r.values();
    for (int i = 0; i < n; i++) {
      if (nulls != null && nulls[i]) {
        continue;
      }
      BigDecimal x = (BigDecimal) a[i];
      BigDecimal y = (BigDecimal) b[i];
      BigDecimal v;
      switch (op) {
        case ADD -> v = x.add(y);
        case SUBTRACT -> v = x.subtract(y);
        case MULTIPLY -> v = x.multiply(y);
        case DIVIDE, REMAINDER, PMOD -> {
          if (y.signum() == 0) {
            nulls = divideByZero(nulls, i, n);
            continue;
          }
          if (op == Op.DIVIDE) {
            v = x.divide(y, rt.scale(), RoundingMode.HALF_UP);
          } else {
            v = x.remainder(y, MathContext.DECIMAL128);
            if (op == Op.PMOD && v.signum() < 0) {
              v = v.add(y).remainder(y, MathContext.DECIMAL128);
            }
          }
        }
        default -> throw new IllegalStateException(op + " on decimal");
      }
      v = v.setScale(rt.scale(), RoundingMode.HALF_UP);
      if (v.precision() - v.scale() > rt.precision() - rt.scale()) {
        if (mode == EvalMode.ANSI) {
          throw new ExecutionException(ErrorClass.NUMERIC_VALUE_OUT_OF_RANGE, v.toPlainString(), rt.sql(), sql());
        }
        nulls = setNull(nulls, i, n);
        continue;
      }
      out[i] = v;
    }
    return new ObjectVector(rt, out, n, Eval.normalize(nulls, n));
  }

  private ColumnVector integralDivide(ColumnVector l, ColumnVector r, int n) {
    long[] out = new long[n];
    boolean[] nulls = Eval.unionNulls(n, l, r);
    for (int i = 0; i < n; i++) {
      if (nulls != null && nulls[i]) {
        continue;
      }
      if (l instanceof LongVector lv) {
        long x = lv.getLong(i);
        long y = ((LongVector) r).getLong(i);
        if (y == 0) {
          nulls = divideByZero(nulls, i, n);
          continue;
        }
        if (x == Long.MIN_VALUE && y == -1) {
          nulls = overflow(nulls, i, n, "long");
          if (mode == EvalMode.LEGACY) {
            nulls[i] = false;
          }
        }
        out[i] = x / y;
      } else {
        BigDecimal x = (BigDecimal) l.get(i);
        BigDecimal y = (BigDecimal) r.get(i);
        if (y.signum() == 0) {
          nulls = divideByZero(nulls, i, n);
          continue;
        }
        BigDecimal q = x.divideToIntegralValue(y);
        if (q.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
          nulls = overflow(nulls, i, n, "long");
          continue;
        }
        out[i] = q.longValue();
      }
    }
    return new LongVector(DataTypes.LongType, out, n, Eval.normalize(nulls, n));
  }

  private boolean[] overflow(boolean[] nulls, int i, int n, String type) {
    if (mode == EvalMode.ANSI) {
      throw new ExecutionException(ErrorClass.ARITHMETIC_OVERFLOW, type, sql(), op.tryName);
    }
    return setNull(nulls, i, n);
  }

  private boolean[] divideByZero(boolean[] nulls, int i, int n) {
    if (mode == EvalMode.ANSI) {
      throw new ExecutionException(ErrorClass.DIVIDE_BY_ZERO, sql());
    }
    return setNull(nulls, i, n);
  }

  private static boolean[] setNull(boolean[] nulls, int i, int n) {
    boolean[] out = nulls == null ? new boolean[n] : nulls;
    out[i] = true;
    return out;
  }

  @Override
  public String sql() {
    if (op == Op.PMOD) {
      return "pmod(" + left.sql() + ", " + right.sql() + ")";
    }
    return "(" + left.sql() + " " + op.symbol + " " + right.sql() + ")";
  }
}
