package dev.sluice.plan.expr;

import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;
import java.util.ArrayList;
import java.util.Arrays;
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
      if (a.dataType() != DataTypes.NullType) {
        return a.dataType();
      }
    }
    return DataTypes.NullType;
  }

  @Override
  public boolean nullable() {
    return arguments.stream().allMatch(Expression::nullable);
  }

  @Override
  public boolean foldable() {
    return arguments.stream().allMatch(Expression::foldable);
  }

  @Override
  public String checkInputTypes() {
    if (arguments.isEmpty()) {
      return "coalesce requires at least one argument";
    }
    DataType t = dataType();
    for (Expression a : arguments) {
      if (!a.dataType().equals(t) && a.dataType() != DataTypes.NullType) {
        return "coalesce arguments must have one type, but got " + t.sql() + " and " + a.dataType().sql();
      }
    }
    return null;
  }

  @Override
  public ColumnVector eval(ColumnBatch batch) {
    int n = batch.numRows();
    int[] src = new int[n];
    int[] pos = new int[n];
    Arrays.fill(src, -1);
    List<ColumnVector> parts = new ArrayList<>();
    int[] remaining = new int[n];
    for (int i = 0; i < n; i++) {
      remaining[i] = i;
    }
    int count = n;
    for (Expression a : arguments) {
      if (count == 0) {
        break;
      }
      if (a.dataType() == DataTypes.NullType) {
        continue;
      }
      ColumnVector v = Eval.evalOnRows(a, batch, remaining, count);
      if (count == n && !v.mayHaveNulls()) {
        return v;
      }
      int p = parts.size();
      parts.add(v);
      int[] rest = new int[count];
      int restCount = 0;
      for (int k = 0; k < count; k++) {
        if (v.isNull(k)) {
          rest[restCount++] = remaining[k];
        } else {
          src[remaining[k]] = p;
          pos[remaining[k]] = k;
        }
      }
      remaining = rest;
      count = restCount;
    }
    return Eval.assemble(dataType(), n, parts, src, pos);
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
