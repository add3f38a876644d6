package dev.sluice.plan.analysis;

import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.plan.expr.Expression;
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

  private static void doubleFn(FunctionRegistry r, String name, DoubleUnaryOperator f) {
    r.register(name, 1, 1, name + "(expr)", (a, c) -> new ScalarFunction(name, List.of(dbl(a.get(0), c)),
        DataTypes.DoubleType, v -> f.applyAsDouble((Double) v[0])));
  }

  static void register(FunctionRegistry r) {
    r.register("round", 1, 2, "round(expr[, scale])", (a, c) -> round(a, c, RoundingMode.HALF_UP, "round"));
    r.register("bround", 1, 2, "bround(expr[, scale])", (a, c) -> round(a, c, RoundingMode.HALF_EVEN, "bround"));
    r.register("floor", 1, 1, "floor(expr)", (a, c) -> floorCeil(a.get(0), c, RoundingMode.FLOOR, "floor"));
    r.register("ceil", 1, 1, "ceil(expr)", (a, c) -> floorCeil(a.get(0), c, RoundingMode.CEILING, "ceil"));
    r.alias("ceiling", "ceil");
    doubleFn(r, "sqrt", Math::sqrt);
    doubleFn(r, "exp", Math::exp);
    // Spark's logarithms are NULL (not NaN) at and beyond their asymptote.
    logFn(r, "ln", 0, Math::log);
    logFn(r, "log10", 0, Math::log10);
    logFn(r, "log2", 0, x -> Math.log(x) / Math.log(2));
    logFn(r, "log1p", -1, Math::log1p);
    doubleFn(r, "cbrt", Math::cbrt);
    doubleFn(r, "sin", Math::sin);
    doubleFn(r, "cos", Math::cos);
    doubleFn(r, "tan", Math::tan);
    doubleFn(r, "signum", Math::signum);
    r.alias("sign", "signum");
    r.register("pow", 2, 2, "pow(base, exp)", (a, c) -> new ScalarFunction("pow",
        List.of(dbl(a.get(0), c), dbl(a.get(1), c)), DataTypes.DoubleType,
        v -> Math.pow((Double) v[0], (Double) v[1])));
    r.alias("power", "pow");
    r.register("greatest", 2, Integer.MAX_VALUE, "greatest(expr, ...)", (a, c) -> extreme(a, c, true));
    r.register("least", 2, Integer.MAX_VALUE, "least(expr, ...)", (a, c) -> extreme(a, c, false));
    registerMore(r);
  }

  private static void logFn(FunctionRegistry r, String name, double asymptote, DoubleUnaryOperator f) {
    r.register(name, 1, 1, name + "(expr)", (a, c) -> new ScalarFunction(name, List.of(dbl(a.get(0), c)),
        DataTypes.DoubleType, v -> (Double) v[0] <= asymptote ? null : (Object) f.applyAsDouble((Double) v[0])));
  }

  private static void constantFn(FunctionRegistry r, String name, String sqlName, double value) {
    r.register(name, 0, 0, name + "()", (a, c) -> new ScalarFunction(sqlName, List.of(), DataTypes.DoubleType,
        v -> value));
  }

  private static void doubleFn2(FunctionRegistry r, String name, java.util.function.DoubleBinaryOperator f) {
    r.register(name, 2, 2, name + "(expr1, expr2)", (a, c) -> new ScalarFunction(name,
        List.of(dbl(a.get(0), c), dbl(a.get(1), c)), DataTypes.DoubleType,
        v -> f.applyAsDouble((Double) v[0], (Double) v[1])));
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
            v -> (Double) v[0] <= 0 ? null : (Object) Math.log((Double) v[0]));
      }
      return new ScalarFunction("log", List.of(dbl(a.get(0), c), dbl(a.get(1), c)), DataTypes.DoubleType, v -> {
        double base = (Double) v[0];
        double x = (Double) v[1];
        return base <= 0 || x <= 0 ? null : (Object) (Math.log(x) / Math.log(base));
      });
    });
    doubleFn(r, "expm1", Math::expm1);
    constantFn(r, "pi", "PI", Math.PI);
    constantFn(r, "e", "E", Math.E);
    doubleFn(r, "degrees", Math::toDegrees);
    doubleFn(r, "radians", Math::toRadians);
    doubleFn(r, "asin", Math::asin);
    doubleFn(r, "acos", Math::acos);
    doubleFn(r, "atan", Math::atan);
    doubleFn(r, "sinh", Math::sinh);
    doubleFn(r, "cosh", Math::cosh);
    doubleFn(r, "tanh", Math::tanh);
    doubleFn(r, "asinh", x -> x == Double.NEGATIVE_INFINITY ? x : Math.log(x + Math.sqrt(x * x + 1.0)));
    doubleFn(r, "acosh", x -> Math.log(x + Math.sqrt(x * x - 1.0)));
    doubleFn(r, "atanh", x -> 0.5 * (Math.log1p(x) - Math.log1p(-x)));
    doubleFn(r, "cot", x -> 1.0 / Math.tan(x));
    doubleFn(r, "sec", x -> 1.0 / Math.cos(x));
    doubleFn(r, "csc", x -> 1.0 / Math.sin(x));
    doubleFn(r, "rint", Math::rint);
    doubleFn2(r, "atan2", (y, x) -> Math.atan2(y + 0.0, x + 0.0));
    doubleFn2(r, "hypot", Math::hypot);
    r.register("factorial", 1, 1, "factorial(n)", (a, c) -> new ScalarFunction("factorial",
        List.of(StringFunctions.integer(a.get(0), c)), DataTypes.LongType, v -> {
          int n = (Integer) v[0];
          return n < 0 || n > 20 ? null : (Object) FACTORIALS[n];
        }));
    r.register("isnan", 1, 1, "isnan(expr)", (a, c) -> new ScalarFunction("isnan", List.of(dbl(a.get(0), c)),
        DataTypes.BooleanType, false, true, v -> v[0] != null && Double.isNaN((Double) v[0])));
    r.register("nanvl", 2, 2, "nanvl(expr1, expr2)", (a, c) -> new ScalarFunction("nanvl",
        List.of(dbl(a.get(0), c), dbl(a.get(1), c)), DataTypes.DoubleType, false, true,
        v -> v[0] == null ? null : Double.isNaN((Double) v[0]) ? v[1] : v[0]));
    r.register("width_bucket", 4, 4, "width_bucket(value, min, max, numBuckets)", (a, c) -> new ScalarFunction(
        "width_bucket", List.of(dbl(a.get(0), c), dbl(a.get(1), c), dbl(a.get(2), c), FunctionArgs.lng(a.get(3), c)),
        DataTypes.LongType, v -> widthBucket((Double) v[0], (Double) v[1], (Double) v[2], (Long) v[3])));
    r.register("bin", 1, 1, "bin(expr)", (a, c) -> new ScalarFunction("bin", List.of(FunctionArgs.lng(a.get(0), c)),
        DataTypes.StringType, v -> Long.toBinaryString((Long) v[0])));
    r.register("conv", 3, 3, "conv(num, fromBase, toBase)", (a, c) -> {
      boolean ansi = c.ansi();
      return new ScalarFunction("conv", List.of(StringFunctions.str(a.get(0), c), StringFunctions.integer(a.get(1), c),
          StringFunctions.integer(a.get(2), c)), DataTypes.StringType,
          v -> conv(((String) v[0]).trim(), (Integer) v[1], (Integer) v[2], ansi));
    });
    r.register("rand", 0, 1, "rand([seed])", (a, c) -> random(a, c, false));
    r.alias("random", "rand");
    r.register("randn", 0, 1, "randn([seed])", (a, c) -> random(a, c, true));
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
      return new ScalarFunction(name, List.of(x), rt, v -> ((BigDecimal) v[0]).setScale(0, mode));
    }
    if (t == DataTypes.DoubleType) {
      return new ScalarFunction(name, List.of(x), DataTypes.LongType, v -> {
        double d = mode == RoundingMode.FLOOR ? Math.floor((Double) v[0]) : Math.ceil((Double) v[0]);
        return (long) d;
      });
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
    // int / bigint: only negative scales change anything.
    return new ScalarFunction(name, args, t, v -> {
      long l = ((Number) v[0]).longValue();
      long r = sc >= 0 ? l : BigDecimal.valueOf(l).setScale(sc, mode).longValue();
      return t == DataTypes.IntegerType ? (Object) (int) r : (Object) r;
    });
  }
}
