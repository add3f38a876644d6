package dev.sluice.types;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * An immutable row of external (user-facing) values: {@link Boolean}, {@link Integer}, {@link Long},
 * {@link Double}, {@link BigDecimal}, {@link String}, {@code byte[]}, {@link LocalDate} for dates,
 * {@link Instant} for timestamps, {@link java.time.Duration} for day-time intervals, {@link Row} for
 * structs, {@link List} for arrays and {@link Map} for maps. {@code null} is SQL NULL.
 *
 * <p>A row may carry a schema (rows returned by queries always do), which enables access by field name.
 * Thread-safe (immutable).
 */
public final class Row {
  private final Object[] values;
  private final StructType schema;

  private Row(Object[] values, StructType schema) {
    this.values = values;
    this.schema = schema;
  }

  /** A row without schema, from values in column order. */
  public static Row of(Object... values) {
    return new Row(values.clone(), null);
  }

  /** A row with a schema; the values must match the schema's field count. */
  public static Row withSchema(StructType schema, Object... values) {
    if (schema != null && schema.size() != values.length) {
      throw new IllegalArgumentException("Row has " + values.length + " values but the schema has "
          + schema.size() + " fields: " + schema.simpleString());
    }
    return new Row(values.clone(), schema);
  }

  /** Wraps without copying; the caller must not modify the array afterwards. */
  static Row wrap(Object[] values, StructType schema) {
    return new Row(values, schema);
  }

  public int size() {
    return values.length;
  }

  public int length() {
    return values.length;
  }

  /** The schema, or null for a row built with {@link #of}. */
  public StructType schema() {
    return schema;
  }

  public Object get(int i) {
    return values[i];
  }

  public boolean isNullAt(int i) {
    return values[i] == null;
  }

  public int fieldIndex(String name) {
    if (schema == null) {
      throw new IllegalStateException("This row has no schema, so field '" + name + "' cannot be looked up by name");
    }
    int i = schema.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("No field '" + name + "' in " + schema.simpleString());
    }
    return i;
  }

  public Object get(String name) {
    return values[fieldIndex(name)];
  }

  @SuppressWarnings("unchecked")
  public <T> T getAs(int i) {
    return (T) values[i];
  }

  @SuppressWarnings("unchecked")
  public <T> T getAs(String name) {
    return (T) values[fieldIndex(name)];
  }

  public boolean getBoolean(int i) {
    return (Boolean) nonNull(i);
  }

  public int getInt(int i) {
    return ((Number) nonNull(i)).intValue();
  }

  public long getLong(int i) {
    return ((Number) nonNull(i)).longValue();
  }

  public double getDouble(int i) {
    return ((Number) nonNull(i)).doubleValue();
  }

  public String getString(int i) {
    return (String) values[i];
  }

  public BigDecimal getDecimal(int i) {
    return (BigDecimal) values[i];
  }

  public LocalDate getDate(int i) {
    return (LocalDate) values[i];
  }

  public Instant getTimestamp(int i) {
    return (Instant) values[i];
  }

  public Row getStruct(int i) {
    return (Row) values[i];
  }

  @SuppressWarnings("unchecked")
  public <T> List<T> getList(int i) {
    return (List<T>) values[i];
  }

  @SuppressWarnings("unchecked")
  public <K, V> Map<K, V> getMap(int i) {
    return (Map<K, V>) values[i];
  }

  private Object nonNull(int i) {
    Object v = values[i];
    if (v == null) {
      throw new NullPointerException("Value at index " + i
          + (schema != null ? " (" + schema.field(i).name() + ")" : "") + " is null; check isNullAt first");
    }
    return v;
  }

  /** A copy of the values. */
  public Object[] toArray() {
    return values.clone();
  }

  /** Equality ignores the schema and compares values, with byte arrays compared by content. */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Row r) || r.values.length != values.length) {
      return false;
    }
    for (int i = 0; i < values.length; i++) {
      if (!valueEquals(values[i], r.values[i])) {
        return false;
      }
    }
    return true;
  }

  static boolean valueEquals(Object a, Object b) {
    if (a instanceof byte[] x && b instanceof byte[] y) {
      return Arrays.equals(x, y);
    }
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.compareTo(y) == 0;
    }
    if (a instanceof Double x && b instanceof Double y) {
      return x.equals(y) || (x == 0.0 && y == 0.0);
    }
    return Objects.equals(a, b);
  }

  @Override
  public int hashCode() {
    int h = 1;
    for (Object v : values) {
      int vh;
      if (v instanceof byte[] b) {
        vh = Arrays.hashCode(b);
      } else if (v instanceof BigDecimal d) {
        vh = d.stripTrailingZeros().hashCode();
      } else if (v instanceof Double d && d == 0.0) {
        vh = 0;
      } else {
        vh = Objects.hashCode(v);
      }
      h = 31 * h + vh;
    }
    return h;
  }

  /** {@code [a,1,null]}, as Spark prints rows. */
  @Override
  public String toString() {
    return Arrays.stream(values).map(Row::show).collect(Collectors.joining(",", "[", "]"));
  }

  private static String show(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof byte[] b) {
      return Arrays.toString(b);
    }
    return v.toString();
  }
}
