package dev.sluice.plan.analysis;

import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.Kernel;
import dev.sluice.plan.expr.Literal;
import dev.sluice.plan.expr.ScalarFunction;
import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.types.DecimalType;
import dev.sluice.types.ValueOrdering;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/** Rounding and math functions. */
final class MathFunctions {
  private MathFunctions() {}

  static Expression numeric(Expression e, FunctionRegistry.FunctionContext c) {
    DataType t = e.dataType();
    if (t.isNumeric()) {
      return e;
    }
    if (t == DataTypes.NullType || t == DataTypes.StringType) {
      return TypeCoercion.castIfNeeded(e, DataTypes.DoubleType, c.ansi());
    }
    throw new AnalysisException(ErrorClass.DATATYPE_MISMATCH, "\"" + c.name() + "(" + e.sql() + ")\"",
        "the argument must be numeric, but " + e.sql() + " is " + t.sql());
  }

  static Expression dbl(Expression e, FunctionRegistry.FunctionContext c) {
    return TypeCoercion.castIfNeeded(numeric(e, c), DataTypes.DoubleType, c.ansi());
  }

  private static FunctionSpec doubleFn(FunctionRegistry r, String name, DoubleUnaryOperator f) {
    return r.register(name, 1, 1, name + "(expr)", (a, c) -> new ScalarFunction(name, List.of(dbl(a.get(0), c)),
        DataTypes.DoubleType, new Kernel.DoubleUnary(f)));
  }

  static void register(FunctionRegistry r) {
    r.register("round", 1, 2, "round(expr[, scale])", (a, c) -> round(a, c, RoundingMode.HALF_UP, "round"))
        .doc("Returns `expr` rounded to `scale` decimal places (default 0; a negative `scale` rounds to tens, "
            + "hundreds, ...), with halves rounded away from zero. The result has the type of `expr`, with the "
            + "scale reduced for a decimal.")
        .example("SELECT round(2.5, 0)", "3")
        .example("SELECT round(25, -1)", "30")
        .example("SELECT round(3.14159, 2)", "3.14");
    r.register("bround", 1, 2, "bround(expr[, scale])", (a, c) -> round(a, c, RoundingMode.HALF_EVEN, "bround"))
        .doc("Returns `expr` rounded to `scale` decimal places (default 0) like `round`, but with halves "
            + "rounded to the even neighbour (banker's rounding).")
        .example("SELECT bround(2.5, 0)", "2")
        .example("SELECT bround(25, -1)", "20")
        .example("SELECT bround(3.5)", "4");
    r.register("floor", 1, 1, "floor(expr)", (a, c) -> floorCeil(a.get(0), c, RoundingMode.FLOOR, "floor"))
        .doc("Returns the largest integer not greater than `expr`: a BIGINT, or a DECIMAL with scale 0 for "
            + "decimal input.")
        .example("SELECT floor(-0.1)", "-1")
        .example("SELECT floor(5)", "5");
    r.register("ceil", 1, 1, "ceil(expr)", (a, c) -> floorCeil(a.get(0), c, RoundingMode.CEILING, "ceil"))
        .doc("Returns the smallest integer not less than `expr`: a BIGINT, or a DECIMAL with scale 0 for "
            + "decimal input.")
        .example("SELECT ceil(-0.1)", "0")
        .example("SELECT ceil(5)", "5");
    r.alias("ceiling", "ceil");
    doubleFn(r, "sqrt", Math::sqrt)
        .doc("Returns the square root of `expr` as a DOUBLE; NaN for a negative number.")
        .example("SELECT sqrt(4)", "2.0")
        .example("SELECT sqrt(-1)", "NaN");
    doubleFn(r, "exp", StrictMath::exp)
        .doc("Returns e raised to the power `expr`.")
        .example("SELECT exp(0)", "1.0")
        .example("SELECT exp(1)", "2.7182818284590455");
    // Spark's logarithms are NULL (not NaN) at and beyond their asymptote. Spark computes exp, expm1,
    // pow and the logarithms (also inside asinh, acosh, atanh) with StrictMath, whose results differ
    // from Math's intrinsics in the last bit for many inputs (exp(1) is 2.7182818284590455, not
    // 2.718281828459045); the other functions use Math, as Spark does.
    logFn(r, "ln", 0, StrictMath::log)
        .doc("Returns the natural logarithm of `expr`; NULL when `expr` is zero or negative.")
        .example("SELECT ln(1)", "0.0")
        .example("SELECT ln(0)", "NULL");
    logFn(r, "log10", 0, StrictMath::log10)
        .doc("Returns the base-10 logarithm of `expr`; NULL when `expr` is zero or negative.")
        .example("SELECT log10(10)", "1.0");
    logFn(r, "log2", 0, x -> StrictMath.log(x) / StrictMath.log(2))
        .doc("Returns the base-2 logarithm of `expr`; NULL when `expr` is zero or negative.")
        .example("SELECT log2(2)", "1.0");
    logFn(r, "log1p", -1, StrictMath::log1p)
        .doc("Returns the natural logarithm of 1 + `expr`, accurate for `expr` near zero; NULL when `expr` is "
            + "-1 or less.")
        .example("SELECT log1p(0)", "0.0");
    doubleFn(r, "cbrt", Math::cbrt)
        .doc("Returns the cube root of `expr`.")
        .example("SELECT cbrt(27.0)", "3.0");
    doubleFn(r, "sin", Math::sin)
        .doc("Returns the sine of `expr`, an angle in radians.")
        .example("SELECT sin(0)", "0.0");
    doubleFn(r, "cos", Math::cos)
        .doc("Returns the cosine of `expr`, an angle in radians.")
        .example("SELECT cos(0)", "1.0");
    doubleFn(r, "tan", Math::tan)
        .doc("Returns the tangent of `expr`, an angle in radians.")
        .example("SELECT tan(0)", "0.0");
    doubleFn(r, "signum", Math::signum)
        .doc("Returns -1.0, 0.0 or 1.0 as `expr` is negative, zero or positive.")
        .example("SELECT signum(40)", "1.0")
        .example("SELECT sign(-2.5)", "-1.0");
    r.alias("sign", "signum");
    r.register("pow", 2, 2, "pow(base, exp)", (a, c) -> new ScalarFunction("pow",
        List.of(dbl(a.get(0), c), dbl(a.get(1), c)), DataTypes.DoubleType, new Kernel.DoubleBinary(StrictMath::pow)))
        .doc("Returns `base` raised to the power `exp`, as a DOUBLE.")
        .example("SELECT pow(2, 3)", "8.0")
        .example("SELECT power(2, -1)", "0.5");
    r.alias("power", "pow");
    r.register("greatest", 2, Integer.MAX_VALUE, "greatest(expr, ...)", (a, c) -> extreme(a, c, true))
        .doc("Returns the largest of the arguments, skipping NULLs; NULL only when all arguments are NULL. The "
            + "arguments are cast to a common orderable type.")
        .example("SELECT greatest(10, 9, 2, 4, 3)", "10")
        .example("SELECT greatest(1, NULL, 3)", "3");
    r.register("least", 2, Integer.MAX_VALUE, "least(expr, ...)", (a, c) -> extreme(a, c, false))
        .doc("Returns the smallest of the arguments, skipping NULLs; NULL only when all arguments are NULL. The "
            + "arguments are cast to a common orderable type.")
        .example("SELECT least(10, 9, 2, 4, 3)", "2")
        .example("SELECT least(NULL, 5)", "5");
    registerMore(r);
  }

  private static FunctionSpec logFn(FunctionRegistry r, String name, double asymptote, DoubleUnaryOperator f) {
    return r.register(name, 1, 1, name + "(expr)", (a, c) -> new ScalarFunction(name, List.of(dbl(a.get(0), c)),
        DataTypes.DoubleType, v -> (Double) v[0] <= asymptote ? null : (Object) f.applyAsDouble((Double) v[0])));
  }

  private static FunctionSpec constantFn(FunctionRegistry r, String name, String sqlName, double value) {
    return r.register(name, 0, 0, name + "()", (a, c) -> new ScalarFunction(sqlName, List.of(), DataTypes.DoubleType,
        v -> value));
  }

  private static FunctionSpec doubleFn2(FunctionRegistry r, String name,
      java.util.function.DoubleBinaryOperator f) {
    return r.register(name, 2, 2, name + "(expr1, expr2)", (a, c) -> new ScalarFunction(name,
        List.of(dbl(a.get(0), c), dbl(a.get(1), c)), DataTypes.DoubleType, new Kernel.DoubleBinary(f)));
  }

  private static final long[] FACTORIALS = new long[21];

  static {
    FACTORIALS[0] = 1;
    for (int i = 1; i <= 20; i++) {
      FACTORIALS[i] = FACTORIALS[i - 1] * i;
    }
  }

  /** Math functions beyond rounding: logarithms, trigonometry, number bases, buckets, random numbers. */
  static void registerMore(FunctionRegistry r) {
    r.register("log", 1, 2, "log([base, ]expr)", (a, c) -> {
      if (a.size() == 1) {
        return new ScalarFunction("ln", List.of(dbl(a.get(0), c)), DataTypes.DoubleType,
            v -> (Double) v[0] <= 0 ? null : (Object) StrictMath.log((Double) v[0]));
      }
      return new ScalarFunction("log", List.of(dbl(a.get(0), c), dbl(a.get(1), c)), DataTypes.DoubleType, v -> {
        double base = (Double) v[0];
        double x = (Double) v[1];
        return base <= 0 || x <= 0 ? null : (Object) (StrictMath.log(x) / StrictMath.log(base));
      });
    }).doc("Returns the logarithm of `expr` to the base `base`, or the natural logarithm when `base` is left "
            + "out. NULL when `base` or `expr` is zero or negative.")
        .example("SELECT log(10, 100)", "2.0")
        .example("SELECT log(1)", "0.0");
    doubleFn(r, "expm1", StrictMath::expm1)
        .doc("Returns e raised to the power `expr`, minus 1, accurate for `expr` near zero.")
        .example("SELECT expm1(0)", "0.0");
    constantFn(r, "pi", "PI", Math.PI)
        .doc("Returns the constant pi, the ratio of a circle's circumference to its diameter.")
        .example("SELECT pi()", "3.141592653589793");
    constantFn(r, "e", "E", Math.E)
        .doc("Returns Euler's number e, the base of the natural logarithm.")
        .example("SELECT e()", "2.718281828459045");
    doubleFn(r, "degrees", Math::toDegrees)
        .doc("Converts the angle `expr` from radians to degrees.")
        .example("SELECT degrees(3.141592653589793)", "180.0");
    doubleFn(r, "radians", Math::toRadians)
        .doc("Converts the angle `expr` from degrees to radians.")
        .example("SELECT radians(180)", "3.141592653589793");
    doubleFn(r, "asin", Math::asin)
        .doc("Returns the arc sine of `expr` in radians; NaN when `expr` is outside [-1, 1].")
        .example("SELECT asin(0)", "0.0")
        .example("SELECT asin(2)", "NaN");
    doubleFn(r, "acos", Math::acos)
        .doc("Returns the arc cosine of `expr` in radians; NaN when `expr` is outside [-1, 1].")
        .example("SELECT acos(1)", "0.0")
        .example("SELECT acos(2)", "NaN");
    doubleFn(r, "atan", Math::atan)
        .doc("Returns the arc tangent of `expr` in radians.")
        .example("SELECT atan(0)", "0.0");
    doubleFn(r, "sinh", Math::sinh)
        .doc("Returns the hyperbolic sine of `expr`.")
        .example("SELECT sinh(0)", "0.0");
    doubleFn(r, "cosh", Math::cosh)
        .doc("Returns the hyperbolic cosine of `expr`.")
        .example("SELECT cosh(0)", "1.0");
    doubleFn(r, "tanh", Math::tanh)
        .doc("Returns the hyperbolic tangent of `expr`.")
        .example("SELECT tanh(0)", "0.0");
    doubleFn(r, "asinh", x -> x == Double.NEGATIVE_INFINITY ? x : StrictMath.log(x + Math.sqrt(x * x + 1.0)))
        .doc("Returns the inverse hyperbolic sine of `expr`.")
        .example("SELECT asinh(0)", "0.0");
    doubleFn(r, "acosh", x -> StrictMath.log(x + Math.sqrt(x * x - 1.0)))
        .doc("Returns the inverse hyperbolic cosine of `expr`; NaN when `expr` is less than 1.")
        .example("SELECT acosh(1)", "0.0")
        .example("SELECT acosh(0)", "NaN");
    doubleFn(r, "atanh", x -> 0.5 * (StrictMath.log1p(x) - StrictMath.log1p(-x)))
        .doc("Returns the inverse hyperbolic tangent of `expr`; NaN when `expr` is outside [-1, 1].")
        .example("SELECT atanh(0)", "0.0")
        .example("SELECT atanh(2)", "NaN");
    doubleFn(r, "cot", x -> 1.0 / Math.tan(x))
        .doc("Returns the cotangent of `expr`, an angle in radians (1 / tan(`expr`)).")
        .example("SELECT cot(1)", "0.6420926159343306");
    doubleFn(r, "sec", x -> 1.0 / Math.cos(x))
        .doc("Returns the secant of `expr`, an angle in radians (1 / cos(`expr`)).")
        .example("SELECT sec(0)", "1.0");
    doubleFn(r, "csc", x -> 1.0 / Math.sin(x))
        .doc("Returns the cosecant of `expr`, an angle in radians (1 / sin(`expr`)).")
        .example("SELECT csc(1)", "1.1883951057781212");
    doubleFn(r, "rint", Math::rint)
        .doc("Returns the DOUBLE closest to `expr` that is a mathematical integer; halves go to the even "
            + "neighbour.")
        .example("SELECT rint(12.3456)", "12.0")
        .example("SELECT rint(2.5)", "2.0");
    doubleFn2(r, "atan2", (y, x) -> Math.atan2(y + 0.0, x + 0.0))
        .doc("Returns the angle in radians between the positive x-axis and the point (`expr2`, `expr1`), that "
            + "is, the arc tangent of `expr1` / `expr2` in the quadrant of the point.")
        .example("SELECT atan2(0, 0)", "0.0")
        .example("SELECT atan2(1, 1)", "0.7853981633974483");
    doubleFn2(r, "hypot", Math::hypot)
        .doc("Returns sqrt(`expr1`^2 + `expr2`^2) without intermediate overflow.")
        .example("SELECT hypot(3, 4)", "5.0");
    r.register("factorial", 1, 1, "factorial(n)", (a, c) -> new ScalarFunction("factorial",
        List.of(StringFunctions.integer(a.get(0), c)), DataTypes.LongType, v -> {
          int n = (Integer) v[0];
          return n < 0 || n > 20 ? null : (Object) FACTORIALS[n];
        }))
        .doc("Returns the factorial of `n` as a BIGINT; NULL when `n` is outside [0, 20].")
        .example("SELECT factorial(5)", "120")
        .example("SELECT factorial(21)", "NULL");
    r.register("isnan", 1, 1, "isnan(expr)", (a, c) -> new ScalarFunction("isnan", List.of(dbl(a.get(0), c)),
        DataTypes.BooleanType, false, true, v -> v[0] != null && Double.isNaN((Double) v[0])))
        .doc("Returns true if `expr` is NaN, false otherwise (also for NULL).")
        .group("predicate_funcs")
        .example("SELECT isnan(cast('NaN' as double))", "true")
        .example("SELECT isnan(NULL)", "false");
    r.register("nanvl", 2, 2, "nanvl(expr1, expr2)", (a, c) -> new ScalarFunction("nanvl",
        List.of(dbl(a.get(0), c), dbl(a.get(1), c)), DataTypes.DoubleType, false, true,
        v -> v[0] == null ? null : Double.isNaN((Double) v[0]) ? v[1] : v[0]))
        .doc("Returns `expr2` if `expr1` is NaN, otherwise `expr1`.")
        .group("conditional_funcs")
        .example("SELECT nanvl(cast('NaN' as double), 123)", "123.0")
        .example("SELECT nanvl(1.5, 123)", "1.5");
    r.register("width_bucket", 4, 4, "width_bucket(value, min, max, numBuckets)", (a, c) -> new ScalarFunction(
        "width_bucket", List.of(dbl(a.get(0), c), dbl(a.get(1), c), dbl(a.get(2), c), FunctionArgs.lng(a.get(3), c)),
        DataTypes.LongType, v -> widthBucket((Double) v[0], (Double) v[1], (Double) v[2], (Long) v[3])))
        .doc("Returns the number of the bucket `value` falls in when the range from `min` to `max` is split "
            + "into `numBuckets` equal-width buckets numbered from 1; 0 below the range and `numBuckets` + 1 "
            + "above it (`min` may be greater than `max`). NULL for an empty range or a bucket count below 1.")
        .example("SELECT width_bucket(5.3, 0.2, 10.6, 5)", "3")
        .example("SELECT width_bucket(-2.1, 1.3, 3.4, 3)", "0")
        .example("SELECT width_bucket(8.1, 0.0, 5.7, 4)", "5")
        .example("SELECT width_bucket(-0.9, 5.2, 0.5, 2)", "3");
    r.register("bin", 1, 1, "bin(expr)", (a, c) -> new ScalarFunction("bin", List.of(binArg(a.get(0), c)),
        DataTypes.StringType, v -> Long.toBinaryString((Long) v[0])))
        .doc("Returns the binary digits of `expr`, cast to BIGINT, as a string; a negative number shows its "
            + "64-bit two's complement.")
        .example("SELECT bin(13)", "1101")
        .example("SELECT bin(-13)", "1111111111111111111111111111111111111111111111111111111111110011")
        .example("SELECT bin(13.3)", "1101");
    r.register("conv", 3, 3, "conv(num, fromBase, toBase)", (a, c) -> {
      boolean ansi = c.ansi();
      return new ScalarFunction("conv", List.of(StringFunctions.str(a.get(0), c), StringFunctions.integer(a.get(1), c),
          StringFunctions.integer(a.get(2), c)), DataTypes.StringType,
          v -> conv(((String) v[0]).trim(), (Integer) v[1], (Integer) v[2], ansi));
    }).doc("Converts the string `num` from base `fromBase` to base `toBase` (bases 2 to 36); a negative "
            + "`toBase` writes the result as a signed number. NULL for an invalid base.")
        .example("SELECT conv('100', 2, 10)", "4")
        .example("SELECT conv(-10, 16, -10)", "-16");
    r.register("rand", 0, 1, "rand([seed])", (a, c) -> random(a, c, false))
        .doc("Returns a random DOUBLE, uniformly distributed in [0, 1). With a constant `seed` the sequence is "
            + "repeatable, but it is not the sequence Spark produces for the same seed.")
        .example("SELECT rand(0) >= 0 AND rand(0) < 1", "true");
    r.alias("random", "rand");
    r.register("randn", 0, 1, "randn([seed])", (a, c) -> random(a, c, true))
        .doc("Returns a random DOUBLE drawn from the standard normal distribution (mean 0, standard deviation "
            + "1). With a constant `seed` the sequence is repeatable, but it is not the sequence Spark produces "
            + "for the same seed.")
        .example("SELECT isnan(randn(0))", "false");
  }

  /** bin's argument: any number, implicitly cast to BIGINT as Spark does (13.3 is 13). */
  private static Expression binArg(Expression e, FunctionRegistry.FunctionContext c) {
    if (e.dataType().isNumeric()) {
      return TypeCoercion.castIfNeeded(e, DataTypes.LongType, c.ansi());
    }
    return FunctionArgs.lng(e, c);
  }

  /** Spark's width_bucket: NULL for an empty or non-finite range or a non-positive bucket count. */
  static Long widthBucket(double value, double min, double max, long n) {
    if (n <= 0 || n == Long.MAX_VALUE || Double.isNaN(value) || min == max || Double.isNaN(min)
        || Double.isInfinite(min) || Double.isNaN(max) || Double.isInfinite(max)) {
      return null;
    }
    double lower = Math.min(min, max);
    double upper = Math.max(min, max);
    if (min < max) {
      if (value < lower) {
        return 0L;
      }
      if (value >= upper) {
        return n + 1L;
      }
      return (long) (n * (value - lower) / (upper - lower)) + 1L;
    }
    if (value > upper) {
      return 0L;
    }
    if (value <= lower) {
      return n + 1L;
    }
    return (long) (n * (upper - value) / (upper - lower)) + 1L;
  }

  /**
   * Spark's conv: reads digits of {@code fromBase} up to the first invalid one as an unsigned 64-bit
   * number, writes it in {@code |toBase|} (signed when toBase is negative). NULL for bad bases.
   */
  static String conv(String num, int fromBase, int toBase, boolean ansi) {
    if (fromBase < Character.MIN_RADIX || fromBase > Character.MAX_RADIX
        || Math.abs(toBase) < Character.MIN_RADIX || Math.abs(toBase) > Character.MAX_RADIX || num.isEmpty()) {
      return null;
    }
    boolean negative = num.charAt(0) == '-';
    int first = negative ? 1 : 0;
    long v = 0;
    long bound = Long.divideUnsigned(-1 - fromBase, fromBase);
    boolean overflow = false;
    for (int i = first; i < num.length(); i++) {
      int d = Character.digit(num.charAt(i), fromBase);
      if (d < 0) {
        break;
      }
      if (v < 0 || (v >= bound && Long.divideUnsigned(-1L - d, fromBase) < v)) {
        overflow = true;
        v = -1;
        break;
      }
      v = v * fromBase + d;
    }
    if (overflow && ansi) {
      throw new dev.sluice.errors.ExecutionException(ErrorClass.NUMERIC_VALUE_OUT_OF_RANGE, "'" + num + "'",
          "an unsigned 64-bit number", "conv(" + num + ", " + fromBase + ", " + toBase + ")");
    }
    if (negative && toBase > 0) {
      v = v < 0 ? -1 : -v;
    }
    if (toBase < 0 && v < 0) {
      v = -v;
      negative = true;
    }
    int radix = Math.abs(toBase);
    StringBuilder sb = new StringBuilder();
    long t = v;
    while (t != 0) {
      long q = Long.divideUnsigned(t, radix);
      sb.append(Character.toUpperCase(Character.forDigit((int) (t - q * radix), radix)));
      t = q;
    }
    if (sb.length() == 0) {
      sb.append('0');
    }
    if (negative && toBase < 0) {
      sb.append('-');
    }
    return sb.reverse().toString();
  }

  private static Expression random(List<Expression> a, FunctionRegistry.FunctionContext c, boolean gaussian) {
    String name = FunctionArgs.name(c);
    java.util.Random rnd;
    if (a.isEmpty()) {
      rnd = new java.util.Random();
    } else {
      Object seed = FunctionArgs.constant(a.get(0), c, "seed");
      if (seed != null && !a.get(0).dataType().isIntegral()) {
        throw FunctionArgs.mismatch(c, a.get(0), "an INT or BIGINT constant");
      }
      rnd = new java.util.Random(seed == null ? 0L : ((Number) seed).longValue());
    }
    return new ScalarFunction(name, a, DataTypes.DoubleType, false, false,
        v -> gaussian ? rnd.nextGaussian() : rnd.nextDouble());
  }

  private static Expression extreme(List<Expression> a, FunctionRegistry.FunctionContext c, boolean greatest) {
    List<Expression> args = TypeCoercion.coerceAll(greatest ? "greatest" : "least", a, c.ansi(), false);
    DataType t = args.get(0).dataType();
    if (!ValueOrdering.isOrderable(t)) {
      throw FunctionArgs.mismatch(c, a.get(0), "of an orderable type");
    }
    return new ScalarFunction(greatest ? "greatest" : "least", args, t, false, true, v -> {
      Object best = null;
      for (Object o : v) {
        if (o != null && (best == null
            || (ValueOrdering.compareValues(o, best, t) > 0) == greatest
            && ValueOrdering.compareValues(o, best, t) != 0)) {
          best = o;
        }
      }
      return best;
    });
  }

  private static Expression floorCeil(Expression e, FunctionRegistry.FunctionContext c, RoundingMode mode, String name) {
    Expression x = numeric(e, c);
    DataType t = x.dataType();
    if (t instanceof DecimalType d) {
      DecimalType rt = DecimalType.bounded(d.precision() - d.scale() + 1, 0);
      return new ScalarFunction(name, List.of(x), rt, new Kernel.ObjUnary<BigDecimal>(v -> v.setScale(0, mode)));
    }
    if (t == DataTypes.DoubleType) {
      return new ScalarFunction(name, List.of(x), DataTypes.LongType, new Kernel.DoubleToLong(
          mode == RoundingMode.FLOOR ? d -> (long) Math.floor(d) : d -> (long) Math.ceil(d)));
    }
    return TypeCoercion.castIfNeeded(x, DataTypes.LongType, c.ansi());
  }

  private static Expression round(List<Expression> a, FunctionRegistry.FunctionContext c, RoundingMode mode, String name) {
    Expression x = numeric(a.get(0), c);
    int scale = 0;
    if (a.size() > 1) {
      Integer s = FunctionArgs.constantInt(a.get(1), c, "scale");
      if (s == null) {
        return new Literal(null, x.dataType());
      }
      scale = s;
    }
    DataType t = x.dataType();
    // Scales beyond these bounds give the same result as the bound, and keep BigDecimal from
    // computing 10^scale for an absurd scale.
    final int sc = t == DataTypes.DoubleType ? Math.max(-400, Math.min(340, scale))
        : Math.max(-40, Math.min(40, scale));
    List<Expression> args = a.size() > 1 ? List.of(x, a.get(1)) : List.of(x, Literal.of(0));
    if (t == DataTypes.DoubleType) {
      return new ScalarFunction(name, args, DataTypes.DoubleType, v -> {
        double d = (Double) v[0];
        if (Double.isNaN(d) || Double.isInfinite(d)) {
          return d;
        }
        return BigDecimal.valueOf(d).setScale(sc, mode).doubleValue();
      });
    }
    if (t instanceof DecimalType d) {
      int integral = d.precision() - d.scale() + 1;
      DecimalType rt = sc < 0 ? DecimalType.bounded(integral - sc, 0)
          : DecimalType.bounded(integral + Math.min(d.scale(), sc), Math.min(d.scale(), sc));
      return new ScalarFunction(name, args, rt, v -> ((BigDecimal) v[0]).setScale(sc, mode).setScale(rt.scale(), mode));
    }
    // int / bigint: only negative scales change anything; a result out of the type's range is
    // ARITHMETIC_OVERFLOW under ANSI (round(2147483647, -1)), and wraps otherwise, as in Spark.
    boolean ansi = c.ansi();
    String sql = name + "(" + a.get(0).sql() + (a.size() > 1 ? ", " + a.get(1).sql() : "") + ")";
    return new ScalarFunction(name, args, t, v -> {
      long l = ((Number) v[0]).longValue();
      if (sc >= 0) {
        return t == DataTypes.IntegerType ? (Object) (int) l : (Object) l;
      }
      BigDecimal r = BigDecimal.valueOf(l).setScale(sc, mode);
      boolean fits = t == DataTypes.IntegerType
          ? r.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0 && r.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) >= 0
          : r.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0 && r.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) >= 0;
      if (!fits && ansi) {
        throw new dev.sluice.errors.ExecutionException(ErrorClass.ARITHMETIC_OVERFLOW,
            t == DataTypes.IntegerType ? "INT" : "BIGINT", sql, "");
      }
      return t == DataTypes.IntegerType ? (Object) r.intValue() : (Object) r.longValue();
    });
  }
}
