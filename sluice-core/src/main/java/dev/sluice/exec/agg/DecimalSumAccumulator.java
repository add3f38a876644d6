package dev.sluice.exec.agg;

import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.ExecutionException;
import dev.sluice.plan.expr.EvalMode;
import dev.sluice.types.DecimalType;
import dev.sluice.vector.ColumnVector;
import dev.sluice.vector.ObjectVector;
import java.math.BigDecimal;
import java.util.Arrays;

/**
 * {@code sum(x)} for decimal(p,s) input: an exact {@link BigDecimal} per group at the result type
 * decimal(p+10,s); NULL for a group with no non-NULL input. A sum with more integer digits than the
 * result type allows raises {@code NUMERIC_VALUE_OUT_OF_RANGE} under ANSI and is kept as it is under
 * LEGACY and TRY. The buffer is the sum itself.
 */
final class DecimalSumAccumulator implements Accumulator {
  private final DecimalType type;
  private final EvalMode mode;
  private final String sql;
  private BigDecimal[] sums = new BigDecimal[16];

  /**
   * @param type the result type, decimal(p+10,s)
   * @param sql the aggregate as the out-of-range error names it, e.g. {@code sum(x)}
   */
  DecimalSumAccumulator(DecimalType type, EvalMode mode, String sql) {
    this.type = type;
    this.mode = mode;
    this.sql = sql;
  }

  @Override
  public void ensureCapacity(int numGroups) {
    if (numGroups > sums.length) {
      sums = Arrays.copyOf(sums, Math.max(numGroups, sums.length * 2));
    }
  }

  @Override
  public void update(int[] groupIds, ColumnVector[] inputs, int n) {
    ColumnVector in = inputs[0];
    if (!(in instanceof ObjectVector ov)) {
      return;
    }
    Object[] v = ov.values();
    for (int i = 0; i < n; i++) {
      int g = groupIds[i];
      if (g >= 0 && !in.isNull(i)) {
        BigDecimal b = (BigDecimal) v[i];
        BigDecimal r = sums[g] == null ? b : sums[g].add(b);
        if (r.precision() - r.scale() > type.precision() - type.scale()) {
          if (mode == EvalMode.ANSI) {
            throw new ExecutionException(ErrorClass.NUMERIC_VALUE_OUT_OF_RANGE, r.toPlainString(), type.sql(), sql);
          }
        }
        sums[g] = r.setScale(type.scale());
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
    return ObjectVector.ofNullable(type, Arrays.copyOf(sums, numGroups), numGroups);
  }

  @Override
  public long estimatedBytes() {
    return 48L * sums.length;
  }
}
