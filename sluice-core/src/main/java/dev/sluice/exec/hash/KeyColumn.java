package dev.sluice.exec.hash;

import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.vector.BooleanVector;
import dev.sluice.vector.ColumnVector;
import dev.sluice.vector.DoubleVector;
import dev.sluice.vector.IntVector;
import dev.sluice.vector.LongVector;
import dev.sluice.vector.VectorBuilder;
import java.util.Arrays;

/**
 * Growable typed storage of one key column of a {@link GroupTable}: group g's key value is at index
 * g. Compares a stored key with a row of an input vector without boxing for primitive types.
 */
abstract class KeyColumn {
  protected boolean[] nulls = new boolean[16];
  protected int size;

  static KeyColumn create(DataType t) {
    return switch (DataTypes.physical(t)) {
      case LONG -> new Longs(t);
      case INT -> new Ints(t);
      case DOUBLE -> new Doubles();
      case BOOLEAN -> new Booleans();
      default -> new Objects(t);
    };
  }

  abstract void append(ColumnVector v, int row);

  abstract boolean equalsRow(int group, ColumnVector v, int row);

  abstract ColumnVector build(int n);

  abstract long estimatedBytes();

  protected void growNulls(int cap) {
    if (cap > nulls.length) {
      nulls = Arrays.copyOf(nulls, Math.max(cap, nulls.length * 2));
    }
  }

  static final class Longs extends KeyColumn {
    private final DataType type;
    long[] values = new long[16];

    Longs(DataType type) {
      this.type = type;
    }

    @Override
    void append(ColumnVector v, int row) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      growNulls(size + 1);
      if (v.isNull(row)) {
        nulls[size] = true;
      } else {
        values[size] = ((LongVector) v).getLong(row);
      }
      size++;
    }

    @Override
    boolean equalsRow(int g, ColumnVector v, int row) {
      boolean vn = v.isNull(row);
      if (nulls[g] || vn) {
        return nulls[g] && vn;
      }
      return values[g] == ((LongVector) v).getLong(row);
    }

    @Override
    ColumnVector build(int n) {
      return new LongVector(type, Arrays.copyOf(values, n), n, anyNull(n) ? Arrays.copyOf(nulls, n) : null);
    }

    @Override
    long estimatedBytes() {
      return 9L * values.length;
    }
  }

  static final class Ints extends KeyColumn {
    private final DataType type;
    int[] values = new int[16];

    Ints(DataType type) {
      this.type = type;
    }

    @Override
    void append(ColumnVector v, int row) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      growNulls(size + 1);
      if (v.isNull(row)) {
        nulls[size] = true;
      } else {
        values[size] = ((IntVector) v).getInt(row);
      }
      size++;
    }

    @Override
    boolean equalsRow(int g, ColumnVector v, int row) {
      boolean vn = v.isNull(row);
      if (nulls[g] || vn) {
        return nulls[g] && vn;
      }
      return values[g] == ((IntVector) v).getInt(row);
    }

    @Override
    ColumnVector build(int n) {
      return new IntVector(type, Arrays.copyOf(values, n), n, anyNull(n) ? Arrays.copyOf(nulls, n) : null);
    }

    @Override
    long estimatedBytes() {
      return 5L * values.length;
    }
  }

  static final class Doubles extends KeyColumn {
    double[] values = new double[16];

    @Override
    void append(ColumnVector v, int row) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      growNulls(size + 1);
      if (v.isNull(row)) {
        nulls[size] = true;
      } else {
        values[size] = ((DoubleVector) v).getDouble(row);
      }
      size++;
    }

    @Override
    boolean equalsRow(int g, ColumnVector v, int row) {
      boolean vn = v.isNull(row);
      if (nulls[g] || vn) {
        return nulls[g] && vn;
      }
      return DoubleVector.normalizedBits(values[g]) == DoubleVector.normalizedBits(((DoubleVector) v).getDouble(row));
    }

    @Override
    ColumnVector build(int n) {
      return new DoubleVector(Arrays.copyOf(values, n), n, anyNull(n) ? Arrays.copyOf(nulls, n) : null);
    }

    @Override
    long estimatedBytes() {
      return 9L * values.length;
    }
  }

  static final class Booleans extends KeyColumn {
    boolean[] values = new boolean[16];

    @Override
    void append(ColumnVector v, int row) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      growNulls(size + 1);
      if (v.isNull(row)) {
        nulls[size] = true;
      } else {
        values[size] = ((BooleanVector) v).getBoolean(row);
      }
      size++;
    }

    @Override
    boolean equalsRow(int g, ColumnVector v, int row) {
      boolean vn = v.isNull(row);
      if (nulls[g] || vn) {
        return nulls[g] && vn;
      }
      return values[g] == ((BooleanVector) v).getBoolean(row);
    }

    @Override
    ColumnVector build(int n) {
      return new BooleanVector(Arrays.copyOf(values, n), n, anyNull(n) ? Arrays.copyOf(nulls, n) : null);
    }

    @Override
    long estimatedBytes() {
      return 2L * values.length;
    }
  }

  static final class Objects extends KeyColumn {
    private final DataType type;
    Object[] values = new Object[16];

    Objects(DataType type) {
      this.type = type;
    }

    @Override
    void append(ColumnVector v, int row) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      growNulls(size + 1);
      Object o = v.get(row);
      if (o == null) {
        nulls[size] = true;
      } else {
        values[size] = o;
      }
      size++;
    }

    @Override
    boolean equalsRow(int g, ColumnVector v, int row) {
      Object o = v.get(row);
      if (nulls[g] || o == null) {
        return nulls[g] && o == null;
      }
      return ObjectVectorValues.equal(values[g], o);
    }

    @Override
    ColumnVector build(int n) {
      VectorBuilder b = VectorBuilder.create(type, n);
      for (int i = 0; i < n; i++) {
        b.append(nulls[i] ? null : values[i]);
      }
      return b.build();
    }

    @Override
    long estimatedBytes() {
      return 48L * values.length;
    }
  }

  protected boolean anyNull(int n) {
    for (int i = 0; i < n; i++) {
      if (nulls[i]) {
        return true;
      }
    }
    return false;
  }

  /** Value equality for internal object values (strings, decimals, byte arrays, structs). */
  static final class ObjectVectorValues {
    private ObjectVectorValues() {}

    static boolean equal(Object a, Object b) {
      if (a instanceof byte[] x && b instanceof byte[] y) {
        return Arrays.equals(x, y);
      }
      if (a instanceof java.math.BigDecimal x && b instanceof java.math.BigDecimal y) {
        return x.compareTo(y) == 0;
      }
      if (a instanceof Object[] x && b instanceof Object[] y) {
        return Arrays.deepEquals(x, y);
      }
      return a.equals(b);
    }
  }
}
