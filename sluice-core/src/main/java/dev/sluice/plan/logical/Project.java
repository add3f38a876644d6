package dev.sluice.plan.logical;

import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.Generator;
import dev.sluice.plan.expr.NamedExpression;
import dev.sluice.plan.expr.TimeWindow;
import dev.sluice.plan.expr.WindowExpression;
import dev.sluice.plan.expr.agg.AggregateExpression;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** {@code SELECT list}: computes named expressions from each input row. */
public final class Project extends UnaryNode {
  private final List<Expression> projectList;

  public Project(List<? extends Expression> projectList, LogicalPlan child) {
    super(child);
    this.projectList = List.copyOf(projectList);
  }

  public List<Expression> projectList() {
    return projectList;
  }

  @Override
  public List<AttributeReference> output() {
    List<AttributeReference> out = new ArrayList<>(projectList.size());
    for (Expression e : projectList) {
      if (e instanceof NamedExpression ne) {
        out.add(ne.toAttribute());
      }
    }
    return out;
  }

  /**
   * Resolved when every item is a resolved named expression and none still needs an operator of its
   * own: an aggregate (an Aggregate), a generator (a Generate), a window function (a Window) or a
   * time window (a computed {@code window} column). The analyzer moves those out; until it has, the
   * nodes above must not resolve against this projection's output.
   */
  @Override
  protected boolean computeResolved() {
    if (!super.computeResolved()) {
      return false;
    }
    for (Expression e : projectList) {
      if (!(e instanceof NamedExpression) || e.exists(Project::needsOwnOperator)) {
        return false;
      }
    }
    return true;
  }

  private static boolean needsOwnOperator(Expression e) {
    return e instanceof AggregateExpression || e instanceof Generator || e instanceof WindowExpression
        || e instanceof TimeWindow;
  }

  @Override
  public List<Expression> expressions() {
    return projectList;
  }

  @Override
  public LogicalPlan mapExpressions(Function<Expression, Expression> f) {
    return new Project(projectList.stream().map(f).toList(), child);
  }

  @Override
  public LogicalPlan withChild(LogicalPlan c) {
    return new Project(projectList, c);
  }
}
