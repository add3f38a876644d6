package dev.sluice.plan.expr;

import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code CASE WHEN c1 THEN v1 ... ELSE e END} (also {@code if} and {@code when/otherwise}). Each
 * value is evaluated only on the rows its condition selects, so a branch that would fail on other
 * rows (a division by zero, a bad cast) does not.
 */
public final class CaseWhen extends Expression {
  private final List<Expression> conditions;
  private final List<Expression> values;
  private final Expression elseValue;

  public CaseWhen(List<Expression> conditions, List<Expression> values, Expression elseValue) {
    if (conditions.size() != values.size() || conditions.isEmpty()) {
      throw new IllegalArgumentException("CASE needs one value per condition and at least one branch");
    }
    this.conditions = List.copyOf(conditions);
    this.values = List.copyOf(values);
    this.elseValue = elseValue;
  }

  public List<Expression> conditions() {
    return conditions;
  }

  public List<Expression> values() {
    return values;
  }

  /** The ELSE value, or null when absent (NULL). */
  public Expression elseValue() {
    return elseValue;
  }

  public CaseWhen withElse(Expression e) {
    return new CaseWhen(conditions, values, e);
  }

  public CaseWhen addBranch(Expression cond, Expression value) {
    List<Expression> c = new ArrayList<>(conditions);
    c.add(cond);
    List<Expression> v = new ArrayList<>(values);
    v.add(value);
    return new CaseWhen(c, v, elseValue);
  }

  @Override
  public List<Expression> children() {
    List<Expression> c = new ArrayList<>();
    for (int i = 0; i < conditions.size(); i++) {
      c.add(conditions.get(i));
      c.add(values.get(i));
    }
    if (elseValue != null) {
      c.add(elseValue);
    }
    return c;
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    List<Expression> conds = new ArrayList<>();
    List<Expression> vals = new ArrayList<>();
    int pairs = conditions.size();
    for (int i = 0; i < pairs; i++) {
      conds.add(c.get(2 * i));
      vals.add(c.get(2 * i + 1));
    }
    return new CaseWhen(conds, vals, c.size() > 2 * pairs ? c.get(2 * pairs) : null);
  }

  @Override
  protected List<Object> args() {
    return List.of(elseValue != null);
  }

  @Override
  public DataType dataType() {
    for (Expression v : values) {
      DataType t = v.dataType(); // once: asking twice per level made nested CASE exponential
      if (t != DataTypes.NullType) {
        return t;
      }
    }
    return elseValue == null ? DataTypes.NullType : elseValue.dataType();
  }

  @Override
  public boolean nullable() {
    return elseValue == null || super.nullable();
  }

  @Override
  public boolean foldable() {
    return Expression.allFoldable(children());
  }

  @Override
  public String checkInputTypes() {
    for (Expression c : conditions) {
      if (c.dataType() != DataTypes.BooleanType) {
        return "WHEN conditions must be BOOLEAN, but " + c.sql() + " is " + c.dataType().sql();
      }
    }
    DataType t = dataType();
    List<Expression> all = new ArrayList<>(values);
    if (elseValue != null) {
      all.add(elseValue);
    }
    for (Expression v : all) {
      DataType vt = v.dataType();
      if (!vt.equals(t) && vt != DataTypes.NullType) {
        return "THEN and ELSE values must have one type, but got " + t.sql() + " and " + vt.sql();
      }
    }
    return null;
  }


  @Override
  public String sql() {
    StringBuilder sb = new StringBuilder("CASE");
    for (int i = 0; i < conditions.size(); i++) {
      sb.append(" WHEN ").append(conditions.get(i).sql()).append(" THEN ").append(values.get(i).sql());
    }
    if (elseValue != null) {
      sb.append(" ELSE ").append(elseValue.sql());
    }
    return sb.append(" END").toString();
  }
}
