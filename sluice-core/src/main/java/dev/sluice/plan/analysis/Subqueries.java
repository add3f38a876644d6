package dev.sluice.plan.analysis;

import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.plan.expr.Alias;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.InSubquery;
import dev.sluice.plan.expr.ScalarSubquery;
import dev.sluice.plan.expr.SubqueryExpression;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Project;
import dev.sluice.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Resolution of subquery expressions, as part of resolving the expression that holds them: the
 * subquery's plan goes through the analyzer's batches with the holding node's input as the enclosing
 * scope (names that are not the subquery's own columns become outer references), gets new expression
 * ids where it reads the same relation as the enclosing query (so that the join it becomes can tell
 * the sides apart), and is checked for its shape: a scalar subquery has one column; an IN subquery
 * has as many columns as values, and both sides are coerced to common types.
 */
final class Subqueries {
  private Subqueries() {}

  static Expression resolve(ExpressionResolver r, SubqueryExpression sq, List<AttributeReference> input,
      LogicalPlan node) {
    LogicalPlan plan = sq.plan();
    if (!plan.resolved()) {
      plan = r.resolveInScope(plan, input);
      if (!plan.resolved()) {
        CheckAnalysis.check(plan); // reports what is unresolved
        return sq.withPlan(plan);
      }
      for (LogicalPlan c : node.children()) {
        plan = DeduplicateRelations.dedupRight(c, plan);
      }
    }
    if (sq instanceof ScalarSubquery && plan.output().size() != 1) {
      throw new AnalysisException(ErrorClass.INVALID_SUBQUERY_EXPRESSION,
          "SCALAR_SUBQUERY_RETURN_MORE_THAN_ONE_OUTPUT_COLUMN", "Scalar subquery must return only one column, but got "
              + plan.output().size() + "; select one column, or one struct(...) of several");
    }
    if (sq instanceof InSubquery in) {
      return coerce(r, in.withPlan(plan));
    }
    return sq.withPlan(plan);
  }

  /** Checks the column counts of {@code (values) IN (query)} and casts both sides to common types. */
  private static Expression coerce(ExpressionResolver r, InSubquery in) {
    if (!in.childrenResolved()) {
      return in;
    }
    List<Expression> values = in.values();
    List<AttributeReference> out = in.plan().output();
    if (values.size() != out.size()) {
      throw new AnalysisException(ErrorClass.DATATYPE_MISMATCH, "\"" + in.sql() + "\"",
          "IN_SUBQUERY_LENGTH_MISMATCH: The number of columns in the left hand side of an IN subquery does not match "
              + "the number of columns in the output of subquery. Left hand side columns(length: " + values.size()
              + "): [" + values.stream().map(Expression::sql).collect(Collectors.joining(", "))
              + "], right hand side columns(length: " + out.size() + "): ["
              + out.stream().map(AttributeReference::name).collect(Collectors.joining(", ")) + "].");
    }
    List<Expression> newValues = new ArrayList<>();
    List<Expression> projection = new ArrayList<>();
    boolean castPlan = false;
    for (int i = 0; i < values.size(); i++) {
      Expression v = values.get(i);
      AttributeReference o = out.get(i);
      DataType t = TypeCoercion.widerTypeWithStrings(v.dataType(), o.dataType());
      if (t == null) {
        throw new AnalysisException(ErrorClass.DATATYPE_MISMATCH, "\"" + in.sql() + "\"",
            "IN_SUBQUERY_DATA_TYPE_MISMATCH: The data type of one or more elements in the left hand side of an IN "
                + "subquery is not compatible with the data type of the output of the subquery: " + v.sql() + " is "
                + v.dataType().sql() + " and " + o.name() + " is " + o.dataType().sql() + "; cast one side");
      }
      newValues.add(TypeCoercion.castIfNeeded(v, t, r.ansi()));
      if (o.dataType().equals(t)) {
        projection.add(o);
      } else {
        castPlan = true;
        projection.add(new Alias(TypeCoercion.castIfNeeded(o, t, r.ansi()), o.name()));
      }
    }
    LogicalPlan plan = castPlan ? new Project(projection, in.plan()) : in.plan();
    return new InSubquery(newValues, plan);
  }
}
