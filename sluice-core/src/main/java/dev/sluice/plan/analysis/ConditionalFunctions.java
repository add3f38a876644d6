package dev.sluice.plan.analysis;

import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.plan.expr.CaseWhen;
import dev.sluice.plan.expr.Coalesce;
import dev.sluice.plan.expr.Comparison;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.In;
import dev.sluice.plan.expr.IsNull;
import dev.sluice.plan.expr.Literal;
import dev.sluice.plan.expr.ScalarFunction;
import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.types.ValueOrdering;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** CASE/IF/COALESCE and friends, NULL tests, IN and LIKE. */
final class ConditionalFunctions {
  private ConditionalFunctions() {}

  static void register(FunctionRegistry r) {
    // casewhen(c1, v1, c2, v2, ..., [else]): built by CASE in SQL and when/otherwise in the API.
    r.register("casewhen", 2, Integer.MAX_VALUE, "CASE WHEN cond THEN value ... [ELSE value] END",
        ConditionalFunctions::caseWhen)
        .doc("Evaluates the conditions in order and returns the value of the first one that is true; the ELSE "
            + "value when none is, or NULL without an ELSE. The values are cast to a common type.")
        .example("SELECT CASE WHEN 1 > 0 THEN 1 WHEN 2 > 0 THEN 2.0 ELSE 1.2 END", "1.0")
        .example("SELECT CASE WHEN 1 < 0 THEN 1 WHEN 2 > 0 THEN 2.0 ELSE 1.2 END", "2.0")
        .example("SELECT CASE WHEN 1 < 0 THEN 1 WHEN 2 < 0 THEN 2.0 END", "NULL");
    r.register("if", 3, 3, "if(cond, then, else)", (a, c) -> {
      List<Expression> v = TypeCoercion.coerceAll("if", List.of(a.get(1), a.get(2)), c.ansi(), true);
      return new CaseWhen(List.of(OperatorFunctions.bool("if", a.get(0), c)), List.of(v.get(0)), v.get(1));
    }).doc("Returns `then` when the BOOLEAN `cond` is true, and `else` when it is false or NULL.")
        .example("SELECT if(1 < 2, 'a', 'b')", "a")
        .example("SELECT if(NULL, 'a', 'b')", "b");
    r.alias("iff", "if");
    r.register("coalesce", 1, Integer.MAX_VALUE, "coalesce(expr1, expr2, ...)",
        (a, c) -> new Coalesce(TypeCoercion.coerceAll("coalesce", a, c.ansi(), true)))
        .doc("Returns the first argument that is not NULL, or NULL if all are. Later arguments are not evaluated "
            + "once a non-NULL one is found.")
        .example("SELECT coalesce(NULL, 1, NULL)", "1")
        .example("SELECT coalesce(NULL, NULL)", "NULL");
    r.register("nvl", 2, 2, "nvl(expr1, expr2)",
        (a, c) -> new Coalesce(TypeCoercion.coerceAll("nvl", a, c.ansi(), true)))
        .doc("Returns `expr2` if `expr1` is NULL, otherwise `expr1`.")
        .example("SELECT nvl(NULL, array('2'))", "[\"2\"]")
        .example("SELECT nvl('a', 'b')", "a");
    r.alias("ifnull", "nvl");
    r.register("nvl2", 3, 3, "nvl2(expr1, expr2, expr3)", (a, c) -> {
      List<Expression> v = TypeCoercion.coerceAll("nvl2", List.of(a.get(1), a.get(2)), c.ansi(), true);
      return new CaseWhen(List.of(new IsNull(a.get(0), true)), List.of(v.get(0)), v.get(1));
    }).doc("Returns `expr2` if `expr1` is not NULL, otherwise `expr3`.")
        .example("SELECT nvl2(NULL, 2, 1)", "1")
        .example("SELECT nvl2('x', 2, 1)", "2");
    r.register("nullif", 2, 2, "nullif(expr1, expr2)", (a, c) -> {
      Expression eq = OperatorFunctions.comparison(Comparison.Op.EQ, a.get(0), a.get(1), c.ansi());
      return new CaseWhen(List.of(eq), List.of(new Literal(null, a.get(0).dataType())), a.get(0));
    }).doc("Returns NULL if `expr1` equals `expr2`, otherwise `expr1`.")
        .example("SELECT nullif(2, 2)", "NULL")
        .example("SELECT nullif(2, 3)", "2");
    r.register("zeroifnull", 1, 1, "zeroifnull(expr)", (a, c) -> {
      Expression x = a.get(0).dataType() == DataTypes.NullType ? Literal.of(0) : MathFunctions.numeric(a.get(0), c);
      return new Coalesce(TypeCoercion.coerceAll("zeroifnull", List.of(x, Literal.of(0)), c.ansi(), false));
    }).doc("Returns 0 if the number `expr` is NULL, otherwise `expr`.")
        .example("SELECT zeroifnull(NULL)", "0")
        .example("SELECT zeroifnull(2)", "2");
    r.register("nullifzero", 1, 1, "nullifzero(expr)", (a, c) -> {
      Expression x = MathFunctions.numeric(a.get(0), c);
      Expression eq = OperatorFunctions.comparison(Comparison.Op.EQ, x, Literal.of(0), c.ansi());
      return new CaseWhen(List.of(eq), List.of(new Literal(null, x.dataType())), x);
    }).doc("Returns NULL if the number `expr` is 0, otherwise `expr`.")
        .example("SELECT nullifzero(0)", "NULL")
        .example("SELECT nullifzero(2)", "2");
    r.register("isnull", 1, 1, "isnull(expr)", (a, c) -> new IsNull(a.get(0), false))
        .doc("Returns true if `expr` is NULL, false otherwise; never NULL itself (the same as `expr IS NULL`).")
        .group("predicate_funcs")
        .example("SELECT isnull(1)", "false")
        .example("SELECT isnull(NULL)", "true");
    r.register("isnotnull", 1, 1, "isnotnull(expr)", (a, c) -> new IsNull(a.get(0), true))
        .doc("Returns true if `expr` is not NULL, false otherwise; never NULL itself (the same as "
            + "`expr IS NOT NULL`).")
        .group("predicate_funcs")
        .example("SELECT isnotnull(1)", "true")
        .example("SELECT isnotnull(NULL)", "false");
    r.register("in", 2, Integer.MAX_VALUE, "expr IN (v1, v2, ...)", (a, c) -> {
      List<Expression> all = TypeCoercion.coerceAll("IN", a, c.ansi(), true);
      if (!ValueOrdering.isOrderable(all.get(0).dataType())) {
        throw FunctionArgs.mismatch(c, a.get(0), "of a type whose values can be compared");
      }
      return new In(all.get(0), all.subList(1, all.size()));
    }).doc("Returns true if `expr` equals one of the values, false if it equals none of them and none is "
            + "NULL, and NULL otherwise (when `expr` is NULL, or no value matches and some value is NULL).")
        .group("predicate_funcs")
        .example("SELECT 1 IN (1, 2, 3)", "true")
        .example("SELECT 1 IN (2, 3, 4)", "false")
        .example("SELECT 1 IN (2, NULL)", "NULL")
        .example("SELECT named_struct('a', 1, 'b', 2) IN (named_struct('a', 1, 'b', 2), named_struct('a', 1, 'b', 3))",
            "true");
    r.register("like", 2, 3, "str LIKE pattern [ESCAPE char]", (a, c) -> like(a, c, false))
        .doc("Returns true if the whole of `str` matches `pattern`, in which `_` stands for any one character "
            + "and `%` for any sequence of characters (also empty); the escape character (default `\\`) makes "
            + "the next character literal. Case-sensitive; NULL if either operand is NULL.")
        .group("predicate_funcs")
        .example("SELECT like('Spark', '_park')", "true")
        .example("SELECT 'spark' LIKE 'S%'", "false")
        .example("SELECT '%SystemDrive%/Users/John' LIKE '/%SystemDrive/%//Users%' ESCAPE '/'", "true");
    r.register("ilike", 2, 3, "str ILIKE pattern [ESCAPE char]", (a, c) -> like(a, c, true))
        .doc("Like `LIKE`, but letters match regardless of case.")
        .group("predicate_funcs")
        .example("SELECT ilike('Spark', '_Park')", "true")
        .example("SELECT '%SystemDrive%/Users/John' ILIKE '/%SYSTEMDrive/%//Users%' ESCAPE '/'", "true");
    r.register("struct", 1, Integer.MAX_VALUE, "struct(col1, col2, ...)", (a, c) -> {
      List<String> names = new ArrayList<>();
      for (int i = 0; i < a.size(); i++) {
        Expression e = a.get(i);
        names.add(e instanceof dev.sluice.plan.expr.NamedExpression ne ? ne.name() : "col" + (i + 1));
      }
      return new dev.sluice.plan.expr.CreateStruct(names, a);
    }).doc("Returns a struct of the given values. A field takes the name of its column or alias when the "
            + "argument has one, and `col1`, `col2`, ... by position otherwise.")
        .group("struct_funcs")
        .example("SELECT struct(1, 2, 3)", "{\"col1\":1,\"col2\":2,\"col3\":3}")
        .example("SELECT struct(a, b) FROM VALUES (1, 'x') AS t(a, b)", "{\"a\":1,\"b\":\"x\"}");
    r.register("named_struct", 2, Integer.MAX_VALUE, "named_struct(name1, value1, ...)", (a, c) -> {
      if (a.size() % 2 != 0) {
        throw new AnalysisException(ErrorClass.WRONG_NUM_ARGS, "`named_struct`", "an even number of", a.size());
      }
      List<String> names = new ArrayList<>();
      List<Expression> values = new ArrayList<>();
      for (int i = 0; i < a.size(); i += 2) {
        Object n = a.get(i).foldable() ? c.constant(a.get(i)) : null;
        if (!(n instanceof String s)) {
          throw new AnalysisException(ErrorClass.DATATYPE_MISMATCH, "named_struct",
              "field names must be string constants, got " + a.get(i).sql());
        }
        names.add(s);
        values.add(a.get(i + 1));
      }
      return new dev.sluice.plan.expr.CreateStruct(names, values);
    }).doc("Returns a struct whose fields are named by the constant strings `name1`, `name2`, ... and hold "
            + "`value1`, `value2`, ...; a NULL value gives a NULL field, not a NULL struct.")
        .group("struct_funcs")
        .example("SELECT named_struct('a', 1, 'b', 2, 'c', 3)", "{\"a\":1,\"b\":2,\"c\":3}")
        .example("SELECT named_struct('a', 1, 'b', NULL)", "{\"a\":1,\"b\":null}");
  }

  /** casewhen(c1, v1, c2, v2, ..., [else]): the values coerced to one type. */
  static Expression caseWhen(List<Expression> a, FunctionRegistry.FunctionContext c) {
    List<Expression> conds = new ArrayList<>();
    List<Expression> values = new ArrayList<>();
    int pairs = a.size() / 2;
    String display = null;
    for (int i = 0; i < pairs; i++) {
      if (a.get(2 * i).dataType() != dev.sluice.types.DataTypes.BooleanType && display == null) {
        display = caseWhenSql(a); // a type error names the whole expression, as Spark does
      }
      conds.add(OperatorFunctions.bool(display == null ? "CASE WHEN" : display, a.get(2 * i), c));
      values.add(a.get(2 * i + 1));
    }
    boolean hasElse = a.size() % 2 == 1;
    if (hasElse) {
      values.add(a.get(a.size() - 1));
    }
    List<Expression> coerced = TypeCoercion.coerceAll("CASE", values, c.ansi(), true);
    Expression elseValue = hasElse ? coerced.get(coerced.size() - 1) : null;
    return new CaseWhen(conds, coerced.subList(0, pairs), elseValue);
  }

  private static String caseWhenSql(List<Expression> a) {
    StringBuilder sb = new StringBuilder("CASE");
    for (int i = 0; i + 1 < a.size(); i += 2) {
      sb.append(" WHEN ").append(a.get(i).sql()).append(" THEN ").append(a.get(i + 1).sql());
    }
    if (a.size() % 2 == 1) {
      sb.append(" ELSE ").append(a.get(a.size() - 1).sql());
    }
    return sb.append(" END").toString();
  }

  private static Expression like(List<Expression> a, FunctionRegistry.FunctionContext c, boolean ignoreCase) {
    Expression s = StringFunctions.str(a.get(0), c);
    Expression p = StringFunctions.str(a.get(1), c);
    char escape = '\\';
    if (a.size() == 3) {
      Object e = FunctionArgs.constant(a.get(2), c, "ESCAPE character");
      if (!(e instanceof String es) || es.length() != 1) {
        throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, "LIKE", "the ESCAPE clause must be one character");
      }
      escape = es.charAt(0);
    }
    String name = ignoreCase ? "ILIKE" : "LIKE";
    final char esc = escape;
    if (p.foldable()) {
      String pattern = (String) c.constant(p);
      if (pattern == null) {
        return new Literal(null, DataTypes.BooleanType);
      }
      LikeMatcher m = LikeMatcher.compile(pattern, esc, ignoreCase);
      return new ScalarFunction(name, List.of(s, p), DataTypes.BooleanType, args -> m.matches((String) args[0]));
    }
    return new ScalarFunction(name, List.of(s, p), DataTypes.BooleanType,
        args -> LikeMatcher.compile((String) args[1], esc, ignoreCase).matches((String) args[0]));
  }

  /** A compiled LIKE pattern: plain prefix/suffix/contains checks when possible, a regex otherwise. */
  static final class LikeMatcher {
    private final Pattern regex;
    private final String literal;
    private final int kind; // 0 regex, 1 equals, 2 prefix, 3 suffix, 4 contains
    private final boolean ignoreCase;

    private LikeMatcher(Pattern regex, String literal, int kind, boolean ignoreCase) {
      this.regex = regex;
      this.literal = literal;
      this.kind = kind;
      this.ignoreCase = ignoreCase;
    }

    static LikeMatcher compile(String pattern, char escape, boolean ignoreCase) {
      if (!ignoreCase && pattern.indexOf(escape) < 0 && pattern.indexOf('_') < 0) {
        String core = pattern;
        boolean lead = core.startsWith("%");
        boolean trail = core.endsWith("%") && core.length() > (lead ? 1 : 0);
        String mid = core.substring(lead ? 1 : 0, core.length() - (trail ? 1 : 0));
        if (mid.indexOf('%') < 0) {
          int kind = lead && trail ? 4 : lead ? 3 : trail ? 2 : 1;
          return new LikeMatcher(null, mid, kind, false);
        }
      }
      StringBuilder re = new StringBuilder();
      for (int i = 0; i < pattern.length(); i++) {
        char ch = pattern.charAt(i);
        if (ch == escape) {
          if (i + 1 >= pattern.length()) {
            throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, "LIKE",
                "the pattern '" + pattern + "' ends with the escape character");
          }
          re.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
        } else if (ch == '%') {
          re.append("(?s:.*)");
        } else if (ch == '_') {
          re.append("(?s:.)");
        } else {
          re.append(Pattern.quote(String.valueOf(ch)));
        }
      }
      int flags = ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0;
      return new LikeMatcher(Pattern.compile(re.toString(), flags), null, 0, ignoreCase);
    }

    boolean matches(String s) {
      return switch (kind) {
        case 1 -> s.equals(literal);
        case 2 -> s.startsWith(literal);
        case 3 -> s.endsWith(literal);
        case 4 -> s.contains(literal);
        default -> regex.matcher(s).matches();
      };
    }
  }

  static DataType typeOf(Expression e) {
    return e.dataType();
  }
}
