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
    arith(r, "+", Op.ADD, null);
    arith(r, "-", Op.SUBTRACT, null);
    arith(r, "*", Op.MULTIPLY, null);
    arith(r, "/", Op.DIVIDE, null);
    arith(r, "div", Op.INTEGRAL_DIVIDE, null);
    arith(r, "%", Op.REMAINDER, null);
    r.alias("mod", "%");
    arith(r, "pmod", Op.PMOD, null);
    arith(r, "try_add", Op.ADD, EvalMode.TRY);
    arith(r, "try_subtract", Op.SUBTRACT, EvalMode.TRY);
    arith(r, "try_multiply", Op.MULTIPLY, EvalMode.TRY);
    arith(r, "try_divide", Op.DIVIDE, EvalMode.TRY);
    arith(r, "try_mod", Op.REMAINDER, EvalMode.TRY);

    r.register("negative", 1, 1, "negative(expr)", (a, c) -> {
      Expression x = numericOrInterval("negative", a.get(0), c.ansi());
      return new UnaryMinus(x, false, EvalMode.fromAnsi(c.ansi()));
    });
    r.register("positive", 1, 1, "positive(expr)", (a, c) -> numericOrInterval("positive", a.get(0), c.ansi()));
    r.register("abs", 1, 1, "abs(expr)", (a, c) -> {
      Expression x = numericOrInterval("abs", a.get(0), c.ansi());
      return new UnaryMinus(x, true, EvalMode.fromAnsi(c.ansi()));
    });

    compare(r, "=", Comparison.Op.EQ);
    r.alias("==", "=");
    compare(r, "<>", Comparison.Op.NEQ);
    r.alias("!=", "<>");
    compare(r, "<", Comparison.Op.LT);
    compare(r, "<=", Comparison.Op.LTE);
    compare(r, ">", Comparison.Op.GT);
    compare(r, ">=", Comparison.Op.GTE);
    compare(r, "<=>", Comparison.Op.NULL_SAFE_EQ);
    r.alias("equal_null", "<=>");

    r.register("and", 2, 2, "a AND b", (a, c) -> Logic.and(bool(binary(a, "AND"), a.get(0), c),
        bool(binary(a, "AND"), a.get(1), c)));
    r.register("or", 2, 2, "a OR b", (a, c) -> Logic.or(bool(binary(a, "OR"), a.get(0), c),
        bool(binary(a, "OR"), a.get(1), c)));
    r.register("not", 1, 1, "NOT a", (a, c) -> new Not(bool("(NOT " + a.get(0).sql() + ")", a.get(0), c)));
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

  private static void arith(FunctionRegistry r, String name, Op op, EvalMode forced) {
    r.register(name, 2, 2, "a " + name + " b", (a, c) -> arithmetic(op, a.get(0), a.get(1),
        forced != null ? forced : EvalMode.fromAnsi(c.ansi()), c.ansi()));
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

  private static void compare(FunctionRegistry r, String name, Comparison.Op op) {
    r.register(name, 2, 2, "a " + name + " b", (a, c) -> comparison(op, a.get(0), a.get(1), c.ansi()));
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
