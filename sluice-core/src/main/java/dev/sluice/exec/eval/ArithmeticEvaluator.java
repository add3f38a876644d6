package dev.sluice.exec.eval;

import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.ExecutionException;
import dev.sluice.plan.expr.BinaryArithmetic;
import dev.sluice.plan.expr.BinaryArithmetic.Op;
import dev.sluice.plan.expr.EvalMode;
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

/**
 * {@code + - * / DIV % pmod}: one kernel per operand type (bigint, int, double, decimal) and
 * operator, chosen when the expression is compiled. A constant right operand ({@code x + 1},
 * {@code price * 1.2}) stays a scalar in the bigint, int and double kernels. Overflow and division
 * by zero follow the {@link EvalMode}: an error under ANSI, NULL (or, for legacy integer overflow,
 * the wrapped value) otherwise.
 */
final class ArithmeticEvaluator extends Evaluator {
  private enum Kind { LONG, INT, DOUBLE, DECIMAL, INTEGRAL_DIVIDE }

  private final Op op;
  private final EvalMode mode;
  private final String tryName;
  private final Kind kind;
  private final Evaluator left;
  private final Evaluator right;
  private final DecimalType resultType;

  ArithmeticEvaluator(BinaryArithmetic e, Evaluator left, Evaluator right) {
    super(e);
    this.op = e.op();
    this.mode = e.mode();
    this.tryName = e.op().tryName();
    this.left = left;
    this.right = right;
    DataType t = e.left().dataType();
    this.kind = op == Op.INTEGRAL_DIVIDE ? Kind.INTEGRAL_DIVIDE
        : t == DataTypes.LongType ? Kind.LONG
        : t == DataTypes.IntegerType ? Kind.INT
        : t == DataTypes.DoubleType ? Kind.DOUBLE : Kind.DECIMAL;
    this.resultType = e.dataType() instanceof DecimalType d ? d : null;
  }

  @Override
  public ColumnVector eval(ColumnBatch batch) {
    int n = batch.numRows();
    ColumnVector l = left.eval(batch);
    if (right.isConstant() && right.constantValue() != null && kind != Kind.DECIMAL && kind != Kind.INTEGRAL_DIVIDE) {
      Object y = right.constantValue();
      boolean[] nulls = Vectors.copyNulls(l, n);
      return switch (kind) {
        case LONG -> evalLongScalar(((LongVector) l).values(), (Long) y, nulls, n);
        case INT -> evalIntScalar(((IntVector) l).values(), (Integer) y, nulls, n);
        default -> evalDoubleScalar(((DoubleVector) l).values(), (Double) y, nulls, n);
      };
    }
    ColumnVector r = right.eval(batch);
    return switch (kind) {
      case INTEGRAL_DIVIDE -> integralDivide(l, r, n);
      case LONG -> evalLong(((LongVector) l).values(), ((LongVector) r).values(), Vectors.unionNulls(n, l, r), n);
      case INT -> evalInt(((IntVector) l).values(), ((IntVector) r).values(), Vectors.unionNulls(n, l, r), n);
      case DOUBLE -> evalDouble(((DoubleVector) l).values(), ((DoubleVector) r).values(), Vectors.unionNulls(n, l, r), n);
      case DECIMAL -> evalDecimal((ObjectVector) l, (ObjectVector) r, n);
    };
  }

  /** {@code x op y} for a constant y: the common ADD, SUBTRACT and MULTIPLY loops run on the scalar. */
  private ColumnVector evalLongScalar(long[] a, long y, boolean[] nulls, int n) {
    if (op != Op.ADD && op != Op.SUBTRACT && op != Op.MULTIPLY) {
      return evalLong(a, filled(y, n), nulls, n);
    }
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      long x = a[i];
      long s;
      boolean overflow;
      if (op == Op.ADD) {
        s = x + y;
        overflow = ((x ^ s) & (y ^ s)) < 0;
      } else if (op == Op.SUBTRACT) {
        s = x - y;
        overflow = ((x ^ y) & (x ^ s)) < 0;
      } else {
        long hi = Math.multiplyHigh(x, y);
        s = x * y;
        overflow = (hi != 0 || s < 0) && (hi != -1 || s >= 0);
      }
      if (overflow && (nulls == null || !nulls[i])) {
        nulls = overflow(nulls, i, n, "long");
        if (mode == EvalMode.LEGACY) {
          nulls[i] = false;
        }
      }
      out[i] = s;
    }
    return new LongVector(DataTypes.LongType, out, n, Vectors.normalize(nulls, n));
  }

  private ColumnVector evalIntScalar(int[] a, int y, boolean[] nulls, int n) {
    if (op != Op.ADD && op != Op.SUBTRACT && op != Op.MULTIPLY) {
      int[] b = new int[n];
      java.util.Arrays.fill(b, y);
      return evalInt(a, b, nulls, n);
    }
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      long wide = op == Op.ADD ? (long) a[i] + y : op == Op.SUBTRACT ? (long) a[i] - y : (long) a[i] * y;
      int s = (int) wide;
      if (s != wide && (nulls == null || !nulls[i])) {
        nulls = overflow(nulls, i, n, "integer");
        if (mode == EvalMode.LEGACY) {
          nulls[i] = false;
        }
      }
      out[i] = s;
    }
    return new IntVector(DataTypes.IntegerType, out, n, Vectors.normalize(nulls, n));
  }

  private ColumnVector evalDoubleScalar(double[] a, double y, boolean[] nulls, int n) {
    double[] out = new double[n];
    switch (op) {
      case ADD -> {
        for (int i = 0; i < n; i++) {
          out[i] = a[i] + y;
        }
      }
      case SUBTRACT -> {
        for (int i = 0; i < n; i++) {
          out[i] = a[i] - y;
        }
      }
      case MULTIPLY -> {
        for (int i = 0; i < n; i++) {
          out[i] = a[i] * y;
        }
      }
      default -> {
        double[] b = new double[n];
        java.util.Arrays.fill(b, y);
        return evalDouble(a, b, nulls, n);
      }
    }
    return new DoubleVector(out, n, nulls);
  }

  private static long[] filled(long y, int n) {
    long[] b = new long[n];
    java.util.Arrays.fill(b, y);
    return b;
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
    return new LongVector(DataTypes.LongType, out, n, Vectors.normalize(nulls, n));
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
    return new IntVector(DataTypes.IntegerType, out, n, Vectors.normalize(nulls, n));
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
    return new DoubleVector(out, n, Vectors.normalize(nulls, n));
  }

  private ColumnVector evalDecimal(ObjectVector l, ObjectVector r, int n) {
    DecimalType rt = resultType;
    Object[] out = new Object[n];
    boolean[] nulls = Vectors.unionNulls(n, l, r);
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
        nulls = Vectors.setNull(nulls, i, n);
        continue;
      }
      out[i] = v;
    }
    return new ObjectVector(rt, out, n, Vectors.normalize(nulls, n));
  }

  private ColumnVector integralDivide(ColumnVector l, ColumnVector r, int n) {
    long[] out = new long[n];
    boolean[] nulls = Vectors.unionNulls(n, l, r);
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
    return new LongVector(DataTypes.LongType, out, n, Vectors.normalize(nulls, n));
  }

  private boolean[] overflow(boolean[] nulls, int i, int n, String type) {
    if (mode == EvalMode.ANSI) {
      throw new ExecutionException(ErrorClass.ARITHMETIC_OVERFLOW, type, sql(),
          ErrorClass.tryInstead(tryName));
    }
    return Vectors.setNull(nulls, i, n);
  }

  private boolean[] divideByZero(boolean[] nulls, int i, int n) {
    if (mode == EvalMode.ANSI) {
      throw new ExecutionException(ErrorClass.DIVIDE_BY_ZERO, sql());
    }
    return Vectors.setNull(nulls, i, n);
  }


}
