package dev.sluice.exec.eval;

import dev.sluice.plan.expr.BitwiseOp;
import dev.sluice.types.DataTypes;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;
import dev.sluice.vector.IntVector;
import dev.sluice.vector.LongVector;

/** {@code a & b}, {@code a | b}, {@code a ^ b} and {@code ~a} over int or bigint arrays. */
final class BitwiseEvaluator extends Evaluator {
  private final BitwiseOp.Op op;
  private final Evaluator left;
  private final Evaluator right;

  BitwiseEvaluator(BitwiseOp e, Evaluator left, Evaluator right) {
    super(e);
    this.op = e.op();
    this.left = left;
    this.right = right;
  }

  @Override
  public ColumnVector eval(ColumnBatch batch) {
    int n = batch.numRows();
    ColumnVector a = left.eval(batch);
    if (op == BitwiseOp.Op.NOT) {
      if (a instanceof IntVector iv) {
        int[] x = iv.values();
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
          out[i] = ~x[i];
        }
        return new IntVector(DataTypes.IntegerType, out, n, Vectors.copyNulls(a, n));
      }
      long[] x = ((LongVector) a).values();
      long[] out = new long[n];
      for (int i = 0; i < n; i++) {
        out[i] = ~x[i];
      }
      return new LongVector(DataTypes.LongType, out, n, Vectors.copyNulls(a, n));
    }
    ColumnVector b = right.eval(batch);
    boolean[] nulls = Vectors.unionNulls(n, a, b);
    if (a instanceof IntVector iv) {
      int[] x = iv.values();
      int[] y = ((IntVector) b).values();
      int[] out = new int[n];
      switch (op) {
        case AND -> {
          for (int i = 0; i < n; i++) {
            out[i] = x[i] & y[i];
          }
        }
        case OR -> {
          for (int i = 0; i < n; i++) {
            out[i] = x[i] | y[i];
          }
        }
        default -> {
          for (int i = 0; i < n; i++) {
            out[i] = x[i] ^ y[i];
          }
        }
      }
      return new IntVector(DataTypes.IntegerType, out, n, nulls);
    }
    long[] x = ((LongVector) a).values();
    long[] y = ((LongVector) b).values();
    long[] out = new long[n];
    switch (op) {
      case AND -> {
        for (int i = 0; i < n; i++) {
          out[i] = x[i] & y[i];
        }
      }
      case OR -> {
        for (int i = 0; i < n; i++) {
          out[i] = x[i] | y[i];
        }
      }
      default -> {
        for (int i = 0; i < n; i++) {
          out[i] = x[i] ^ y[i];
        }
      }
    }
    return new LongVector(DataTypes.LongType, out, n, nulls);
  }
}
