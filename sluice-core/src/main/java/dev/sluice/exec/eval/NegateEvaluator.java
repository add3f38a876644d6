package dev.sluice.exec.eval;

import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.ExecutionException;
import dev.sluice.plan.expr.EvalMode;
import dev.sluice.plan.expr.UnaryMinus;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;
import dev.sluice.vector.DoubleVector;
import dev.sluice.vector.IntVector;
import dev.sluice.vector.LongVector;
import dev.sluice.vector.VectorBuilder;
import java.math.BigDecimal;

/**
 * Unary minus and {@code abs}. Negating the smallest bigint or int overflows: an error under ANSI,
 * NULL under TRY, the wrapped value under LEGACY.
 */
final class NegateEvaluator extends Evaluator {
  private final Evaluator child;
  private final boolean abs;
  private final EvalMode mode;

  NegateEvaluator(UnaryMinus e, Evaluator child) {
    super(e);
    this.child = child;
    this.abs = e.abs();
    this.mode = e.mode();
  }

  @Override
  public ColumnVector eval(ColumnBatch batch) {
    ColumnVector v = child.eval(batch);
    int n = batch.numRows();
    if (v instanceof LongVector lv) {
      long[] a = lv.values();
      long[] out = new long[n];
      boolean[] nulls = Vectors.copyNulls(v, n);
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
      return new LongVector(v.type(), out, n, Vectors.normalize(nulls, n));
    }
    if (v instanceof IntVector iv) {
      int[] a = iv.values();
      int[] out = new int[n];
      boolean[] nulls = Vectors.copyNulls(v, n);
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
      return new IntVector(v.type(), out, n, Vectors.normalize(nulls, n));
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
      throw new ExecutionException(ErrorClass.ARITHMETIC_OVERFLOW, type, sql(),
          ErrorClass.tryInstead(abs ? "abs" : "subtract"));
    }
    if (mode == EvalMode.LEGACY) {
      return nulls;
    }
    boolean[] out = nulls == null ? new boolean[n] : nulls;
    out[i] = true;
    return out;
  }
}
