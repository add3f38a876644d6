package dev.sluice.vector;

import dev.sluice.types.DataType;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A column of object values: string ({@link String}), binary ({@code byte[]}), decimal
 * ({@link BigDecimal}), array ({@link List}) and map ({@link Map}). A null element is SQL NULL; the
 * null mask, when present, agrees with the null elements.
 */
public final class ObjectVector extends ColumnVector {
  private final Object[] values;

  public ObjectVector(DataType type, Object[] values, int size, boolean[] nulls) {
    super(type, size, nulls);
    this.values = values;
  }

  /** Builds from values where null elements are SQL NULL, deriving the null mask. */
  public static ObjectVector ofNullable(DataType type, Object[] values, int size) {
    boolean[] nulls = null;
    for (int i = 0; i < size; i++) {
      if (values[i] == null) {
        if (nulls == null) {
          nulls = new boolean[size];
        }
        nulls[i] = true;
      }
    }
    return new ObjectVector(type, values, size, nulls);
  }

  /** Backing array; do not modify. Null elements are SQL NULL. */
  public Object[] values() {
    return values;
  }

  @Override
  public Object get(int i) {
    return isNull(i) ? null : values[i];
  }

  public String getString(int i) {
    return (String) get(i);
  }

  @Override
  public ColumnVector gather(int[] indices, int n) {
    Object[] out = new Object[n];
    for (int k = 0; k < n; k++) {
      out[k] = values[indices[k]];
    }
    return new ObjectVector(type, out, n, gatherNulls(nulls, indices, n));
  }

  @Override
  public long estimatedBytes() {
    long b = 16L + 8L * values.length + (nulls == null ? 0 : nulls.length);
    int sample = Math.min(size, 16);
    if (sample > 0) {
      long s = 0;
      for (int i = 0; i < sample; i++) {
        s += objectBytes(values[i]);
      }
      b += s * size / sample;
    }
    return b;
  }

  static long objectBytes(Object o) {
    if (o == null) {
      return 0;
    }
    if (o instanceof String s) {
      return 40L + s.length();
    }
    if (o instanceof byte[] a) {
      return 16L + a.length;
    }
    if (o instanceof BigDecimal) {
      return 40L;
    }
    return 64L;
  }

  @Override
  public int hash(int i) {
    Object v = get(i);
    if (v == null) {
      return NULL_HASH;
    }
    return mix(valueHash(v));
  }

  static int valueHash(Object v) {
    if (v instanceof byte[] a) {
      return Arrays.hashCode(a);
    }
    if (v instanceof BigDecimal d) {
      return d.unscaledValue().hashCode() * 31 + d.scale();
    }
    if (v instanceof Object[] arr) {
      return Arrays.deepHashCode(arr);
    }
    return v.hashCode();
  }

  @Override
  public boolean rowEquals(int i, ColumnVector other, int j) {
    Object a = get(i);
    Object b = other.get(j);
    if (a == null || b == null) {
      return a == null && b == null;
    }
    return valueEquals(a, b);
  }

  static boolean valueEquals(Object a, Object b) {
    if (a instanceof byte[] x && b instanceof byte[] y) {
      return Arrays.equals(x, y);
    }
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.compareTo(y) == 0;
    }
    if (a instanceof Object[] x && b instanceof Object[] y) {
      return Arrays.deepEquals(x, y);
    }
    return a.equals(b);
  }
}
