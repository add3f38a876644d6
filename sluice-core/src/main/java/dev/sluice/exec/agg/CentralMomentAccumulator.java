package dev.sluice.exec.agg;

import dev.sluice.plan.expr.agg.CentralMoment;
import dev.sluice.vector.ColumnVector;
import dev.sluice.vector.DoubleVector;
import dev.sluice.vector.IntVector;
import dev.sluice.vector.LongVector;
import java.util.Arrays;

/**
 * The variance family ({@link CentralMoment}): per group the count {@code n}, the running mean and
 * {@code m2}, the sum of squared deviations from the mean, which are also the three buffer columns.
 * A value is folded in with Welford's update (numerically stable: no sum of squares that cancels);
 * two partial states combine with Chan et al.'s pairwise formula, the same arithmetic Spark's
 * {@code CentralMomentAgg} does, so a single-partition result has Spark's digits exactly. Inputs of
 * int, bigint or double storage are read natively, anything else numeric through its double value.
 */
final class CentralMomentAccumulator implements Accumulator {
  private final CentralMoment.Kind kind;
  private double[] counts = new double[16];
  private double[] means = new double[16];
  private double[] m2s = new double[16];

  CentralMomentAccumulator(CentralMoment.Kind kind) {
    this.kind = kind;
  }

  @Override
  public void ensureCapacity(int numGroups) {
    if (numGroups > counts.length) {
      int cap = Math.max(numGroups, counts.length * 2);
      counts = Arrays.copyOf(counts, cap);
      means = Arrays.copyOf(means, cap);
      m2s = Arrays.copyOf(m2s, cap);
    }
  }

  private void add(int g, double x) {
    double n = counts[g] + 1.0;
    double delta = x - means[g];
    double deltaN = delta / n;
    means[g] += deltaN;
    m2s[g] += delta * (delta - deltaN);
    counts[g] = n;
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
      if (in instanceof DoubleVector dv) {
        v = dv.getDouble(i);
      } else if (in instanceof LongVector lv) {
        v = lv.getLong(i);
      } else if (in instanceof IntVector iv) {
        v = iv.getInt(i);
      } else if (in.get(i) instanceof Number num) {
        v = num.doubleValue();
      } else {
        continue;
      }
      add(g, v);
    }
  }

  @Override
  public void merge(int[] groupIds, ColumnVector[] buffers, int n) {
    DoubleVector cs = (DoubleVector) buffers[0];
    DoubleVector ms = (DoubleVector) buffers[1];
    DoubleVector qs = (DoubleVector) buffers[2];
    for (int i = 0; i < n; i++) {
      int g = groupIds[i];
      if (g < 0 || cs.isNull(i)) {
        continue;
      }
      double n2 = cs.getDouble(i);
      if (n2 == 0) {
        continue;
      }
      double n1 = counts[g];
      if (n1 == 0) {
        counts[g] = n2;
        means[g] = ms.getDouble(i);
        m2s[g] = qs.getDouble(i);
        continue;
      }
      double total = n1 + n2;
      double delta = ms.getDouble(i) - means[g];
      double deltaN = delta / total;
      means[g] += deltaN * n2;
      m2s[g] += qs.getDouble(i) + delta * deltaN * n1 * n2;
      counts[g] = total;
    }
  }

  @Override
  public ColumnVector[] buffers(int numGroups) {
    return new ColumnVector[] {
        new DoubleVector(Arrays.copyOf(counts, numGroups), numGroups, null),
        new DoubleVector(Arrays.copyOf(means, numGroups), numGroups, null),
        new DoubleVector(Arrays.copyOf(m2s, numGroups), numGroups, null)};
  }

  @Override
  public ColumnVector evaluate(int numGroups) {
    double[] out = new double[numGroups];
    boolean[] nulls = null;
    for (int g = 0; g < numGroups; g++) {
      double n = counts[g];
      if (n == 0 || (kind.sample() && n == 1)) {
        if (nulls == null) {
          nulls = new boolean[numGroups];
        }
        nulls[g] = true;
        continue;
      }
      double var = m2s[g] / (kind.sample() ? n - 1.0 : n);
      out[g] = kind.sqrt() ? Math.sqrt(var) : var;
    }
    return new DoubleVector(out, numGroups, nulls);
  }

  @Override
  public long estimatedBytes() {
    return 24L * counts.length;
  }
}
