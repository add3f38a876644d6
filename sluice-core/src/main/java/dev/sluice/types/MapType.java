package dev.sluice.types;

import java.util.Objects;

/** A map from keys of one type to values of another; internally a {@link java.util.Map}. */
public final class MapType extends DataType {
  private final DataType keyType;
  private final DataType valueType;
  private final boolean valueContainsNull;

  public MapType(DataType keyType, DataType valueType, boolean valueContainsNull) {
    this.keyType = Objects.requireNonNull(keyType);
    this.valueType = Objects.requireNonNull(valueType);
    this.valueContainsNull = valueContainsNull;
  }

  public DataType keyType() {
    return keyType;
  }

  public DataType valueType() {
    return valueType;
  }

  public boolean valueContainsNull() {
    return valueContainsNull;
  }

  @Override
  public String simpleString() {
    return "map<" + keyType.simpleString() + "," + valueType.simpleString() + ">";
  }

  @Override
  public String sql() {
    return "MAP<" + keyType.sql() + ", " + valueType.sql() + ">";
  }

  @Override
  public int defaultSize() {
    return (keyType.defaultSize() + valueType.defaultSize()) * 4;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MapType m && m.keyType.equals(keyType) && m.valueType.equals(valueType)
        && m.valueContainsNull == valueContainsNull;
  }

  @Override
  public int hashCode() {
    return Objects.hash(keyType, valueType, valueContainsNull);
  }
}
