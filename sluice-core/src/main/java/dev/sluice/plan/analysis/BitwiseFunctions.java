package dev.sluice.plan.analysis;

import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.plan.expr.Eval;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.ScalarFunction;
import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;
import dev.sluice.vector.IntVector;
import dev.sluice.vector.LongVector;
import java.util.List;

/**
 * Bitwise operators ({@code ~ & | ^}, as the parser names them) and functions (shifts, bit_count,
 * bit_get) on INT and BIGINT. Mixed INT/BIGINT operands are widened to BIGINT, as in Spark.
 */
final class BitwiseFunctions {
  private BitwiseFunctions() {}

  static void register(FunctionRegistry r) {
    binary(r, "&");
    binary(r, "|");
    binary(r, "^");
    r.register("~", 1, 1, "~ expr", (a, c) -> new BitwiseOp("~", List.of(integral(a.get(0), null, c))));
    r.alias("bitwise_not", "~");
    shift(r, "shiftleft");
    shift(r, "shiftright");
    shift(r, "shiftrightunsigned");
    r.register("bit_count", 1, 1, "bit_count(expr)", (a, c) -> {
      Expression x = a.get(0);
      if (x.dataType() == DataTypes.BooleanType) {
        return new ScalarFunction("bit_count", List.of(x), DataTypes.IntegerType, v -> (Boolean) v[0] ? 1 : 0);
      }
      Expression i = integral(x, null, c);
      return new ScalarFunction("bit_count", List.of(i), DataTypes.IntegerType,
          v -> v[0] instanceof Integer n ? Integer.bitCount(n) : Long.bitCount((Long) v[0]));
    });
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
    });
    r.alias("getbit", "bit_get");
  }

  private static void binary(FunctionRegistry r, String op) {
    r.register(op, 2, 2, "a " + op + " b", (a, c) -> {
      DataType t = commonType(op, a.get(0), a.get(1));
      return new BitwiseOp(op, List.of(integral(a.get(0), t, c), integral(a.get(1), t, c)));
    });
  }

  private static void shift(FunctionRegistry r, String name) {
    r.register(name, 2, 2, name + "(expr, n)", (a, c) -> {
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

  /** {@code a & b}, {@code a | b}, {@code a ^ b} and {@code ~a}, evaluated on whole vectors. */
  static final class BitwiseOp extends Expression {
    private final String op;
    private final List<Expression> children;

    BitwiseOp(String op, List<Expression> children) {
      this.op = op;
      this.children = List.copyOf(children);
    }

    @Override
    public List<Expression> children() {
      return children;
    }

    @Override
    public DataType dataType() {
      return children.get(0).dataType();
    }

    @Override
    public Expression withNewChildren(List<Expression> c) {
      return new BitwiseOp(op, c);
    }

    @Override
    protected List<Object> args() {
      return List.of(op);
    }

    @Override
    public boolean foldable() {
      return children.stream().allMatch(Expression::foldable);
    }

    @Override
    public String sql() {
      if (children.size() == 1) {
        return "~" + children.get(0).sql();
      }
      return "(" + children.get(0).sql() + " " + op + " " + children.get(1).sql() + ")";
    }

    @Override
    public ColumnVector eval(ColumnBatch batch) {
      int n = batch.numRows();
      ColumnVector a = children.get(0).eval(batch);
      if (children.size() == 1) {
        if (a instanceof IntVector iv) {
          int[] x = iv.values();
          int[] out = new int[n];
          for (int i = 0; i < n; i++) {
            out[i] = ~x[i];
          }
          return new IntVector(DataTypes.IntegerType, out, n, Eval.copyNulls(a, n));
        }
        long[] x = ((LongVector) a).values();
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
          out[i] = ~x[i];
        }
        return new LongVector(DataTypes.LongType, out, n, Eval.copyNulls(a, n));
      }
      ColumnVector b = children.get(1).eval(batch);
      boolean[] nulls = Eval.unionNulls(n, a, b);
      char o = op.charAt(0);
      if (a instanceof IntVector iv) {
        int[] x = iv.values();
        int[] y = ((IntVector) b).values();
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
          out[i] = o == '&' ? x[i] & y[i] : o == '|' ? x[i] | y[i] : x[i] ^ y[i];
        }
        return new IntVector(DataTypes.IntegerType, out, n, nulls);
      }
      long[] x = ((LongVector) a).values();
      long[] y = ((LongVector) b).values();
      long[] out = new long[n];
      for (int i = 0; i < n; i++) {
        out[i] = o == '&' ? x[i] & y[i] : o == '|' ? x[i] | y[i] : x[i] ^ y[i];
      }
      return new LongVector(DataTypes.LongType, out, n, nulls);
    }
  }
}
