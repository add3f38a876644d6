package dev.sluice.exec.agg;

import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.ExecutionException;
import dev.sluice.plan.expr.EvalMode;
import dev.sluice.types.DataType;
import dev.sluice.vector.ColumnVector;
import dev.sluice.vector.IntVector;
import dev.sluice.vector.LongVector;
import java.util.Arrays;

/**
 * {@code sum(x)} for int, bigint and day-time interval input, summed in a {@code long} per group
 * (the result and buffer type is bigint, or the interval type). NULL inputs are skipped and a group
 * with no non-NULL input sums to NULL. On overflow ANSI mode raises {@code ARITHMETIC_OVERFLOW};
 * LEGACY and TRY wrap around as Java's {@code long} addition does. A NULL input vector of type void
 * adds nothing.
 */
final class LongSumAccumulator implements Accumulator {
  private final DataType type;
  private final EvalMode mode;
  private final String sql;
  private long[] sums = new long[16];
  private boolean[] seen = new boolean[16];

  /**
   * @param type the result type (bigint or day-time interval)
   * @param sql the aggregate as the overflow error names it, e.g. {@code sum(x)}
   */
  LongSumAccumulator(DataType type, EvalMode mode, String sql) {
    this.type = type;
    this.mode = mode;
    this.sql = sql;
  }

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
    ColumnVector in = inputs[0];
    if (in instanceof IntVector iv) {
      int[] v = iv.values();
      for (int i = 0; i < n; i++) {
        int g = groupIds[i];
        if (g >= 0 && !in.isNull(i)) {
          add(g, v[i]);
        }
      }
    } else if (in instanceof LongVector lv) {
      long[] v = lv.values();
      if (!in.mayHaveNulls()) {
        long[] s = sums;
        boolean[] sn = seen;
        for (int i = 0; i < n; i++) {
          int g = groupIds[i];
          if (g >= 0) {
            long a = s[g];
            long b = v[i];
            long r = a + b;
            if (((a ^ r) & (b ^ r)) < 0) {
              overflow(g, b);
            } else {
              s[g] = r;
            }
            sn[g] = true;
          }
        }
        return;
      }
      for (int i = 0; i < n; i++) {
        int g = groupIds[i];
        if (g >= 0 && !in.isNull(i)) {
          add(g, v[i]);
        }
      }
    }
    // NullType input: nothing to add.
  }

  private void add(int g, long b) {
    long a = sums[g];
    long r = a + b;
    if (((a ^ r) & (b ^ r)) < 0) {
      overflow(g, b);
      return;
    }
    sums[g] = r;
    seen[g] = true;
  }

  private void overflow(int g, long b) {
    if (mode == EvalMode.ANSI) {
      throw new ExecutionException(ErrorClass.ARITHMETIC_OVERFLOW, "long", sql, ErrorClass.tryInstead("add"));
    }
    sums[g] = sums[g] + b;
    seen[g] = true;
  }

  @Override
  public void merge(int[] groupIds, ColumnVector[] buffers, int n) {
    LongVector b = (LongVector) buffers[0];
    long[] v = b.values();
    for (int i = 0; i < n; i++) {
      int g = groupIds[i];
      if (g >= 0 && !b.isNull(i)) {
        add(g, v[i]);
      }
    }
  }

  @Override
  public ColumnVector[] buffers(int numGroups) {
    return new ColumnVector[] {evaluate(numGroups)};
  }

  @Override
  public ColumnVector evaluate(int numGroups) {
    boolean[] nulls = Accumulators.nullsWhereUnseen(seen, numGroups);
    return new LongVector(type, Arrays.copyOf(sums, numGroups), numGroups, nulls);
  }

  @Override
  public long estimatedBytes() {
    return 9L * sums.length;
  }
}
