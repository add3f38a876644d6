package dev.sluice.api.expressions;

import dev.sluice.api.Column;
import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.Literal;
import dev.sluice.plan.expr.SortOrder;
import dev.sluice.plan.expr.WindowFrame;
import java.util.ArrayList;
import java.util.List;

/**
 * A window specification for the DataFrame API, as Spark's {@code WindowSpec}: partitioning, ordering and
 * an optional frame, built with {@link Window} and used with {@link Column#over(WindowSpec)}. Immutable:
 * every method returns a new specification.
 */
public final class WindowSpec {
  private final List<Expression> partitionBy;
  private final List<SortOrder> orderBy;
  private final WindowFrame frame;

  WindowSpec(List<Expression> partitionBy, List<SortOrder> orderBy, WindowFrame frame) {
    this.partitionBy = List.copyOf(partitionBy);
    this.orderBy = List.copyOf(orderBy);
    this.frame = frame;
  }

  public WindowSpec partitionBy(String... columns) {
    return partitionBy(Window.columns(columns));
  }

  public WindowSpec partitionBy(Column... columns) {
    List<Expression> p = new ArrayList<>();
    for (Column c : columns) {
      p.add(c.expr());
    }
    return new WindowSpec(p, orderBy, frame);
  }

  public WindowSpec orderBy(String... columns) {
    return orderBy(Window.columns(columns));
  }

  /** Columns sort ascending with NULLs first unless given as {@code col.desc()} and the like. */
  public WindowSpec orderBy(Column... columns) {
    List<SortOrder> o = new ArrayList<>();
    for (Column c : columns) {
      o.add(c.expr() instanceof SortOrder s ? s : SortOrder.asc(c.expr()));
    }
    return new WindowSpec(partitionBy, o, frame);
  }

  /**
   * A ROWS frame from {@code start} to {@code end} rows relative to the current row (negative before it);
   * {@link Window#unboundedPreceding()}, {@link Window#currentRow()} and {@link Window#unboundedFollowing()}
   * name the special bounds.
   */
  public WindowSpec rowsBetween(long start, long end) {
    return new WindowSpec(partitionBy, orderBy, new WindowFrame(WindowFrame.Type.ROWS, bound(start, true),
        bound(end, true)));
  }

  /** A RANGE frame: rows whose ORDER BY value lies from {@code start} to {@code end} from the current row's. */
  public WindowSpec rangeBetween(long start, long end) {
    return new WindowSpec(partitionBy, orderBy, new WindowFrame(WindowFrame.Type.RANGE, bound(start, false),
        bound(end, false)));
  }

  private static WindowFrame.Bound bound(long v, boolean rows) {
    if (v == Window.unboundedPreceding()) {
      return WindowFrame.Bound.UNBOUNDED_PRECEDING;
    }
    if (v == Window.unboundedFollowing()) {
      return WindowFrame.Bound.UNBOUNDED_FOLLOWING;
    }
    if (v == 0) {
      return WindowFrame.Bound.CURRENT_ROW;
    }
    if (rows && (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE)) {
      throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, "rowsBetween", "a ROWS frame boundary must fit an "
          + "INT, but it is " + v + "; use Window.unboundedPreceding() or unboundedFollowing() for no bound");
    }
    Literal offset = rows ? Literal.of((int) Math.abs(v)) : Literal.of(Math.abs(v));
    return new WindowFrame.Bound(v < 0 ? WindowFrame.BoundKind.PRECEDING : WindowFrame.BoundKind.FOLLOWING, offset);
  }

  /** The parts, for {@link Column#over(WindowSpec)}. */
  public List<Expression> partitionExpressions() {
    return partitionBy;
  }

  public List<SortOrder> orderExpressions() {
    return orderBy;
  }

  /** The frame, or null when none was given (the function's default frame applies). */
  public WindowFrame frame() {
    return frame;
  }
}
