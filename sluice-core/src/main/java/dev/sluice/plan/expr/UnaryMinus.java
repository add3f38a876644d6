package dev.sluice.plan.expr;

import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.ExecutionException;
import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;
import dev.sluice.vector.DoubleVector;
import dev.sluice.vector.IntVector;
import dev.sluice.vector.LongVector;
import dev.sluice.vector.VectorBuilder;
import java.math.BigDecimal;
import java.util.List;

/** {@code -x} and {@code abs(x)} on numbers and intervals; overflow of the minimum value follows the mode. */
public final class UnaryMinus extends Expression {
  private final Expression child;
  private final boolean abs;
  private final EvalMode mode;

  public UnaryMinus(Expression child, boolean abs, EvalMode mode) {
    this.child = child;
    this.abs = abs;
    this.mode = mode;
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
    return new UnaryMinus(c.get(0), abs, mode);
  }

  @Override
  protected List<Object> args() {
    return List.of(abs, mode);
  }

  @Override
  public DataType dataType() {
    return child.dataType();
  }

  @Override
  public boolean foldable() {
    return child.foldable();
  }

  @Override
  public String checkInputTypes() {
    DataType t = child.dataType();
    if (t.isNumeric() || t == DataTypes.DayTimeIntervalType || t == DataTypes.YearMonthIntervalType) {
      return null;
    }
    return (abs ? "abs" : "unary -") + " requires a numeric or interval argument, got " + t.sql();
  }

  @Override
  public ColumnVector eval(ColumnBatch batch) {
    ColumnVector v = child.eval(batch);
    int n = batch.numRows();
    if (v instanceof LongVector lv) {
      long[] a = lv.values();
      long[] out = new long[n];
      boolean[] nulls = Eval.copyNulls(v, n);
      for (int i = 0; i < n; i++) {
        long x = a[i];
        if (abs && x >= 0) {
          out[i] = x;
          continue;
        }
        if (x == Long.MIN_VALUE && !v.isNull(i)) {
          nulls = overflow(nulls, i, n, "long");
        }
        out[i] = -x;
      }
      return new LongVector(v.type(), out, n, Eval.normalize(nulls, n));
    }
    if (v instanceof IntVector iv) {
      int[] a = iv.values();
      int[] out = new int[n];
      boolean[] nulls = Eval.copyNulls(v, n);
      for (int i = 0; i < n; i++) {
        int x = a[i];
        if (abs && x >= 0) {
          out[i] = x;
          continue;
        }
        if (x == Integer.MIN_VALUE && !v.isNull(i)) {
          nulls = overflow(nulls, i, n, "integer");
        }
        out[i] = -x;
      }
      return new IntVector(v.type(), out, n, Eval.normalize(nulls, n));
    }
    if (v instanceof DoubleVector dv) {
      double[] a = dv.values();
      double[] out = new double[n];
      for (int i = 0; i < n; i++) {
        out[i] = abs ? Math.abs(a[i]) : -a[i];
      }
      return new DoubleVector(out, n, v.nulls());
    }
    VectorBuilder b = VectorBuilder.create(v.type(), n);
    for (int i = 0; i < n; i++) {
      BigDecimal d = (BigDecimal) v.get(i);
      b.append(d == null ? null : (abs ? d.abs() : d.negate()));
    }
    return b.build();
  }

  private boolean[] overflow(boolean[] nulls, int i, int n, String type) {
    if (mode == EvalMode.ANSI) {
      throw new ExecutionException(ErrorClass.ARITHMETIC_OVERFLOW, type, sql(), abs ? "abs" : "subtract");
    }
    if (mode == EvalMode.LEGACY) {
      return nulls;
    }
    boolean[] out = nulls == null ? new boolean[n] : nulls;
    out[i] = true;
    return out;
  }

  @Override
  public String sql() {
    return abs ? "abs(" + child.sql() + ")" : "(- " + child.sql() + ")";
  }
}
