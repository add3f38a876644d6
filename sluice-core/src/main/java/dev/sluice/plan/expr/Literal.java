package dev.sluice.plan.expr;

import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.types.DecimalType;
import dev.sluice.types.Values;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** A constant internal value of a type. */
public final class Literal extends LeafExpression {
  public static final Literal TRUE = new Literal(true, DataTypes.BooleanType);
  public static final Literal FALSE = new Literal(false, DataTypes.BooleanType);
  public static final Literal NULL = new Literal(null, DataTypes.NullType);

  private final Object value;
  private final DataType dataType;

  public Literal(Object value, DataType dataType) {
    this.value = value;
    this.dataType = dataType;
  }

  /** A literal from a Java value, inferring its type like Spark's {@code lit()}. */
  public static Literal of(Object v) {
    if (v == null) {
      return NULL;
    }
    if (v instanceof Literal l) {
      return l;
    }
    if (v instanceof Integer i) {
      return new Literal(i, DataTypes.IntegerType);
    }
    if (v instanceof Long l) {
      return new Literal(l, DataTypes.LongType);
    }
    if (v instanceof Short s) {
      return new Literal((int) s, DataTypes.IntegerType);
    }
    if (v instanceof Byte b) {
      return new Literal((int) b, DataTypes.IntegerType);
    }
    if (v instanceof Double d) {
      return new Literal(d, DataTypes.DoubleType);
    }
    if (v instanceof Float f) {
      return new Literal((double) f, DataTypes.DoubleType);
    }
    if (v instanceof Boolean b) {
      return new Literal(b, DataTypes.BooleanType);
    }
    if (v instanceof String s) {
      return new Literal(s, DataTypes.StringType);
    }
    if (v instanceof BigDecimal d) {
      int scale = Math.max(d.scale(), 0);
      int precision = Math.max(d.precision() - d.scale() + scale, scale);
      precision = Math.max(precision, 1);
      BigDecimal bd = d.setScale(scale);
      return new Literal(bd, new DecimalType(Math.min(precision, 38), Math.min(scale, 38)));
    }
    if (v instanceof byte[] b) {
      return new Literal(b, DataTypes.BinaryType);
    }
    if (v instanceof LocalDate d) {
      return new Literal((int) d.toEpochDay(), DataTypes.DateType);
    }
    if (v instanceof Instant i) {
      return new Literal(Values.instantToMicros(i), DataTypes.TimestampType);
    }
    if (v instanceof java.time.Duration d) {
      return new Literal(Values.durationMicros(d), DataTypes.DayTimeIntervalType);
    }
    throw new IllegalArgumentException("Unsupported literal of class " + v.getClass().getName() + ": " + v);
  }

  public Object value() {
    return value;
  }

  @Override
  public DataType dataType() {
    return dataType;
  }

  @Override
  public boolean nullable() {
    return value == null;
  }

  @Override
  public boolean foldable() {
    return true;
  }

  @Override
  protected List<Object> args() {
    return Arrays.asList(value instanceof byte[] b ? Arrays.toString(b) : value, dataType);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Literal l) || !l.dataType.equals(dataType)) {
      return false;
    }
    if (value instanceof byte[] a && l.value instanceof byte[] b) {
      return Arrays.equals(a, b);
    }
    return Objects.equals(value, l.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value instanceof byte[] b ? Arrays.hashCode(b) : value, dataType);
  }

  @Override
  public String sql() {
    if (value == null) {
      return "NULL";
    }
    if (dataType == DataTypes.StringType) {
      return (String) value;
    }
    if (dataType == DataTypes.DateType) {
      return "DATE '" + LocalDate.ofEpochDay((Integer) value) + "'";
    }
    if (dataType == DataTypes.TimestampType) {
      return "TIMESTAMP '" + Values.microsToInstant((Long) value) + "'";
    }
    if (dataType == DataTypes.LongType) {
      return value + "L";
    }
    if (dataType == DataTypes.DayTimeIntervalType) {
      return "INTERVAL '" + java.time.Duration.of((Long) value, java.time.temporal.ChronoUnit.MICROS) + "'";
    }
    if (dataType == DataTypes.BooleanType) {
      return ((Boolean) value) ? "true" : "false";
    }
    if (value instanceof byte[] b) {
      return "X'" + java.util.HexFormat.of().formatHex(b).toUpperCase() + "'";
    }
    return String.valueOf(value);
  }
}
