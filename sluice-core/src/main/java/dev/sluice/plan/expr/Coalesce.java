package dev.sluice.plan.expr;

import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import java.util.List;

/** {@code coalesce(a, b, ...)}: the first non-NULL argument; later arguments are evaluated only where needed. */
public final class Coalesce extends Expression {
  private final List<Expression> arguments;

  public Coalesce(List<Expression> arguments) {
    this.arguments = List.copyOf(arguments);
  }

  @Override
  public List<Expression> children() {
    return arguments;
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    return new Coalesce(c);
  }

  @Override
  public DataType dataType() {
    for (Expression a : arguments) {
      DataType t = a.dataType(); // once: asking twice per level made nested coalesce exponential
      if (t != DataTypes.NullType) {
        return t;
      }
    }
    return DataTypes.NullType;
  }

  @Override
  public boolean nullable() {
    return Expression.allNullable(arguments);
  }

  @Override
  public boolean foldable() {
    return Expression.allFoldable(arguments);
  }

  @Override
  public String checkInputTypes() {
    if (arguments.isEmpty()) {
      return "coalesce requires at least one argument";
    }
    DataType t = dataType();
    for (Expression a : arguments) {
      DataType at = a.dataType();
      if (!at.equals(t) && at != DataTypes.NullType) {
        return "coalesce arguments must have one type, but got " + t.sql() + " and " + at.sql();
      }
    }
    return null;
  }


  @Override
  public String sql() {
    StringBuilder sb = new StringBuilder("coalesce(");
    for (int i = 0; i < arguments.size(); i++) {
      sb.append(i > 0 ? ", " : "").append(arguments.get(i).sql());
    }
    return sb.append(')').toString();
  }
}
