package dev.sluice.plan.analysis;

import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.plan.expr.CaseWhen;
import dev.sluice.plan.expr.EvalMode;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.Literal;
import dev.sluice.plan.expr.agg.Average;
import dev.sluice.plan.expr.agg.Count;
import dev.sluice.plan.expr.agg.FirstLast;
import dev.sluice.plan.expr.agg.MaxMinBy;
import dev.sluice.plan.expr.agg.MinMax;
import dev.sluice.plan.expr.agg.Sum;
import dev.sluice.types.DataTypes;
import java.util.List;

/** Aggregate functions. The analyzer wraps what these build in an AggregateExpression (DISTINCT, FILTER). */
final class AggregateFunctions {
  private AggregateFunctions() {}

  static void register(FunctionRegistry r) {
    r.registerAggregate("count", 0, Integer.MAX_VALUE, "count(*) | count(expr, ...)", (a, c) -> new Count(a))
        .doc("`count(*)` returns the number of rows; `count(expr, ...)` the number of rows where none of the "
            + "expressions is NULL, and with DISTINCT the number of distinct such value tuples. Never NULL: an "
            + "empty input counts 0.")
        .example("SELECT count(*) FROM VALUES (NULL), (5), (5), (20) AS tab(col)", "4")
        .example("SELECT count(col) FROM VALUES (NULL), (5), (5), (20) AS tab(col)", "3")
        .example("SELECT count(DISTINCT col) FROM VALUES (NULL), (5), (5), (20) AS tab(col)", "2");
    r.registerAggregate("count_if", 1, 1, "count_if(cond)", (a, c) -> new Count(List.of(new CaseWhen(
        List.of(OperatorFunctions.bool("count_if", a.get(0), c)), List.of(Literal.TRUE), null))))
        .doc("Returns the number of rows for which the BOOLEAN `cond` is true; rows where it is false or NULL "
            + "are not counted. 0 for an empty input.")
        .example("SELECT count_if(col % 2 = 0) FROM VALUES (NULL), (0), (1), (2), (3) AS tab(col)", "2")
        .example("SELECT count_if(col IS NULL) FROM VALUES (NULL), (0), (1), (2), (3) AS tab(col)", "1");
    r.registerAggregate("sum", 1, 1, "sum(expr)",
        (a, c) -> new Sum(sumArg(a.get(0), c), EvalMode.fromAnsi(c.ansi())))
        .doc("Returns the sum of the non-NULL values of `expr`: BIGINT for integers, DOUBLE for floating point, "
            + "a wider DECIMAL for decimals. NULL when there is no non-NULL value; an overflow raises an error "
            + "under ANSI mode (use `try_sum` to get NULL instead).")
        .example("SELECT sum(col) FROM VALUES (5), (10), (15) AS tab(col)", "30")
        .example("SELECT sum(col) FROM VALUES (NULL), (10), (15) AS tab(col)", "25")
        .example("SELECT sum(col) FROM VALUES (NULL), (NULL) AS tab(col)", "NULL");
    r.registerAggregate("try_sum", 1, 1, "try_sum(expr)", (a, c) -> new Sum(sumArg(a.get(0), c), EvalMode.TRY))
        .doc("Returns the sum of the non-NULL values of `expr` like `sum`, but NULL instead of an error when "
            + "the sum overflows.")
        .example("SELECT try_sum(col) FROM VALUES (5), (10), (15) AS tab(col)", "30")
        .example("SELECT try_sum(col) FROM VALUES (NULL), (10), (15) AS tab(col)", "25")
        .example("SELECT try_sum(col) FROM VALUES (NULL), (NULL) AS tab(col)", "NULL");
    r.registerAggregate("avg", 1, 1, "avg(expr)", (a, c) -> new Average(MathFunctions.numeric(a.get(0), c)))
        .doc("Returns the mean of the non-NULL values of `expr`: DOUBLE, or a DECIMAL with four more digits of "
            + "scale for decimal input. NULL when there is no non-NULL value.")
        .example("SELECT avg(col) FROM VALUES (1), (2), (3) AS tab(col)", "2.0")
        .example("SELECT avg(col) FROM VALUES (1), (2), (NULL) AS tab(col)", "1.5")
        .example("SELECT avg(col) FROM VALUES (1.5), (2.0) AS tab(col)", "1.75000");
    r.alias("mean", "avg");
    r.registerAggregate("min", 1, 1, "min(expr)", (a, c) -> new MinMax(a.get(0), false))
        .doc("Returns the smallest non-NULL value of `expr`, of any orderable type. NULL when there is no "
            + "non-NULL value.")
        .example("SELECT min(col) FROM VALUES (10), (-1), (20) AS tab(col)", "-1")
        .example("SELECT min(col) FROM VALUES ('pear'), ('apple'), (NULL) AS tab(col)", "apple");
    r.registerAggregate("max", 1, 1, "max(expr)", (a, c) -> new MinMax(a.get(0), true))
        .doc("Returns the largest non-NULL value of `expr`, of any orderable type. NULL when there is no "
            + "non-NULL value.")
        .example("SELECT max(col) FROM VALUES (10), (50), (20) AS tab(col)", "50")
        .example("SELECT max(col) FROM VALUES ('apple'), ('pear'), (NULL) AS tab(col)", "pear");
    r.registerAggregate("first", 1, 2, "first(expr[, ignoreNulls])",
        (a, c) -> new FirstLast(a.get(0), false, ignoreNulls(a, c)))
        .doc("Returns the value of `expr` in the first row of the group, even if it is NULL; when the constant "
            + "`ignoreNulls` is true, the first non-NULL value instead. Which row is first depends on the input "
            + "order, so the result is not deterministic after a shuffle.")
        .example("SELECT first(col) FROM VALUES (10), (5), (20) AS tab(col)", "10")
        .example("SELECT first(col) FROM VALUES (NULL), (5), (20) AS tab(col)", "NULL")
        .example("SELECT first(col, true) FROM VALUES (NULL), (5), (20) AS tab(col)", "5");
    r.alias("first_value", "first");
    r.alias("any_value", "first");
    r.registerAggregate("last", 1, 2, "last(expr[, ignoreNulls])",
        (a, c) -> new FirstLast(a.get(0), true, ignoreNulls(a, c)))
        .doc("Returns the value of `expr` in the last row of the group, even if it is NULL; when the constant "
            + "`ignoreNulls` is true, the last non-NULL value instead. Which row is last depends on the input "
            + "order, so the result is not deterministic after a shuffle.")
        .example("SELECT last(col) FROM VALUES (10), (5), (20) AS tab(col)", "20")
        .example("SELECT last(col) FROM VALUES (10), (5), (NULL) AS tab(col)", "NULL")
        .example("SELECT last(col, true) FROM VALUES (10), (5), (NULL) AS tab(col)", "5");
    r.alias("last_value", "last");
    r.registerAggregate("max_by", 2, 2, "max_by(value, ordering)", (a, c) -> new MaxMinBy(a.get(0), a.get(1), true))
        .doc("Returns `value` from the row with the largest `ordering`; rows whose `ordering` is NULL are "
            + "skipped. When several rows share the largest `ordering`, any of their values may be returned.")
        .example("SELECT max_by(x, y) FROM VALUES ('a', 10), ('b', 50), ('c', 20) AS tab(x, y)", "b")
        .example("SELECT max_by(x, y) FROM VALUES ('a', 10), ('b', NULL), ('c', 20) AS tab(x, y)", "c");
    r.registerAggregate("min_by", 2, 2, "min_by(value, ordering)", (a, c) -> new MaxMinBy(a.get(0), a.get(1), false))
        .doc("Returns `value` from the row with the smallest `ordering`; rows whose `ordering` is NULL are "
            + "skipped. When several rows share the smallest `ordering`, any of their values may be returned.")
        .example("SELECT min_by(x, y) FROM VALUES ('a', 10), ('b', 50), ('c', 20) AS tab(x, y)", "a");
    r.registerAggregate("bool_and", 1, 1, "bool_and(cond)",
        (a, c) -> new MinMax(OperatorFunctions.bool("bool_and", a.get(0), c), false))
        .doc("Returns true if the BOOLEAN `cond` is true in every row where it is not NULL, false if it is false "
            + "in any. NULL when there is no non-NULL value.")
        .example("SELECT bool_and(col) FROM VALUES (true), (true), (true) AS tab(col)", "true")
        .example("SELECT bool_and(col) FROM VALUES (NULL), (true), (true) AS tab(col)", "true")
        .example("SELECT bool_and(col) FROM VALUES (true), (false), (true) AS tab(col)", "false");
    r.alias("every", "bool_and");
    r.registerAggregate("bool_or", 1, 1, "bool_or(cond)",
        (a, c) -> new MinMax(OperatorFunctions.bool("bool_or", a.get(0), c), true))
        .doc("Returns true if the BOOLEAN `cond` is true in at least one row, false if it is false in every row "
            + "where it is not NULL. NULL when there is no non-NULL value.")
        .example("SELECT bool_or(col) FROM VALUES (true), (false), (false) AS tab(col)", "true")
        .example("SELECT bool_or(col) FROM VALUES (NULL), (true), (false) AS tab(col)", "true")
        .example("SELECT bool_or(col) FROM VALUES (false), (false), (NULL) AS tab(col)", "false");
    r.alias("some", "bool_or");
    r.alias("any", "bool_or");
  }

  private static Expression sumArg(Expression e, FunctionRegistry.FunctionContext c) {
    if (e.dataType() == DataTypes.DayTimeIntervalType) {
      return e;
    }
    return MathFunctions.numeric(e, c);
  }

  private static boolean ignoreNulls(List<Expression> a, FunctionRegistry.FunctionContext c) {
    if (a.size() < 2) {
      return false;
    }
    Object v = a.get(1).foldable() ? c.constant(a.get(1)) : null;
    if (!(v instanceof Boolean b)) {
      throw new AnalysisException(ErrorClass.DATATYPE_MISMATCH, "first/last",
          "the second argument (ignoreNulls) must be a boolean constant, got " + a.get(1).sql());
    }
    return b;
  }
}
