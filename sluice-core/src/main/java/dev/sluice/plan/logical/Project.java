package dev.sluice.plan.logical;

import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.NamedExpression;
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

  @Override
  public boolean resolved() {
    if (!super.resolved()) {
      return false;
    }
    for (Expression e : projectList) {
      if (!(e instanceof NamedExpression)) {
        return false;
      }
    }
    return true;
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
