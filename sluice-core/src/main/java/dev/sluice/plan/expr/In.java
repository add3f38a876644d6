package dev.sluice.plan.expr;

import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code value IN (list)}: TRUE when some element equals the value; otherwise NULL when the value
 * or some element is NULL; otherwise FALSE.
 */
public final class In extends Expression {
  private final Expression value;
  private final List<Expression> list;

  public In(Expression value, List<Expression> list) {
    this.value = value;
    this.list = List.copyOf(list);
  }

  public Expression value() {
    return value;
  }

  public List<Expression> list() {
    return list;
  }

  @Override
  public List<Expression> children() {
    List<Expression> c = new ArrayList<>(list.size() + 1);
    c.add(value);
    c.addAll(list);
    return c;
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    return new In(c.get(0), c.subList(1, c.size()));
  }

  @Override
  public DataType dataType() {
    return DataTypes.BooleanType;
  }

  @Override
  public boolean foldable() {
    return Expression.allFoldable(children());
  }

  @Override
  public String checkInputTypes() {
    DataType t = value.dataType();
    for (Expression e : list) {
      if (!e.dataType().equals(t) && e.dataType() != DataTypes.NullType && t != DataTypes.NullType) {
        return "IN list element " + e.sql() + " has type " + e.dataType().sql() + ", but the value "
            + value.sql() + " has type " + t.sql();
      }
    }
    return null;
  }

  @Override
  public String sql() {
    StringBuilder sb = new StringBuilder("(").append(value.sql()).append(" IN (");
    for (int i = 0; i < list.size(); i++) {
      sb.append(i > 0 ? ", " : "").append(list.get(i).sql());
    }
    return sb.append("))").toString();
  }
}
