package dev.sluice.types;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The text of internal values as Spark's cast to string writes it (also what tables and files print). */
public final class ValueFormat {
  private ValueFormat() {}

  /** The string form Spark gives a value when casting it to STRING. */
  public static String toStringValue(Object v, DataType from) {
    if (v == null) {
      return null;
    }
    if (from == DataTypes.StringType) {
      return (String) v;
    }
    if (from == DataTypes.DateType) {
      return DateTimeUtil.formatDate((Integer) v);
    }
    if (from == DataTypes.TimestampType) {
      return DateTimeUtil.formatTimestamp((Long) v);
    }
    if (from instanceof DecimalType) {
      return ((BigDecimal) v).toPlainString();
    }
    if (from == DataTypes.DoubleType) {
      return doubleToString((Double) v);
    }
    if (from == DataTypes.BinaryType) {
      return new String((byte[]) v, StandardCharsets.UTF_8);
    }
    if (from == DataTypes.DayTimeIntervalType) {
      return "INTERVAL '" + dayTime((Long) v, false) + "' DAY TO SECOND";
    }
    if (from == DataTypes.YearMonthIntervalType) {
      return "INTERVAL '" + yearMonth((Integer) v) + "' YEAR TO MONTH";
    }
    if (from instanceof StructType st) {
      Object[] a = (Object[]) v;
      StringBuilder sb = new StringBuilder("{");
      for (int i = 0; i < a.length; i++) {
        sb.append(i > 0 ? ", " : "").append(a[i] == null ? "null" : toStringValue(a[i], st.field(i).dataType()));
      }
      return sb.append('}').toString();
    }
    if (from instanceof ArrayType at) {
      StringBuilder sb = new StringBuilder("[");
      int i = 0;
      for (Object e : (List<?>) v) {
        sb.append(i++ > 0 ? ", " : "").append(e == null ? "null" : toStringValue(e, at.elementType()));
      }
      return sb.append(']').toString();
    }
    if (from instanceof MapType mt) {
      StringBuilder sb = new StringBuilder("{");
      int i = 0;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        sb.append(i++ > 0 ? ", " : "").append(toStringValue(e.getKey(), mt.keyType())).append(" -> ")
            .append(e.getValue() == null ? "null" : toStringValue(e.getValue(), mt.valueType()));
      }
      return sb.append('}').toString();
    }
    return v.toString();
  }

  /**
   * A value as Spark prints query results in its SQL shell, its SQL test golden files and its
   * function examples (Spark's "hive result" form): NULL as {@code NULL} at the top and {@code null}
   * inside, strings quoted only inside collections, arrays as {@code [1,2]}, maps as
   * {@code {"k":1}} with entries sorted by their text, structs as {@code {"field":value}}.
   */
  public static String toHiveString(Object v, DataType type) {
    return hive(v, type, false);
  }

  private static String hive(Object v, DataType type, boolean nested) {
    if (v == null) {
      return nested ? "null" : "NULL";
    }
    if (type == DataTypes.StringType) {
      return nested ? "\"" + v + "\"" : (String) v;
    }
    if (type instanceof ArrayType at) {
      StringBuilder sb = new StringBuilder("[");
      int i = 0;
      for (Object e : (List<?>) v) {
        sb.append(i++ > 0 ? "," : "").append(hive(e, at.elementType(), true));
      }
      return sb.append(']').toString();
    }
    if (type instanceof MapType mt) {
      List<String> entries = new java.util.ArrayList<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        entries.add(hive(e.getKey(), mt.keyType(), true) + ":" + hive(e.getValue(), mt.valueType(), true));
      }
      java.util.Collections.sort(entries);
      return "{" + String.join(",", entries) + "}";
    }
    if (type instanceof StructType st) {
      Object[] a = (Object[]) v;
      StringBuilder sb = new StringBuilder("{");
      for (int i = 0; i < a.length; i++) {
        sb.append(i > 0 ? "," : "").append('"').append(st.field(i).name()).append("\":")
            .append(hive(a[i], st.field(i).dataType(), true));
      }
      return sb.append('}').toString();
    }
    if (type == DataTypes.DayTimeIntervalType) {
      return dayTime((Long) v, true);
    }
    if (type == DataTypes.YearMonthIntervalType) {
      return yearMonth((Integer) v);
    }
    return toStringValue(v, type);
  }

  /** {@code [-]y-m}, the body of a YEAR TO MONTH interval's text. */
  private static String yearMonth(int months) {
    String sign = months < 0 ? "-" : "";
    long abs = Math.abs((long) months);
    return sign + abs / 12 + "-" + abs % 12;
  }

  /**
   * {@code [-]d hh:mm:ss[.f]}, the body of a DAY TO SECOND interval's text: as Spark's cast, the
   * fraction without trailing zeros; in the hive form, as Hive prints it, nine fraction digits.
   */
  private static String dayTime(long micros, boolean hive) {
    String sign = micros < 0 ? "-" : "";
    java.math.BigInteger abs = java.math.BigInteger.valueOf(micros).abs(); // Long.MIN_VALUE has no long abs
    long[] dr = divide(abs, 86_400_000_000L);
    long rest = dr[1];
    long hours = rest / 3_600_000_000L;
    long minutes = rest / 60_000_000L % 60;
    long secMicros = rest % 60_000_000L;
    String seconds;
    if (hive) {
      seconds = String.format("%02d.%09d", secMicros / 1_000_000, secMicros % 1_000_000 * 1000);
    } else {
      String s = BigDecimal.valueOf(secMicros, 6).stripTrailingZeros().toPlainString();
      seconds = (secMicros < 10_000_000 ? "0" : "") + s;
    }
    return String.format("%s%d %02d:%02d:%s", sign, dr[0], hours, minutes, seconds);
  }

  private static long[] divide(java.math.BigInteger a, long b) {
    java.math.BigInteger[] qr = a.divideAndRemainder(java.math.BigInteger.valueOf(b));
    return new long[] {qr[0].longValueExact(), qr[1].longValueExact()};
  }

  /** Java's shortest repr, which is what Spark prints for doubles (1.0, 1.0E10, NaN, Infinity). */
  public static String doubleToString(double d) {
    return Double.toString(d);
  }
}
