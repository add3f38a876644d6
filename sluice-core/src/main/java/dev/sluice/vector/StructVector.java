package dev.sluice.vector;

import dev.sluice.types.StructType;

/** A struct column: one child vector per field, plus the struct's own null mask. */
public final class StructVector extends ColumnVector {
  private final ColumnVector[] children;

  public StructVector(StructType type, ColumnVector[] children, int size, boolean[] nulls) {
    super(type, size, nulls);
    this.children = children;
  }

  public ColumnVector child(int i) {
    return children[i];
  }

  public int numChildren() {
    return children.length;
  }

  /** Internal struct value: an {@code Object[]} of the children's internal values. */
  @Override
  public Object get(int i) {
    if (isNull(i)) {
      return null;
    }
    Object[] out = new Object[children.length];
    for (int c = 0; c < children.length; c++) {
      out[c] = children[c].get(i);
    }
    return out;
  }

  @Override
  public ColumnVector gather(int[] indices, int n) {
    ColumnVector[] out = new ColumnVector[children.length];
    for (int c = 0; c < children.length; c++) {
      out[c] = children[c].gather(indices, n);
    }
    return new StructVector((StructType) type, out, n, gatherNulls(nulls, indices, n));
  }

  @Override
  public long estimatedBytes() {
    long b = 16L + (nulls == null ? 0 : nulls.length);
    for (ColumnVector c : children) {
      b += c.estimatedBytes();
    }
    return b;
  }

  @Override
  public int hash(int i) {
    if (isNull(i)) {
      return NULL_HASH;
    }
    int h = 17;
    for (ColumnVector c : children) {
      h = h * 31 + c.hash(i);
    }
    return h;
  }

  @Override
  public boolean rowEquals(int i, ColumnVector other, int j) {
    boolean n1 = isNull(i);
    boolean n2 = other.isNull(j);
    if (n1 || n2) {
      return n1 && n2;
    }
    StructVector o = (StructVector) other;
    for (int c = 0; c < children.length; c++) {
      if (!children[c].rowEquals(i, o.children[c], j)) {
        return false;
      }
    }
    return true;
  }
}
