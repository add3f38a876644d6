package dev.sluice.exec.agg;

import dev.sluice.types.DataType;
import dev.sluice.types.ValueOrdering;
import dev.sluice.vector.ColumnVector;
import dev.sluice.vector.VectorBuilder;
import java.util.Arrays;

/**
 * {@code max_by(value, ordering)} / {@code min_by(value, ordering)}: per group, the value of the row
 * whose ordering is the largest (smallest); rows with a NULL ordering are skipped, the value itself
 * may be NULL, and of equal orderings the first to arrive wins. The buffer is the chosen value and
 * its ordering, so merging is updating.
 */
final class MaxMinByAccumulator implements Accumulator {
  private final DataType valueType;
  private final DataType orderingType;
  private final boolean isMax;
  private Object[] values = new Object[16];
  private Object[] orders = new Object[16];

  MaxMinByAccumulator(DataType valueType, DataType orderingType, boolean isMax) {
    this.valueType = valueType;
    this.orderingType = orderingType;
    this.isMax = isMax;
  }

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
    int c = ValueOrdering.compareValues(o, orders[g], orderingType);
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
    VectorBuilder o = VectorBuilder.create(orderingType, numGroups);
    for (int g = 0; g < numGroups; g++) {
      o.append(orders[g]);
    }
    return new ColumnVector[] {evaluate(numGroups), o.build()};
  }

  @Override
  public ColumnVector evaluate(int numGroups) {
    VectorBuilder b = VectorBuilder.create(valueType, numGroups);
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
