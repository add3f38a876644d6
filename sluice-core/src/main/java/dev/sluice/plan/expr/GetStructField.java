package dev.sluice.plan.expr;

import dev.sluice.types.DataType;
import dev.sluice.types.StructType;
import java.util.List;

/** {@code s.field}: one field of a struct; NULL when the struct is NULL. */
public final class GetStructField extends Expression {
  private final Expression child;
  private final int ordinal;
  private final String name;

  public GetStructField(Expression child, int ordinal, String name) {
    this.child = child;
    this.ordinal = ordinal;
    this.name = name;
  }

  public Expression child() {
    return child;
  }

  public int ordinal() {
    return ordinal;
  }

  public String name() {
    return name;
  }

  @Override
  public List<Expression> children() {
    return List.of(child);
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    return new GetStructField(c.get(0), ordinal, name);
  }

  @Override
  protected List<Object> args() {
    return List.of(ordinal, name);
  }

  @Override
  public DataType dataType() {
    return ((StructType) child.dataType()).field(ordinal).dataType();
  }

  @Override
  public boolean nullable() {
    return child.nullable() || ((StructType) child.dataType()).field(ordinal).nullable();
  }

  @Override
  public boolean foldable() {
    return child.foldable();
  }


  @Override
  public String sql() {
    return child.sql() + "." + name;
  }
}
