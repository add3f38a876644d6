package dev.sluice.plan.analysis;

import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.plan.expr.Alias;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Project;
import dev.sluice.plan.logical.UnresolvedColumnAliases;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code AS t(a, b)} after a relation: once the relation is resolved, a projection renames its columns
 * in order. The number of names must be the number of columns (Spark's
 * ASSIGNMENT_ARITY_MISMATCH-style check, with both counts in the message).
 */
final class ResolveColumnAliases extends ResolutionRule {
  @Override
  protected LogicalPlan resolve(LogicalPlan p) {
    if (!(p instanceof UnresolvedColumnAliases a)) {
      return null;
    }
    List<AttributeReference> out = a.child().output();
    if (out.size() != a.names().size()) {
      throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, "column aliases (" + String.join(", ", a.names())
          + ")", "Number of column aliases does not match number of columns. Number of column aliases: "
          + a.names().size() + "; number of columns: " + out.size() + ".");
    }
    List<Expression> items = new ArrayList<>();
    for (int i = 0; i < out.size(); i++) {
      items.add(new Alias(out.get(i), a.names().get(i)));
    }
    return new Project(items, a.child());
  }
}
