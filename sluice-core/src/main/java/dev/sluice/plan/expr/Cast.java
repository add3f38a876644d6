package dev.sluice.plan.expr;

import dev.sluice.types.ArrayType;
import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.types.MapType;
import dev.sluice.types.StructType;
import java.util.List;

/**
 * {@code CAST(x AS type)} with Spark's conversion rules. In ANSI mode an impossible conversion of a
 * value (a malformed string, an overflow) raises an error naming the value and both types;
 * {@code try_cast} and legacy mode return NULL instead.
 */
public final class Cast extends Expression {
  private final Expression child;
  private final DataType target;
  private final EvalMode mode;

  public Cast(Expression child, DataType target, EvalMode mode) {
    this.child = child;
    this.target = target;
    this.mode = mode;
  }

  public Expression child() {
    return child;
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
    return new Cast(c.get(0), target, mode);
  }

  @Override
  protected List<Object> args() {
    return List.of(target, mode);
  }

  @Override
  public DataType dataType() {
    return target;
  }

  @Override
  public boolean foldable() {
    return child.foldable();
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public String checkInputTypes() {
    return canCast(child.dataType(), target) ? null
        : "cannot cast " + child.dataType().sql() + " to " + target.sql();
  }

  /** Whether a value of {@code from} can be cast to {@code to} at all. */
  public static boolean canCast(DataType from, DataType to) {
    if (from.equals(to) || from == DataTypes.NullType) {
      return true;
    }
    if (to == DataTypes.NullType) {
      return false; // only NULL has the NULL type, as in Spark
    }
    if (to == DataTypes.StringType) {
      return true;
    }
    if (from == DataTypes.StringType) {
      return !(to instanceof StructType || to instanceof ArrayType || to instanceof MapType);
    }
    boolean fromNum = from.isNumeric() || from == DataTypes.BooleanType;
    boolean toNum = to.isNumeric() || to == DataTypes.BooleanType;
    if (fromNum && toNum) {
      return true;
    }
    if (from == DataTypes.TimestampType) {
      return to == DataTypes.DateType || to.isNumeric();
    }
    if (from == DataTypes.DateType) {
      return to == DataTypes.TimestampType;
    }
    if (to == DataTypes.TimestampType) {
      return from.isNumeric();
    }
    if (to == DataTypes.BinaryType) {
      return from.isIntegral();
    }
    if (from instanceof ArrayType fa && to instanceof ArrayType ta) {
      return canCast(fa.elementType(), ta.elementType());
    }
    if (from instanceof MapType fm && to instanceof MapType tm) {
      return canCast(fm.keyType(), tm.keyType()) && canCast(fm.valueType(), tm.valueType());
    }
    if (from instanceof StructType fs && to instanceof StructType ts && fs.size() == ts.size()) {
      for (int i = 0; i < fs.size(); i++) {
        if (!canCast(fs.field(i).dataType(), ts.field(i).dataType())) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  @Override
  public String sql() {
    String fn = mode == EvalMode.TRY ? "try_cast" : "CAST";
    return fn + "(" + child.sql() + " AS " + target.sql() + ")";
  }
}
