package dev.sluice.plan.expr;

import dev.sluice.types.DataType;
import java.util.List;

/** A sort key: expression, direction and where nulls go (by default first when ascending, last when descending). */
public final class SortOrder extends Expression {
  private final Expression child;
  private final boolean ascending;
  private final boolean nullsFirst;

  public SortOrder(Expression child, boolean ascending, boolean nullsFirst) {
    this.child = child;
    this.ascending = ascending;
    this.nullsFirst = nullsFirst;
  }

  public static SortOrder asc(Expression e) {
    return new SortOrder(e, true, true);
  }

  public static SortOrder desc(Expression e) {
    return new SortOrder(e, false, false);
  }

  public Expression child() {
    return child;
  }

  public boolean ascending() {
    return ascending;
  }

  public boolean nullsFirst() {
    return nullsFirst;
  }

  @Override
  public List<Expression> children() {
    return List.of(child);
  }

  @Override
  public DataType dataType() {
    return child.dataType();
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    return new SortOrder(c.get(0), ascending, nullsFirst);
  }

  @Override
  protected List<Object> args() {
    return List.of(ascending, nullsFirst);
  }

  @Override
  public String sql() {
    return child.sql() + (ascending ? " ASC" : " DESC") + (nullsFirst ? " NULLS FIRST" : " NULLS LAST");
  }
}
