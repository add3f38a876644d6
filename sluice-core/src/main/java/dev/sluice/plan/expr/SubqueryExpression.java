package dev.sluice.plan.expr;

import dev.sluice.plan.logical.LogicalPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An expression that holds a query: a scalar subquery, {@code EXISTS (...)} or {@code x IN (SELECT ...)}.
 * The query is a plan, not a child expression: rewrites of expressions do not walk into it. Inside a
 * resolved subquery, a column of an enclosing query is an {@link OuterReference}; a subquery with any is
 * correlated. The optimizer turns every subquery into a join before planning (an uncorrelated scalar
 * subquery may instead be computed once and read as a constant).
 */
public abstract class SubqueryExpression extends Expression {
  protected final LogicalPlan plan;

  protected SubqueryExpression(LogicalPlan plan) {
    this.plan = plan;
  }

  public LogicalPlan plan() {
    return plan;
  }

  /** This expression over another plan (same children). */
  public abstract SubqueryExpression withPlan(LogicalPlan p);

  /** Columns of enclosing queries this subquery reads, in order of appearance, once each. */
  public List<AttributeReference> outerReferences() {
    return outerReferences(plan);
  }

  public boolean correlated() {
    return !outerReferences().isEmpty();
  }

  /** The outer references anywhere in a plan (nested subqueries included). */
  public static List<AttributeReference> outerReferences(LogicalPlan p) {
    List<AttributeReference> out = new ArrayList<>();
    p.foreach(node -> {
      for (Expression e : node.expressions()) {
        e.foreach(x -> {
          if (x instanceof OuterReference o && !out.contains(o.attribute())) {
            out.add(o.attribute());
          }
          if (x instanceof SubqueryExpression s) {
            for (AttributeReference a : outerReferences(s.plan())) {
              if (!out.contains(a)) {
                out.add(a);
              }
            }
          }
        });
      }
    });
    return out;
  }

  /** Whether an expression holds a subquery anywhere. */
  public static boolean contains(Expression e) {
    return e.exists(x -> x instanceof SubqueryExpression);
  }

  @Override
  protected boolean computeResolved() {
    return childrenResolved() && plan.resolved() && checkInputTypes() == null;
  }

  @Override
  protected List<Object> args() {
    return List.of(plan);
  }

  @Override
  public boolean deterministic() {
    return super.deterministic() && plan.expressions().stream().allMatch(Expression::deterministic);
  }

  /**
   * Spark's automatic name part: the outer columns read, e.g. {@code (t1a, t1b)}, once per reference in
   * the order of the plan's operators (as Spark lists its outer attributes).
   */
  protected String outerSql() {
    StringBuilder sb = new StringBuilder("(");
    List<AttributeReference> outer = new ArrayList<>();
    if (plan.resolved()) {
      plan.foreach(node -> node.expressions().forEach(e -> e.foreach(x -> {
        if (x instanceof OuterReference o) {
          outer.add(o.attribute());
        }
      })));
    }
    for (int i = 0; i < outer.size(); i++) {
      sb.append(i > 0 ? ", " : "").append(outer.get(i).sql());
    }
    return sb.append(')').toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SubqueryExpression s && s.getClass() == getClass() && s.plan.equals(plan)
        && s.children().equals(children());
  }

  @Override
  public int hashCode() {
    return Objects.hash(getClass(), plan, children());
  }
}
