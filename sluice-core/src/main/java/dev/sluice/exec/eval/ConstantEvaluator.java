package dev.sluice.exec.eval;

import dev.sluice.plan.expr.Expression;
import dev.sluice.vector.BooleanVector;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;
import dev.sluice.vector.DoubleVector;
import dev.sluice.vector.IntVector;
import dev.sluice.vector.LongVector;
import dev.sluice.vector.ObjectVector;

/**
 * A literal. Kernels that know how to use a scalar operand ask {@link #isConstant()} and never
 * expand it; where a vector is needed after all, one vector of copies is built once and shared by
 * every batch not larger than it.
 */
final class ConstantEvaluator extends Evaluator {
  private final Object value;
  private volatile ColumnVector cached;

  ConstantEvaluator(Expression e, Object value) {
    super(e);
    this.value = value;
  }

  @Override
  public boolean isConstant() {
    return true;
  }

  @Override
  public Object constantValue() {
    return value;
  }

  @Override
  public ColumnVector eval(ColumnBatch batch) {
    int n = batch.numRows();
    ColumnVector c = cached;
    if (c == null || c.size() < n) {
      c = ColumnVector.constant(dataType(), value, Math.max(n, 1024));
      cached = c;
    }
    return c.size() == n ? c : prefix(c, n);
  }

  /** The first n rows of a constant vector, sharing its arrays. */
  private static ColumnVector prefix(ColumnVector c, int n) {
    if (c instanceof LongVector v) {
      return new LongVector(v.type(), v.values(), n, v.nulls());
    }
    if (c instanceof IntVector v) {
      return new IntVector(v.type(), v.values(), n, v.nulls());
    }
    if (c instanceof DoubleVector v) {
      return new DoubleVector(v.values(), n, v.nulls());
    }
    if (c instanceof BooleanVector v) {
      return new BooleanVector(v.values(), n, v.nulls());
    }
    if (c instanceof ObjectVector v) {
      return new ObjectVector(v.type(), v.values(), n, v.nulls());
    }
    return c.slice(0, n);
  }
}
