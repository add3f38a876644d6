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
    r.registerAggregate("count", 0, Integer.MAX_VALUE, "count(*) | count(expr, ...)", (a, c) -> new Count(a));
    r.registerAggregate("count_if", 1, 1, "count_if(cond)", (a, c) -> new Count(List.of(new CaseWhen(
        List.of(OperatorFunctions.bool("count_if", a.get(0), c)), List.of(Literal.TRUE), null))));
    r.registerAggregate("sum", 1, 1, "sum(expr)",
        (a, c) -> new Sum(sumArg(a.get(0), c), EvalMode.fromAnsi(c.ansi())));
    r.registerAggregate("try_sum", 1, 1, "try_sum(expr)", (a, c) -> new Sum(sumArg(a.get(0), c), EvalMode.TRY));
    r.registerAggregate("avg", 1, 1, "avg(expr)", (a, c) -> new Average(MathFunctions.numeric(a.get(0), c)));
    r.alias("mean", "avg");
    r.registerAggregate("min", 1, 1, "min(expr)", (a, c) -> new MinMax(a.get(0), false));
    r.registerAggregate("max", 1, 1, "max(expr)", (a, c) -> new MinMax(a.get(0), true));
    r.registerAggregate("first", 1, 2, "first(expr[, ignoreNulls])",
        (a, c) -> new FirstLast(a.get(0), false, ignoreNulls(a, c)));
    r.alias("first_value", "first");
    r.alias("any_value", "first");
    r.registerAggregate("last", 1, 2, "last(expr[, ignoreNulls])",
        (a, c) -> new FirstLast(a.get(0), true, ignoreNulls(a, c)));
    r.alias("last_value", "last");
    r.registerAggregate("max_by", 2, 2, "max_by(value, ordering)", (a, c) -> new MaxMinBy(a.get(0), a.get(1), true));
    r.registerAggregate("min_by", 2, 2, "min_by(value, ordering)", (a, c) -> new MaxMinBy(a.get(0), a.get(1), false));
    r.registerAggregate("bool_and", 1, 1, "bool_and(cond)",
        (a, c) -> new MinMax(OperatorFunctions.bool("bool_and", a.get(0), c), false));
    r.alias("every", "bool_and");
    r.registerAggregate("bool_or", 1, 1, "bool_or(cond)",
        (a, c) -> new MinMax(OperatorFunctions.bool("bool_or", a.get(0), c), true));
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
