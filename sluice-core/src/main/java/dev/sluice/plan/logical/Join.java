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
 * A join of two relations on a condition (null = cross product). {@code usingColumns}, when
 * non-empty, names columns that appear once in the output (the analyzer turns them into equality
 * conditions plus a projection).
 */
public final class Join extends LogicalPlan {
  private final LogicalPlan left;
  private final LogicalPlan right;
  private final JoinType joinType;
  private final Expression condition;
  private final List<String> usingColumns;
  /** NATURAL JOIN: the columns of the same name on both sides, found once the children are resolved. */
  private final boolean natural;
  /**
   * A left outer join that reads a correlated scalar subquery: a left row matching more than one right row
   * is an error (SCALAR_SUBQUERY_TOO_MANY_ROWS) rather than repeated, as Spark's single join.
   */
  private final boolean singleMatch;

  public Join(LogicalPlan left, LogicalPlan right, JoinType joinType, Expression condition, List<String> usingColumns) {
    this(left, right, joinType, condition, usingColumns, false);
  }

  public Join(LogicalPlan left, LogicalPlan right, JoinType joinType, Expression condition, List<String> usingColumns,
      boolean natural) {
    this(left, right, joinType, condition, usingColumns, natural, false);
  }

  private Join(LogicalPlan left, LogicalPlan right, JoinType joinType, Expression condition, List<String> usingColumns,
      boolean natural, boolean singleMatch) {
    this.singleMatch = singleMatch;
    this.natural = natural;
    this.left = left;
    this.right = right;
    this.joinType = joinType;
    this.condition = condition;
    this.usingColumns = usingColumns == null ? List.of() : List.copyOf(usingColumns);
  }

  public Join(LogicalPlan left, LogicalPlan right, JoinType joinType, Expression condition) {
    this(left, right, joinType, condition, List.of());
  }

  public LogicalPlan left() {
    return left;
  }

  public LogicalPlan right() {
    return right;
  }

  public JoinType joinType() {
    return joinType;
  }

  /** The join condition, or null for none. */
  public Expression condition() {
    return condition;
  }

  public boolean natural() {
    return natural;
  }

  /** A left outer join where each left row may match one right row at most (see the field). */
  public static Join singleMatch(LogicalPlan left, LogicalPlan right, Expression condition) {
    return new Join(left, right, JoinType.LEFT_OUTER, condition, List.<String>of(), false, true);
  }

  public boolean isSingleMatch() {
    return singleMatch;
  }

  public List<String> usingColumns() {
    return usingColumns;
  }

  @Override
  public List<LogicalPlan> children() {
    return List.of(left, right);
  }

  @Override
  public List<AttributeReference> output() {
    List<AttributeReference> out = new ArrayList<>();
    switch (joinType) {
      case LEFT_SEMI, LEFT_ANTI -> out.addAll(left.output());
      case LEFT_OUTER -> {
        out.addAll(left.output());
        right.output().forEach(a -> out.add(a.withNullability(true)));
      }
      case RIGHT_OUTER -> {
        left.output().forEach(a -> out.add(a.withNullability(true)));
        out.addAll(right.output());
      }
      case FULL_OUTER -> {
        left.output().forEach(a -> out.add(a.withNullability(true)));
        right.output().forEach(a -> out.add(a.withNullability(true)));
      }
      default -> {
        out.addAll(left.output());
        out.addAll(right.output());
      }
    }
    return out;
  }

  /**
   * As Spark's duplicateResolved: a join whose sides output the same column (a view joined with
   * itself, both sides resolved from the start) is not resolved until the analyzer renames one side.
   */
  @Override
  protected boolean computeResolved() {
    if (!super.computeResolved() || !usingColumns.isEmpty() || natural) {
      return false;
    }
    Set<ExprId> leftIds = new HashSet<>();
    for (AttributeReference a : left.output()) {
      leftIds.add(a.exprId());
    }
    for (AttributeReference a : right.output()) {
      if (leftIds.contains(a.exprId())) {
        return false;
      }
    }
    return true;
  }

  @Override
  public List<Expression> expressions() {
    return condition == null ? List.of() : List.of(condition);
  }

  @Override
  public LogicalPlan mapExpressions(Function<Expression, Expression> f) {
    return condition == null ? this
        : new Join(left, right, joinType, f.apply(condition), usingColumns, natural, singleMatch);
  }

  @Override
  public LogicalPlan withNewChildren(List<LogicalPlan> c) {
    return new Join(c.get(0), c.get(1), joinType, condition, usingColumns, natural, singleMatch);
  }

  public Join withCondition(Expression cond) {
    return new Join(left, right, joinType, cond, List.<String>of(), false, singleMatch);
  }

  @Override
  protected List<Object> args() {
    List<Object> a = new java.util.ArrayList<>(List.of(joinType, usingColumns));
    if (natural) {
      a.add("NATURAL");
    }
    if (singleMatch) {
      a.add("SINGLE");
    }
    return a;
  }
}
