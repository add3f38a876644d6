package dev.sluice.plan.logical;

import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.ExprId;
import dev.sluice.plan.expr.Expression;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Every left row once, with a BOOLEAN column {@code exists} that says whether some right row satisfies
 * the condition with it (Spark's ExistenceJoin). The optimizer makes it of an EXISTS or IN subquery
 * that is not a conjunct of a filter (in a select list, under OR), where the answer is a value rather
 * than which rows to keep.
 */
public final class ExistenceJoin extends LogicalPlan {
  private final LogicalPlan left;
  private final LogicalPlan right;
  private final Expression condition;
  private final AttributeReference exists;

  public ExistenceJoin(LogicalPlan left, LogicalPlan right, Expression condition, AttributeReference exists) {
    this.left = left;
    this.right = right;
    this.condition = condition;
    this.exists = exists;
  }

  public LogicalPlan left() {
    return left;
  }

  public LogicalPlan right() {
    return right;
  }

  /** The condition, or null: then a left row has a match when the right side has any row. */
  public Expression condition() {
    return condition;
  }

  public AttributeReference exists() {
    return exists;
  }

  @Override
  public List<LogicalPlan> children() {
    return List.of(left, right);
  }

  @Override
  public List<AttributeReference> output() {
    List<AttributeReference> out = new ArrayList<>(left.output());
    out.add(exists);
    return out;
  }

  @Override
  protected boolean computeResolved() {
    if (!super.computeResolved()) {
      return false;
    }
    Set<ExprId> leftIds = new HashSet<>();
    for (AttributeReference a : left.output()) {
      leftIds.add(a.exprId());
    }
    return right.output().stream().noneMatch(a -> leftIds.contains(a.exprId()));
  }

  @Override
  public List<Expression> expressions() {
    return condition == null ? List.of() : List.of(condition);
  }

  @Override
  public LogicalPlan mapExpressions(Function<Expression, Expression> f) {
    return condition == null ? this : new ExistenceJoin(left, right, f.apply(condition), exists);
  }

  @Override
  public LogicalPlan withNewChildren(List<LogicalPlan> c) {
    return new ExistenceJoin(c.get(0), c.get(1), condition, exists);
  }

  @Override
  protected List<Object> args() {
    return List.of(exists);
  }
}
