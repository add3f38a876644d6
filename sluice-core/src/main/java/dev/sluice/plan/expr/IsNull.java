package dev.sluice.plan.expr;

import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import java.util.List;

/** {@code x IS NULL} or, negated, {@code x IS NOT NULL}; never NULL itself. */
public final class IsNull extends Expression {
  private final Expression child;
  private final boolean negated;

  public IsNull(Expression child, boolean negated) {
    this.child = child;
    this.negated = negated;
  }

  public Expression child() {
    return child;
  }

  public boolean negated() {
    return negated;
  }

  @Override
  public List<Expression> children() {
    return List.of(child);
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    return new IsNull(c.get(0), negated);
  }

  @Override
  protected List<Object> args() {
    return List.of(negated);
  }

  @Override
  public DataType dataType() {
    return DataTypes.BooleanType;
  }

  @Override
  public boolean nullable() {
    return false;
  }

  @Override
  public boolean foldable() {
    return child.foldable();
  }


  @Override
  public String sql() {
    return "(" + child.sql() + (negated ? " IS NOT NULL)" : " IS NULL)");
  }
}
