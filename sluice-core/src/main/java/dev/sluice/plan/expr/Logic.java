package dev.sluice.plan.expr;

import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.vector.BooleanVector;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;
import java.util.List;

/**
 * {@code AND} / {@code OR} with SQL three-valued logic. The right side is evaluated only on the
 * rows whose result the left side does not decide, so {@code x <> 0 AND 10 / x > 1} never divides
 * by zero, as in Spark.
 */
public final class Logic extends Expression {
  private final boolean isAnd;
  private final Expression left;
  private final Expression right;

  private Logic(boolean isAnd, Expression left, Expression right) {
    this.isAnd = isAnd;
    this.left = left;
    this.right = right;
  }

  public static Logic and(Expression l, Expression r) {
    return new Logic(true, l, r);
  }

  public static Logic or(Expression l, Expression r) {
    return new Logic(false, l, r);
  }

  public boolean isAnd() {
    return isAnd;
  }

  public Expression left() {
    return left;
  }

  public Expression right() {
    return right;
  }

  @Override
  public List<Expression> children() {
    return List.of(left, right);
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    return new Logic(isAnd, c.get(0), c.get(1));
  }

  @Override
  protected List<Object> args() {
    return List.of(isAnd);
  }

  @Override
  public DataType dataType() {
    return DataTypes.BooleanType;
  }

  @Override
  public boolean foldable() {
    return left.foldable() && right.foldable();
  }

  @Override
  public String checkInputTypes() {
    if (left.dataType() != DataTypes.BooleanType || right.dataType() != DataTypes.BooleanType) {
      return (isAnd ? "AND" : "OR") + " requires BOOLEAN operands, got " + left.dataType().sql() + " and "
          + right.dataType().sql();
    }
    return null;
  }

  @Override
  public ColumnVector eval(ColumnBatch batch) {
    int n = batch.numRows();
    BooleanVector l = (BooleanVector) left.eval(batch);
    boolean[] lv = l.values();
    int[] rows = new int[n];
    int count = 0;
    for (int i = 0; i < n; i++) {
      // AND needs the right side unless left is FALSE; OR unless left is TRUE.
      if (l.isNull(i) || lv[i] == isAnd) {
        rows[count++] = i;
      }
    }
    if (count == 0) {
      return l;
    }
    BooleanVector r = (BooleanVector) Eval.evalOnRows(right, batch, rows, count);
    boolean[] out = new boolean[n];
    boolean[] nulls = null;
    System.arraycopy(lv, 0, out, 0, n);
    for (int k = 0; k < count; k++) {
      int i = rows[k];
      boolean ln = l.isNull(i);
      boolean rn = r.isNull(k);
      boolean rb = r.getBoolean(k);
      boolean value;
      boolean isNull;
      if (isAnd) {
        if (!rn && !rb) {
          value = false;
          isNull = false;
        } else if (ln || rn) {
          value = false;
          isNull = true;
        } else {
          value = true;
          isNull = false;
        }
      } else {
        if (!rn && rb) {
          value = true;
          isNull = false;
        } else if (ln || rn) {
          value = false;
          isNull = true;
        } else {
          value = false;
          isNull = false;
        }
      }
      out[i] = value;
      if (isNull) {
        if (nulls == null) {
          nulls = new boolean[n];
        }
        nulls[i] = true;
      }
    }
    return new BooleanVector(out, n, nulls);
  }

  @Override
  public String sql() {
    return "(" + left.sql() + (isAnd ? " AND " : " OR ") + right.sql() + ")";
  }
}
