package dev.sluice.exec.eval;

import dev.sluice.plan.expr.ScalarFunction;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;
import dev.sluice.vector.VectorBuilder;

/**
 * A built-in function with a {@link dev.sluice.plan.expr.Kernel.Row} kernel, which takes one row's
 * argument values ({@link ScalarFunction.Impl}).
 * Constant arguments are read once per batch instead of once per row, and a NULL constant argument
 * of a null-intolerant function makes the whole result NULL without calling the kernel. Functions
 * whose arguments and result fit a typed shape use {@link KernelEvaluators} instead.
 */
final class RowFunctionEvaluator extends Evaluator {
  private final Evaluator[] arguments;
  private final boolean nullIntolerant;
  private final ScalarFunction.Impl impl;

  RowFunctionEvaluator(ScalarFunction f, ScalarFunction.Impl impl, Evaluator[] arguments) {
    super(f);
    this.arguments = arguments;
    this.nullIntolerant = f.nullIntolerant();
    this.impl = impl;
  }

  @Override
  public ColumnVector eval(ColumnBatch batch) {
    int n = batch.numRows();
    int k = arguments.length;
    ColumnVector[] inputs = new ColumnVector[k];
    Object[] row = new Object[k];
    for (int a = 0; a < k; a++) {
      if (arguments[a].isConstant()) {
        row[a] = arguments[a].constantValue();
        if (row[a] == null && nullIntolerant) {
          return ColumnVector.allNull(dataType(), n);
        }
      } else {
        inputs[a] = arguments[a].eval(batch);
      }
    }
    VectorBuilder b = VectorBuilder.create(dataType(), n);
    outer:
    for (int i = 0; i < n; i++) {
      for (int a = 0; a < k; a++) {
        ColumnVector in = inputs[a];
        if (in == null) {
          continue;
        }
        Object v = in.get(i);
        if (v == null && nullIntolerant) {
          b.appendNull();
          continue outer;
        }
        row[a] = v;
      }
      try {
        b.append(impl.apply(row));
      } catch (ArithmeticException e) {
        throw KernelEvaluators.outOfRange(this, e);
      }
    }
    return b.build();
  }
}
