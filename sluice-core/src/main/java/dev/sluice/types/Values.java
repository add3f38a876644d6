package dev.sluice.types;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Conversions between external values (what {@link Row} holds) and internal values (what column
 * vectors hold), and a few helpers on internal time values.
 */
public final class Values {
  private Values() {}

  public static final long MICROS_PER_SECOND = 1_000_000L;
  public static final long MICROS_PER_DAY = 86_400L * MICROS_PER_SECOND;

  /** Converts an external value to the internal representation of {@code type}. */
  public static Object toInternal(Object v, DataType type) {
    if (v == null) {
      return null;
    }
    try {
      if (type == DataTypes.IntegerType) {
        return toIntExact(v);
      }
      if (type == DataTypes.LongType) {
        return ((Number) v).longValue();
      }
      if (type == DataTypes.DoubleType) {
        return ((Number) v).doubleValue();
      }
      if (type == DataTypes.BooleanType) {
        return (Boolean) v;
      }
      if (type == DataTypes.StringType) {
        return (String) v;
      }
      if (type == DataTypes.BinaryType) {
        return (byte[]) v;
      }
      if (type instanceof DecimalType d) {
        BigDecimal bd = v instanceof BigDecimal b ? b : new BigDecimal(v.toString());
        return bd.setScale(d.scale(), RoundingMode.HALF_UP);
      }
      if (type == DataTypes.DateType) {
        if (v instanceof LocalDate ld) {
          return (int) ld.toEpochDay();
        }
        if (v instanceof java.sql.Date sd) {
          return (int) sd.toLocalDate().toEpochDay();
        }
        if (v instanceof Integer i) {
          return i;
        }
      }
      if (type == DataTypes.TimestampType) {
        if (v instanceof Instant in) {
          return instantToMicros(in);
        }
        if (v instanceof java.sql.Timestamp ts) {
          return instantToMicros(ts.toInstant());
        }
        if (v instanceof LocalDateTime ldt) {
          return instantToMicros(ldt.toInstant(ZoneOffset.UTC));
        }
        if (v instanceof OffsetDateTime odt) {
          return instantToMicros(odt.toInstant());
        }
        if (v instanceof Long l) {
          return l;
        }
      }
      if (type == DataTypes.DayTimeIntervalType) {
        if (v instanceof Duration d) {
          return durationMicros(d);
        }
        if (v instanceof Long l) {
          return l;
        }
      }
      if (type == DataTypes.YearMonthIntervalType) {
        if (v instanceof Period p) {
          return (int) p.toTotalMonths();
        }
        if (v instanceof Integer i) {
          return i;
        }
      }
      if (type instanceof StructType st) {
        Object[] out = new Object[st.size()];
        if (v instanceof Row r) {
          for (int i = 0; i < out.length; i++) {
            out[i] = toInternal(r.get(i), st.field(i).dataType());
          }
          return out;
        }
      }
      if (type instanceof ArrayType at && v instanceof List<?> list) {
        List<Object> out = new ArrayList<>(list.size());
        for (Object e : list) {
          out.add(toInternal(e, at.elementType()));
        }
        return out;
      }
      if (type instanceof MapType mt && v instanceof Map<?, ?> map) {
        Map<Object, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
          out.put(toInternal(e.getKey(), mt.keyType()), toInternal(e.getValue(), mt.valueType()));
        }
        return out;
      }
    } catch (ClassCastException e) {
      // fall through to the error below
    }
    throw new IllegalArgumentException("A value of class " + v.getClass().getSimpleName() + " (" + v
        + ") cannot be stored in a column of type " + type.simpleString()
        + "; expected " + externalClassName(type));
  }

  private static Integer toIntExact(Object v) {
    if (v instanceof Integer i) {
      return i;
    }
    long l = ((Number) v).longValue();
    if (l != (int) l) {
      throw new IllegalArgumentException("Value " + v + " does not fit in an int column");
    }
    return (int) l;
  }

  public static String externalClassName(DataType type) {
    if (type == DataTypes.IntegerType) {
      return "Integer";
    }
    if (type == DataTypes.LongType) {
      return "Long";
    }
    if (type == DataTypes.DoubleType) {
      return "Double";
    }
    if (type == DataTypes.BooleanType) {
      return "Boolean";
    }
    if (type == DataTypes.StringType) {
      return "String";
    }
    if (type == DataTypes.BinaryType) {
      return "byte[]";
    }
    if (type == DataTypes.DateType) {
      return "LocalDate";
    }
    if (type == DataTypes.TimestampType) {
      return "Instant";
    }
    if (type == DataTypes.DayTimeIntervalType) {
      return "Duration";
    }
    if (type == DataTypes.YearMonthIntervalType) {
      return "Period";
    }
    if (type instanceof DecimalType) {
      return "BigDecimal";
    }
    if (type instanceof StructType) {
      return "Row";
    }
    if (type instanceof ArrayType) {
      return "List";
    }
    if (type instanceof MapType) {
      return "Map";
    }
    return "null";
  }

  /** Converts an internal value of {@code type} to its external form. */
  public static Object toExternal(Object v, DataType type) {
    if (v == null) {
      return null;
    }
    if (type == DataTypes.DateType) {
      return LocalDate.ofEpochDay((Integer) v);
    }
    if (type == DataTypes.TimestampType) {
      return microsToInstant((Long) v);
    }
    if (type == DataTypes.DayTimeIntervalType) {
      return Duration.of((Long) v, ChronoUnit.MICROS);
    }
    if (type == DataTypes.YearMonthIntervalType) {
      int m = (Integer) v;
      return Period.ofMonths(m).normalized();
    }
    if (type instanceof StructType st) {
      Object[] in = (Object[]) v;
      Object[] out = new Object[in.length];
      for (int i = 0; i < in.length; i++) {
        out[i] = toExternal(in[i], st.field(i).dataType());
      }
      return Row.wrap(out, st);
    }
    if (type instanceof ArrayType at) {
      List<?> in = (List<?>) v;
      List<Object> out = new ArrayList<>(in.size());
      for (Object e : in) {
        out.add(toExternal(e, at.elementType()));
      }
      return out;
    }
    if (type instanceof MapType mt) {
      Map<?, ?> in = (Map<?, ?>) v;
      Map<Object, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : in.entrySet()) {
        out.put(toExternal(e.getKey(), mt.keyType()), toExternal(e.getValue(), mt.valueType()));
      }
      return out;
    }
    return v;
  }

  /** Builds an external row from internal values. */
  public static Row externalRow(Object[] internal, StructType schema) {
    Object[] out = new Object[internal.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = toExternal(internal[i], schema.field(i).dataType());
    }
    return Row.wrap(out, schema);
  }

  /** Internal values of an external row, checked against the schema. */
  public static Object[] internalRow(Row row, StructType schema) {
    if (row.size() != schema.size()) {
      throw new IllegalArgumentException("Row " + row + " has " + row.size() + " values but the schema has "
          + schema.size() + " columns (" + schema.toDDL() + ")");
    }
    Object[] out = new Object[row.size()];
    for (int i = 0; i < out.length; i++) {
      try {
        out[i] = toInternal(row.get(i), schema.field(i).dataType());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Column '" + schema.field(i).name() + "' of row " + row + ": "
            + e.getMessage(), e);
      }
    }
    return out;
  }

  public static long instantToMicros(Instant in) {
    return Math.addExact(Math.multiplyExact(in.getEpochSecond(), MICROS_PER_SECOND), in.getNano() / 1000);
  }

  public static Instant microsToInstant(long micros) {
    long secs = Math.floorDiv(micros, MICROS_PER_SECOND);
    long mic = Math.floorMod(micros, MICROS_PER_SECOND);
    return Instant.ofEpochSecond(secs, mic * 1000);
  }

  /**
   * The microseconds of a duration. {@code Duration.toNanos} overflows beyond 292 years, well inside the
   * range of a DAY TO SECOND interval (about 292,000 years of microseconds).
   */
  public static long durationMicros(Duration d) {
    return Math.addExact(Math.multiplyExact(d.getSeconds(), 1_000_000L), d.getNano() / 1000);
  }
}
