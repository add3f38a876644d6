package dev.sluice.types;

/**
 * A SQL data type. Instances are immutable; the atomic types are singletons in {@link DataTypes}.
 *
 * <p>Each type has one internal representation used by column vectors and internal rows:
 * boolean → {@code boolean}, int/date → {@code int} (dates as days since 1970-01-01),
 * bigint/timestamp/day-time interval → {@code long} (timestamps and intervals in microseconds, UTC),
 * double → {@code double}, decimal → {@link java.math.BigDecimal} with the type's scale,
 * string → {@link String}, binary → {@code byte[]}, struct → {@code Object[]},
 * array → {@link java.util.List}, map → {@link java.util.Map}.
 */
public abstract class DataType {
  DataType() {}

  /** Lower-case name as Spark prints it in schemas, e.g. {@code int}, {@code decimal(10,2)}. */
  public abstract String simpleString();

  /** Upper-case SQL spelling, e.g. {@code INT}, {@code DECIMAL(10,2)}, {@code STRUCT<a: INT>}. */
  public abstract String sql();

  /** Approximate bytes per value, used for memory estimates. */
  public abstract int defaultSize();

  public boolean isNumeric() {
    return false;
  }

  /** True for int and bigint. */
  public boolean isIntegral() {
    return false;
  }

  @Override
  public String toString() {
    return simpleString();
  }
}
