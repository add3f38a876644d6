package dev.sluice.vector;

import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.types.StructType;
import java.util.List;

/**
 * One column of a {@link ColumnBatch}: {@code size} values of one type in a typed array, plus a
 * null mask ({@code null} when the column has no nulls, the common fast case).
 *
 * <p>Vectors are immutable once built: operators never write into a vector they did not create, so
 * a vector may be shared between batches (e.g. a projection that passes a column through). The
 * backing arrays may be longer than {@code size}.
 */
public abstract class ColumnVector {
  protected final DataType type;
  protected final int size;
  /** Null mask, or null when no value is null. Length is at least {@code size}. */
  protected final boolean[] nulls;

  protected ColumnVector(DataType type, int size, boolean[] nulls) {
    this.type = type;
    this.size = size;
    this.nulls = nulls;
  }

  public final DataType type() {
    return type;
  }

  public final int size() {
    return size;
  }

  public final boolean isNull(int i) {
    return nulls != null && nulls[i];
  }

  /** The null mask, or null when no value is null. Do not modify. */
  public final boolean[] nulls() {
    return nulls;
  }

  public final boolean mayHaveNulls() {
    return nulls != null;
  }

  /** The internal value at {@code i}, boxed, or null. */
  public abstract Object get(int i);

  /** A new vector holding the rows at the given indices, in that order. */
  public abstract ColumnVector gather(int[] indices, int n);

  /** Rough heap size in bytes, for memory reports. */
  public abstract long estimatedBytes();

  public ColumnVector slice(int from, int length) {
    int[] idx = new int[length];
    for (int i = 0; i < length; i++) {
      idx[i] = from + i;
    }
    return gather(idx, length);
  }

  /** Hash of row i, consistent with {@link #rowEquals}. Null hashes to a fixed value. */
  public abstract int hash(int i);

  /** True when row i of this vector equals row j of other (same type); nulls are equal to nulls. */
  public abstract boolean rowEquals(int i, ColumnVector other, int j);

  protected static boolean[] gatherNulls(boolean[] nulls, int[] indices, int n) {
    if (nulls == null) {
      return null;
    }
    boolean[] out = new boolean[n];
    boolean any = false;
    for (int k = 0; k < n; k++) {
      boolean b = nulls[indices[k]];
      out[k] = b;
      any |= b;
    }
    return any ? out : null;
  }

  // ---------------------------------------------------------------- factories

  /** A vector of n copies of one internal value. */
  public static ColumnVector constant(DataType type, Object value, int n) {
    VectorBuilder b = VectorBuilder.create(type, n);
    for (int i = 0; i < n; i++) {
      b.append(value);
    }
    return b.build();
  }

  public static ColumnVector allNull(DataType type, int n) {
    return constant(type, null, n);
  }

  /** A vector from internal values. */
  public static ColumnVector of(DataType type, Object... values) {
    VectorBuilder b = VectorBuilder.create(type, values.length);
    for (Object v : values) {
      b.append(v);
    }
    return b.build();
  }

  public static ColumnVector of(DataType type, List<?> values) {
    VectorBuilder b = VectorBuilder.create(type, values.size());
    for (Object v : values) {
      b.append(v);
    }
    return b.build();
  }

  /** Concatenates vectors of one type. */
  public static ColumnVector concat(DataType type, List<ColumnVector> parts) {
    if (parts.size() == 1) {
      return parts.get(0);
    }
    int total = 0;
    for (ColumnVector p : parts) {
      total += p.size();
    }
    VectorBuilder b = VectorBuilder.create(type, total);
    for (ColumnVector p : parts) {
      b.appendAll(p);
    }
    return b.build();
  }

  static int mix(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }

  static int hashLong(long v) {
    return mix((int) (v ^ (v >>> 32)));
  }

  static final int NULL_HASH = 0x9e3779b9;

  static boolean isStruct(DataType t) {
    return t instanceof StructType;
  }

  static boolean isDouble(DataType t) {
    return t == DataTypes.DoubleType;
  }
}
