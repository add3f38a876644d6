package dev.sluice.plan.expr;

import java.util.Objects;

/**
 * The frame of a window function: the rows of the current row's window partition that an aggregate
 * sees. {@code ROWS} frames count rows from the current one; {@code RANGE} frames take every row whose
 * ORDER BY value lies within an offset of the current row's (peers, rows with an equal value, are in
 * or out together). A bound is unbounded, the current row, or a constant offset preceding or following.
 * Spark's defaults: {@code RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW} with ORDER BY, the whole
 * partition ({@code ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING}) without.
 */
public final class WindowFrame {
  public enum Type { ROWS, RANGE }

  public enum BoundKind { UNBOUNDED_PRECEDING, PRECEDING, CURRENT_ROW, FOLLOWING, UNBOUNDED_FOLLOWING }

  /** One end of the frame; {@code offset} is set for PRECEDING and FOLLOWING (a constant expression). */
  public record Bound(BoundKind kind, Expression offset) {
    public static final Bound UNBOUNDED_PRECEDING = new Bound(BoundKind.UNBOUNDED_PRECEDING, null);
    public static final Bound CURRENT_ROW = new Bound(BoundKind.CURRENT_ROW, null);
    public static final Bound UNBOUNDED_FOLLOWING = new Bound(BoundKind.UNBOUNDED_FOLLOWING, null);

    public boolean isUnbounded() {
      return kind == BoundKind.UNBOUNDED_PRECEDING || kind == BoundKind.UNBOUNDED_FOLLOWING;
    }

    public boolean isOffset() {
      return kind == BoundKind.PRECEDING || kind == BoundKind.FOLLOWING;
    }

    public Bound withOffset(Expression e) {
      return new Bound(kind, e);
    }

    /** As Spark prints it: {@code UNBOUNDED PRECEDING}, {@code CURRENT ROW}, {@code 2 FOLLOWING}. */
    public String sql() {
      return switch (kind) {
        case UNBOUNDED_PRECEDING -> "UNBOUNDED PRECEDING";
        case CURRENT_ROW -> "CURRENT ROW";
        case UNBOUNDED_FOLLOWING -> "UNBOUNDED FOLLOWING";
        case PRECEDING -> offset.sql() + " PRECEDING";
        case FOLLOWING -> offset.sql() + " FOLLOWING";
      };
    }
  }

  public static final WindowFrame WHOLE_PARTITION =
      new WindowFrame(Type.ROWS, Bound.UNBOUNDED_PRECEDING, Bound.UNBOUNDED_FOLLOWING);
  public static final WindowFrame RUNNING_RANGE =
      new WindowFrame(Type.RANGE, Bound.UNBOUNDED_PRECEDING, Bound.CURRENT_ROW);
  public static final WindowFrame RUNNING_ROWS =
      new WindowFrame(Type.ROWS, Bound.UNBOUNDED_PRECEDING, Bound.CURRENT_ROW);

  private final Type type;
  private final Bound lower;
  private final Bound upper;

  public WindowFrame(Type type, Bound lower, Bound upper) {
    this.type = type;
    this.lower = lower;
    this.upper = upper;
  }

  /** The frame an aggregate gets when the OVER clause names none. */
  public static WindowFrame defaultFor(boolean ordered) {
    return ordered ? RUNNING_RANGE : WHOLE_PARTITION;
  }

  /** {@code ROWS BETWEEN n FOLLOWING AND n FOLLOWING}: the one row at a fixed offset (lag, lead). */
  public static WindowFrame offsetRow(int offset) {
    Bound b = new Bound(BoundKind.FOLLOWING, Literal.of(offset));
    return new WindowFrame(Type.ROWS, b, b);
  }

  public Type type() {
    return type;
  }

  public Bound lower() {
    return lower;
  }

  public Bound upper() {
    return upper;
  }

  public WindowFrame withBounds(Bound lower, Bound upper) {
    return new WindowFrame(type, lower, upper);
  }

  public String sql() {
    return type + " BETWEEN " + lower.sql() + " AND " + upper.sql();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WindowFrame f && f.type == type && f.lower.equals(lower) && f.upper.equals(upper);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, lower, upper);
  }

  @Override
  public String toString() {
    return sql();
  }
}
