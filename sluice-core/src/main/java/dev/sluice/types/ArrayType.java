package dev.sluice.types;

import java.util.Objects;

/** An array of elements of one type; internally a {@link java.util.List} of internal values. */
public final class ArrayType extends DataType {
  private final DataType elementType;
  private final boolean containsNull;

  public ArrayType(DataType elementType, boolean containsNull) {
    this.elementType = Objects.requireNonNull(elementType);
    this.containsNull = containsNull;
  }

  public DataType elementType() {
    return elementType;
  }

  public boolean containsNull() {
    return containsNull;
  }

  @Override
  public String simpleString() {
    return "array<" + elementType.simpleString() + ">";
  }

  @Override
  public String sql() {
    return "ARRAY<" + elementType.sql() + ">";
  }

  @Override
  public int defaultSize() {
    return elementType.defaultSize() * 4;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ArrayType a && a.elementType.equals(elementType) && a.containsNull == containsNull;
  }

  @Override
  public int hashCode() {
    return Objects.hash(elementType, containsNull);
  }
}
