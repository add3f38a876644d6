package dev.sluice.types;

/** A type without type parameters: equality is identity of the singleton. */
public final class AtomicType extends DataType {
  private final String simple;
  private final String sql;
  private final int size;
  private final boolean numeric;
  private final boolean integral;

  AtomicType(String simple, String sql, int size, boolean numeric, boolean integral) {
    this.simple = simple;
    this.sql = sql;
    this.size = size;
    this.numeric = numeric;
    this.integral = integral;
  }

  @Override
  public String simpleString() {
    return simple;
  }

  @Override
  public String sql() {
    return sql;
  }

  @Override
  public int defaultSize() {
    return size;
  }

  @Override
  public boolean isNumeric() {
    return numeric;
  }

  @Override
  public boolean isIntegral() {
    return integral;
  }
}
