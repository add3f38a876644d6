package dev.sluice.plan.logical;

import dev.sluice.plan.expr.AttributeReference;
import java.util.ArrayList;
import java.util.List;

/**
 * Column names given after a relation's alias, {@code FROM (SELECT ...) AS t(a, b)}: the child's
 * columns renamed in order. The analyzer replaces it with a projection once the child is resolved.
 */
public final class SubqueryColumnAliases extends UnaryNode {
  private final List<String> names;

  public SubqueryColumnAliases(List<String> names, LogicalPlan child) {
    super(child);
    this.names = List.copyOf(names);
  }

  public List<String> names() {
    return names;
  }

  @Override
  public List<AttributeReference> output() {
    List<AttributeReference> in = child.output();
    if (in.size() != names.size()) {
      return in;
    }
    List<AttributeReference> out = new ArrayList<>();
    for (int i = 0; i < in.size(); i++) {
      out.add(in.get(i).withName(names.get(i)));
    }
    return out;
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
    return new SubqueryColumnAliases(names, c);
  }
}
