package dev.sluice.plan.expr;

import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleToLongFunction;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.function.IntBinaryOperator;
import java.util.function.IntUnaryOperator;
import java.util.function.LongToIntFunction;
import java.util.function.LongUnaryOperator;
import java.util.function.Predicate;
import java.util.function.ToIntBiFunction;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

/**
 * What a {@link ScalarFunction} computes for one row, in the shape of its argument and result types.
 * The plan layer only declares the computation; the execution layer picks a vector loop per shape
 * once, when it compiles the expression: a {@link DoubleUnary} runs over the argument's
 * {@code double[]} into a {@code double[]} without boxing, an {@link ObjBinaryToBool} with a constant
 * right operand reads it once, and so on. {@link Row} is the general boxed form for functions of many
 * arguments, or of mixed or nested types, that no typed shape describes.
 *
 * <p>Every shape but {@code Row} is null-intolerant: a NULL argument gives NULL without calling the
 * function. Shapes with a primitive result must give a value for every non-null input; the object
 * shapes may return {@code null} for SQL NULL. Internal values follow the vectors: DATE is days
 * ({@code int}), TIMESTAMP microseconds ({@code long}), STRING {@link String}, BINARY {@code byte[]}.
 */
public sealed interface Kernel {

  /** The boxed row form: one row's argument values in, the result (or null) out. */
  record Row(ScalarFunction.Impl f) implements Kernel {}

  /** DOUBLE -> DOUBLE. */
  record DoubleUnary(DoubleUnaryOperator f) implements Kernel {}

  /** DOUBLE, DOUBLE -> DOUBLE. */
  record DoubleBinary(DoubleBinaryOperator f) implements Kernel {}

  /** DOUBLE -> a long-backed value (e.g. {@code floor}). */
  record DoubleToLong(DoubleToLongFunction f) implements Kernel {}

  /** An int-backed value (INT, DATE) to an int-backed value. */
  record IntUnary(IntUnaryOperator f) implements Kernel {}

  /** Two int-backed values (INT, DATE) to an int-backed value (e.g. {@code date_add}, {@code datediff}). */
  record IntBinary(IntBinaryOperator f) implements Kernel {}

  /** A long-backed value (BIGINT, TIMESTAMP) to a long-backed value. */
  record LongUnary(LongUnaryOperator f) implements Kernel {}

  /** A long-backed value (BIGINT, TIMESTAMP) to an int-backed value (e.g. a TIMESTAMP's hour). */
  record LongToInt(LongToIntFunction f) implements Kernel {}

  /** An object value (STRING, BINARY, DECIMAL, ARRAY, MAP) to an object value, or null. */
  record ObjUnary<A>(Function<A, ?> f) implements Kernel {}

  /** An object value to an int-backed value (e.g. a string's length). */
  record ObjToInt<A>(ToIntFunction<A> f) implements Kernel {}

  /** An object value to a long-backed value. */
  record ObjToLong<A>(ToLongFunction<A> f) implements Kernel {}

  /** An object value to a BOOLEAN. */
  record ObjToBool<A>(Predicate<A> f) implements Kernel {}

  /** Two object values to an object value, or null. */
  record ObjBinary<A, B>(BiFunction<A, B, ?> f) implements Kernel {}

  /** Two object values to a BOOLEAN (e.g. {@code startswith}). */
  record ObjBinaryToBool<A, B>(BiPredicate<A, B> f) implements Kernel {}

  /** Two object values to an int-backed value (e.g. {@code instr}). */
  record ObjBinaryToInt<A, B>(ToIntBiFunction<A, B> f) implements Kernel {}

  /** The number of arguments the shape takes, or -1 for any ({@link Row}). */
  default int arity() {
    if (this instanceof Row) {
      return -1;
    }
    if (this instanceof DoubleBinary || this instanceof IntBinary || this instanceof ObjBinary || this instanceof ObjBinaryToBool
        || this instanceof ObjBinaryToInt) {
      return 2;
    }
    return 1;
  }
}
