package dev.sluice.plan.expr;

import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import java.util.List;

/**
 * {@code v IN (SELECT x ...)} or {@code (v1, v2) IN (SELECT x1, x2 ...)}: TRUE when some row equals the
 * values; otherwise NULL when a comparison was NULL (a NULL value, or a NULL in the query's rows), or
 * FALSE (an empty query gives FALSE even for a NULL value).
 */
public final class InSubquery extends SubqueryExpression {
  private final List<Expression> values;

  public InSubquery(List<Expression> values, LogicalPlan plan) {
    super(plan);
    this.values = List.copyOf(values);
  }

  public List<Expression> values() {
    return values;
  }

  @Override
  public InSubquery withPlan(LogicalPlan p) {
    return new InSubquery(values, p);
  }

  @Override
  public List<Expression> children() {
    return values;
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    return new InSubquery(c, plan);
  }

  @Override
  public DataType dataType() {
    return DataTypes.BooleanType;
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public String checkInputTypes() {
    List<dev.sluice.plan.expr.AttributeReference> out = plan.output();
    if (out.size() != values.size()) {
      return "the number of columns in the left hand side of an IN subquery does not match the number of columns "
          + "in the output of subquery: left " + values.size() + ", right " + out.size();
    }
    for (int i = 0; i < values.size(); i++) {
      if (!values.get(i).dataType().equals(out.get(i).dataType())) {
        return "the data type of " + values.get(i).sql() + " (" + values.get(i).dataType().sql()
            + ") does not match the subquery column " + out.get(i).name() + " (" + out.get(i).dataType().sql() + ")";
      }
    }
    return null;
  }

  @Override
  public String sql() {
    StringBuilder sb = new StringBuilder("(");
    if (values.size() == 1) {
      sb.append(values.get(0).sql());
    } else {
      sb.append("named_struct(");
      for (int i = 0; i < values.size(); i++) {
        sb.append(i > 0 ? ", " : "").append(values.get(i).sql()).append(", ").append(values.get(i).sql());
      }
      sb.append(')');
    }
    return sb.append(" IN (listquery").append(outerSql()).append("))").toString();
  }
}
