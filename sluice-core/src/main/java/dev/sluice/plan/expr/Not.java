package dev.sluice.plan.expr;

import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import java.util.List;

/** {@code NOT x}: NULL stays NULL. */
public final class Not extends Expression {
  private final Expression child;

  public Not(Expression child) {
    this.child = child;
  }

  public Expression child() {
    return child;
  }

  @Override
  public List<Expression> children() {
    return List.of(child);
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    return new Not(c.get(0));
  }

  @Override
  public DataType dataType() {
    return DataTypes.BooleanType;
  }

  @Override
  public boolean foldable() {
    return child.foldable();
  }

  @Override
  public String checkInputTypes() {
    return child.dataType() == DataTypes.BooleanType ? null : "NOT requires BOOLEAN, got " + child.dataType().sql();
  }


  @Override
  public String sql() {
    return "(NOT " + child.sql() + ")";
  }
}
