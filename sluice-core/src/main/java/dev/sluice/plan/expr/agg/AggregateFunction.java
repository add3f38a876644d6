package dev.sluice.plan.expr.agg;

import dev.sluice.plan.expr.Expression;
import dev.sluice.types.DataType;
import java.util.List;

/**
 * An aggregate such as {@code sum(x)}, as data: its name, inputs, result type and the layout of its
 * partial state (the buffer), so that partial aggregation, shuffles and the state store can carry
 * it. It cannot be evaluated per row and holds no execution code; the execution layer
 * ({@code dev.sluice.exec.agg.Accumulators}) picks the accumulator that does the work from the
 * function's class and parameters.
 */
public abstract class AggregateFunction extends Expression {
  /** The function name as users write it. */
  public abstract String name();

  /** Types of the partial-state columns. */
  public abstract List<DataType> bufferTypes();

  /** The expressions evaluated on input rows whose values the accumulator folds in. */
  public List<Expression> inputs() {
    return children();
  }

  /** Whether the result is the same for inputs arriving in any order and any split (false for first/last). */
  public boolean orderIndependent() {
    return true;
  }

  @Override
  public boolean foldable() {
    return false;
  }

  @Override
  public String sql() {
    StringBuilder sb = new StringBuilder(name()).append('(');
    List<Expression> c = children();
    for (int i = 0; i < c.size(); i++) {
      sb.append(i > 0 ? ", " : "").append(c.get(i).sql());
    }
    return sb.append(')').toString();
  }
}
