package dev.sluice.plan.expr.agg;

import dev.sluice.plan.expr.Expression;
import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.vector.BooleanVector;
import dev.sluice.vector.ColumnVector;
import dev.sluice.vector.VectorBuilder;
import java.util.Arrays;
import java.util.List;

/**
 * {@code first(x[, ignoreNulls])} / {@code last(x[, ignoreNulls])}: the first or last value in
 * arrival order. Not deterministic across partitions, as in Spark.
 */
public final class FirstLast extends AggregateFunction {
  private final Expression child;
  private final boolean isLast;
  private final boolean ignoreNulls;

  public FirstLast(Expression child, boolean isLast, boolean ignoreNulls) {
    this.child = child;
    this.isLast = isLast;
    this.ignoreNulls = ignoreNulls;
  }

  public Expression child() {
    return child;
  }

  /** {@code last} rather than {@code first}. */
  public boolean isLast() {
    return isLast;
  }

  /** Whether NULL inputs are passed over instead of taken as a value. */
  public boolean ignoreNulls() {
    return ignoreNulls;
  }

  @Override
  public String name() {
    return isLast ? "last" : "first";
  }

  @Override
  public List<Expression> children() {
    return List.of(child);
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    return new FirstLast(c.get(0), isLast, ignoreNulls);
  }

  @Override
  protected List<Object> args() {
    return List.of(isLast, ignoreNulls);
  }

  @Override
  public boolean orderIndependent() {
    return false;
  }

  @Override
  public DataType dataType() {
    return child.dataType();
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public List<DataType> bufferTypes() {
    return List.of(child.dataType(), DataTypes.BooleanType);
  }

  @Override
  public Accumulator newAccumulator() {
    return new Acc();
  }

  final class Acc implements Accumulator {
    Object[] values = new Object[16];
    boolean[] set = new boolean[16];

    @Override
    public void ensureCapacity(int numGroups) {
      if (numGroups > values.length) {
        int cap = Math.max(numGroups, values.length * 2);
        values = Arrays.copyOf(values, cap);
        set = Arrays.copyOf(set, cap);
      }
    }

    private void offer(int g, Object v) {
      if (ignoreNulls && v == null) {
        return;
      }
      if (isLast || !set[g]) {
        values[g] = v;
        set[g] = true;
      }
    }

    @Override
    public void update(int[] groupIds, ColumnVector[] inputs, int n) {
      ColumnVector in = inputs[0];
      for (int i = 0; i < n; i++) {
        int g = groupIds[i];
        if (g >= 0) {
          offer(g, in.get(i));
        }
      }
    }

    @Override
    public void merge(int[] groupIds, ColumnVector[] buffers, int n) {
      ColumnVector v = buffers[0];
      BooleanVector s = (BooleanVector) buffers[1];
      for (int i = 0; i < n; i++) {
        int g = groupIds[i];
        if (g >= 0 && s.getBoolean(i)) {
          offer(g, v.get(i));
        }
      }
    }

    @Override
    public ColumnVector[] buffers(int numGroups) {
      return new ColumnVector[] {evaluate(numGroups), new BooleanVector(Arrays.copyOf(set, numGroups), numGroups, null)};
    }

    @Override
    public ColumnVector evaluate(int numGroups) {
      VectorBuilder b = VectorBuilder.create(child.dataType(), numGroups);
      for (int g = 0; g < numGroups; g++) {
        b.append(values[g]);
      }
      return b.build();
    }

    @Override
    public long estimatedBytes() {
      return 41L * values.length;
    }
  }
}
