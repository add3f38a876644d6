package dev.sluice.plan.logical;

import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.NamedExpression;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code GROUP BY}: groups rows by the grouping expressions and computes the aggregate expressions
 * (named expressions over grouping expressions and aggregate function calls) once per group. With no
 * grouping expressions, one global group (one output row even for empty input in batch queries).
 */
public final class Aggregate extends UnaryNode {
  private final List<Expression> groupingExpressions;
  private final List<Expression> aggregateExpressions;
  /** Index of the grouping expression holding per-row sessions to merge (session_window), or -1. */
  private final int sessionKey;

  public Aggregate(List<? extends Expression> groupingExpressions, List<? extends Expression> aggregateExpressions,
      LogicalPlan child) {
    this(groupingExpressions, aggregateExpressions, child, -1);
  }

  public Aggregate(List<? extends Expression> groupingExpressions, List<? extends Expression> aggregateExpressions,
      LogicalPlan child, int sessionKey) {
    super(child);
    // As Spark's CleanupAliases: a name on a grouping expression (groupBy(col.alias("key"))) belongs to
    // the select list, which keeps it; the key itself is the expression, so that the select list's
    // copy of it is recognised as the key and not evaluated again over columns the aggregate consumed.
    this.groupingExpressions = groupingExpressions.stream()
        .map(e -> e instanceof dev.sluice.plan.expr.Alias a ? a.child() : (Expression) e).toList();
    this.aggregateExpressions = List.copyOf(aggregateExpressions);
    this.sessionKey = sessionKey;
  }

  /** Index of the grouping key whose per-row sessions are merged (session_window), or -1. */
  public int sessionKey() {
    return sessionKey;
  }

  public boolean isSessionAggregate() {
    return sessionKey >= 0;
  }

  public List<Expression> groupingExpressions() {
    return groupingExpressions;
  }

  public List<Expression> aggregateExpressions() {
    return aggregateExpressions;
  }

  @Override
  public List<AttributeReference> output() {
    List<AttributeReference> out = new ArrayList<>();
    for (Expression e : aggregateExpressions) {
      if (e instanceof NamedExpression ne) {
        out.add(ne.toAttribute());
      }
    }
    return out;
  }

  @Override
  protected boolean computeResolved() {
    return super.computeResolved() && aggregateExpressions.stream().allMatch(e -> e instanceof NamedExpression);
  }

  @Override
  public List<Expression> expressions() {
    List<Expression> all = new ArrayList<>(groupingExpressions);
    all.addAll(aggregateExpressions);
    return all;
  }

  @Override
  public LogicalPlan mapExpressions(Function<Expression, Expression> f) {
    return new Aggregate(groupingExpressions.stream().map(f).toList(), aggregateExpressions.stream().map(f).toList(),
        child, sessionKey);
  }

  @Override
  public LogicalPlan withChild(LogicalPlan c) {
    return new Aggregate(groupingExpressions, aggregateExpressions, c, sessionKey);
  }

  @Override
  protected List<Object> args() {
    return List.of(sessionKey);
  }

  @Override
  public String simpleString() {
    return (sessionKey >= 0 ? "SessionAggregate" : "Aggregate") + " keys=" + groupingExpressions + " "
        + aggregateExpressions;
  }
}
