package dev.sluice.plan.logical;

import dev.sluice.plan.expr.AttributeReference;
import java.util.List;

/** Names a relation ({@code FROM t AS x}, a view name) so its columns can be qualified: {@code x.col}. */
public final class SubqueryAlias extends UnaryNode {
  private final String alias;

  public SubqueryAlias(String alias, LogicalPlan child) {
    super(child);
    this.alias = alias;
  }

  public String alias() {
    return alias;
  }

  @Override
  public List<AttributeReference> output() {
    return child.output().stream().map(a -> a.withQualifier(List.of(alias))).toList();
  }

  @Override
  protected List<Object> args() {
    return List.of(alias);
  }

  @Override
  public LogicalPlan withChild(LogicalPlan c) {
    return new SubqueryAlias(alias, c);
  }
}
