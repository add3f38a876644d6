package dev.sluice.formats.csv;

import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.types.StructField;
import dev.sluice.types.StructType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Infers column types from CSV fields as Spark does with {@code inferSchema}: each column takes the
 * narrowest of INT, BIGINT, DOUBLE, DATE (with {@code prefersDate}), TIMESTAMP, BOOLEAN that all its
 * values fit, else STRING; null values do not count; a column of only nulls is STRING. Without
 * {@code inferSchema} every column is STRING. Column names come from the header ({@code _c0},
 * {@code _c1}, ... without one).
 */
public final class CsvSchemaInference {
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{1,2}-\\d{1,2}");
  private final CsvOptions o;
  private List<String> names;
  private final List<DataType> types = new ArrayList<>();

  public CsvSchemaInference(CsvOptions o) {
    this.o = o;
  }

  public void header(List<String> header) {
    if (names == null) {
      names = new ArrayList<>();
      Map<String, Integer> seen = new HashMap<>();
      for (String h : header) {
        seen.merge(h == null ? "" : h, 1, Integer::sum);
      }
      for (int i = 0; i < header.size(); i++) {
        String h = header.get(i);
        if (h == null || h.isEmpty()) {
          names.add("_c" + i);
        } else if (seen.get(h) > 1) {
          names.add(h + i);
        } else {
          names.add(h);
        }
      }
    }
  }

  public void record(List<String> tokens) {
    for (int i = 0; i < tokens.size(); i++) {
      if (types.size() <= i) {
        types.add(DataTypes.NullType);
      }
      if (o.inferSchema) {
        types.set(i, merge(types.get(i), infer(tokens.get(i))));
      }
    }
  }

  public DataType infer(String v) {
    if (v == null || v.equals(o.nullValue) || v.isEmpty()) {
      return DataTypes.NullType;
    }
    String t = v.trim();
    try {
      Integer.parseInt(t);
      return DataTypes.IntegerType;
    } catch (NumberFormatException e) {
      // wider
    }
    try {
      Long.parseLong(t);
      return DataTypes.LongType;
    } catch (NumberFormatException e) {
      // wider
    }
    if (v.equals(o.nanValue) || v.equals(o.positiveInf) || v.equals(o.negativeInf)) {
      return DataTypes.DoubleType;
    }
    try {
      Double.parseDouble(t);
      if (!t.endsWith("d") && !t.endsWith("D") && !t.endsWith("f") && !t.endsWith("F")) {
        return DataTypes.DoubleType;
      }
    } catch (NumberFormatException e) {
      // wider
    }
    if (o.prefersDate && (o.formats != null) && (DATE.matcher(t).matches() || hasDateFormat())
        && o.formats.parseDate(t) != null) {
      return DataTypes.DateType;
    }
    if (!t.matches("[+-]?\\d+") && o.formats.parseTimestamp(t) != null && t.length() >= 8) {
      return DataTypes.TimestampType;
    }
    if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
      return DataTypes.BooleanType;
    }
    return DataTypes.StringType;
  }

  private boolean hasDateFormat() {
    return false;
  }

  public static DataType merge(DataType a, DataType b) {
    if (a.equals(b)) {
      return a;
    }
    if (a == DataTypes.NullType) {
      return b;
    }
    if (b == DataTypes.NullType) {
      return a;
    }
    if (num(a) > 0 && num(b) > 0) {
      return num(a) > num(b) ? a : b;
    }
    if ((a == DataTypes.DateType && b == DataTypes.TimestampType)
        || (b == DataTypes.DateType && a == DataTypes.TimestampType)) {
      return DataTypes.TimestampType;
    }
    return DataTypes.StringType;
  }

  private static int num(DataType t) {
    if (t == DataTypes.IntegerType) {
      return 1;
    }
    if (t == DataTypes.LongType) {
      return 2;
    }
    if (t == DataTypes.DoubleType) {
      return 3;
    }
    return 0;
  }

  public StructType result() {
    int width = Math.max(types.size(), names == null ? 0 : names.size());
    if (width == 0) {
      return null;
    }
    List<StructField> fs = new ArrayList<>();
    for (int i = 0; i < width; i++) {
      String n = names != null && i < names.size() ? names.get(i) : "_c" + i;
      DataType t = i < types.size() ? types.get(i) : DataTypes.NullType;
      fs.add(new StructField(n, t == DataTypes.NullType ? DataTypes.StringType : t, true));
    }
    return new StructType(fs);
  }
}
