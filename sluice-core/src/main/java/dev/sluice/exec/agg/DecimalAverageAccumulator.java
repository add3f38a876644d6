package dev.sluice.exec.agg;

import dev.sluice.types.DataTypes;
import dev.sluice.types.DecimalType;
import dev.sluice.vector.ColumnVector;
import dev.sluice.vector.LongVector;
import dev.sluice.vector.ObjectVector;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * {@code avg(x)} for decimal(p,s) input: an exact {@link BigDecimal} sum and a bigint count of the
 * non-NULL inputs per group. The buffer carries the sum as decimal(p+10,s) and the count; the result
 * is sum / count rounded half-up to decimal(p+4,s+4), NULL for a group without non-NULL input.
 *
 * <p>For {@code try_avg} a sum that no longer fits decimal(p+10,s) marks its group overflowed: its
 * result is NULL, and its buffer carries a NULL sum with a positive count (Spark's encoding of an
 * overflowed partial), which a merge recognises and keeps.
 */
final class DecimalAverageAccumulator implements Accumulator {
  private final DecimalType sumType;
  private final DecimalType resultType;
  private BigDecimal[] sums = new BigDecimal[16];
  private long[] counts = new long[16];
  private final boolean tryMode;
  private boolean[] overflowed = new boolean[16];

  /**
   * @param sumType the buffer's sum type, decimal(p+10,s)
   * @param resultType the result type, decimal(p+4,s+4)
   * @param tryMode whether an overflowing sum gives NULL ({@code try_avg}); otherwise it is kept
   */
  DecimalAverageAccumulator(DecimalType sumType, DecimalType resultType, boolean tryMode) {
    this.sumType = sumType;
    this.resultType = resultType;
    this.tryMode = tryMode;
  }

  private static boolean fits(BigDecimal v, DecimalType t) {
    return v.setScale(t.scale(), RoundingMode.HALF_UP).precision() <= t.precision();
  }

  private void add(int g, BigDecimal v, long count) {
    counts[g] += count;
    if (overflowed[g]) {
      return;
    }
    sums[g] = sums[g] == null ? v : sums[g].add(v);
    if (tryMode && !fits(sums[g], sumType)) {
      overflowed[g] = true;
      sums[g] = null;
    }
  }

  @Override
  public void ensureCapacity(int numGroups) {
    if (numGroups > sums.length) {
      int cap = Math.max(numGroups, sums.length * 2);
      sums = Arrays.copyOf(sums, cap);
      counts = Arrays.copyOf(counts, cap);
      overflowed = Arrays.copyOf(overflowed, cap);
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
      add(g, (BigDecimal) in.get(i), 1);
    }
  }

  @Override
  public void merge(int[] groupIds, ColumnVector[] buffers, int n) {
    ColumnVector s = buffers[0];
    LongVector c = (LongVector) buffers[1];
    for (int i = 0; i < n; i++) {
      int g = groupIds[i];
      if (g < 0) {
        continue;
      }
      if (!s.isNull(i)) {
        add(g, (BigDecimal) s.get(i), c.getLong(i));
      } else if (tryMode && c.getLong(i) > 0) {
        overflowed[g] = true;
        sums[g] = null;
        counts[g] += c.getLong(i);
      }
    }
  }

  @Override
  public ColumnVector[] buffers(int numGroups) {
    Object[] s = new Object[numGroups];
    for (int g = 0; g < numGroups; g++) {
      s[g] = sums[g] == null ? null : sums[g].setScale(sumType.scale(), RoundingMode.HALF_UP);
    }
    return new ColumnVector[] {
        ObjectVector.ofNullable(sumType, s, numGroups),
        new LongVector(DataTypes.LongType, Arrays.copyOf(counts, numGroups), numGroups, null)};
  }

  @Override
  public ColumnVector evaluate(int numGroups) {
    Object[] out = new Object[numGroups];
    for (int g = 0; g < numGroups; g++) {
      if (counts[g] > 0 && !overflowed[g]) {
        BigDecimal avg = sums[g].divide(BigDecimal.valueOf(counts[g]), resultType.scale(), RoundingMode.HALF_UP);
        out[g] = tryMode && !fits(avg, resultType) ? null : avg;
      }
    }
    return ObjectVector.ofNullable(resultType, out, numGroups);
  }

  @Override
  public long estimatedBytes() {
    return 57L * sums.length;
  }
}
