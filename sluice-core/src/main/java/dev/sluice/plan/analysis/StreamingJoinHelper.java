package dev.sluice.plan.analysis;

import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Comparison;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.ImplicitCast;
import dev.sluice.plan.expr.Literal;
import dev.sluice.plan.expr.Predicates;
import dev.sluice.plan.expr.ScalarFunction;
import dev.sluice.types.DataTypes;
import java.util.List;
import java.util.Set;

/**
 * Reads event-time range conditions of a stream-stream join, like
 * {@code c.clickTime >= i.impTime AND c.clickTime <= i.impTime + INTERVAL 1 MINUTE}, to find how
 * long each side's rows can still find a match. A side has a bound k when its event time t must
 * satisfy {@code t >= otherTime + k}: since every future row of the other side is later than the
 * watermark, a stored row with {@code t <= watermark + k} can never match again.
 */
public final class StreamingJoinHelper {
  private StreamingJoinHelper() {}

  /** Lower bounds (micros) of the left and right event times relative to the other side; null when none. */
  public record Bounds(Long left, Long right, AttributeReference leftTime, AttributeReference rightTime) {
    public boolean any() {
      return left != null || right != null;
    }
  }

  private record TimeTerm(AttributeReference attr, long offset) {}

  /**
   * Spark's joinKeyOrdinalForWatermark: the position of the first equi-join key that is a
   * watermarked event time or a window over one ({@code a.window = b.window}), looking at the left
   * keys first; -1 when no key carries a watermark. State can then be evicted by key.
   */
  public static int watermarkKeyOrdinal(List<Expression> leftKeys, List<Expression> rightKeys) {
    for (List<Expression> keys : List.of(leftKeys, rightKeys)) {
      for (int i = 0; i < keys.size(); i++) {
        if (keys.get(i) instanceof AttributeReference a && a.watermarkDelayMicros() != null) {
          return i;
        }
      }
    }
    return -1;
  }

  public static Bounds bounds(Expression condition, List<AttributeReference> leftOut, List<AttributeReference> rightOut) {
    Set<AttributeReference> lo = Set.copyOf(leftOut);
    Set<AttributeReference> ro = Set.copyOf(rightOut);
    Long left = null;
    Long right = null;
    AttributeReference lt = null;
    AttributeReference rt = null;
    for (Expression c : Predicates.conjuncts(condition)) {
      if (!(c instanceof Comparison cmp)) {
        continue;
      }
      TimeTerm a = term(cmp.left());
      TimeTerm b = term(cmp.right());
      if (a == null || b == null) {
        continue;
      }
      Comparison.Op op = cmp.op();
      // Normalize to (left term) op (right term).
      if (ro.contains(a.attr) && lo.contains(b.attr)) {
        TimeTerm t = a;
        a = b;
        b = t;
        op = op.flip();
      } else if (!(lo.contains(a.attr) && ro.contains(b.attr))) {
        continue;
      }
      long k = b.offset - a.offset; // leftTime op rightTime + k
      switch (op) {
        case GT, GTE -> left = left == null ? k : Math.max(left, k);
        case LT, LTE -> right = right == null ? -k : Math.max(right, -k);
        case EQ -> {
          left = left == null ? k : Math.max(left, k);
          right = right == null ? -k : Math.max(right, -k);
        }
        default -> {
          continue;
        }
      }
      lt = a.attr;
      rt = b.attr;
    }
    return new Bounds(left, right, lt, rt);
  }

  /** {@code attr}, {@code attr + INTERVAL}, {@code attr - INTERVAL} over a timestamp column. */
  private static TimeTerm term(Expression e) {
    if (e instanceof ImplicitCast c) {
      return term(c.child());
    }
    if (e instanceof AttributeReference a && a.dataType() == DataTypes.TimestampType) {
      return new TimeTerm(a, 0);
    }
    if (e instanceof ScalarFunction f && (f.name().equals("+") || f.name().equals("-")) && f.children().size() == 2
        && f.children().get(1) instanceof Literal l && l.dataType() == DataTypes.DayTimeIntervalType
        && l.value() != null) {
      TimeTerm inner = term(f.children().get(0));
      if (inner == null) {
        return null;
      }
      long d = (Long) l.value();
      return new TimeTerm(inner.attr, inner.offset + (f.name().equals("+") ? d : -d));
    }
    return null;
  }
}
