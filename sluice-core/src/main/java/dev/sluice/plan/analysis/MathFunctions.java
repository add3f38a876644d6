package dev.sluice.plan.analysis;

import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.Literal;
import dev.sluice.plan.expr.ScalarFunction;
import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.types.DecimalType;
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
    doubleFn(r, "ln", x -> x <= 0 ? Double.NaN : Math.log(x));
    doubleFn(r, "log10", x -> x <= 0 ? Double.NaN : Math.log10(x));
    doubleFn(r, "log2", x -> x <= 0 ? Double.NaN : Math.log(x) / Math.log(2));
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
  }

  private static Expression extreme(List<Expression> a, FunctionRegistry.FunctionContext c, boolean greatest) {
    List<Expression> args = TypeCoercion.coerceAll(greatest ? "greatest" : "least", a, c.ansi(), false);
    DataType t = args.get(0).dataType();
    return new ScalarFunction(greatest ? "greatest" : "least", args, t, false, true, v -> {
      Object best = null;
      for (Object o : v) {
        if (o != null && (best == null
            || (dev.sluice.plan.expr.Compare.compareValues(o, best, t) > 0) == greatest
            && dev.sluice.plan.expr.Compare.compareValues(o, best, t) != 0)) {
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
      Object s = a.get(1).foldable() ? Folding.value(a.get(1)) : null;
      if (!(s instanceof Integer) && !(s instanceof Long)) {
        throw new AnalysisException(ErrorClass.DATATYPE_MISMATCH, "\"" + name + "\"",
            "the scale must be an integer constant, got " + a.get(1).sql());
      }
      scale = ((Number) s).intValue();
    }
    final int sc = scale;
    DataType t = x.dataType();
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
