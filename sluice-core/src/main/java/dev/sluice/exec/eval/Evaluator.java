package dev.sluice.exec.eval;

import dev.sluice.plan.expr.Expression;
import dev.sluice.types.DataType;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;

/**
 * A resolved expression bound to an operator's input and compiled for execution: it computes the
 * expression for every row of a batch at once. {@link ExpressionCompiler} builds evaluators once per
 * plan, choosing each node's typed kernel then (by operand types, operator and evaluation mode), so
 * nothing is re-decided per batch or per row.
 *
 * <p>Evaluators are immutable and may be shared by the threads that run an operator's partitions. The
 * vector returned may be an input column or a cached constant: callers must not modify it.
 */
public abstract class Evaluator {
  private final Expression expression;

  protected Evaluator(Expression expression) {
    this.expression = expression;
  }

  /** The expression this evaluates (bound), for messages and plan output. */
  public final Expression expression() {
    return expression;
  }

  public final DataType dataType() {
    return expression.dataType();
  }

  /** The expression's value for every row of the batch, as a vector of {@code batch.numRows()} rows. */
  public abstract ColumnVector eval(ColumnBatch batch);

  /** True when every row has the same value, {@link #constantValue()}; kernels then use the scalar. */
  public boolean isConstant() {
    return false;
  }

  /** The value of a constant evaluator (the internal value; null for NULL). */
  public Object constantValue() {
    throw new IllegalStateException(expression.sql() + " is not a constant");
  }

  /** Text of the expression as Spark prints it, used in runtime error messages. */
  protected final String sql() {
    return expression.sql();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "(" + expression.sql() + ")";
  }
}
