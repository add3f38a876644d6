package dev.sluice.vector;

import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.types.StructType;
import java.util.Arrays;

/**
 * Appends values one at a time and builds an immutable {@link ColumnVector}. Not thread-safe; a
 * builder must not be used after {@link #build()}.
 */
public abstract class VectorBuilder {
  protected final DataType type;
  protected int size;
  protected boolean[] nulls;

  protected VectorBuilder(DataType type) {
    this.type = type;
  }

  public static VectorBuilder create(DataType type, int capacity) {
    int cap = Math.max(capacity, 4);
    return switch (DataTypes.physical(type)) {
      case BOOLEAN -> new BooleanBuilder(cap);
      case INT -> new IntBuilder(type, cap);
      case LONG -> new LongBuilder(type, cap);
      case DOUBLE -> new DoubleBuilder(cap);
      case STRUCT -> new StructBuilder((StructType) type, cap);
      case OBJECT -> new ObjectBuilder(type, cap);
    };
  }

  public final DataType type() {
    return type;
  }

  public final int size() {
    return size;
  }

  /** Appends an internal value, or null. */
  public abstract void append(Object value);

  public abstract void appendNull();

  /** Appends row {@code i} of a vector of the same type. */
  public abstract void appendFrom(ColumnVector v, int i);

  public void appendAll(ColumnVector v) {
    for (int i = 0; i < v.size(); i++) {
      appendFrom(v, i);
    }
  }

  public abstract ColumnVector build();

  protected abstract int capacity();

  protected abstract void grow(int min);

  protected final void ensure(int n) {
    if (n > capacity()) {
      grow(Math.max(n, capacity() * 2));
    }
  }

  protected final void markNull() {
    if (nulls == null) {
      nulls = new boolean[Math.max(capacity(), size + 1)];
    } else if (nulls.length <= size) {
      nulls = Arrays.copyOf(nulls, capacity());
    }
    nulls[size] = true;
  }

  protected final boolean[] finalNulls() {
    if (nulls == null) {
      return null;
    }
    return nulls.length >= size ? nulls : Arrays.copyOf(nulls, size);
  }

  static final class BooleanBuilder extends VectorBuilder {
    private boolean[] values;

    BooleanBuilder(int cap) {
      super(DataTypes.BooleanType);
      values = new boolean[cap];
    }

    public void appendBoolean(boolean b) {
      ensure(size + 1);
      values[size++] = b;
    }

    @Override
    public void append(Object value) {
      if (value == null) {
        appendNull();
      } else {
        appendBoolean((Boolean) value);
      }
    }

    @Override
    public void appendNull() {
      ensure(size + 1);
      markNull();
      size++;
    }

    @Override
    public void appendFrom(ColumnVector v, int i) {
      if (v.isNull(i)) {
        appendNull();
      } else {
        appendBoolean(((BooleanVector) v).getBoolean(i));
      }
    }

    @Override
    public ColumnVector build() {
      return new BooleanVector(values, size, finalNulls());
    }

    @Override
    protected int capacity() {
      return values.length;
    }

    @Override
    protected void grow(int min) {
      values = Arrays.copyOf(values, min);
      if (nulls != null) {
        nulls = Arrays.copyOf(nulls, min);
      }
    }
  }

  /** Builder for int-backed types. */
  public static final class IntBuilder extends VectorBuilder {
    private int[] values;

    IntBuilder(DataType type, int cap) {
      super(type);
      values = new int[cap];
    }

    public void appendInt(int v) {
      ensure(size + 1);
      values[size++] = v;
    }

    @Override
    public void append(Object value) {
      if (value == null) {
        appendNull();
      } else {
        appendInt((Integer) value);
      }
    }

    @Override
    public void appendNull() {
      ensure(size + 1);
      markNull();
      size++;
    }

    @Override
    public void appendFrom(ColumnVector v, int i) {
      if (v.isNull(i)) {
        appendNull();
      } else {
        appendInt(((IntVector) v).getInt(i));
      }
    }

    @Override
    public ColumnVector build() {
      return new IntVector(type, values, size, finalNulls());
    }

    @Override
    protected int capacity() {
      return values.length;
    }

    @Override
    protected void grow(int min) {
      values = Arrays.copyOf(values, min);
      if (nulls != null) {
        nulls = Arrays.copyOf(nulls, min);
      }
    }
  }

  /** Builder for long-backed types. */
  public static final class LongBuilder extends VectorBuilder {
    private long[] values;

    LongBuilder(DataType type, int cap) {
      super(type);
      values = new long[cap];
    }

    public void appendLong(long v) {
      ensure(size + 1);
      values[size++] = v;
    }

    @Override
    public void append(Object value) {
      if (value == null) {
        appendNull();
      } else {
        appendLong((Long) value);
      }
    }

    @Override
    public void appendNull() {
      ensure(size + 1);
      markNull();
      size++;
    }

    @Override
    public void appendFrom(ColumnVector v, int i) {
      if (v.isNull(i)) {
        appendNull();
      } else {
        appendLong(((LongVector) v).getLong(i));
      }
    }

    @Override
    public ColumnVector build() {
      return new LongVector(type, values, size, finalNulls());
    }

    @Override
    protected int capacity() {
      return values.length;
    }

    @Override
    protected void grow(int min) {
      values = Arrays.copyOf(values, min);
      if (nulls != null) {
        nulls = Arrays.copyOf(nulls, min);
      }
    }
  }

  /** Builder for doubles. */
  public static final class DoubleBuilder extends VectorBuilder {
    private double[] values;

    DoubleBuilder(int cap) {
      super(DataTypes.DoubleType);
      values = new double[cap];
    }

    public void appendDouble(double v) {
      ensure(size + 1);
      values[size++] = v;
    }

    @Override
    public void append(Object value) {
      if (value == null) {
        appendNull();
      } else {
        appendDouble((Double) value);
      }
    }

    @Override
    public void appendNull() {
      ensure(size + 1);
      markNull();
      size++;
    }

    @Override
    public void appendFrom(ColumnVector v, int i) {
      if (v.isNull(i)) {
        appendNull();
      } else {
        appendDouble(((DoubleVector) v).getDouble(i));
      }
    }

    @Override
    public ColumnVector build() {
      return new DoubleVector(values, size, finalNulls());
    }

    @Override
    protected int capacity() {
      return values.length;
    }

    @Override
    protected void grow(int min) {
      values = Arrays.copyOf(values, min);
      if (nulls != null) {
        nulls = Arrays.copyOf(nulls, min);
      }
    }
  }

  static final class ObjectBuilder extends VectorBuilder {
    private Object[] values;

    ObjectBuilder(DataType type, int cap) {
      super(type);
      values = new Object[cap];
    }

    @Override
    public void append(Object value) {
      if (value == null) {
        appendNull();
      } else {
        ensure(size + 1);
        values[size++] = value;
      }
    }

    @Override
    public void appendNull() {
      ensure(size + 1);
      markNull();
      values[size++] = null;
    }

    @Override
    public void appendFrom(ColumnVector v, int i) {
      append(v.get(i));
    }

    @Override
    public ColumnVector build() {
      return new ObjectVector(type, values, size, finalNulls());
    }

    @Override
    protected int capacity() {
      return values.length;
    }

    @Override
    protected void grow(int min) {
      values = Arrays.copyOf(values, min);
      if (nulls != null) {
        nulls = Arrays.copyOf(nulls, min);
      }
    }
  }

  static final class StructBuilder extends VectorBuilder {
    private final VectorBuilder[] children;
    private int cap;

    StructBuilder(StructType type, int cap) {
      super(type);
      this.cap = cap;
      children = new VectorBuilder[type.size()];
      for (int c = 0; c < children.length; c++) {
        children[c] = VectorBuilder.create(type.field(c).dataType(), cap);
      }
    }

    @Override
    public void append(Object value) {
      if (value == null) {
        appendNull();
        return;
      }
      Object[] fields = (Object[]) value;
      ensure(size + 1);
      for (int c = 0; c < children.length; c++) {
        children[c].append(fields[c]);
      }
      size++;
    }

    @Override
    public void appendNull() {
      ensure(size + 1);
      markNull();
      for (VectorBuilder child : children) {
        child.appendNull();
      }
      size++;
    }

    @Override
    public void appendFrom(ColumnVector v, int i) {
      if (v.isNull(i)) {
        appendNull();
        return;
      }
      StructVector sv = (StructVector) v;
      ensure(size + 1);
      for (int c = 0; c < children.length; c++) {
        children[c].appendFrom(sv.child(c), i);
      }
      size++;
    }

    @Override
    public ColumnVector build() {
      ColumnVector[] built = new ColumnVector[children.length];
      for (int c = 0; c < children.length; c++) {
        built[c] = children[c].build();
      }
      return new StructVector((StructType) type, built, size, finalNulls());
    }

    @Override
    protected int capacity() {
      return cap;
    }

    @Override
    protected void grow(int min) {
      cap = min;
      if (nulls != null) {
        nulls = Arrays.copyOf(nulls, min);
      }
    }
  }
}
