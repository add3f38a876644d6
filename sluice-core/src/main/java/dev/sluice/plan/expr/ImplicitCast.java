package dev.sluice.plan.expr;

import dev.sluice.types.DataType;
import java.util.List;

/**
 * A cast inserted by type coercion rather than written by the user. It behaves as {@link Cast} but
 * prints as its child, so column names derived from the expression show what the user wrote.
 */
public final class ImplicitCast extends Expression {
  private final Cast cast;

  public ImplicitCast(Expression child, DataType to, EvalMode mode) {
    this.cast = new Cast(child, to, mode);
  }

  public Expression child() {
    return cast.child();
  }
  public EvalMode mode() {
    return cast.mode();
  }


  @Override
  public List<Expression> children() {
    return cast.children();
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    return new ImplicitCast(c.get(0), cast.dataType(), cast.mode());
  }

  @Override
  protected List<Object> args() {
    return List.of(cast.dataType(), cast.mode());
  }

  @Override
  public DataType dataType() {
    return cast.dataType();
  }

  @Override
  public boolean nullable() {
    return cast.child().nullable();
  }

  @Override
  public boolean foldable() {
    return cast.foldable();
  }

  @Override
  public String checkInputTypes() {
    return cast.checkInputTypes();
  }


  @Override
  public String sql() {
    return cast.child().sql();
  }
}
