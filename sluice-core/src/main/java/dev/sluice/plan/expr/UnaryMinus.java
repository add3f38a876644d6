package dev.sluice.plan.expr;

import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import java.util.List;

/** {@code -x} and {@code abs(x)} on numbers and intervals; overflow of the minimum value follows the mode. */
public final class UnaryMinus extends Expression {
  private final Expression child;
  private final boolean abs;
  private final EvalMode mode;

  public UnaryMinus(Expression child, boolean abs, EvalMode mode) {
    this.child = child;
    this.abs = abs;
    this.mode = mode;
  }

  public Expression child() {
    return child;
  }
  /** True for {@code abs(x)}, false for {@code -x}. */
  public boolean abs() {
    return abs;
  }

  public EvalMode mode() {
    return mode;
  }


  @Override
  public List<Expression> children() {
    return List.of(child);
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    return new UnaryMinus(c.get(0), abs, mode);
  }

  @Override
  protected List<Object> args() {
    return List.of(abs, mode);
  }

  @Override
  public DataType dataType() {
    return child.dataType();
  }

  @Override
  public boolean foldable() {
    return child.foldable();
  }

  @Override
  public String checkInputTypes() {
    DataType t = child.dataType();
    if (t.isNumeric() || t == DataTypes.DayTimeIntervalType || t == DataTypes.YearMonthIntervalType) {
      return null;
    }
    return (abs ? "abs" : "unary -") + " requires a numeric or interval argument, got " + t.sql();
  }

  @Override
  public String sql() {
    return abs ? "abs(" + child.sql() + ")" : "(- " + child.sql() + ")";
  }
}
