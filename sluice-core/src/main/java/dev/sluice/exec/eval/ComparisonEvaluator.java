package dev.sluice.exec.eval;

import dev.sluice.plan.expr.Comparison;
import dev.sluice.plan.expr.Comparison.Op;
import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.types.ValueOrdering;
import dev.sluice.vector.BooleanVector;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;
import dev.sluice.vector.DoubleVector;
import dev.sluice.vector.IntVector;
import dev.sluice.vector.LongVector;
import dev.sluice.vector.VectorOrdering;

/**
 * {@code = <> < <= > >= <=>}. Primitive operands (bigint, int and the date/time types stored as
 * them, double) compare in loops over the arrays, bigint and timestamp with one loop per operator; a constant operand on either side
 * ({@code ts > 1000}, {@code 5 = x}) stays a scalar, with the operator flipped when the constant is
 * on the left. Other types compare values through the type's ordering.
 */
final class ComparisonEvaluator extends Evaluator {
  private final Op op;
  private final Evaluator left;
  private final Evaluator right;
  private final boolean nullType;

  ComparisonEvaluator(Comparison e, Evaluator left, Evaluator right) {
    super(e);
    this.op = e.op();
    this.left = left;
    this.right = right;
    this.nullType = e.left().dataType() == DataTypes.NullType || e.right().dataType() == DataTypes.NullType;
  }

  @Override
  public ColumnVector eval(ColumnBatch batch) {
    int n = batch.numRows();
    if (op == Op.NULL_SAFE_EQ) {
      return nullSafeEquals(left.eval(batch), right.eval(batch), n);
    }
    if (nullType) {
      return ColumnVector.allNull(DataTypes.BooleanType, n);
    }
    if (right.isConstant() && !left.isConstant()) {
      return withScalar(left.eval(batch), right.constantValue(), op, n);
    }
    if (left.isConstant() && !right.isConstant()) {
      return withScalar(right.eval(batch), left.constantValue(), op.flip(), n);
    }
    ColumnVector l = left.eval(batch);
    ColumnVector r = right.eval(batch);
    boolean[] out = new boolean[n];
    boolean[] nulls = Vectors.unionNulls(n, l, r);
    if (l instanceof LongVector lv) {
      compareLongs(lv.values(), ((LongVector) r).values(), out, n);
    } else if (l instanceof IntVector iv) {
      int[] a = iv.values();
      int[] b = ((IntVector) r).values();
      for (int i = 0; i < n; i++) {
        out[i] = op.test(Integer.compare(a[i], b[i]));
      }
    } else if (l instanceof DoubleVector dv) {
      double[] a = dv.values();
      double[] b = ((DoubleVector) r).values();
      for (int i = 0; i < n; i++) {
        out[i] = op.test(ValueOrdering.compareDoubles(a[i], b[i]));
      }
    } else {
      for (int i = 0; i < n; i++) {
        if (nulls == null || !nulls[i]) {
          out[i] = op.test(VectorOrdering.compareRows(l, i, r, i));
        }
      }
    }
    return new BooleanVector(out, n, nulls);
  }

  private static ColumnVector nullSafeEquals(ColumnVector l, ColumnVector r, int n) {
    boolean[] out = new boolean[n];
    for (int i = 0; i < n; i++) {
      boolean ln = l.isNull(i);
      boolean rn = r.isNull(i);
      out[i] = (ln || rn) ? ln && rn : VectorOrdering.compareRows(l, i, r, i) == 0;
    }
    return new BooleanVector(out, n, null);
  }

  /** {@code v op c} for a constant c; NULL where v is NULL, and everywhere when c is NULL. */
  private static ColumnVector withScalar(ColumnVector v, Object c, Op op, int n) {
    if (c == null) {
      return ColumnVector.allNull(DataTypes.BooleanType, n);
    }
    boolean[] out = new boolean[n];
    boolean[] nulls = Vectors.copyNulls(v, n);
    if (v instanceof LongVector lv) {
      compareLongScalar(lv.values(), ((Number) c).longValue(), op, out, n);
    } else if (v instanceof IntVector iv) {
      int[] a = iv.values();
      int y = ((Number) c).intValue();
      for (int i = 0; i < n; i++) {
        out[i] = op.test(Integer.compare(a[i], y));
      }
    } else if (v instanceof DoubleVector dv) {
      double[] a = dv.values();
      double y = (Double) c;
      for (int i = 0; i < n; i++) {
        out[i] = op.test(ValueOrdering.compareDoubles(a[i], y));
      }
    } else {
      DataType t = v.type();
      for (int i = 0; i < n; i++) {
        if (nulls == null || !nulls[i]) {
          out[i] = op.test(ValueOrdering.compareValues(v.get(i), c, t));
        }
      }
    }
    return new BooleanVector(out, n, nulls);
  }

  private static void compareLongScalar(long[] a, long y, Op op, boolean[] out, int n) {
    switch (op) {
      case EQ -> {
        for (int i = 0; i < n; i++) {
          out[i] = a[i] == y;
        }
      }
      case NEQ -> {
        for (int i = 0; i < n; i++) {
          out[i] = a[i] != y;
        }
      }
      case LT -> {
        for (int i = 0; i < n; i++) {
          out[i] = a[i] < y;
        }
      }
      case LTE -> {
        for (int i = 0; i < n; i++) {
          out[i] = a[i] <= y;
        }
      }
      case GT -> {
        for (int i = 0; i < n; i++) {
          out[i] = a[i] > y;
        }
      }
      case GTE -> {
        for (int i = 0; i < n; i++) {
          out[i] = a[i] >= y;
        }
      }
      default -> throw new IllegalStateException(op.toString());
    }
  }


  private void compareLongs(long[] a, long[] b, boolean[] out, int n) {
    switch (op) {
      case EQ -> {
        for (int i = 0; i < n; i++) {
          out[i] = a[i] == b[i];
        }
      }
      case NEQ -> {
        for (int i = 0; i < n; i++) {
          out[i] = a[i] != b[i];
        }
      }
      case LT -> {
        for (int i = 0; i < n; i++) {
          out[i] = a[i] < b[i];
        }
      }
      case LTE -> {
        for (int i = 0; i < n; i++) {
          out[i] = a[i] <= b[i];
        }
      }
      case GT -> {
        for (int i = 0; i < n; i++) {
          out[i] = a[i] > b[i];
        }
      }
      case GTE -> {
        for (int i = 0; i < n; i++) {
          out[i] = a[i] >= b[i];
        }
      }
      default -> throw new IllegalStateException(op.toString());
    }
  }
}
