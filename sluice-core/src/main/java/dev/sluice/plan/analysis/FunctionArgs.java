package dev.sluice.plan.analysis;

import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.ExecutionException;
import dev.sluice.plan.expr.Expression;
import dev.sluice.types.ArrayType;
import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.types.DecimalType;
import dev.sluice.types.MapType;
import dev.sluice.types.StructType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Argument coercions, constant-argument checks and error helpers shared by the function families. */
final class FunctionArgs {
  private FunctionArgs() {}

  /** The name a function was called by, lower-cased, for its SQL text (Spark's pretty name). */
  static String name(FunctionRegistry.FunctionContext c) {
    return c.name().toLowerCase(Locale.ROOT);
  }

  static AnalysisException mismatch(FunctionRegistry.FunctionContext c, Expression e, String wanted) {
    return new AnalysisException(ErrorClass.DATATYPE_MISMATCH, "\"" + name(c) + "\"",
        "the argument " + e.sql() + " must be " + wanted + ", but it is " + e.dataType().sql());
  }

  /** An error raised while a query runs, naming the function and what is wrong with the value. */
  static ExecutionException runtime(String fn, String detail) {
    return new ExecutionException(ErrorClass.INVALID_ARGUMENT, "`" + fn + "`", detail);
  }

  /** The value of an argument that must be a constant (a literal or an expression of literals). */
  static Object constant(Expression e, FunctionRegistry.FunctionContext c, String what) {
    if (!e.foldable()) {
      throw new AnalysisException(ErrorClass.DATATYPE_MISMATCH, "\"" + name(c) + "\"",
          "the " + what + " must be a constant, but " + e.sql() + " is not");
    }
    return c.constant(e);
  }

  /** A constant integer argument; null when the constant is NULL. */
  static Integer constantInt(Expression e, FunctionRegistry.FunctionContext c, String what) {
    Object v = constant(e, c, what);
    if (v == null) {
      return null;
    }
    if (e.dataType().isIntegral()) {
      long l = ((Number) v).longValue();
      if (l == (int) l) {
        return (int) l;
      }
    }
    throw new AnalysisException(ErrorClass.DATATYPE_MISMATCH, "\"" + name(c) + "\"",
        "the " + what + " must be an INT constant, but it is " + e.sql());
  }

  /** A constant string argument; null when the constant is NULL. */
  static String constantString(Expression e, FunctionRegistry.FunctionContext c, String what) {
    Object v = constant(e, c, what);
    if (v == null || e.dataType() == DataTypes.StringType) {
      return (String) v;
    }
    throw new AnalysisException(ErrorClass.DATATYPE_MISMATCH, "\"" + name(c) + "\"",
        "the " + what + " must be a STRING constant, but it is " + e.sql());
  }

  /** Integral (or NULL / string) to BIGINT. */
  static Expression lng(Expression e, FunctionRegistry.FunctionContext c) {
    DataType t = e.dataType();
    if (t == DataTypes.LongType) {
      return e;
    }
    if (t == DataTypes.IntegerType || t == DataTypes.NullType || t == DataTypes.StringType) {
      return TypeCoercion.castIfNeeded(e, DataTypes.LongType, c.ansi());
    }
    throw mismatch(c, e, "an integer (INT or BIGINT)");
  }

  /** A BOOLEAN argument (NULL is cast). */
  static Expression bool(Expression e, FunctionRegistry.FunctionContext c) {
    return OperatorFunctions.bool(name(c), e, c);
  }

  /** BINARY, or a STRING implicitly cast to its UTF-8 bytes, as Spark does for binary parameters. */
  static Expression binary(Expression e, FunctionRegistry.FunctionContext c) {
    DataType t = e.dataType();
    if (t == DataTypes.BinaryType) {
      return e;
    }
    if (t == DataTypes.StringType || t == DataTypes.NullType) {
      return TypeCoercion.castIfNeeded(e, DataTypes.BinaryType, c.ansi());
    }
    throw mismatch(c, e, "a BINARY or STRING");
  }

  static boolean isComplex(DataType t) {
    return t instanceof ArrayType || t instanceof MapType || t instanceof StructType;
  }

  /** An ARRAY argument; a NULL literal becomes an ARRAY&lt;VOID&gt;. */
  static Expression array(Expression e, FunctionRegistry.FunctionContext c) {
    DataType t = e.dataType();
    if (t instanceof ArrayType) {
      return e;
    }
    if (t == DataTypes.NullType) {
      return TypeCoercion.castIfNeeded(e, new ArrayType(DataTypes.NullType, true), c.ansi());
    }
    throw mismatch(c, e, "an ARRAY");
  }

  static DataType elementType(Expression arrayExpr) {
    return ((ArrayType) arrayExpr.dataType()).elementType();
  }

  /** Casts {@code e} to {@code to}; fails at analysis when the implicit cast is not allowed. */
  static Expression castTo(Expression e, DataType to, FunctionRegistry.FunctionContext c) {
    if (e.dataType().equals(to)) {
      return e;
    }
    if (e.dataType() != DataTypes.NullType && !TypeCoercion.canCast(e.dataType(), to)) {
      throw mismatch(c, e, "of type " + to.sql());
    }
    return TypeCoercion.castIfNeeded(e, to, c.ansi());
  }

  /** The wider of two types, or a DATATYPE_MISMATCH naming both arguments. */
  static DataType wider(FunctionRegistry.FunctionContext c, Expression a, DataType ta, Expression b, DataType tb) {
    DataType w = TypeCoercion.widerType(ta, tb);
    if (w == null) {
      throw new AnalysisException(ErrorClass.DATATYPE_MISMATCH, "\"" + name(c) + "\"",
          "the arguments " + a.sql() + " (" + ta.sql() + ") and " + b.sql() + " (" + tb.sql()
              + ") have no common type; cast one of them");
    }
    return w;
  }

  /**
   * A key for equality of internal values in hash sets and maps: arrays, structs and binaries
   * compare by content, -0.0 equals 0.0 and NaN equals NaN (as Spark's array set functions do).
   */
  static Object key(Object v) {
    if (v instanceof byte[] b) {
      return ByteBuffer.wrap(b);
    }
    if (v instanceof Object[] a) {
      List<Object> out = new ArrayList<>(a.length);
      for (Object o : a) {
        out.add(key(o));
      }
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (Object o : l) {
        out.add(key(o));
      }
      return out;
    }
    if (v instanceof Double d && d == 0.0) {
      return 0.0d;
    }
    if (v instanceof java.math.BigDecimal d) {
      return d.signum() == 0 ? java.math.BigDecimal.ZERO : d.stripTrailingZeros();
    }
    return v;
  }

  /** True for types whose values {@link #key} can compare (everything but maps). */
  static boolean isHashable(DataType t) {
    if (t instanceof MapType) {
      return false;
    }
    if (t instanceof ArrayType a) {
      return isHashable(a.elementType());
    }
    if (t instanceof StructType s) {
      return s.fields().stream().allMatch(f -> isHashable(f.dataType()));
    }
    return true;
  }

  static boolean isDecimal(DataType t) {
    return t instanceof DecimalType;
  }
}
