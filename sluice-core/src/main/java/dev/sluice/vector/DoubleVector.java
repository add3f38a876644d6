package dev.sluice.vector;

import dev.sluice.types.DataTypes;

/** A double column. For grouping and joins, -0.0 equals 0.0 and all NaNs are equal, as in Spark. */
public final class DoubleVector extends ColumnVector {
  private final double[] values;

  public DoubleVector(double[] values, int size, boolean[] nulls) {
    super(DataTypes.DoubleType, size, nulls);
    this.values = values;
  }

  /** Backing array; do not modify. */
  public double[] values() {
    return values;
  }

  public double getDouble(int i) {
    return values[i];
  }

  @Override
  public Object get(int i) {
    return isNull(i) ? null : values[i];
  }

  @Override
  public ColumnVector gather(int[] indices, int n) {
    double[] out = new double[n];
    for (int k = 0; k < n; k++) {
      out[k] = values[indices[k]];
    }
    return new DoubleVector(out, n, gatherNulls(nulls, indices, n));
  }

  @Override
  public long estimatedBytes() {
    return 16L + 8L * values.length + (nulls == null ? 0 : nulls.length);
  }

  /** Normalizes -0.0 to 0.0 and every NaN to one NaN, so equal groups hash equally. */
  public static long normalizedBits(double d) {
    if (d == 0.0) {
      return 0L;
    }
    if (Double.isNaN(d)) {
      return 0x7ff8000000000000L;
    }
    return Double.doubleToRawLongBits(d);
  }

  @Override
  public int hash(int i) {
    return isNull(i) ? NULL_HASH : hashLong(normalizedBits(values[i]));
  }

  @Override
  public boolean rowEquals(int i, ColumnVector other, int j) {
    boolean n1 = isNull(i);
    boolean n2 = other.isNull(j);
    if (n1 || n2) {
      return n1 && n2;
    }
    return normalizedBits(values[i]) == normalizedBits(((DoubleVector) other).values[j]);
  }
}
