package dev.sluice.plan.analysis;

import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.plan.expr.BinaryArithmetic.Op;
import dev.sluice.plan.expr.BinaryArithmetic;
import dev.sluice.plan.expr.Comparison;
import dev.sluice.plan.expr.EvalMode;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.Logic;
import dev.sluice.plan.expr.Not;
import dev.sluice.plan.expr.UnaryMinus;
import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.types.DecimalType;
import dev.sluice.types.ValueOrdering;
import java.util.List;

/** Arithmetic, comparison and boolean operators, with their implicit casts. */
final class OperatorFunctions {
  private OperatorFunctions() {}

  static void register(FunctionRegistry r) {
    arith(r, "+", Op.ADD, null)
        .doc("Returns `a` plus `b`. NULL if either operand is NULL; an integer or decimal overflow raises an "
            + "error under ANSI mode (use `try_add` to get NULL instead). Also adds days or an interval to a date "
            + "or timestamp.")
        .example("SELECT 1 + 2", "3")
        .example("SELECT 5 + NULL", "NULL")
        .example("SELECT date'2021-01-01' + 1", "2021-01-02");
    arith(r, "-", Op.SUBTRACT, null)
        .doc("Returns `a` minus `b`. NULL if either operand is NULL; an integer or decimal overflow raises an "
            + "error under ANSI mode (use `try_subtract` to get NULL instead).")
        .example("SELECT 2 - 1", "1")
        .example("SELECT 0.3 - 0.1", "0.2");
    arith(r, "*", Op.MULTIPLY, null)
        .doc("Returns `a` multiplied by `b`. NULL if either operand is NULL; an integer or decimal overflow raises "
            + "an error under ANSI mode (use `try_multiply` to get NULL instead).")
        .example("SELECT 2 * 3", "6")
        .example("SELECT 2.5 * 2.0", "5.00");
    arith(r, "/", Op.DIVIDE, null)
        .doc("Returns `a` divided by `b`, always as a fractional number: DOUBLE for integer and floating-point "
            + "operands, DECIMAL when an operand is a decimal. Division by zero raises an error under ANSI mode "
            + "(use `try_divide` to get NULL instead).")
        .example("SELECT 3 / 2", "1.5")
        .example("SELECT 2L / 2L", "1.0");
    arith(r, "div", Op.INTEGRAL_DIVIDE, null)
        .doc("Divides `a` by `b` and returns the integral part of the quotient as a BIGINT, truncating toward "
            + "zero. Division by zero raises an error under ANSI mode.")
        .example("SELECT 3 div 2", "1")
        .example("SELECT -7 div 2", "-3");
    arith(r, "%", Op.REMAINDER, null)
        .doc("Returns the remainder of `a` divided by `b`; it has the sign of `a`. Division by zero raises an "
            + "error under ANSI mode (use `try_mod` to get NULL instead).")
        .example("SELECT 2 % 1.8", "0.2")
        .example("SELECT MOD(2, 1.8)", "0.2")
        .example("SELECT -10 % 3", "-1");
    r.alias("mod", "%");
    arith(r, "pmod", Op.PMOD, null)
        .doc("Returns `a` modulo `b` like `%`, except that a negative remainder has `b` added (and is reduced "
            + "again), so the result is never negative when `b` is positive. Division by zero raises an error under "
            + "ANSI mode.")
        .example("SELECT pmod(10, 3)", "1")
        .example("SELECT pmod(-10, 3)", "2");
    arith(r, "try_add", Op.ADD, EvalMode.TRY)
        .doc("Returns `a` plus `b` like `+`, but NULL instead of an error when the result overflows.")
        .example("SELECT try_add(1, 2)", "3")
        .example("SELECT try_add(2147483647, 1)", "NULL")
        .example("SELECT try_add(date'2021-01-01', 1)", "2021-01-02");
    arith(r, "try_subtract", Op.SUBTRACT, EvalMode.TRY)
        .doc("Returns `a` minus `b` like `-`, but NULL instead of an error when the result overflows.")
        .example("SELECT try_subtract(2, 1)", "1")
        .example("SELECT try_subtract(-2147483648, 1)", "NULL");
    arith(r, "try_multiply", Op.MULTIPLY, EvalMode.TRY)
        .doc("Returns `a` multiplied by `b` like `*`, but NULL instead of an error when the result overflows.")
        .example("SELECT try_multiply(2, 3)", "6")
        .example("SELECT try_multiply(-2147483648, 10)", "NULL");
    arith(r, "try_divide", Op.DIVIDE, EvalMode.TRY)
        .doc("Returns `a` divided by `b` like `/`, but NULL instead of an error when `b` is zero or the result "
            + "overflows.")
        .example("SELECT try_divide(3, 2)", "1.5")
        .example("SELECT try_divide(2L, 2L)", "1.0")
        .example("SELECT try_divide(1, 0)", "NULL");
    arith(r, "try_mod", Op.REMAINDER, EvalMode.TRY)
        .doc("Returns the remainder of `a` divided by `b` like `%`, but NULL instead of an error when `b` is zero.")
        .example("SELECT try_mod(3, 2)", "1")
        .example("SELECT try_mod(3.0, 2.0)", "1.0")
        .example("SELECT try_mod(1, 0)", "NULL");

    r.register("negative", 1, 1, "negative(expr)", (a, c) -> {
      Expression x = numericOrInterval("negative", a.get(0), c.ansi());
      return new UnaryMinus(x, false, EvalMode.fromAnsi(c.ansi()));
    }).doc("Returns `expr` with its sign flipped. NULL for NULL; negating the smallest INT or BIGINT raises an "
            + "overflow error under ANSI mode.")
        .group("math_funcs")
        .example("SELECT negative(1)", "-1")
        .example("SELECT negative(-2.5)", "2.5");
    r.register("positive", 1, 1, "positive(expr)", (a, c) -> numericOrInterval("positive", a.get(0), c.ansi()))
        .doc("Returns `expr` unchanged (the unary `+`).")
        .group("math_funcs")
        .example("SELECT positive(1)", "1");
    r.register("abs", 1, 1, "abs(expr)", (a, c) -> {
      Expression x = numericOrInterval("abs", a.get(0), c.ansi());
      return new UnaryMinus(x, true, EvalMode.fromAnsi(c.ansi()));
    }).doc("Returns the absolute value of the number or interval `expr`. NULL for NULL; the absolute value of the "
            + "smallest INT or BIGINT overflows and raises an error under ANSI mode.")
        .group("math_funcs")
        .example("SELECT abs(-1)", "1")
        .example("SELECT abs(-2.5)", "2.5")
        .example("SELECT abs(INTERVAL -'1-1' YEAR TO MONTH)", "1-1")
        .example("SELECT abs(INTERVAL -'1 02:00:00' DAY TO SECOND)", "1 02:00:00.000000000");

    compare(r, "=", Comparison.Op.EQ)
        .doc("Returns true if `a` equals `b`, false if not, and NULL if either operand is NULL. Operands of "
            + "different types are compared after casting them to a common type.")
        .example("SELECT 2 = 2", "true")
        .example("SELECT 1 = '1'", "true")
        .example("SELECT true = NULL", "NULL");
    r.alias("==", "=");
    compare(r, "<>", Comparison.Op.NEQ)
        .doc("Returns true if `a` does not equal `b`, false if it does, and NULL if either operand is NULL.")
        .example("SELECT 1 != 2", "true")
        .example("SELECT 1 <> '1'", "false")
        .example("SELECT true != NULL", "NULL");
    r.alias("!=", "<>");
    compare(r, "<", Comparison.Op.LT)
        .doc("Returns true if `a` is less than `b`, false if not, and NULL if either operand is NULL.")
        .example("SELECT 1 < 2", "true")
        .example("SELECT 1.1 < '1'", "false")
        .example("SELECT 1 < NULL", "NULL");
    compare(r, "<=", Comparison.Op.LTE)
        .doc("Returns true if `a` is less than or equal to `b`, false if not, and NULL if either operand is NULL.")
        .example("SELECT 2 <= 2", "true")
        .example("SELECT 1.0 <= '1'", "true")
        .example("SELECT 1 <= NULL", "NULL");
    compare(r, ">", Comparison.Op.GT)
        .doc("Returns true if `a` is greater than `b`, false if not, and NULL if either operand is NULL.")
        .example("SELECT 2 > 1", "true")
        .example("SELECT 2 > 1.1", "true")
        .example("SELECT 1 > NULL", "NULL");
    compare(r, ">=", Comparison.Op.GTE)
        .doc("Returns true if `a` is greater than or equal to `b`, false if not, and NULL if either operand is "
            + "NULL.")
        .example("SELECT 2 >= 1", "true")
        .example("SELECT 2.0 >= '2.1'", "false")
        .example("SELECT 1 >= NULL", "NULL");
    compare(r, "<=>", Comparison.Op.NULL_SAFE_EQ)
        .doc("Null-safe equality: like `=`, but never NULL. Two NULL operands are equal (true), and a NULL "
            + "operand against a non-NULL one gives false.")
        .example("SELECT 2 <=> 2", "true")
        .example("SELECT true <=> NULL", "false")
        .example("SELECT NULL <=> NULL", "true")
        .example("SELECT equal_null(3, 3)", "true");
    r.alias("equal_null", "<=>");

    r.register("and", 2, 2, "a AND b", (a, c) -> Logic.and(bool(binary(a, "AND"), a.get(0), c),
        bool(binary(a, "AND"), a.get(1), c)))
        .doc("Logical conjunction of the BOOLEAN operands `a` and `b`, with three-valued logic: false if either "
            + "is false, otherwise NULL if either is NULL, otherwise true.")
        .example("SELECT true AND true", "true")
        .example("SELECT true AND NULL", "NULL")
        .example("SELECT false AND NULL", "false");
    r.register("or", 2, 2, "a OR b", (a, c) -> Logic.or(bool(binary(a, "OR"), a.get(0), c),
        bool(binary(a, "OR"), a.get(1), c)))
        .doc("Logical disjunction of the BOOLEAN operands `a` and `b`, with three-valued logic: true if either "
            + "is true, otherwise NULL if either is NULL, otherwise false.")
        .example("SELECT false OR false", "false")
        .example("SELECT true OR NULL", "true")
        .example("SELECT false OR NULL", "NULL");
    r.register("not", 1, 1, "NOT a", (a, c) -> new Not(bool("(NOT " + a.get(0).sql() + ")", a.get(0), c)))
        .doc("Logical negation of the BOOLEAN `a`; NULL stays NULL.")
        .example("SELECT NOT true", "false")
        .example("SELECT NOT false", "true")
        .example("SELECT NOT NULL", "NULL");
    r.alias("!", "not");
  }

  /** The SQL text of a binary operator call, so a type error names the whole expression as Spark does. */
  private static String binary(List<Expression> a, String op) {
    return "(" + a.get(0).sql() + " " + op + " " + a.get(1).sql() + ")";
  }

  static Expression bool(String op, Expression e, FunctionRegistry.FunctionContext c) {
    DataType t = e.dataType();
    if (t == DataTypes.BooleanType) {
      return e;
    }
    if (t == DataTypes.NullType) {
      return TypeCoercion.castIfNeeded(e, DataTypes.BooleanType, c.ansi());
    }
    throw new AnalysisException(ErrorClass.DATATYPE_MISMATCH, "\"" + op + "\"",
        "the operand " + e.sql() + " must be BOOLEAN, but it is " + t.sql());
  }

  private static Expression numericOrInterval(String fn, Expression e, boolean ansi) {
    DataType t = e.dataType();
    if (t.isNumeric() || t == DataTypes.DayTimeIntervalType || t == DataTypes.YearMonthIntervalType) {
      return e;
    }
    if (t == DataTypes.NullType) {
      return TypeCoercion.castIfNeeded(e, DataTypes.DoubleType, ansi);
    }
    if (t == DataTypes.StringType) {
      return TypeCoercion.castIfNeeded(e, DataTypes.DoubleType, ansi);
    }
    throw new AnalysisException(ErrorClass.DATATYPE_MISMATCH, "\"" + fn + "(" + e.sql() + ")\"",
        "the argument must be numeric, but " + e.sql() + " is " + t.sql());
  }

  private static FunctionSpec arith(FunctionRegistry r, String name, Op op, EvalMode forced) {
    // pmod and the try_ functions are called as functions; the symbols and div are infix operators.
    boolean function = Character.isLetter(name.charAt(0)) && !name.equals("div");
    String usage = function ? name + "(a, b)" : "a " + name + " b";
    FunctionSpec spec = r.register(name, 2, 2, usage, (a, c) -> arithmetic(op, a.get(0), a.get(1),
        forced != null ? forced : EvalMode.fromAnsi(c.ansi()), c.ansi()));
    return spec.group("math_funcs");
  }

  /** Builds {@code l op r}, casting the operands as Spark does. */
  static Expression arithmetic(Op op, Expression l, Expression r, EvalMode mode, boolean ansi) {
    DataType lt = l.dataType();
    DataType rt = r.dataType();
    Expression dt = DateTimeFunctions.dateTimeArithmetic(op, l, r, mode);
    if (dt != null) {
      return dt;
    }
    if (lt == DataTypes.NullType && rt == DataTypes.NullType) {
      lt = DataTypes.DoubleType;
      rt = DataTypes.DoubleType;
    }
    if (lt == DataTypes.StringType || lt == DataTypes.NullType) {
      lt = stringOperandType(rt);
    }
    if (rt == DataTypes.StringType || rt == DataTypes.NullType) {
      rt = stringOperandType(lt);
    }
    if (!lt.isNumeric() || !rt.isNumeric()) {
      throw new AnalysisException(ErrorClass.DATATYPE_MISMATCH, "\"" + l.sql() + " " + op.symbol() + " " + r.sql() + "\"",
          "the operator " + op.symbol() + " needs numeric operands (or a timestamp/date with an interval), but got "
              + l.dataType().sql() + " and " + r.dataType().sql());
    }
    DataType lTarget;
    DataType rTarget;
    boolean anyDouble = lt == DataTypes.DoubleType || rt == DataTypes.DoubleType;
    boolean anyDecimal = lt instanceof DecimalType || rt instanceof DecimalType;
    if (op == Op.DIVIDE) {
      if (anyDouble || !anyDecimal) {
        lTarget = rTarget = DataTypes.DoubleType;
      } else {
        lTarget = DecimalType.forType(lt);
        rTarget = DecimalType.forType(rt);
      }
    } else if (op == Op.INTEGRAL_DIVIDE) {
      if (anyDecimal && !anyDouble) {
        lTarget = DecimalType.forType(lt);
        rTarget = DecimalType.forType(rt);
      } else {
        lTarget = rTarget = DataTypes.LongType;
      }
    } else if (anyDouble) {
      lTarget = rTarget = DataTypes.DoubleType;
    } else if (anyDecimal) {
      lTarget = DecimalType.forType(lt);
      rTarget = DecimalType.forType(rt);
    } else {
      lTarget = rTarget = TypeCoercion.widerType(lt, rt);
    }
    return new BinaryArithmetic(op, TypeCoercion.castIfNeeded(l, lTarget, ansi),
        TypeCoercion.castIfNeeded(r, rTarget, ansi), mode);
  }

  private static DataType stringOperandType(DataType other) {
    if (other.isNumeric()) {
      return other instanceof DecimalType ? DataTypes.DoubleType : other;
    }
    return DataTypes.DoubleType;
  }

  private static FunctionSpec compare(FunctionRegistry r, String name, Comparison.Op op) {
    return r.register(name, 2, 2, "a " + name + " b", (a, c) -> comparison(op, a.get(0), a.get(1), c.ansi()));
  }

  static Expression comparison(Comparison.Op op, Expression l, Expression r, boolean ansi) {
    DataType common = TypeCoercion.widerTypeWithStrings(l.dataType(), r.dataType());
    if (common != null && !ValueOrdering.isOrderable(common)) {
      throw new AnalysisException(ErrorClass.DATATYPE_MISMATCH, "\"(" + l.sql() + " " + op.symbol() + " " + r.sql() + ")\"",
          "values of type " + common.sql() + " cannot be compared; compare their keys or values instead");
    }
    if (common == null) {
      throw new AnalysisException(ErrorClass.DATATYPE_MISMATCH, "\"(" + l.sql() + " " + op.symbol() + " " + r.sql() + ")\"",
          "the left and right operands of the binary operator have incompatible types (\"" + l.dataType().sql()
              + "\" and \"" + r.dataType().sql() + "\"); cast one side to the other's type");
    }
    return new Comparison(op, TypeCoercion.castIfNeeded(l, common, ansi), TypeCoercion.castIfNeeded(r, common, ansi));
  }

  static List<Expression> both(Expression a, Expression b) {
    return List.of(a, b);
  }
}
