package dev.sluice.exec.agg;

import dev.sluice.types.DataTypes;
import dev.sluice.vector.ColumnVector;
import dev.sluice.vector.DoubleVector;
import dev.sluice.vector.IntVector;
import dev.sluice.vector.LongVector;
import java.util.Arrays;

/**
 * {@code avg(x)} for int, bigint and double input: a {@code double} sum and a bigint count of the
 * non-NULL inputs per group, which are also the two buffer columns; the result is sum / count as a
 * double, NULL for a group without non-NULL input. Inputs of any other storage (void) are skipped.
 */
final class DoubleAverageAccumulator implements Accumulator {
  private double[] sums = new double[16];
  private long[] counts = new long[16];

  @Override
  public void ensureCapacity(int numGroups) {
    if (numGroups > sums.length) {
      int cap = Math.max(numGroups, sums.length * 2);
      sums = Arrays.copyOf(sums, cap);
      counts = Arrays.copyOf(counts, cap);
    }
  }

  @Override
  public void update(int[] groupIds, ColumnVector[] inputs, int n) {
    ColumnVector in = inputs[0];
    for (int i = 0; i < n; i++) {
      int g = groupIds[i];
      if (g < 0 || in.isNull(i)) {
        continue;
      }
      double v;
      if (in instanceof IntVector iv) {
        v = iv.getInt(i);
      } else if (in instanceof LongVector lv) {
        v = lv.getLong(i);
      } else if (in instanceof DoubleVector dv) {
        v = dv.getDouble(i);
      } else {
        continue;
      }
      sums[g] += v;
      counts[g]++;
    }
  }

  @Override
  public void merge(int[] groupIds, ColumnVector[] buffers, int n) {
    DoubleVector s = (DoubleVector) buffers[0];
    LongVector c = (LongVector) buffers[1];
    for (int i = 0; i < n; i++) {
      int g = groupIds[i];
      if (g >= 0 && !s.isNull(i)) {
        sums[g] += s.getDouble(i);
        counts[g] += c.getLong(i);
      }
    }
  }

  @Override
  public ColumnVector[] buffers(int numGroups) {
    return new ColumnVector[] {
        new DoubleVector(Arrays.copyOf(sums, numGroups), numGroups, null),
        new LongVector(DataTypes.LongType, Arrays.copyOf(counts, numGroups), numGroups, null)};
  }

  @Override
  public ColumnVector evaluate(int numGroups) {
    double[] out = new double[numGroups];
    boolean[] nulls = null;
    for (int g = 0; g < numGroups; g++) {
      if (counts[g] == 0) {
        if (nulls == null) {
          nulls = new boolean[numGroups];
        }
        nulls[g] = true;
      } else {
        out[g] = sums[g] / counts[g];
      }
    }
    return new DoubleVector(out, numGroups, nulls);
  }

  @Override
  public long estimatedBytes() {
    return 16L * sums.length;
  }
}
