package dev.sluice.plan.logical;

import dev.sluice.plan.expr.AttributeReference;
import java.util.List;

/**
 * New names for a relation's columns, {@code FROM (subquery) AS t(a, b)} or {@code FROM tbl AS t(a, b)}, as
 * the parser produces them before the relation's columns are known. The analyzer replaces it with a
 * projection that renames the columns in order (ResolveColumnAliases).
 */
public final class UnresolvedColumnAliases extends UnaryNode {
  private final List<String> names;

  public UnresolvedColumnAliases(List<String> names, LogicalPlan child) {
    super(child);
    this.names = List.copyOf(names);
  }

  public List<String> names() {
    return names;
  }

  @Override
  public List<AttributeReference> output() {
    return List.of();
  }

  @Override
  protected boolean computeResolved() {
    return false;
  }

  @Override
  protected List<Object> args() {
    return List.of(names);
  }

  @Override
  public LogicalPlan withChild(LogicalPlan c) {
    return new UnresolvedColumnAliases(names, c);
  }
}
