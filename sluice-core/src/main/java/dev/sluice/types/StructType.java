package dev.sluice.types;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;

/** An ordered list of named fields: the schema of a table or the type of a struct column. */
public final class StructType extends DataType implements Iterable<StructField> {
  private final StructField[] fields;

  public StructType(List<StructField> fields) {
    this.fields = fields.toArray(new StructField[0]);
  }

  public StructType(StructField... fields) {
    this.fields = fields.clone();
  }

  public static StructType of(StructField... fields) {
    return new StructType(fields);
  }

  /** Returns a new struct with one more field. */
  public StructType add(String name, DataType type) {
    return add(new StructField(name, type, true));
  }

  public StructType add(String name, DataType type, boolean nullable) {
    return add(new StructField(name, type, nullable));
  }

  public StructType add(StructField f) {
    StructField[] n = Arrays.copyOf(fields, fields.length + 1);
    n[fields.length] = f;
    return new StructType(n);
  }

  public List<StructField> fields() {
    return Collections.unmodifiableList(Arrays.asList(fields));
  }

  public StructField field(int i) {
    return fields[i];
  }

  public int size() {
    return fields.length;
  }

  public String[] fieldNames() {
    String[] names = new String[fields.length];
    for (int i = 0; i < fields.length; i++) {
      names[i] = fields[i].name();
    }
    return names;
  }

  /** Index of the field with this name (case-insensitive, as Spark resolves by default), or -1. */
  public int indexOf(String name) {
    for (int i = 0; i < fields.length; i++) {
      if (fields[i].name().equals(name)) {
        return i;
      }
    }
    for (int i = 0; i < fields.length; i++) {
      if (fields[i].name().equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  public List<DataType> types() {
    List<DataType> out = new ArrayList<>(fields.length);
    for (StructField f : fields) {
      out.add(f.dataType());
    }
    return out;
  }

  @Override
  public Iterator<StructField> iterator() {
    return fields().iterator();
  }

  @Override
  public String simpleString() {
    return Arrays.stream(fields).map(f -> f.name() + ":" + f.dataType().simpleString())
        .collect(Collectors.joining(",", "struct<", ">"));
  }

  @Override
  public String sql() {
    return Arrays.stream(fields).map(f -> f.name() + ": " + f.dataType().sql())
        .collect(Collectors.joining(", ", "STRUCT<", ">"));
  }

  /** DDL column list, e.g. {@code id INT, name STRING}. */
  public String toDDL() {
    return Arrays.stream(fields).map(f -> quoteIfNeeded(f.name()) + " " + f.dataType().sql()
        + (f.nullable() ? "" : " NOT NULL")).collect(Collectors.joining(", "));
  }

  private static String quoteIfNeeded(String name) {
    return name.matches("[A-Za-z_][A-Za-z0-9_]*") ? name : "`" + name.replace("`", "``") + "`";
  }

  /** The tree view {@code printSchema} shows. */
  public String treeString() {
    StringBuilder sb = new StringBuilder("root\n");
    appendTree(sb, this, " |-- ");
    return sb.toString();
  }

  private static void appendTree(StringBuilder sb, StructType st, String prefix) {
    for (StructField f : st.fields) {
      sb.append(prefix).append(f.name()).append(": ").append(typeLabel(f.dataType()))
          .append(" (nullable = ").append(f.nullable()).append(")\n");
      appendNested(sb, f.dataType(), prefix);
    }
  }

  private static void appendNested(StringBuilder sb, DataType t, String prefix) {
    String child = " |   " + prefix.substring(1);
    if (t instanceof StructType s) {
      appendTree(sb, s, child);
    } else if (t instanceof ArrayType a) {
      sb.append(child).append("element: ").append(typeLabel(a.elementType()))
          .append(" (containsNull = ").append(a.containsNull()).append(")\n");
      appendNested(sb, a.elementType(), child);
    } else if (t instanceof MapType m) {
      sb.append(child).append("key: ").append(typeLabel(m.keyType())).append("\n");
      sb.append(child).append("value: ").append(typeLabel(m.valueType()))
          .append(" (valueContainsNull = ").append(m.valueContainsNull()).append(")\n");
    }
  }

  private static String typeLabel(DataType t) {
    if (t instanceof StructType) {
      return "struct";
    }
    if (t instanceof ArrayType) {
      return "array";
    }
    if (t instanceof MapType) {
      return "map";
    }
    // Spark's printSchema shows typeName, which differs from the SQL short name for these two.
    if (t == DataTypes.IntegerType) {
      return "integer";
    }
    if (t == DataTypes.LongType) {
      return "long";
    }
    return t.simpleString();
  }

  @Override
  public int defaultSize() {
    int s = 0;
    for (StructField f : fields) {
      s += f.dataType().defaultSize();
    }
    return s;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StructType s && Arrays.equals(s.fields, fields);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(fields);
  }
}
