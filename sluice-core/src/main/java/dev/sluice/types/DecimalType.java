package dev.sluice.types;

import java.util.Objects;

/** Fixed-point decimal with a precision (total digits, at most 38) and a scale (digits after the point). */
public final class DecimalType extends DataType {
  public static final int MAX_PRECISION = 38;
  public static final int MAX_SCALE = 38;
  public static final DecimalType SYSTEM_DEFAULT = new DecimalType(38, 18);
  public static final DecimalType USER_DEFAULT = new DecimalType(10, 0);

  private final int precision;
  private final int scale;

  public DecimalType(int precision, int scale) {
    if (precision < 1 || precision > MAX_PRECISION) {
      throw new IllegalArgumentException("Decimal precision " + precision + " is out of range [1, 38]");
    }
    if (scale < 0 || scale > precision) {
      throw new IllegalArgumentException("Decimal scale " + scale + " must be within [0, precision " + precision + "]");
    }
    this.precision = precision;
    this.scale = scale;
  }

  public int precision() {
    return precision;
  }

  public int scale() {
    return scale;
  }

  /** Decimal type big enough to hold every value of an integral type, as Spark defines it. */
  public static DecimalType forType(DataType t) {
    if (t == DataTypes.IntegerType) {
      return new DecimalType(10, 0);
    }
    if (t == DataTypes.LongType) {
      return new DecimalType(20, 0);
    }
    if (t == DataTypes.DoubleType) {
      return new DecimalType(30, 15);
    }
    if (t instanceof DecimalType d) {
      return d;
    }
    throw new IllegalArgumentException("No decimal type for " + t);
  }

  /** Spark's rule to fit an intermediate result: keep at least 6 fractional digits when precision overflows. */
  public static DecimalType adjustPrecisionScale(int precision, int scale) {
    if (precision <= MAX_PRECISION) {
      return new DecimalType(precision, scale);
    }
    if (scale < 0) {
      return new DecimalType(MAX_PRECISION, scale);
    }
    int intDigits = precision - scale;
    int minScale = Math.min(scale, 6);
    int adjustedScale = Math.max(MAX_PRECISION - intDigits, minScale);
    return new DecimalType(MAX_PRECISION, adjustedScale);
  }

  /** Spark's rule for ANSI-off/on bounded precision, without loss adjustment. */
  public static DecimalType bounded(int precision, int scale) {
    return new DecimalType(Math.min(precision, MAX_PRECISION), Math.min(scale, MAX_SCALE));
  }

  @Override
  public String simpleString() {
    return "decimal(" + precision + "," + scale + ")";
  }

  @Override
  public String sql() {
    return "DECIMAL(" + precision + "," + scale + ")";
  }

  @Override
  public int defaultSize() {
    return precision <= 18 ? 8 : 16;
  }

  @Override
  public boolean isNumeric() {
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DecimalType d && d.precision == precision && d.scale == scale;
  }

  @Override
  public int hashCode() {
    return Objects.hash(precision, scale);
  }
}
