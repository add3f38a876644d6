package dev.sluice.plan.analysis;

import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.plan.expr.CaseWhen;
import dev.sluice.plan.expr.EvalMode;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.Literal;
import dev.sluice.plan.expr.agg.Average;
import dev.sluice.plan.expr.agg.BitAggregate;
import dev.sluice.plan.expr.agg.CentralMoment;
import dev.sluice.plan.expr.agg.Collect;
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
    r.registerAggregate("try_avg", 1, 1, "try_avg(expr)",
        (a, c) -> new Average(MathFunctions.numeric(a.get(0), c), true))
        .doc("Returns the mean of the non-NULL values of `expr` like `avg`, but NULL instead of an error when "
            + "the sum of decimal values overflows its type (a DOUBLE mean cannot overflow).")
        .example("SELECT try_avg(col) FROM VALUES (1), (2), (3) AS tab(col)", "2.0")
        .example("SELECT try_avg(col) FROM VALUES (1), (2), (NULL) AS tab(col)", "1.5");
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
    registerCollections(r);
    registerStatistics(r);
    registerBitwise(r);
    registerGrouping(r);
  }

  /**
   * grouping() and grouping_id(): not aggregates themselves, but only meaningful in the SELECT list,
   * HAVING and ORDER BY of a CUBE, ROLLUP or GROUPING SETS aggregation, where the analyzer replaces
   * them with bits of the grouping id (Spark's agg_funcs group lists them too).
   */
  private static void registerGrouping(FunctionRegistry r) {
    r.register("grouping", 1, 1, "grouping(col)", (a, c) -> new dev.sluice.plan.expr.Grouping(a.get(0)))
        .doc("In a `GROUP BY CUBE`, `ROLLUP` or `GROUPING SETS` aggregation, returns 1 for a row whose grouping set "
            + "does not contain `col` (the NULL in `col` stands for \"all values\"), and 0 when `col` is grouped "
            + "(a NULL is then a real NULL group). `col` must be one of the grouping columns; anywhere else the "
            + "call is the error UNSUPPORTED_GROUPING_EXPRESSION. Spark returns a TINYINT, Sluice an INT.")
        .example("SELECT name, grouping(name), count(*) FROM VALUES ('a'), ('a'), (NULL) AS t(name) "
            + "GROUP BY ROLLUP(name) ORDER BY grouping(name), name", "NULL\t0\t1\na\t0\t2\nNULL\t1\t3");
    r.register("grouping_id", 0, Integer.MAX_VALUE, "grouping_id([col, ...])",
        (a, c) -> new dev.sluice.plan.expr.GroupingId(a, false))
        .doc("In a `GROUP BY CUBE`, `ROLLUP` or `GROUPING SETS` aggregation, returns the grouping id of the row's "
            + "grouping set as a BIGINT: `(grouping(c1) << (n-1)) + (grouping(c2) << (n-2)) + ... + grouping(cn)`, "
            + "so the first grouping column is the highest bit. The columns must be all the grouping columns in "
            + "their order (else GROUPING_ID_COLUMN_MISMATCH), or none, which means all of them; the virtual "
            + "column `grouping__id` is the same value. Outside such an aggregation the call is the error "
            + "UNSUPPORTED_GROUPING_EXPRESSION.")
        .example("SELECT a, b, grouping_id(a, b), sum(v) FROM VALUES ('x', 1, 10), ('x', 2, 20), ('y', 1, 30) "
            + "AS t(a, b, v) GROUP BY CUBE(a, b) ORDER BY grouping_id(a, b), a, b",
            "x\t1\t0\t10\nx\t2\t0\t20\ny\t1\t0\t30\nx\tNULL\t1\t30\ny\tNULL\t1\t30\n"
            + "NULL\t1\t2\t40\nNULL\t2\t2\t20\nNULL\tNULL\t3\t60")
        .example("SELECT a, grouping_id(), count(*) FROM VALUES ('x'), ('y'), ('y') AS t(a) "
            + "GROUP BY ROLLUP(a) ORDER BY 2, 1", "x\t0\t1\ny\t0\t2\nNULL\t1\t3");
  }

  private static void registerCollections(FunctionRegistry r) {
    r.registerAggregate("collect_list", 1, 1, "collect_list(expr)",
        (a, c) -> new Collect(a.get(0), false, FunctionArgs.name(c)))
        .doc("Returns an array of the non-NULL values of `expr`, duplicates included, in the order the rows "
            + "arrive; that order is not deterministic after a shuffle. An input without non-NULL values gives "
            + "an empty array, never NULL. With DISTINCT each value appears once.")
        .example("SELECT collect_list(col) FROM VALUES (1), (2), (1) AS tab(col)", "[1,2,1]")
        .example("SELECT sort_array(collect_list(col)) FROM VALUES (3), (NULL), (1) AS tab(col)", "[1,3]")
        .example("SELECT collect_list(col) FROM VALUES (CAST(NULL AS INT)) AS tab(col)", "[]");
    r.alias("array_agg", "collect_list");
    r.registerAggregate("collect_set", 1, 1, "collect_set(expr)",
        (a, c) -> new Collect(a.get(0), true, FunctionArgs.name(c)))
        .doc("Returns an array of the distinct non-NULL values of `expr`. The element order is not defined "
            + "(sort the result with `sort_array` to compare it); an input without non-NULL values gives an empty "
            + "array. `expr` may not be a map.")
        .example("SELECT sort_array(collect_set(col)) FROM VALUES (1), (2), (1) AS tab(col)", "[1,2]")
        .example("SELECT sort_array(collect_set(col)) FROM VALUES ('b'), (NULL), ('a'), ('b') AS tab(col)",
            "[\"a\",\"b\"]");
  }

  private static void registerStatistics(FunctionRegistry r) {
    r.registerAggregate("stddev_samp", 1, 1, "stddev_samp(expr)", (a, c) -> moment(a, c, CentralMoment.Kind.STDDEV_SAMP))
        .doc("Returns the sample standard deviation of the non-NULL values of `expr` (the square root of "
            + "`var_samp`), as a DOUBLE. NULL when there are fewer than two non-NULL values.")
        .example("SELECT stddev_samp(col) FROM VALUES (1), (2), (3) AS tab(col)", "1.0")
        .example("SELECT stddev_samp(col) FROM VALUES (5), (NULL) AS tab(col)", "NULL");
    r.alias("stddev", "stddev_samp");
    r.alias("std", "stddev_samp");
    r.registerAggregate("stddev_pop", 1, 1, "stddev_pop(expr)", (a, c) -> moment(a, c, CentralMoment.Kind.STDDEV_POP))
        .doc("Returns the population standard deviation of the non-NULL values of `expr` (the square root of "
            + "`var_pop`), as a DOUBLE: 0.0 for a single value, NULL when there is none.")
        .example("SELECT stddev_pop(col) FROM VALUES (1), (2), (3) AS tab(col)", "0.816496580927726")
        .example("SELECT stddev_pop(col) FROM VALUES (5), (NULL) AS tab(col)", "0.0");
    r.registerAggregate("var_samp", 1, 1, "var_samp(expr)", (a, c) -> moment(a, c, CentralMoment.Kind.VAR_SAMP))
        .doc("Returns the sample variance of the non-NULL values of `expr`: the sum of their squared distances "
            + "from their mean divided by one less than their count, as a DOUBLE. NULL when there are fewer than "
            + "two non-NULL values.")
        .example("SELECT var_samp(col) FROM VALUES (1), (2), (3) AS tab(col)", "1.0")
        .example("SELECT var_samp(col) FROM VALUES (2.5), (NULL), (4.5) AS tab(col)", "2.0");
    r.alias("variance", "var_samp");
    r.registerAggregate("var_pop", 1, 1, "var_pop(expr)", (a, c) -> moment(a, c, CentralMoment.Kind.VAR_POP))
        .doc("Returns the population variance of the non-NULL values of `expr`: the mean of their squared "
            + "distances from their mean, as a DOUBLE. 0.0 for a single value, NULL when there is none.")
        .example("SELECT var_pop(col) FROM VALUES (1), (2), (3) AS tab(col)", "0.6666666666666666")
        .example("SELECT var_pop(col) FROM VALUES (7) AS tab(col)", "0.0");
  }

  private static Expression moment(List<Expression> a, FunctionRegistry.FunctionContext c, CentralMoment.Kind kind) {
    return new CentralMoment(MathFunctions.dbl(a.get(0), c), kind, FunctionArgs.name(c));
  }

  private static void registerBitwise(FunctionRegistry r) {
    r.registerAggregate("bit_and", 1, 1, "bit_and(expr)", (a, c) -> bitwise(a, c, BitAggregate.Op.AND))
        .doc("Returns the bitwise AND of the non-NULL values of the integral `expr`, of the same type. NULL "
            + "when there is no non-NULL value.")
        .example("SELECT bit_and(col) FROM VALUES (3), (5) AS tab(col)", "1")
        .example("SELECT bit_and(col) FROM VALUES (7), (NULL), (14) AS tab(col)", "6");
    r.registerAggregate("bit_or", 1, 1, "bit_or(expr)", (a, c) -> bitwise(a, c, BitAggregate.Op.OR))
        .doc("Returns the bitwise OR of the non-NULL values of the integral `expr`, of the same type. NULL "
            + "when there is no non-NULL value.")
        .example("SELECT bit_or(col) FROM VALUES (3), (5) AS tab(col)", "7");
    r.registerAggregate("bit_xor", 1, 1, "bit_xor(expr)", (a, c) -> bitwise(a, c, BitAggregate.Op.XOR))
        .doc("Returns the bitwise exclusive OR of the non-NULL values of the integral `expr`, of the same type: "
            + "a bit is set when it is set in an odd number of values. NULL when there is no non-NULL value.")
        .example("SELECT bit_xor(col) FROM VALUES (3), (5) AS tab(col)", "6")
        .example("SELECT bit_xor(DISTINCT col) FROM VALUES (3), (5), (3) AS tab(col)", "6");
  }

  private static Expression bitwise(List<Expression> a, FunctionRegistry.FunctionContext c, BitAggregate.Op op) {
    Expression e = a.get(0);
    if (e.dataType() == DataTypes.NullType) {
      e = TypeCoercion.castIfNeeded(e, DataTypes.IntegerType, c.ansi());
    }
    if (!e.dataType().isIntegral()) {
      throw FunctionArgs.mismatch(c, e, "of an integral type (INT or BIGINT)");
    }
    return new BitAggregate(e, op);
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
