package dev.sluice.plan.analysis;

import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.plan.expr.BitwiseOp;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.ScalarFunction;
import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import java.util.List;

/**
 * Bitwise operators ({@code ~ & | ^}, as the parser names them) and functions (shifts, bit_count,
 * bit_get) on INT and BIGINT. Mixed INT/BIGINT operands are widened to BIGINT, as in Spark.
 */
final class BitwiseFunctions {
  private BitwiseFunctions() {}

  static void register(FunctionRegistry r) {
    binary(r, "&")
        .doc("Returns the bitwise AND of the integers `a` and `b`; NULL if either is NULL.")
        .example("SELECT 3 & 5", "1");
    binary(r, "|")
        .doc("Returns the bitwise OR of the integers `a` and `b`; NULL if either is NULL.")
        .example("SELECT 3 | 5", "7");
    binary(r, "^")
        .doc("Returns the bitwise exclusive OR of the integers `a` and `b`; NULL if either is NULL.")
        .example("SELECT 3 ^ 5", "6");
    r.register("~", 1, 1, "~ expr", (a, c) -> new BitwiseOp(BitwiseOp.Op.NOT, List.of(integral(a.get(0), null, c))))
        .doc("Returns the bitwise NOT of the integer `expr` (every bit flipped, so `~ x` is `-x - 1`).")
        .example("SELECT ~ 0", "-1")
        .example("SELECT ~ 5", "-6");
    r.alias("bitwise_not", "~");
    shift(r, "shiftleft")
        .doc("Returns the INT or BIGINT `expr` shifted left by `n` bits, filling with zeros. As in Java, `n` "
            + "is taken modulo the width of the type (32 or 64).")
        .example("SELECT shiftleft(2, 1)", "4");
    shift(r, "shiftright")
        .doc("Returns the INT or BIGINT `expr` shifted right by `n` bits, keeping its sign (arithmetic shift).")
        .example("SELECT shiftright(4, 1)", "2")
        .example("SELECT shiftright(-4, 1)", "-2");
    shift(r, "shiftrightunsigned")
        .doc("Returns the INT or BIGINT `expr` shifted right by `n` bits, filling with zeros (logical shift), "
            + "so a negative number becomes a large positive one.")
        .example("SELECT shiftrightunsigned(4, 1)", "2")
        .example("SELECT shiftrightunsigned(-4, 1)", "2147483646");
    r.register("bit_count", 1, 1, "bit_count(expr)", (a, c) -> {
      Expression x = a.get(0);
      if (x.dataType() == DataTypes.BooleanType) {
        return new ScalarFunction("bit_count", List.of(x), DataTypes.IntegerType, v -> (Boolean) v[0] ? 1 : 0);
      }
      Expression i = integral(x, null, c);
      return new ScalarFunction("bit_count", List.of(i), DataTypes.IntegerType,
          v -> Long.bitCount(((Number) v[0]).longValue())); // as Spark: the 64-bit two's complement
    }).doc("Returns the number of bits set in the integer `expr` as a 64-bit two's complement "
            + "value (so a negative INT counts its sign extension), or 1 for a true and 0 for a false BOOLEAN; NULL "
            + "for NULL.")
        .example("SELECT bit_count(0)", "0")
        .example("SELECT bit_count(7)", "3")
        .example("SELECT bit_count(-1)", "64");
    r.register("bit_get", 2, 2, "bit_get(expr, pos)", (a, c) -> {
      Expression x = integral(a.get(0), null, c);
      int bits = x.dataType() == DataTypes.IntegerType ? 32 : 64;
      String name = FunctionArgs.name(c);
      return new ScalarFunction(name, List.of(x, StringFunctions.integer(a.get(1), c)), DataTypes.IntegerType, v -> {
        int pos = (Integer) v[1];
        if (pos < 0 || pos >= bits) {
          throw FunctionArgs.runtime(name, "the bit position " + pos + " is out of range; it must be between 0 and "
              + (bits - 1));
        }
        long n = ((Number) v[0]).longValue();
        return (int) ((n >> pos) & 1);
      });
    }).doc("Returns the bit (0 or 1) of the integer `expr` at position `pos`, counting from 0 at the least "
            + "significant bit. A position outside the width of the type raises an error.")
        .example("SELECT bit_get(11, 0)", "1")
        .example("SELECT bit_get(11, 2)", "0");
    r.alias("getbit", "bit_get");
  }

  private static FunctionSpec binary(FunctionRegistry r, String op) {
    return r.register(op, 2, 2, "a " + op + " b", (a, c) -> {
      DataType t = commonType(op, a.get(0), a.get(1));
      return new BitwiseOp(BitwiseOp.Op.of(op), List.of(integral(a.get(0), t, c), integral(a.get(1), t, c)));
    });
  }

  private static FunctionSpec shift(FunctionRegistry r, String name) {
    return r.register(name, 2, 2, name + "(expr, n)", (a, c) -> {
      Expression x = integral(a.get(0), null, c);
      Expression n = StringFunctions.integer(a.get(1), c);
      boolean isInt = x.dataType() == DataTypes.IntegerType;
      return new ScalarFunction(name, List.of(x, n), x.dataType(), v -> {
        int s = (Integer) v[1];
        if (isInt) {
          int i = (Integer) v[0];
          return switch (name) {
            case "shiftleft" -> i << s;
            case "shiftright" -> i >> s;
            default -> i >>> s;
          };
        }
        long l = (Long) v[0];
        return switch (name) {
          case "shiftleft" -> l << s;
          case "shiftright" -> l >> s;
          default -> l >>> s;
        };
      });
    });
  }

  private static boolean isIntegralOrNull(DataType t) {
    return t.isIntegral() || t == DataTypes.NullType || t == DataTypes.StringType;
  }

  private static DataType commonType(String op, Expression l, Expression r) {
    DataType lt = l.dataType();
    DataType rt = r.dataType();
    if (!isIntegralOrNull(lt) || !isIntegralOrNull(rt)) {
      throw new AnalysisException(ErrorClass.DATATYPE_MISMATCH, "\"(" + l.sql() + " " + op + " " + r.sql() + ")\"",
          "the operator " + op + " needs INT or BIGINT operands, but got " + lt.sql() + " and " + rt.sql());
    }
    if (lt == DataTypes.LongType || rt == DataTypes.LongType) {
      return DataTypes.LongType;
    }
    if (lt == DataTypes.IntegerType || rt == DataTypes.IntegerType) {
      return DataTypes.IntegerType;
    }
    return DataTypes.LongType;
  }

  /** An integral operand, cast to {@code target} (or kept; NULL and strings become BIGINT). */
  private static Expression integral(Expression e, DataType target, FunctionRegistry.FunctionContext c) {
    DataType t = e.dataType();
    if (!isIntegralOrNull(t)) {
      throw FunctionArgs.mismatch(c, e, "an INT or BIGINT");
    }
    DataType to = target != null ? target : t.isIntegral() ? t : DataTypes.LongType;
    return TypeCoercion.castIfNeeded(e, to, c.ansi());
  }
}
