package dev.sluice.exec.agg;

import dev.sluice.vector.ColumnVector;
import dev.sluice.vector.DoubleVector;
import java.util.Arrays;

/**
 * {@code sum(x)} for double input: a {@code double} per group, added in arrival order (so partial
 * sums merged in another order may differ in the last bits, as in Spark). NULL inputs are skipped and
 * a group with no non-NULL input sums to NULL; the buffer is the sum itself.
 */
final class DoubleSumAccumulator implements Accumulator {
  private double[] sums = new double[16];
  private boolean[] seen = new boolean[16];

  @Override
  public void ensureCapacity(int numGroups) {
    if (numGroups > sums.length) {
      int cap = Math.max(numGroups, sums.length * 2);
      sums = Arrays.copyOf(sums, cap);
      seen = Arrays.copyOf(seen, cap);
    }
  }

  @Override
  public void update(int[] groupIds, ColumnVector[] inputs, int n) {
    if (!(inputs[0] instanceof DoubleVector in)) {
      return;
    }
    double[] v = in.values();
    for (int i = 0; i < n; i++) {
      int g = groupIds[i];
      if (g >= 0 && !in.isNull(i)) {
        sums[g] += v[i];
        seen[g] = true;
      }
    }
  }

  @Override
  public void merge(int[] groupIds, ColumnVector[] buffers, int n) {
    update(groupIds, buffers, n);
  }

  @Override
  public ColumnVector[] buffers(int numGroups) {
    return new ColumnVector[] {evaluate(numGroups)};
  }

  @Override
  public ColumnVector evaluate(int numGroups) {
    boolean[] nulls = Accumulators.nullsWhereUnseen(seen, numGroups);
    return new DoubleVector(Arrays.copyOf(sums, numGroups), numGroups, nulls);
  }

  @Override
  public long estimatedBytes() {
    return 9L * sums.length;
  }
}
