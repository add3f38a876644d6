package dev.sluice.vector;

import dev.sluice.types.DataTypes;

/** A boolean column. */
public final class BooleanVector extends ColumnVector {
  private final boolean[] values;

  public BooleanVector(boolean[] values, int size, boolean[] nulls) {
    super(DataTypes.BooleanType, size, nulls);
    this.values = values;
  }

  /** Backing array; do not modify. */
  public boolean[] values() {
    return values;
  }

  public boolean getBoolean(int i) {
    return values[i];
  }

  @Override
  public Object get(int i) {
    return isNull(i) ? null : values[i];
  }

  @Override
  public ColumnVector gather(int[] indices, int n) {
    boolean[] out = new boolean[n];
    for (int k = 0; k < n; k++) {
      out[k] = values[indices[k]];
    }
    return new BooleanVector(out, n, gatherNulls(nulls, indices, n));
  }

  @Override
  public long estimatedBytes() {
    return 16L + values.length + (nulls == null ? 0 : nulls.length);
  }

  @Override
  public int hash(int i) {
    return isNull(i) ? NULL_HASH : (values[i] ? 1231 : 1237);
  }

  @Override
  public boolean rowEquals(int i, ColumnVector other, int j) {
    boolean n1 = isNull(i);
    boolean n2 = other.isNull(j);
    if (n1 || n2) {
      return n1 && n2;
    }
    return values[i] == ((BooleanVector) other).values[j];
  }
}
