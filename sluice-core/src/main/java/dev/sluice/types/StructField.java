package dev.sluice.types;

import java.util.Objects;

/** One named, typed field of a {@link StructType}. */
public final class StructField {
  private final String name;
  private final DataType dataType;
  private final boolean nullable;

  public StructField(String name, DataType dataType, boolean nullable) {
    this.name = Objects.requireNonNull(name, "name");
    this.dataType = Objects.requireNonNull(dataType, "dataType");
    this.nullable = nullable;
  }

  public StructField(String name, DataType dataType) {
    this(name, dataType, true);
  }

  public String name() {
    return name;
  }

  public DataType dataType() {
    return dataType;
  }

  public boolean nullable() {
    return nullable;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StructField f && f.name.equals(name) && f.dataType.equals(dataType) && f.nullable == nullable;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, dataType, nullable);
  }

  @Override
  public String toString() {
    return name + ": " + dataType.simpleString() + (nullable ? "" : " not null");
  }
}
