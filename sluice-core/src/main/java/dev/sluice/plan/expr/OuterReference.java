package dev.sluice.plan.expr;

import dev.sluice.types.DataType;
import java.util.List;

/**
 * Inside a subquery, a column of an enclosing query (a correlated reference). It is a leaf: the
 * subquery's own operators do not produce the column, so it is not among their references; the
 * optimizer pulls the predicates that read it up into the join it turns the subquery into.
 */
public final class OuterReference extends LeafExpression {
  private final AttributeReference attribute;

  public OuterReference(AttributeReference attribute) {
    this.attribute = attribute;
  }

  public AttributeReference attribute() {
    return attribute;
  }

  @Override
  public DataType dataType() {
    return attribute.dataType();
  }

  @Override
  public boolean nullable() {
    return attribute.nullable();
  }

  @Override
  protected List<Object> args() {
    return List.of(attribute);
  }

  @Override
  public String sql() {
    return "outer(" + attribute.sql() + ")";
  }
}
