package dev.sluice.plan.logical;

import dev.sluice.plan.expr.AttributeReference;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code UNION ALL}: the rows of all children, matched by position (the analyzer reorders children
 * for {@code unionByName}). The output takes the first child's names; a column is nullable when it
 * is nullable in any child.
 */
public final class Union extends LogicalPlan {
  private final List<LogicalPlan> children;
  private final boolean byName;
  private final boolean allowMissingColumns;

  public Union(List<LogicalPlan> children, boolean byName, boolean allowMissingColumns) {
    this.children = List.copyOf(children);
    this.byName = byName;
    this.allowMissingColumns = allowMissingColumns;
  }

  public Union(List<LogicalPlan> children) {
    this(children, false, false);
  }

  public boolean byName() {
    return byName;
  }

  public boolean allowMissingColumns() {
    return allowMissingColumns;
  }

  @Override
  public List<LogicalPlan> children() {
    return children;
  }

  /**
   * Resolved only once the analyzer has aligned the children (as Spark's Union): by-name matching done
   * and every child with the same column count and types; otherwise a union of two already-resolved
   * inputs would skip the reordering of {@code unionByName} and the widening casts.
   */
  @Override
  protected boolean computeResolved() {
    if (byName || !super.computeResolved()) {
      return false;
    }
    List<AttributeReference> first = children.get(0).output();
    for (LogicalPlan c : children) {
      List<AttributeReference> o = c.output();
      if (o.size() != first.size()) {
        return false;
      }
      for (int i = 0; i < o.size(); i++) {
        if (!o.get(i).dataType().equals(first.get(i).dataType())) {
          return false;
        }
      }
    }
    return true;
  }

  @Override
  public List<AttributeReference> output() {
    List<AttributeReference> first = children.get(0).output();
    List<AttributeReference> out = new ArrayList<>(first.size());
    for (int i = 0; i < first.size(); i++) {
      boolean nullable = false;
      for (LogicalPlan c : children) {
        List<AttributeReference> o = c.output();
        if (i < o.size()) {
          nullable |= o.get(i).nullable();
        }
      }
      out.add(first.get(i).withNullability(nullable));
    }
    return out;
  }

  @Override
  public LogicalPlan withNewChildren(List<LogicalPlan> c) {
    return new Union(c, byName, allowMissingColumns);
  }

  @Override
  protected List<Object> args() {
    return List.of(byName, allowMissingColumns);
  }
}
