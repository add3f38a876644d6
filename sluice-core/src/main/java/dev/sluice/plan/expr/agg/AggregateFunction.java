package dev.sluice.plan.expr.agg;

import dev.sluice.plan.expr.Expression;
import dev.sluice.types.DataType;
import java.util.List;

/**
 * An aggregate such as {@code sum(x)}. Its children are its inputs; it cannot be evaluated per row.
 * It defines the layout of its partial state (the buffer) so partial aggregation, shuffles and the
 * state store can carry it, and creates {@link Accumulator}s that do the work.
 */
public abstract class AggregateFunction extends Expression {
  /** The function name as users write it. */
  public abstract String name();

  /** Types of the partial-state columns. */
  public abstract List<DataType> bufferTypes();

  public abstract Accumulator newAccumulator();

  /** The expressions whose values {@link Accumulator#update} receives, evaluated on input rows. */
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
