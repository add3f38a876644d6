package dev.sluice.plan.expr.agg;

import dev.sluice.plan.expr.Expression;
import dev.sluice.types.DataType;
import dev.sluice.types.ValueOrdering;
import dev.sluice.vector.ColumnVector;
import dev.sluice.vector.VectorBuilder;
import java.util.Arrays;
import java.util.List;

/** {@code max_by(value, ordering)} / {@code min_by(value, ordering)}: the value of the row with the extreme ordering. */
public final class MaxMinBy extends AggregateFunction {
  private final Expression value;
  private final Expression ordering;
  private final boolean isMax;

  public MaxMinBy(Expression value, Expression ordering, boolean isMax) {
    this.value = value;
    this.ordering = ordering;
    this.isMax = isMax;
  }

  /** The expression whose value is returned. */
  public Expression value() {
    return value;
  }

  /** The expression whose extreme picks the row. */
  public Expression ordering() {
    return ordering;
  }

  /** {@code max_by} rather than {@code min_by}. */
  public boolean isMax() {
    return isMax;
  }

  @Override
  public String name() {
    return isMax ? "max_by" : "min_by";
  }

  @Override
  public List<Expression> children() {
    return List.of(value, ordering);
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    return new MaxMinBy(c.get(0), c.get(1), isMax);
  }

  @Override
  protected List<Object> args() {
    return List.of(isMax);
  }

  @Override
  public String checkInputTypes() {
    return ValueOrdering.isOrderable(ordering.dataType()) ? null
        : name() + " requires an orderable ordering argument, but " + ordering.sql() + " is "
            + ordering.dataType().sql();
  }

  @Override
  public DataType dataType() {
    return value.dataType();
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public List<DataType> bufferTypes() {
    return List.of(value.dataType(), ordering.dataType());
  }

  @Override
  public Accumulator newAccumulator() {
    return new Acc();
  }

  final class Acc implements Accumulator {
    Object[] values = new Object[16];
    Object[] orders = new Object[16];

    @Override
    public void ensureCapacity(int numGroups) {
      if (numGroups > values.length) {
        int cap = Math.max(numGroups, values.length * 2);
        values = Arrays.copyOf(values, cap);
        orders = Arrays.copyOf(orders, cap);
      }
    }

    private void offer(int g, Object v, Object o) {
      if (o == null) {
        return;
      }
      if (orders[g] == null) {
        orders[g] = o;
        values[g] = v;
        return;
      }
      int c = ValueOrdering.compareValues(o, orders[g], ordering.dataType());
      if (isMax ? c > 0 : c < 0) {
        orders[g] = o;
        values[g] = v;
      }
    }

    @Override
    public void update(int[] groupIds, ColumnVector[] inputs, int n) {
      for (int i = 0; i < n; i++) {
        int g = groupIds[i];
        if (g >= 0) {
          offer(g, inputs[0].get(i), inputs[1].get(i));
        }
      }
    }

    @Override
    public void merge(int[] groupIds, ColumnVector[] buffers, int n) {
      update(groupIds, buffers, n);
    }

    @Override
    public ColumnVector[] buffers(int numGroups) {
      VectorBuilder o = VectorBuilder.create(ordering.dataType(), numGroups);
      for (int g = 0; g < numGroups; g++) {
        o.append(orders[g]);
      }
      return new ColumnVector[] {evaluate(numGroups), o.build()};
    }

    @Override
    public ColumnVector evaluate(int numGroups) {
      VectorBuilder b = VectorBuilder.create(value.dataType(), numGroups);
      for (int g = 0; g < numGroups; g++) {
        b.append(values[g]);
      }
      return b.build();
    }

    @Override
    public long estimatedBytes() {
      return 80L * values.length;
    }
  }
}
