package dev.sluice.plan.analysis;

import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.plan.expr.ConstantEvaluation;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.Literal;
import dev.sluice.plan.expr.SortOrder;
import dev.sluice.plan.expr.WindowFrame;
import dev.sluice.plan.expr.WindowFrame.Bound;
import dev.sluice.plan.expr.WindowFrame.BoundKind;
import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import java.math.BigDecimal;
import java.util.List;

/**
 * Spark's checks of a window frame an OVER clause names (its CheckAnalysis of SpecifiedWindowFrame):
 * bounds in order, ROWS offsets of type INT, and a RANGE frame with an offset over exactly one ORDER BY
 * key whose type the offset can be added to (numbers to numbers, days or a year-month interval to a
 * date, an interval to a timestamp). Offsets are folded to literals so execution reads them directly.
 * Errors carry Spark's DATATYPE_MISMATCH sub-class in the message.
 */
final class WindowFrameCheck {
  private WindowFrameCheck() {}

  static WindowFrame check(WindowFrame frame, List<SortOrder> order, String spec, ConstantEvaluation constants) {
    Bound lower = fold(frame.lower(), constants);
    Bound upper = fold(frame.upper(), constants);
    WindowFrame f = frame.withBounds(lower, upper);
    if (lower.kind() == BoundKind.UNBOUNDED_FOLLOWING || upper.kind() == BoundKind.UNBOUNDED_PRECEDING) {
      throw mismatch(f, "SPECIFIED_WINDOW_FRAME_INVALID_BOUND", "Window frame upper bound " + quoted(upper)
          + " does not follow the lower bound " + quoted(lower) + ".");
    }
    if (f.type() == WindowFrame.Type.ROWS) {
      checkRowsOffset(f, lower, "lower");
      checkRowsOffset(f, upper, "upper");
    } else if (lower.isOffset() || upper.isOffset()) {
      if (order.isEmpty()) {
        throw mismatch(spec, "RANGE_FRAME_WITHOUT_ORDER", "A range window frame cannot be used in an unordered "
            + "window specification; add an ORDER BY, or use a ROWS frame.");
      }
      if (order.size() > 1) {
        throw mismatch(spec, "RANGE_FRAME_MULTI_ORDER", "A range window frame with value boundaries cannot be "
            + "used in a window specification with multiple order by expressions: " + order.size()
            + " are given; keep one, or use a ROWS frame.");
      }
      DataType key = order.get(0).child().dataType();
      checkRangeOffset(f, spec, key, lower, "lower");
      checkRangeOffset(f, spec, key, upper, "upper");
    }
    BigDecimal lo = signed(lower);
    BigDecimal hi = signed(upper);
    if (lo != null && hi != null && lo.compareTo(hi) > 0) {
      throw mismatch(f, "SPECIFIED_WINDOW_FRAME_WRONG_COMPARISON", "The lower bound of a window frame must be "
          + "less than or equal to the upper bound.");
    }
    return f;
  }

  /** An offset folded to a literal; Spark's parser already refused anything that is not a literal. */
  private static Bound fold(Bound b, ConstantEvaluation constants) {
    if (!b.isOffset() || b.offset() instanceof Literal) {
      return b;
    }
    Expression e = b.offset();
    if (!e.foldable()) {
      throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, "window frame", "Frame bound value must be a "
          + "literal, not " + e.sql());
    }
    return b.withOffset(new Literal(constants.value(e), e.dataType()));
  }

  private static void checkRowsOffset(WindowFrame f, Bound b, String location) {
    if (b.isOffset() && b.offset().dataType() != DataTypes.IntegerType) {
      throw mismatch(f, "SPECIFIED_WINDOW_FRAME_UNACCEPTED_TYPE", "The data type of the " + location
          + " bound " + b.offset().dataType().sql() + " does not match the expected data type INT: a ROWS frame "
          + "counts rows, so its offsets are INT constants.");
    }
    if (b.isOffset() && ((Literal) b.offset()).value() == null) {
      throw mismatch(f, "SPECIFIED_WINDOW_FRAME_WITHOUT_FOLDABLE", "The " + location + " bound of the window "
          + "frame must be a non-NULL constant.");
    }
  }

  private static void checkRangeOffset(WindowFrame f, String spec, DataType key, Bound b, String location) {
    if (!b.isOffset()) {
      return;
    }
    DataType t = b.offset().dataType();
    boolean numericOffset = t.isNumeric();
    boolean yearMonth = t == DataTypes.YearMonthIntervalType;
    boolean dayTime = t == DataTypes.DayTimeIntervalType;
    if (!numericOffset && !yearMonth && !dayTime) {
      throw mismatch(f, "SPECIFIED_WINDOW_FRAME_UNACCEPTED_TYPE", "The data type of the " + location + " bound "
          + t.sql() + " does not match the expected data type (\"NUMERIC\" or \"INTERVAL DAY TO SECOND\" or "
          + "\"INTERVAL YEAR TO MONTH\" or \"INTERVAL\").");
    }
    boolean fits = key.isNumeric() ? numericOffset
        : key == DataTypes.DateType ? (yearMonth || (numericOffset && integral(t)))
        : key == DataTypes.TimestampType && (yearMonth || dayTime);
    if (!fits) {
      throw mismatch(spec, "RANGE_FRAME_INVALID_TYPE", "The data type " + key.sql() + " used in the order "
          + "specification does not support the data type " + t.sql() + " which is used in the range frame.");
    }
    if (((Literal) b.offset()).value() == null) {
      throw mismatch(f, "SPECIFIED_WINDOW_FRAME_WITHOUT_FOLDABLE", "The " + location + " bound of the window "
          + "frame must be a non-NULL constant.");
    }
  }

  private static boolean integral(DataType t) {
    return t == DataTypes.IntegerType || t == DataTypes.LongType;
  }

  /** The bound as a signed position (preceding negative, current row 0), or null when unbounded. */
  private static BigDecimal signed(Bound b) {
    if (b.kind() == BoundKind.CURRENT_ROW) {
      return BigDecimal.ZERO;
    }
    if (!b.isOffset() || !(b.offset() instanceof Literal l) || l.value() == null) {
      return null;
    }
    Object v = l.value();
    BigDecimal d = v instanceof BigDecimal bd ? bd : v instanceof Double x ? BigDecimal.valueOf(x)
        : v instanceof Number n ? BigDecimal.valueOf(n.longValue()) : null;
    if (d == null) {
      return null;
    }
    return b.kind() == BoundKind.PRECEDING ? d.negate() : d;
  }

  private static String quoted(Bound b) {
    return "\"" + b.sql() + "\"";
  }

  private static AnalysisException mismatch(WindowFrame f, String subClass, String detail) {
    return mismatch(f.sql(), subClass, detail);
  }

  private static AnalysisException mismatch(String expr, String subClass, String detail) {
    return new AnalysisException(ErrorClass.DATATYPE_MISMATCH, "\"" + expr + "\"", subClass + ": " + detail);
  }
}
