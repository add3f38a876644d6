package dev.sluice.exec.agg;

import dev.sluice.plan.expr.agg.BitAggregate;
import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.vector.ColumnVector;
import dev.sluice.vector.IntVector;
import dev.sluice.vector.LongVector;
import java.util.Arrays;

/**
 * {@code bit_and} / {@code bit_or} / {@code bit_xor} over int or bigint values: the running
 * combination per group in a {@code long} (an int's bits sign-extended, which AND, OR and XOR keep
 * within the int's range) and whether the group has a non-NULL value yet; NULL for a group without
 * one. The buffer is the running value in the input's type, so merging is updating.
 */
final class BitAccumulator implements Accumulator {
  private final DataType type;
  private final BitAggregate.Op op;
  private long[] values = new long[16];
  private boolean[] seen = new boolean[16];

  BitAccumulator(DataType type, BitAggregate.Op op) {
    this.type = type;
    this.op = op;
  }

  @Override
  public void ensureCapacity(int numGroups) {
    if (numGroups > seen.length) {
      int cap = Math.max(numGroups, seen.length * 2);
      values = Arrays.copyOf(values, cap);
      seen = Arrays.copyOf(seen, cap);
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
      long v;
      if (in instanceof LongVector lv) {
        v = lv.getLong(i);
      } else if (in instanceof IntVector iv) {
        v = iv.getInt(i);
      } else {
        continue;
      }
      values[g] = seen[g] ? op.apply(values[g], v) : v;
      seen[g] = true;
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
    if (DataTypes.physical(type) == DataTypes.Physical.INT) {
      int[] out = new int[numGroups];
      for (int g = 0; g < numGroups; g++) {
        out[g] = (int) values[g];
      }
      return new IntVector(type, out, numGroups, nulls);
    }
    return new LongVector(type, Arrays.copyOf(values, numGroups), numGroups, nulls);
  }

  @Override
  public long estimatedBytes() {
    return 9L * seen.length;
  }
}
