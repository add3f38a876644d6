package dev.sluice.types;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;

/**
 * Total orderings and equality of internal values (what {@link Row} converts to and column vectors hold), as SQL
 * sorts and compares them: NaN is the largest double, strings order by code point, binary unsigned.
 */
public final class ValueOrdering {
  private ValueOrdering() {}

  public static boolean isOrderable(DataType t) {
    if (t instanceof StructType st) {
      for (DataType f : st.types()) {
        if (!isOrderable(f)) {
          return false;
        }
      }
      return true;
    }
    if (t instanceof ArrayType a) {
      return isOrderable(a.elementType());
    }
    return !(t instanceof MapType);
  }

  public static int compareDoubles(double a, double b) {
    if (a == b) {
      return 0;
    }
    boolean na = Double.isNaN(a);
    boolean nb = Double.isNaN(b);
    if (na || nb) {
      return na && nb ? 0 : (na ? 1 : -1);
    }
    return a < b ? -1 : 1;
  }

  /** Compares two non-null internal values of the same type. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static int compareValues(Object a, Object b, DataType t) {
    if (t == DataTypes.DoubleType) {
      return compareDoubles((Double) a, (Double) b);
    }
    if (t == DataTypes.BinaryType) {
      return compareBytes((byte[]) a, (byte[]) b);
    }
    if (t instanceof StructType st) {
      Object[] x = (Object[]) a;
      Object[] y = (Object[]) b;
      for (int i = 0; i < x.length; i++) {
        int c = compareNullable(x[i], y[i], st.field(i).dataType(), true);
        if (c != 0) {
          return c;
        }
      }
      return 0;
    }
    if (t instanceof ArrayType at) {
      List<Object> x = (List<Object>) a;
      List<Object> y = (List<Object>) b;
      int n = Math.min(x.size(), y.size());
      for (int i = 0; i < n; i++) {
        int c = compareNullable(x.get(i), y.get(i), at.elementType(), true);
        if (c != 0) {
          return c;
        }
      }
      return Integer.compare(x.size(), y.size());
    }
    if (t == DataTypes.StringType) {
      return compareStrings((String) a, (String) b);
    }
    return ((Comparable) a).compareTo(b);
  }

  /** Orders strings by Unicode code point, which is the order of their UTF-8 bytes (as Spark does). */
  public static int compareStrings(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        if (Character.isSurrogate(x) || Character.isSurrogate(y)) {
          return Integer.compare(a.codePointAt(i), b.codePointAt(i));
        }
        return x - y;
      }
    }
    return a.length() - b.length();
  }

  public static int compareBytes(byte[] a, byte[] b) {
    return java.util.Arrays.compareUnsigned(a, b);
  }

  public static int compareNullable(Object a, Object b, DataType t, boolean nullsFirst) {
    if (a == null || b == null) {
      if (a == b) {
        return 0;
      }
      return (a == null) == nullsFirst ? -1 : 1;
    }
    return compareValues(a, b, t);
  }

  public static Comparator<Object> comparator(DataType t) {
    return (a, b) -> compareNullable(a, b, t, true);
  }

  /** Equality of non-null internal values used by SQL '=': NaN = NaN, decimals by value. */
  public static boolean valuesEqual(Object a, Object b, DataType t) {
    if (t == DataTypes.DoubleType) {
      return compareDoubles((Double) a, (Double) b) == 0;
    }
    if (t instanceof DecimalType) {
      return ((BigDecimal) a).compareTo((BigDecimal) b) == 0;
    }
    return compareValues(a, b, t) == 0;
  }
}
