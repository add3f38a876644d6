package dev.sluice.vector;

import dev.sluice.types.DataType;

/** An int-backed column: int, date (days since epoch) and year-month interval (months). */
public final class IntVector extends ColumnVector {
  private final int[] values;

  public IntVector(DataType type, int[] values, int size, boolean[] nulls) {
    super(type, size, nulls);
    this.values = values;
  }

  /** Backing array; do not modify. */
  public int[] values() {
    return values;
  }

  public int getInt(int i) {
    return values[i];
  }

  @Override
  public Object get(int i) {
    return isNull(i) ? null : values[i];
  }

  @Override
  public ColumnVector gather(int[] indices, int n) {
    int[] out = new int[n];
    for (int k = 0; k < n; k++) {
      out[k] = values[indices[k]];
    }
    return new IntVector(type, out, n, gatherNulls(nulls, indices, n));
  }

  @Override
  public long estimatedBytes() {
    return 16L + 4L * values.length + (nulls == null ? 0 : nulls.length);
  }

  @Override
  public int hash(int i) {
    return isNull(i) ? NULL_HASH : mix(values[i]);
  }

  @Override
  public boolean rowEquals(int i, ColumnVector other, int j) {
    boolean n1 = isNull(i);
    boolean n2 = other.isNull(j);
    if (n1 || n2) {
      return n1 && n2;
    }
    return values[i] == ((IntVector) other).values[j];
  }
}
