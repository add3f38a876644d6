package dev.sluice.plan.analysis;

import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.plan.expr.Alias;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Project;
import dev.sluice.plan.logical.SubqueryColumnAliases;
import java.util.ArrayList;
import java.util.List;

/** {@code FROM (...) AS t(a, b)}: a projection renaming the relation's columns in order; the counts must agree. */
final class ResolveSubqueryColumnAliases extends ResolutionRule {
  @Override
  protected LogicalPlan resolve(LogicalPlan p) {
    if (!(p instanceof SubqueryColumnAliases c)) {
      return null;
    }
    List<AttributeReference> in = c.child().output();
    if (in.size() != c.names().size()) {
      // Spark's _LEGACY_ERROR_TEMP_1028.
      throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, "the column aliases (" + String.join(", ", c.names())
          + ")", "Number of column aliases does not match number of columns. Number of column aliases: "
          + c.names().size() + "; number of columns: " + in.size() + ".");
    }
    List<Expression> items = new ArrayList<>();
    for (int i = 0; i < in.size(); i++) {
      items.add(new Alias(in.get(i), c.names().get(i)));
    }
    return new Project(items, c.child());
  }
}
