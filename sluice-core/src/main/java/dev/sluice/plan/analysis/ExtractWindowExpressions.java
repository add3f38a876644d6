package dev.sluice.plan.analysis;

import dev.sluice.plan.expr.Alias;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.Generator;
import dev.sluice.plan.expr.WindowExpression;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Project;
import dev.sluice.plan.logical.Window;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code SELECT ..., f() OVER (...)}: {@link Window} operators below the projection, one per window
 * specification (partitioning and ordering), computing the window functions as columns the
 * projection then selects. The functions themselves are resolved with the other expressions
 * ({@link ExpressionResolver#resolveWindow}).
 */
final class ExtractWindowExpressions extends ResolutionRule {
  @Override
  protected LogicalPlan resolve(LogicalPlan p) {
    if (p instanceof Project pr && ExpressionResolver.allSettled(pr.projectList())
        && ExpressionResolver.anyContains(pr.projectList(), WindowExpression.class)
        && !ExpressionResolver.anyContains(pr.projectList(), Generator.class)) {
      return extractWindows(pr.projectList(), pr.child());
    }
    return null;
  }

  /** {@code SELECT ..., f() OVER (...)}: Window operators below a projection, one per window specification. */
  private static LogicalPlan extractWindows(List<Expression> items, LogicalPlan child) {
    Map<WindowExpression, Alias> aliases = new LinkedHashMap<>();
    List<Expression> proj = new ArrayList<>();
    for (Expression item : items) {
      Expression outer = item;
      if (item instanceof Alias al && al.child() instanceof WindowExpression we) {
        Alias a = aliases.computeIfAbsent(we, k -> new Alias(we, al.name(), al.exprId()));
        proj.add(a.toAttribute().withName(al.name()));
        continue;
      }
      outer = item.transformDown(x -> {
        if (x instanceof WindowExpression we) {
          return aliases.computeIfAbsent(we, k -> new Alias(we, "_we" + aliases.size())).toAttribute();
        }
        return null;
      });
      proj.add(outer);
    }
    LogicalPlan plan = child;
    List<Alias> pending = new ArrayList<>(aliases.values());
    while (!pending.isEmpty()) {
      WindowExpression spec = (WindowExpression) pending.get(0).child();
      List<Alias> same = pending.stream().filter(a -> ((WindowExpression) a.child()).sameSpec(spec)).toList();
      plan = new dev.sluice.plan.logical.Window(same, spec.partitionBy(), spec.orderBy(), plan);
      pending.removeAll(same);
    }
    return new Project(proj, plan);
  }
}
