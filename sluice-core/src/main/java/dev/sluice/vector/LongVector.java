package dev.sluice.vector;

import dev.sluice.types.DataType;

/** A long-backed column: bigint, timestamp (micros) and day-time interval (micros). */
public final class LongVector extends ColumnVector {
  private final long[] values;

  public LongVector(DataType type, long[] values, int size, boolean[] nulls) {
    super(type, size, nulls);
    this.values = values;
  }

  /** Backing array; do not modify. */
  public long[] values() {
    return values;
  }

  public long getLong(int i) {
    return values[i];
  }

  @Override
  public Object get(int i) {
    return isNull(i) ? null : values[i];
  }

  @Override
  public ColumnVector gather(int[] indices, int n) {
    long[] out = new long[n];
    for (int k = 0; k < n; k++) {
      out[k] = values[indices[k]];
    }
    return new LongVector(type, out, n, gatherNulls(nulls, indices, n));
  }

  @Override
  public long estimatedBytes() {
    return 16L + 8L * values.length + (nulls == null ? 0 : nulls.length);
  }

  @Override
  public int hash(int i) {
    return isNull(i) ? NULL_HASH : hashLong(values[i]);
  }

  @Override
  public boolean rowEquals(int i, ColumnVector other, int j) {
    boolean n1 = isNull(i);
    boolean n2 = other.isNull(j);
    if (n1 || n2) {
      return n1 && n2;
    }
    return values[i] == ((LongVector) other).values[j];
  }
}
