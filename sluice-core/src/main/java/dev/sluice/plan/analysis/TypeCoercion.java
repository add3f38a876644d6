package dev.sluice.plan.analysis;

import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.plan.expr.Cast;
import dev.sluice.plan.expr.EvalMode;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.Literal;
import dev.sluice.types.ArrayType;
import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.types.DecimalType;
import dev.sluice.types.StructField;
import dev.sluice.types.StructType;
import java.util.ArrayList;
import java.util.List;

/**
 * Implicit casts, following Spark's ANSI rules: numeric widening (int → bigint → decimal → double),
 * NULL to anything, strings promoted to the other operand's type in comparisons, dates to timestamps.
 * An implicit cast prints as its child, so auto-generated names match what the user wrote.
 */
public final class TypeCoercion {
  private TypeCoercion() {}

  private static int numericRank(DataType t) {
    if (t == DataTypes.IntegerType) {
      return 1;
    }
    if (t == DataTypes.LongType) {
      return 2;
    }
    if (t instanceof DecimalType) {
      return 3;
    }
    if (t == DataTypes.DoubleType) {
      return 4;
    }
    return -1;
  }

  /** The narrowest type both can be widened to without losing range, or null when there is none. */
  public static DataType widerType(DataType a, DataType b) {
    if (a.equals(b)) {
      return a;
    }
    if (a == DataTypes.NullType) {
      return b;
    }
    if (b == DataTypes.NullType) {
      return a;
    }
    if (a.isNumeric() && b.isNumeric()) {
      if (a instanceof DecimalType || b instanceof DecimalType) {
        if (a == DataTypes.DoubleType || b == DataTypes.DoubleType) {
          return DataTypes.DoubleType;
        }
        return widerDecimal(DecimalType.forType(a), DecimalType.forType(b));
      }
      return numericRank(a) >= numericRank(b) ? a : b;
    }
    if ((a == DataTypes.DateType && b == DataTypes.TimestampType)
        || (a == DataTypes.TimestampType && b == DataTypes.DateType)) {
      return DataTypes.TimestampType;
    }
    if (a instanceof ArrayType x && b instanceof ArrayType y) {
      // array<int> and array<bigint> meet at array<bigint>; element nullability is or-ed.
      DataType e = widerType(x.elementType(), y.elementType());
      return e == null ? null : new ArrayType(e, x.containsNull() || y.containsNull());
    }
    if (a instanceof StructType x && b instanceof StructType y && x.size() == y.size()) {
      List<StructField> fields = new ArrayList<>(x.size());
      for (int i = 0; i < x.size(); i++) {
        StructField f = x.field(i);
        StructField g = y.field(i);
        DataType t = f.name().equalsIgnoreCase(g.name()) ? widerType(f.dataType(), g.dataType()) : null;
        if (t == null) {
          return null;
        }
        fields.add(new StructField(f.name(), t, f.nullable() || g.nullable()));
      }
      return new StructType(fields);
    }
    return null;
  }

  public static DecimalType widerDecimal(DecimalType a, DecimalType b) {
    int scale = Math.max(a.scale(), b.scale());
    int range = Math.max(a.precision() - a.scale(), b.precision() - b.scale());
    return DecimalType.bounded(range + scale, scale);
  }

  /** Wider type where a string may be promoted to the other side's type (comparisons, IN, CASE). */
  public static DataType widerTypeWithStrings(DataType a, DataType b) {
    DataType w = widerType(a, b);
    if (w != null) {
      return w;
    }
    if (a == DataTypes.StringType && isAtomicNonString(b)) {
      return b;
    }
    if (b == DataTypes.StringType && isAtomicNonString(a)) {
      return a;
    }
    return null;
  }

  private static boolean isAtomicNonString(DataType t) {
    return t.isNumeric() || t == DataTypes.BooleanType || t == DataTypes.DateType || t == DataTypes.TimestampType
        || t == DataTypes.BinaryType;
  }

  /** Wraps in an implicit cast to {@code to} when the type differs. */
  public static Expression castIfNeeded(Expression e, DataType to, boolean ansi) {
    if (e.dataType().equals(to)) {
      return e;
    }
    if (e instanceof Literal l && l.value() == null) {
      return new Literal(null, to);
    }
    return new dev.sluice.plan.expr.ImplicitCast(e, to, EvalMode.fromAnsi(ansi));
  }

  /** Casts all to their common type, or fails naming the expression and the types. */
  public static List<Expression> coerceAll(String what, List<Expression> exprs, boolean ansi, boolean allowStrings) {
    DataType common = DataTypes.NullType;
    for (Expression e : exprs) {
      DataType w = allowStrings ? widerTypeWithStrings(common, e.dataType()) : widerType(common, e.dataType());
      if (w == null) {
        throw new AnalysisException(ErrorClass.DATATYPE_MISMATCH, what,
            "the values have incompatible types " + common.sql() + " and " + e.dataType().sql()
                + " (in " + e.sql() + "); cast them to one type");
      }
      common = w;
    }
    List<Expression> out = new ArrayList<>(exprs.size());
    for (Expression e : exprs) {
      out.add(castIfNeeded(e, common, ansi));
    }
    return out;
  }

  /** True when an explicit cast from {@code from} to {@code to} is allowed. */
  public static boolean canCast(DataType from, DataType to) {
    return Cast.canCast(from, to);
  }
}
