package dev.sluice.plan.analysis;

import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.Literal;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;

/** Evaluates a foldable expression once, at planning time. */
public final class Folding {
  private Folding() {}

  private static final ColumnBatch ONE_ROW = new ColumnBatch(new ColumnVector[0], 1);

  /** The internal value of a foldable expression. */
  public static Object value(Expression e) {
    if (e instanceof Literal l) {
      return l.value();
    }
    if (!e.foldable()) {
      throw new IllegalArgumentException(e.sql() + " is not a constant");
    }
    return e.eval(ONE_ROW).get(0);
  }

  public static Literal fold(Expression e) {
    return new Literal(value(e), e.dataType());
  }
}
