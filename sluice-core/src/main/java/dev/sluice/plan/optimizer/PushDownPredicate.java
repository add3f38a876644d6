package dev.sluice.plan.optimizer;

import dev.sluice.plan.expr.Predicates;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.ExprId;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.Logic;
import dev.sluice.plan.logical.Filter;
import dev.sluice.plan.logical.Generate;
import dev.sluice.plan.logical.Join;
import dev.sluice.plan.logical.JoinType;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Project;
import dev.sluice.plan.logical.SubqueryAlias;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Moves filters closer to the data: below projections (substituting aliases), below subquery
 * aliases, and into the side of a join whose columns a conjunct reads (for the sides a join type
 * allows: both for inner, the preserved side for outer joins), and below a generator when they read
 * only the generator's input columns.
 */
public final class PushDownPredicate implements Rule {
  @Override
  public LogicalPlan apply(LogicalPlan plan) {
    return plan.transformDown(p -> {
      if (!(p instanceof Filter f) || !f.condition().deterministic()) {
        return null;
      }
      LogicalPlan child = f.child();
      if (child instanceof Project pr && pr.projectList().stream().allMatch(Expression::deterministic)) {
        Map<ExprId, Expression> aliases = AliasSubstitution.aliases(pr.projectList());
        Expression cond = AliasSubstitution.substitute(f.condition(), aliases);
        if (dev.sluice.plan.analysis.FolderHelpers.containsAggregate(cond)) {
          return null;
        }
        return new Project(pr.projectList(), new Filter(cond, pr.child()));
      }
      if (child instanceof SubqueryAlias sa) {
        return new SubqueryAlias(sa.alias(), new Filter(f.condition(), sa.child()));
      }
      if (child instanceof Join j) {
        return pushIntoJoin(f, j);
      }
      if (child instanceof Generate g) {
        return pushBelowGenerate(f, g);
      }
      return null;
    });
  }

  private static LogicalPlan pushIntoJoin(Filter f, Join j) {
    JoinType t = j.joinType();
    boolean canLeft = t == JoinType.INNER || t == JoinType.CROSS || t == JoinType.LEFT_OUTER
        || t == JoinType.LEFT_SEMI || t == JoinType.LEFT_ANTI;
    boolean canRight = t == JoinType.INNER || t == JoinType.CROSS || t == JoinType.RIGHT_OUTER;
    Set<AttributeReference> lo = Set.copyOf(j.left().output());
    Set<AttributeReference> ro = Set.copyOf(j.right().output());
    List<Expression> toLeft = new ArrayList<>();
    List<Expression> toRight = new ArrayList<>();
    List<Expression> stay = new ArrayList<>();
    for (Expression c : Predicates.conjuncts(f.condition())) {
      Set<AttributeReference> refs = c.references();
      if (canLeft && lo.containsAll(refs)) {
        toLeft.add(c);
      } else if (canRight && ro.containsAll(refs) && !refs.isEmpty()) {
        toRight.add(c);
      } else {
        stay.add(c);
      }
    }
    if (toLeft.isEmpty() && toRight.isEmpty()) {
      return null;
    }
    LogicalPlan left = toLeft.isEmpty() ? j.left() : new Filter(and(toLeft), j.left());
    LogicalPlan right = toRight.isEmpty() ? j.right() : new Filter(and(toRight), j.right());
    LogicalPlan join = j.withNewChildren(List.of(left, right));
    return stay.isEmpty() ? join : new Filter(and(stay), join);
  }

  /** Conjuncts on the input columns only filter input rows before they are multiplied by the generator. */
  private static LogicalPlan pushBelowGenerate(Filter f, Generate g) {
    if (!g.generator().deterministic()) {
      return null;
    }
    Set<AttributeReference> input = Set.copyOf(g.child().output());
    List<Expression> below = new ArrayList<>();
    List<Expression> stay = new ArrayList<>();
    for (Expression c : Predicates.conjuncts(f.condition())) {
      (input.containsAll(c.references()) ? below : stay).add(c);
    }
    if (below.isEmpty()) {
      return null;
    }
    LogicalPlan gen = g.withChild(new Filter(and(below), g.child()));
    return stay.isEmpty() ? gen : new Filter(and(stay), gen);
  }

  private static Expression and(List<Expression> cs) {
    return cs.stream().reduce(Logic::and).orElseThrow();
  }
}
