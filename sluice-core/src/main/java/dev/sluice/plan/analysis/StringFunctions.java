package dev.sluice.plan.analysis;

import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.Literal;
import dev.sluice.plan.expr.ScalarFunction;
import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** String functions. Arguments of other atomic types are implicitly cast to STRING, as in Spark. */
final class StringFunctions {
  private StringFunctions() {}

  static Expression str(Expression e, FunctionRegistry.FunctionContext c) {
    DataType t = e.dataType();
    if (t == DataTypes.StringType) {
      return e;
    }
    if (t instanceof dev.sluice.types.StructType || t instanceof dev.sluice.types.MapType
        || t instanceof dev.sluice.types.ArrayType) {
      throw new AnalysisException(ErrorClass.DATATYPE_MISMATCH, "\"" + c.name() + "\"",
          "the argument " + e.sql() + " must be a STRING, but it is " + t.sql());
    }
    return TypeCoercion.castIfNeeded(e, DataTypes.StringType, c.ansi());
  }

  static Expression integer(Expression e, FunctionRegistry.FunctionContext c) {
    DataType t = e.dataType();
    if (t == DataTypes.IntegerType) {
      return e;
    }
    if (t == DataTypes.LongType || t == DataTypes.NullType || t == DataTypes.StringType
        || t instanceof dev.sluice.types.DecimalType || t == DataTypes.DoubleType) {
      return TypeCoercion.castIfNeeded(e, DataTypes.IntegerType, c.ansi());
    }
    throw new AnalysisException(ErrorClass.DATATYPE_MISMATCH, "\"" + c.name() + "\"",
        "the argument " + e.sql() + " must be an INT, but it is " + t.sql());
  }

  private static void unary(FunctionRegistry r, String name, java.util.function.Function<String, Object> f,
      DataType result) {
    r.register(name, 1, 1, name + "(str)",
        (a, c) -> new ScalarFunction(name, List.of(str(a.get(0), c)), result, args -> f.apply((String) args[0])));
  }

  static void register(FunctionRegistry r) {
    unary(r, "upper", s -> s.toUpperCase(Locale.ROOT), DataTypes.StringType);
    r.alias("ucase", "upper");
    unary(r, "lower", s -> s.toLowerCase(Locale.ROOT), DataTypes.StringType);
    r.alias("lcase", "lower");
    unary(r, "length", s -> s.codePointCount(0, s.length()), DataTypes.IntegerType);
    r.alias("char_length", "length");
    r.alias("character_length", "length");
    unary(r, "reverse", s -> new StringBuilder(s).reverse().toString(), DataTypes.StringType);
    unary(r, "initcap", StringFunctions::initcap, DataTypes.StringType);
    unary(r, "ascii", s -> s.isEmpty() ? 0 : s.codePointAt(0), DataTypes.IntegerType);
    r.register("trim", 1, 2, "trim(str[, chars])", (a, c) -> trim(a, c, true, true, "trim"));
    r.register("ltrim", 1, 2, "ltrim(str[, chars])", (a, c) -> trim(a, c, true, false, "ltrim"));
    r.register("rtrim", 1, 2, "rtrim(str[, chars])", (a, c) -> trim(a, c, false, true, "rtrim"));
    r.register("concat", 0, Integer.MAX_VALUE, "concat(str1, str2, ...)", (a, c) -> {
      List<Expression> args = new ArrayList<>();
      for (Expression e : a) {
        args.add(str(e, c));
      }
      return new ScalarFunction("concat", args, DataTypes.StringType, v -> {
        StringBuilder sb = new StringBuilder();
        for (Object o : v) {
          sb.append((String) o);
        }
        return sb.toString();
      });
    });
    r.register("concat_ws", 1, Integer.MAX_VALUE, "concat_ws(sep, str1, str2, ...)", (a, c) -> {
      List<Expression> args = new ArrayList<>();
      for (Expression e : a) {
        args.add(str(e, c));
      }
      return new ScalarFunction("concat_ws", args, DataTypes.StringType, false, true, v -> {
        if (v[0] == null) {
          return null;
        }
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (int i = 1; i < v.length; i++) {
          if (v[i] != null) {
            if (!first) {
              sb.append((String) v[0]);
            }
            sb.append((String) v[i]);
            first = false;
          }
        }
        return sb.toString();
      });
    });
    r.register("substring", 2, 3, "substring(str, pos[, len])", (a, c) -> {
      List<Expression> args = new ArrayList<>();
      args.add(str(a.get(0), c));
      args.add(integer(a.get(1), c));
      if (a.size() == 3) {
        args.add(integer(a.get(2), c));
      }
      return new ScalarFunction("substring", args, DataTypes.StringType,
          v -> substring((String) v[0], (Integer) v[1], v.length > 2 ? (Integer) v[2] : Integer.MAX_VALUE));
    });
    r.alias("substr", "substring");
    r.register("left", 2, 2, "left(str, len)", (a, c) -> new ScalarFunction("left",
        List.of(str(a.get(0), c), integer(a.get(1), c)), DataTypes.StringType,
        v -> (Integer) v[1] <= 0 ? "" : substring((String) v[0], 1, (Integer) v[1])));
    r.register("right", 2, 2, "right(str, len)", (a, c) -> new ScalarFunction("right",
        List.of(str(a.get(0), c), integer(a.get(1), c)), DataTypes.StringType,
        v -> (Integer) v[1] <= 0 ? "" : substring((String) v[0], -(Integer) v[1], Integer.MAX_VALUE)));
    r.register("replace", 2, 3, "replace(str, search[, replace])", (a, c) -> {
      List<Expression> args = new ArrayList<>();
      for (Expression e : a) {
        args.add(str(e, c));
      }
      return new ScalarFunction("replace", args, DataTypes.StringType,
          v -> ((String) v[1]).isEmpty() ? v[0] : ((String) v[0]).replace((String) v[1], v.length > 2 ? (String) v[2] : ""));
    });
    r.register("instr", 2, 2, "instr(str, substr)", (a, c) -> new ScalarFunction("instr",
        List.of(str(a.get(0), c), str(a.get(1), c)), DataTypes.IntegerType,
        v -> charIndexToPosition((String) v[0], ((String) v[0]).indexOf((String) v[1]))));
    r.register("repeat", 2, 2, "repeat(str, n)", (a, c) -> new ScalarFunction("repeat",
        List.of(str(a.get(0), c), integer(a.get(1), c)), DataTypes.StringType,
        v -> ((String) v[0]).repeat(Math.max(0, (Integer) v[1]))));
    r.register("lpad", 2, 3, "lpad(str, len[, pad])", (a, c) -> pad(a, c, true));
    r.register("rpad", 2, 3, "rpad(str, len[, pad])", (a, c) -> pad(a, c, false));
  }

  private static Expression pad(List<Expression> a, FunctionRegistry.FunctionContext c, boolean left) {
    List<Expression> args = new ArrayList<>();
    args.add(str(a.get(0), c));
    args.add(integer(a.get(1), c));
    args.add(a.size() > 2 ? str(a.get(2), c) : Literal.of(" "));
    String name = left ? "lpad" : "rpad";
    return new ScalarFunction(name, args, DataTypes.StringType, v -> pad((String) v[0], (Integer) v[1], (String) v[2], left));
  }

  static String pad(String s, int len, String pad, boolean left) {
    int[] cps = s.codePoints().toArray();
    if (len <= 0) {
      return "";
    }
    if (cps.length >= len) {
      return new String(cps, 0, len);
    }
    int[] padCps = pad.codePoints().toArray();
    if (padCps.length == 0) {
      return s;
    }
    int need = len - cps.length;
    StringBuilder fill = new StringBuilder();
    for (int i = 0; i < need; i++) {
      fill.appendCodePoint(padCps[i % padCps.length]);
    }
    return left ? fill + s : s + fill;
  }

  private static Expression trim(List<Expression> a, FunctionRegistry.FunctionContext c, boolean leading,
      boolean trailing, String name) {
    List<Expression> args = new ArrayList<>();
    args.add(str(a.get(0), c));
    if (a.size() > 1) {
      args.add(str(a.get(1), c));
    }
    return new ScalarFunction(name, args, DataTypes.StringType,
        v -> trim((String) v[0], v.length > 1 ? (String) v[1] : " ", leading, trailing));
  }

  static String trim(String s, String chars, boolean leading, boolean trailing) {
    int start = 0;
    int end = s.length();
    if (leading) {
      while (start < end && chars.indexOf(s.charAt(start)) >= 0) {
        start++;
      }
    }
    if (trailing) {
      while (end > start && chars.indexOf(s.charAt(end - 1)) >= 0) {
        end--;
      }
    }
    return s.substring(start, end);
  }

  private static int charIndexToPosition(String s, int idx) {
    return idx < 0 ? 0 : s.codePointCount(0, idx) + 1;
  }

  /** SQL substring with 1-based positions; 0 is treated as 1, negative counts from the end. */
  static String substring(String s, int pos, int len) {
    int n = s.codePointCount(0, s.length());
    long start = pos > 0 ? pos - 1 : pos < 0 ? (long) n + pos : 0;
    long end = len == Integer.MAX_VALUE ? Long.MAX_VALUE : start + len;
    long from = Math.max(start, 0);
    long to = Math.min(end, n);
    if (to <= from) {
      return "";
    }
    int a = s.offsetByCodePoints(0, (int) from);
    int b = s.offsetByCodePoints(a, (int) (to - from));
    return s.substring(a, b);
  }

  static String initcap(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    boolean start = true;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      sb.append(start ? Character.toUpperCase(ch) : Character.toLowerCase(ch));
      start = ch == ' ';
    }
    return sb.toString();
  }
}
