package dev.sluice.exec.agg;

import dev.sluice.types.DataTypes;
import dev.sluice.vector.ColumnVector;
import dev.sluice.vector.LongVector;
import java.util.Arrays;

/**
 * {@code count(*)} / {@code count(a, b, ...)}: per group, the number of rows in which every input is
 * non-NULL (every row when there are no inputs). The buffer is the bigint count itself, so merging
 * adds counts; a group with no rows counts 0, never NULL.
 */
final class CountAccumulator implements Accumulator {
  private long[] counts = new long[16];

  @Override
  public void ensureCapacity(int numGroups) {
    if (numGroups > counts.length) {
      counts = Arrays.copyOf(counts, Math.max(numGroups, counts.length * 2));
    }
  }

  @Override
  public void update(int[] groupIds, ColumnVector[] inputs, int n) {
    long[] c = counts;
    boolean anyNulls = false;
    for (ColumnVector in : inputs) {
      anyNulls |= in.mayHaveNulls();
    }
    if (!anyNulls) {
      for (int i = 0; i < n; i++) {
        int g = groupIds[i];
        if (g >= 0) {
          c[g]++;
        }
      }
      return;
    }
    outer:
    for (int i = 0; i < n; i++) {
      int g = groupIds[i];
      if (g < 0) {
        continue;
      }
      for (ColumnVector in : inputs) {
        if (in.isNull(i)) {
          continue outer;
        }
      }
      c[g]++;
    }
  }

  @Override
  public void merge(int[] groupIds, ColumnVector[] buffers, int n) {
    long[] b = ((LongVector) buffers[0]).values();
    for (int i = 0; i < n; i++) {
      int g = groupIds[i];
      if (g >= 0) {
        counts[g] += b[i];
      }
    }
  }

  @Override
  public ColumnVector[] buffers(int numGroups) {
    return new ColumnVector[] {evaluate(numGroups)};
  }

  @Override
  public ColumnVector evaluate(int numGroups) {
    return new LongVector(DataTypes.LongType, Arrays.copyOf(counts, numGroups), numGroups, null);
  }

  @Override
  public long estimatedBytes() {
    return 8L * counts.length;
  }
}
