package dev.sluice.exec.agg;

import dev.sluice.types.DataType;
import dev.sluice.vector.BooleanVector;
import dev.sluice.vector.ColumnVector;
import dev.sluice.vector.VectorBuilder;
import java.util.Arrays;

/**
 * {@code first(x[, ignoreNulls])} / {@code last(x[, ignoreNulls])}: per group, the first or last
 * value in arrival order, NULLs included unless {@code ignoreNulls}. The buffer is the value and a
 * boolean "a value was taken" flag, so that merging can tell a taken NULL from an empty group;
 * merged buffers count as arriving in the order they are merged.
 */
final class FirstLastAccumulator implements Accumulator {
  private final DataType type;
  private final boolean isLast;
  private final boolean ignoreNulls;
  private Object[] values = new Object[16];
  private boolean[] set = new boolean[16];

  FirstLastAccumulator(DataType type, boolean isLast, boolean ignoreNulls) {
    this.type = type;
    this.isLast = isLast;
    this.ignoreNulls = ignoreNulls;
  }

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
    return new ColumnVector[] {
        evaluate(numGroups), new BooleanVector(Arrays.copyOf(set, numGroups), numGroups, null)};
  }

  @Override
  public ColumnVector evaluate(int numGroups) {
    VectorBuilder b = VectorBuilder.create(type, numGroups);
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
