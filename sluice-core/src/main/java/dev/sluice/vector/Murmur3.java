package dev.sluice.vector;

import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.types.DecimalType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Spark's {@code Murmur3Hash} (Murmur3 x86 32-bit, seed 42, fields folded left to right), used to
 * assign rows to shuffle partitions. Partitioning exactly as Spark does keeps the row order of
 * unordered results (e.g. LIMIT without ORDER BY) the same as Spark's.
 */
public final class Murmur3 {
  private Murmur3() {}

  public static final int SEED = 42;
  private static final int C1 = 0xcc9e2d51;
  private static final int C2 = 0x1b873593;

  /** The hash of row i over the key vectors. */
  public static int hashRow(ColumnVector[] keys, int i) {
    int h = SEED;
    for (ColumnVector v : keys) {
      h = hash(v, i, h);
    }
    return h;
  }

  static int hash(ColumnVector v, int i, int seed) {
    if (v.isNull(i)) {
      return seed;
    }
    if (v instanceof IntVector iv) {
      return hashInt(iv.getInt(i), seed);
    }
    if (v instanceof LongVector lv) {
      return hashLong(lv.getLong(i), seed);
    }
    if (v instanceof DoubleVector dv) {
      double d = dv.getDouble(i);
      return hashLong(Double.doubleToLongBits(d == -0.0d ? 0.0d : d), seed);
    }
    if (v instanceof BooleanVector bv) {
      return hashInt(bv.getBoolean(i) ? 1 : 0, seed);
    }
    if (v instanceof StructVector sv) {
      int h = seed;
      for (int c = 0; c < sv.numChildren(); c++) {
        h = hash(sv.child(c), i, h);
      }
      return h;
    }
    return hashValue(v.get(i), v.type(), seed);
  }

  /** Hash of one non-null internal value. */
  public static int hashValue(Object o, DataType t, int seed) {
    if (o == null) {
      return seed;
    }
    if (o instanceof String s) {
      return hashString(s, seed);
    }
    if (o instanceof Integer x) {
      return hashInt(x, seed);
    }
    if (o instanceof Long x) {
      return hashLong(x, seed);
    }
    if (o instanceof Double d) {
      return hashLong(Double.doubleToLongBits(d == -0.0d ? 0.0d : d), seed);
    }
    if (o instanceof Boolean b) {
      return hashInt(b ? 1 : 0, seed);
    }
    if (o instanceof BigDecimal d) {
      int precision = t instanceof DecimalType dt ? dt.precision() : 38;
      if (precision <= 18) {
        return hashLong(d.unscaledValue().longValue(), seed);
      }
      return hashBytes(d.unscaledValue().toByteArray(), seed);
    }
    if (o instanceof byte[] b) {
      return hashBytes(b, seed);
    }
    if (o instanceof Object[] struct && t instanceof dev.sluice.types.StructType st) {
      int h = seed;
      for (int c = 0; c < struct.length; c++) {
        h = hashValue(struct[c], st.field(c).dataType(), h);
      }
      return h;
    }
    if (o instanceof List<?> list && t instanceof dev.sluice.types.ArrayType at) {
      int h = seed;
      for (Object e : list) {
        h = hashValue(e, at.elementType(), h);
      }
      return h;
    }
    return hashInt(o.hashCode(), seed);
  }

  public static int hashInt(int input, int seed) {
    int k1 = mixK1(input);
    int h1 = mixH1(seed, k1);
    return fmix(h1, 4);
  }

  public static int hashLong(long input, int seed) {
    int low = (int) input;
    int high = (int) (input >>> 32);
    int k1 = mixK1(low);
    int h1 = mixH1(seed, k1);
    k1 = mixK1(high);
    h1 = mixH1(h1, k1);
    return fmix(h1, 8);
  }

  /** Spark's hashUnsafeBytes: 4-byte little-endian words, then each remaining byte mixed alone. */
  public static int hashBytes(byte[] b, int seed) {
    int len = b.length;
    int aligned = len - len % 4;
    int h1 = seed;
    for (int i = 0; i < aligned; i += 4) {
      int word = (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16 | (b[i + 3] & 0xff) << 24;
      h1 = mixH1(h1, mixK1(word));
    }
    for (int i = aligned; i < len; i++) {
      h1 = mixH1(h1, mixK1(b[i]));
    }
    return fmix(h1, len);
  }

  /** Hash of a string's UTF-8 bytes, without allocating for ASCII strings. */
  public static int hashString(String s, int seed) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      if (s.charAt(i) >= 0x80) {
        return hashBytes(s.getBytes(StandardCharsets.UTF_8), seed);
      }
    }
    int aligned = n - n % 4;
    int h1 = seed;
    for (int i = 0; i < aligned; i += 4) {
      int word = s.charAt(i) | s.charAt(i + 1) << 8 | s.charAt(i + 2) << 16 | s.charAt(i + 3) << 24;
      h1 = mixH1(h1, mixK1(word));
    }
    for (int i = aligned; i < n; i++) {
      h1 = mixH1(h1, mixK1((byte) s.charAt(i)));
    }
    return fmix(h1, n);
  }

  private static int mixK1(int k1) {
    k1 *= C1;
    k1 = Integer.rotateLeft(k1, 15);
    k1 *= C2;
    return k1;
  }

  private static int mixH1(int h1, int k1) {
    h1 ^= k1;
    h1 = Integer.rotateLeft(h1, 13);
    h1 = h1 * 5 + 0xe6546b64;
    return h1;
  }

  private static int fmix(int h1, int length) {
    h1 ^= length;
    h1 ^= h1 >>> 16;
    h1 *= 0x85ebca6b;
    h1 ^= h1 >>> 13;
    h1 *= 0xc2b2ae35;
    h1 ^= h1 >>> 16;
    return h1;
  }

  static boolean isString(DataType t) {
    return t == DataTypes.StringType;
  }
}
