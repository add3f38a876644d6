package dev.sluice.plan.expr;

import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.vector.BooleanVector;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;
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
  public ColumnVector eval(ColumnBatch batch) {
    BooleanVector v = (BooleanVector) child.eval(batch);
    int n = batch.numRows();
    boolean[] in = v.values();
    boolean[] out = new boolean[n];
    for (int i = 0; i < n; i++) {
      out[i] = !in[i];
    }
    return new BooleanVector(out, n, v.nulls());
  }

  @Override
  public String sql() {
    return "(NOT " + child.sql() + ")";
  }
}
