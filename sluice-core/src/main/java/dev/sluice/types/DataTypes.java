package dev.sluice.types;

/** The atomic type singletons and factories for parameterized types. */
public final class DataTypes {
  private DataTypes() {}

  public static final DataType NullType = new AtomicType("void", "VOID", 1, false, false);
  public static final DataType BooleanType = new AtomicType("boolean", "BOOLEAN", 1, false, false);
  public static final DataType IntegerType = new AtomicType("int", "INT", 4, true, true);
  public static final DataType LongType = new AtomicType("bigint", "BIGINT", 8, true, true);
  public static final DataType DoubleType = new AtomicType("double", "DOUBLE", 8, true, false);
  public static final DataType StringType = new AtomicType("string", "STRING", 20, false, false);
  public static final DataType BinaryType = new AtomicType("binary", "BINARY", 20, false, false);
  /** Days since 1970-01-01, stored as int. */
  public static final DataType DateType = new AtomicType("date", "DATE", 4, false, false);
  /** Microseconds since 1970-01-01T00:00:00Z, stored as long. */
  public static final DataType TimestampType = new AtomicType("timestamp", "TIMESTAMP", 8, false, false);
  /** A day-time interval in microseconds, stored as long (Spark's {@code INTERVAL DAY TO SECOND}). */
  public static final DataType DayTimeIntervalType =
      new AtomicType("interval day to second", "INTERVAL DAY TO SECOND", 8, false, false);
  /** A year-month interval in months, stored as int (Spark's {@code INTERVAL YEAR TO MONTH}). */
  public static final DataType YearMonthIntervalType =
      new AtomicType("interval year to month", "INTERVAL YEAR TO MONTH", 4, false, false);

  public static DecimalType createDecimalType(int precision, int scale) {
    return new DecimalType(precision, scale);
  }

  public static ArrayType createArrayType(DataType elementType) {
    return new ArrayType(elementType, true);
  }

  public static MapType createMapType(DataType keyType, DataType valueType) {
    return new MapType(keyType, valueType, true);
  }

  public static StructField createStructField(String name, DataType type, boolean nullable) {
    return new StructField(name, type, nullable);
  }

  /** Physical storage class of a type's values in column vectors. */
  public enum Physical { BOOLEAN, INT, LONG, DOUBLE, OBJECT, STRUCT }

  public static Physical physical(DataType t) {
    if (t == BooleanType) {
      return Physical.BOOLEAN;
    }
    if (t == IntegerType || t == DateType || t == YearMonthIntervalType) {
      return Physical.INT;
    }
    if (t == LongType || t == TimestampType || t == DayTimeIntervalType) {
      return Physical.LONG;
    }
    if (t == DoubleType) {
      return Physical.DOUBLE;
    }
    if (t instanceof StructType) {
      return Physical.STRUCT;
    }
    return Physical.OBJECT;
  }
}
