package dev.sluice.formats.csv;

import dev.sluice.formats.BadRecordException;
import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.types.DecimalType;
import dev.sluice.types.StructField;
import dev.sluice.types.StructType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Converts CSV fields to internal values and back, as Spark's CSV parser: {@code nullValue} is null,
 * {@code nanValue}/{@code positiveInf}/{@code negativeInf} are the special doubles, dates and
 * timestamps follow {@code dateFormat}/{@code timestampFormat}. A record whose number of fields
 * differs from the schema is malformed (missing fields are null, extra ones dropped).
 */
public final class CsvValues {
  private final CsvOptions o;

  public CsvValues(CsvOptions o) {
    this.o = o;
  }

  /** Whether a schema can be read and written as CSV; the first offending column, or null. */
  public static String unsupportedColumn(StructType s) {
    for (StructField f : s) {
      DataType t = f.dataType();
      if (t instanceof StructType || t instanceof dev.sluice.types.ArrayType || t instanceof dev.sluice.types.MapType) {
        return f.name() + " " + t.sql();
      }
    }
    return null;
  }

  /**
   * The row for the fields of a record. {@code positions[i]} is the field number of output column i
   * (-1 for the corrupt-record column, which is left null).
   */
  public Object[] convert(List<String> tokens, StructType out, int[] positions, int dataWidth)
      throws BadRecordException {
    Object[] row = new Object[out.size()];
    List<String> errors = null;
    for (int i = 0; i < row.length; i++) {
      int pos = positions[i];
      if (pos < 0 || pos >= tokens.size()) {
        continue;
      }
      String tok = tokens.get(pos);
      try {
        row[i] = value(tok, out.field(i).dataType());
      } catch (RuntimeException e) {
        if (errors == null) {
          errors = new ArrayList<>();
        }
        errors.add("field '" + out.field(i).name() + "': '" + tok + "' cannot be read as "
            + out.field(i).dataType().sql());
      }
    }
    if (tokens.size() != dataWidth) {
      if (errors == null) {
        errors = new ArrayList<>();
      }
      errors.add(0, "the record has " + tokens.size() + " fields but the schema has " + dataWidth);
    }
    if (errors != null) {
      throw new BadRecordException(String.join("; ", errors), row);
    }
    return row;
  }

  public Object value(String tok, DataType t) {
    if (tok == null || tok.equals(o.nullValue)) {
      return null;
    }
    if (t == DataTypes.StringType) {
      return tok.isEmpty() ? o.emptyValue : tok;
    }
    if (tok.isEmpty()) {
      return null;
    }
    if (t == DataTypes.IntegerType) {
      return Integer.parseInt(tok.trim());
    }
    if (t == DataTypes.LongType) {
      return Long.parseLong(tok.trim());
    }
    if (t == DataTypes.DoubleType) {
      if (tok.equals(o.nanValue)) {
        return Double.NaN;
      }
      if (tok.equals(o.positiveInf)) {
        return Double.POSITIVE_INFINITY;
      }
      if (tok.equals(o.negativeInf)) {
        return Double.NEGATIVE_INFINITY;
      }
      return Double.parseDouble(tok);
    }
    if (t == DataTypes.BooleanType) {
      String b = tok.trim().toLowerCase(Locale.ROOT);
      if (b.equals("true")) {
        return Boolean.TRUE;
      }
      if (b.equals("false")) {
        return Boolean.FALSE;
      }
      throw new IllegalArgumentException("not a boolean");
    }
    if (t instanceof DecimalType dt) {
      BigDecimal d = new BigDecimal(tok.trim()).setScale(dt.scale(), RoundingMode.HALF_UP);
      if (d.precision() > dt.precision()) {
        throw new IllegalArgumentException("too many digits");
      }
      return d;
    }
    if (t == DataTypes.DateType) {
      Integer d = o.formats.parseDate(tok);
      if (d == null) {
        throw new IllegalArgumentException("not a date");
      }
      return d;
    }
    if (t == DataTypes.TimestampType) {
      Long v = o.formats.parseTimestamp(tok);
      if (v == null) {
        throw new IllegalArgumentException("not a timestamp");
      }
      return v;
    }
    if (t == DataTypes.BinaryType) {
      return tok.getBytes(StandardCharsets.UTF_8);
    }
    if (t == DataTypes.NullType) {
      return null;
    }
    throw new IllegalArgumentException("CSV cannot hold " + t.sql());
  }

  /** The text of an internal value, or null. */
  public String text(Object v, DataType t) {
    if (v == null) {
      return null;
    }
    if (t == DataTypes.DateType) {
      return o.formats.formatDate((Integer) v);
    }
    if (t == DataTypes.TimestampType) {
      return o.formats.formatTimestamp((Long) v);
    }
    if (t == DataTypes.DoubleType) {
      double d = (Double) v;
      if (Double.isNaN(d)) {
        return o.nanValue;
      }
      if (Double.isInfinite(d)) {
        return d > 0 ? o.positiveInf : o.negativeInf;
      }
      return Double.toString(d);
    }
    if (t instanceof DecimalType) {
      return ((BigDecimal) v).toPlainString();
    }
    if (t == DataTypes.BinaryType) {
      return new String((byte[]) v, StandardCharsets.UTF_8);
    }
    if (t == DataTypes.StringType) {
      String s = (String) v;
      return s.isEmpty() && !o.emptyValue.isEmpty() ? o.emptyValue : s;
    }
    return String.valueOf(v);
  }
}
