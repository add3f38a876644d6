package dev.sluice.vector;

import dev.sluice.types.ValueOrdering;

/** Comparisons of vector rows; the value orderings themselves are {@link ValueOrdering}. */
public final class VectorOrdering {
  private VectorOrdering() {}

  /** Compares row i of a with row j of b; both non-null, same type. */
  public static int compareRows(ColumnVector a, int i, ColumnVector b, int j) {
    if (a instanceof LongVector x) {
      return Long.compare(x.getLong(i), ((LongVector) b).getLong(j));
    }
    if (a instanceof IntVector x) {
      return Integer.compare(x.getInt(i), ((IntVector) b).getInt(j));
    }
    if (a instanceof DoubleVector x) {
      return ValueOrdering.compareDoubles(x.getDouble(i), ((DoubleVector) b).getDouble(j));
    }
    if (a instanceof BooleanVector x) {
      return Boolean.compare(x.getBoolean(i), ((BooleanVector) b).getBoolean(j));
    }
    return ValueOrdering.compareValues(a.get(i), b.get(j), a.type());
  }
}
