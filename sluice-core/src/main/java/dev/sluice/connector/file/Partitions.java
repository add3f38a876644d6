package dev.sluice.connector.file;

import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.types.DateTimeUtil;
import dev.sluice.types.DecimalType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Partition folders ({@code key=value}) as Spark and Hive write them: values are escaped with
 * {@code %XX} for characters that cannot appear in a folder name, null is
 * {@code __HIVE_DEFAULT_PARTITION__}; reading infers INT, BIGINT, DOUBLE, DATE or STRING from the
 * values found.
 */
public final class Partitions {
  public static final String DEFAULT_PARTITION = "__HIVE_DEFAULT_PARTITION__";

  private Partitions() {}

  private static boolean needsEscape(char c) {
    return c < ' ' || c == '"' || c == '#' || c == '%' || c == '\'' || c == '*' || c == '/' || c == ':'
        || c == '=' || c == '?' || c == '\\' || c == '\u007F' || c == '{' || c == '[' || c == ']' || c == '^';
  }

  public static String escape(String s) {
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (needsEscape(c)) {
        if (sb == null) {
          sb = new StringBuilder(s.length() + 8).append(s, 0, i);
        }
        sb.append('%').append(String.format("%02X", (int) c));
      } else if (sb != null) {
        sb.append(c);
      }
    }
    return sb == null ? s : sb.toString();
  }

  public static String unescape(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%' && isHex(s, i + 1)) {
        sb.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static boolean isHex(String s, int i) {
    if (i + 2 > s.length()) {
      return false;
    }
    return Character.digit(s.charAt(i), 16) >= 0 && Character.digit(s.charAt(i + 1), 16) >= 0;
  }

  /** The folder text of a partition value. */
  public static String folderValue(Object v, DataType t) {
    if (v == null) {
      return DEFAULT_PARTITION;
    }
    String s;
    if (t == DataTypes.DateType) {
      s = DateTimeUtil.formatDate((Integer) v);
    } else if (t == DataTypes.TimestampType) {
      s = DateTimeUtil.formatTimestamp((Long) v);
    } else if (t instanceof DecimalType) {
      s = ((BigDecimal) v).toPlainString();
    } else if (t == DataTypes.BinaryType) {
      s = new String((byte[]) v, StandardCharsets.UTF_8);
    } else {
      s = String.valueOf(v);
    }
    return s.isEmpty() ? DEFAULT_PARTITION : escape(s);
  }

  /** The key=value pairs of a relative folder path ("a=1/b=x/file.json" gives a=1, b=x); other segments are skipped. */
  public static Map<String, String> parse(String relativePath) {
    Map<String, String> out = new LinkedHashMap<>();
    String[] parts = relativePath.split("/");
    for (int i = 0; i < parts.length - 1; i++) {
      int eq = parts[i].indexOf('=');
      if (eq > 0) {
        String v = parts[i].substring(eq + 1);
        out.put(unescape(parts[i].substring(0, eq)), v.equals(DEFAULT_PARTITION) ? null : unescape(v));
      }
    }
    return out;
  }

  /** The narrowest type all values (null ignored) fit: INT, BIGINT, DOUBLE, DATE, TIMESTAMP or STRING. */
  public static DataType inferType(Collection<String> values) {
    List<String> vs = new ArrayList<>();
    for (String v : values) {
      if (v != null) {
        vs.add(v);
      }
    }
    if (vs.isEmpty()) {
      return DataTypes.StringType;
    }
    if (all(vs, v -> Integer.parseInt(v))) {
      return DataTypes.IntegerType;
    }
    if (all(vs, v -> Long.parseLong(v))) {
      return DataTypes.LongType;
    }
    if (all(vs, v -> {
      if (!v.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
        throw new NumberFormatException();
      }
    })) {
      return DataTypes.DoubleType;
    }
    if (all(vs, v -> {
      if (!v.matches("\\d{4}-\\d{2}-\\d{2}") || DateTimeUtil.parseDate(v) == null) {
        throw new IllegalArgumentException();
      }
    })) {
      return DataTypes.DateType;
    }
    if (all(vs, v -> {
      if (!v.matches("\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}.*") || DateTimeUtil.parseTimestamp(v) == null) {
        throw new IllegalArgumentException();
      }
    })) {
      return DataTypes.TimestampType;
    }
    return DataTypes.StringType;
  }

  private static boolean all(List<String> vs, java.util.function.Consumer<String> check) {
    try {
      for (String v : vs) {
        check.accept(v);
      }
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** The internal value of a partition folder value for a column of type {@code t}; null when it does not fit. */
  public static Object convert(String raw, DataType t) {
    if (raw == null) {
      return null;
    }
    try {
      if (t == DataTypes.StringType) {
        return raw;
      }
      if (t == DataTypes.IntegerType) {
        return Integer.parseInt(raw);
      }
      if (t == DataTypes.LongType) {
        return Long.parseLong(raw);
      }
      if (t == DataTypes.DoubleType) {
        return Double.parseDouble(raw);
      }
      if (t == DataTypes.BooleanType) {
        return Boolean.parseBoolean(raw);
      }
      if (t == DataTypes.DateType) {
        return DateTimeUtil.parseDate(raw);
      }
      if (t == DataTypes.TimestampType) {
        return DateTimeUtil.parseTimestamp(raw);
      }
      if (t instanceof DecimalType dt) {
        return new BigDecimal(raw).setScale(dt.scale(), java.math.RoundingMode.HALF_UP);
      }
      if (t == DataTypes.BinaryType) {
        return raw.getBytes(StandardCharsets.UTF_8);
      }
    } catch (RuntimeException e) {
      return null;
    }
    return null;
  }
}
