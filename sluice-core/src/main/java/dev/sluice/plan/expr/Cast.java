package dev.sluice.plan.expr;

import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.ExecutionException;
import dev.sluice.types.ArrayType;
import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.types.DateTimeUtil;
import dev.sluice.types.DecimalType;
import dev.sluice.types.MapType;
import dev.sluice.types.StructType;
import dev.sluice.types.ValueFormat;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;
import dev.sluice.vector.DoubleVector;
import dev.sluice.vector.IntVector;
import dev.sluice.vector.LongVector;
import dev.sluice.vector.VectorBuilder;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code CAST(x AS type)} with Spark's conversion rules. In ANSI mode an impossible conversion of a
 * value (a malformed string, an overflow) raises an error naming the value and both types;
 * {@code try_cast} and legacy mode return NULL instead.
 */
public final class Cast extends Expression {
  private final Expression child;
  private final DataType target;
  private final EvalMode mode;

  public Cast(Expression child, DataType target, EvalMode mode) {
    this.child = child;
    this.target = target;
    this.mode = mode;
  }

  public Expression child() {
    return child;
  }

  public EvalMode mode() {
    return mode;
  }

  @Override
  public List<Expression> children() {
    return List.of(child);
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    return new Cast(c.get(0), target, mode);
  }

  @Override
  protected List<Object> args() {
    return List.of(target, mode);
  }

  @Override
  public DataType dataType() {
    return target;
  }

  @Override
  public boolean foldable() {
    return child.foldable();
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public String checkInputTypes() {
    return canCast(child.dataType(), target) ? null
        : "cannot cast " + child.dataType().sql() + " to " + target.sql();
  }

  /** Whether a value of {@code from} can be cast to {@code to} at all. */
  public static boolean canCast(DataType from, DataType to) {
    if (from.equals(to) || from == DataTypes.NullType) {
      return true;
    }
    if (to == DataTypes.StringType) {
      return true;
    }
    if (from == DataTypes.StringType) {
      return !(to instanceof StructType || to instanceof ArrayType || to instanceof MapType);
    }
    boolean fromNum = from.isNumeric() || from == DataTypes.BooleanType;
    boolean toNum = to.isNumeric() || to == DataTypes.BooleanType;
    if (fromNum && toNum) {
      return true;
    }
    if (from == DataTypes.TimestampType) {
      return to == DataTypes.DateType || to.isNumeric();
    }
    if (from == DataTypes.DateType) {
      return to == DataTypes.TimestampType;
    }
    if (to == DataTypes.TimestampType) {
      return from.isNumeric();
    }
    if (to == DataTypes.BinaryType) {
      return from.isIntegral();
    }
    if (from instanceof ArrayType fa && to instanceof ArrayType ta) {
      return canCast(fa.elementType(), ta.elementType());
    }
    if (from instanceof StructType fs && to instanceof StructType ts && fs.size() == ts.size()) {
      for (int i = 0; i < fs.size(); i++) {
        if (!canCast(fs.field(i).dataType(), ts.field(i).dataType())) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  @Override
  public ColumnVector eval(ColumnBatch batch) {
    ColumnVector in = child.eval(batch);
    DataType from = child.dataType();
    int n = batch.numRows();
    if (from.equals(target)) {
      return in;
    }
    if (from == DataTypes.NullType) {
      return ColumnVector.allNull(target, n);
    }
    // Fast paths for widening numeric casts.
    if (from == DataTypes.IntegerType && target == DataTypes.LongType) {
      int[] a = ((IntVector) in).values();
      long[] out = new long[n];
      for (int i = 0; i < n; i++) {
        out[i] = a[i];
      }
      return new LongVector(DataTypes.LongType, out, n, in.nulls());
    }
    if (from == DataTypes.IntegerType && target == DataTypes.DoubleType) {
      int[] a = ((IntVector) in).values();
      double[] out = new double[n];
      for (int i = 0; i < n; i++) {
        out[i] = a[i];
      }
      return new DoubleVector(out, n, in.nulls());
    }
    if (from == DataTypes.LongType && target == DataTypes.DoubleType) {
      long[] a = ((LongVector) in).values();
      double[] out = new double[n];
      for (int i = 0; i < n; i++) {
        out[i] = a[i];
      }
      return new DoubleVector(out, n, in.nulls());
    }
    VectorBuilder b = VectorBuilder.create(target, n);
    for (int i = 0; i < n; i++) {
      Object v = in.get(i);
      b.append(v == null ? null : castValue(v, from, target));
    }
    return b.build();
  }

  /** Casts one non-null internal value; returns null where the mode allows. */
  public Object castValue(Object v, DataType from, DataType to) {
    if (from.equals(to)) {
      return v;
    }
    if (to == DataTypes.StringType) {
      return ValueFormat.toStringValue(v, from);
    }
    if (from == DataTypes.StringType) {
      return fromString((String) v, to);
    }
    if (to == DataTypes.BooleanType) {
      if (from instanceof DecimalType) {
        return ((BigDecimal) v).signum() != 0;
      }
      if (from == DataTypes.DoubleType) {
        return (Double) v != 0.0;
      }
      return ((Number) v).longValue() != 0;
    }
    if (from == DataTypes.BooleanType) {
      int x = ((Boolean) v) ? 1 : 0;
      return fromLong(x, DataTypes.IntegerType, to, v);
    }
    if (from == DataTypes.IntegerType || from == DataTypes.LongType) {
      return fromLong(((Number) v).longValue(), from, to, v);
    }
    if (from == DataTypes.DoubleType) {
      return fromDouble((Double) v, to);
    }
    if (from instanceof DecimalType) {
      return fromDecimal((BigDecimal) v, to);
    }
    if (from == DataTypes.TimestampType) {
      long micros = (Long) v;
      if (to == DataTypes.DateType) {
        return (int) Math.floorDiv(micros, DateTimeUtil.MICROS_PER_DAY);
      }
      if (to == DataTypes.DoubleType) {
        return micros / 1e6;
      }
      if (to instanceof DecimalType) {
        return fromDecimal(BigDecimal.valueOf(micros, 6), to);
      }
      return fromLong(Math.floorDiv(micros, DateTimeUtil.MICROS_PER_SECOND), DataTypes.LongType, to, v);
    }
    if (from == DataTypes.DateType && to == DataTypes.TimestampType) {
      return (long) (Integer) v * DateTimeUtil.MICROS_PER_DAY;
    }
    if (from instanceof ArrayType fa && to instanceof ArrayType ta) {
      List<Object> out = new ArrayList<>();
      for (Object e : (List<?>) v) {
        out.add(e == null ? null : castValue(e, fa.elementType(), ta.elementType()));
      }
      return out;
    }
    if (from instanceof StructType fs && to instanceof StructType ts) {
      Object[] in = (Object[]) v;
      Object[] out = new Object[in.length];
      for (int i = 0; i < in.length; i++) {
        out[i] = in[i] == null ? null : castValue(in[i], fs.field(i).dataType(), ts.field(i).dataType());
      }
      return out;
    }
    throw new IllegalStateException("cast " + from + " -> " + to);
  }

  private Object fromLong(long x, DataType from, DataType to, Object original) {
    if (to == DataTypes.IntegerType) {
      if (x != (int) x) {
        return overflow(original, from, to);
      }
      return (int) x;
    }
    if (to == DataTypes.LongType) {
      return x;
    }
    if (to == DataTypes.DoubleType) {
      return (double) x;
    }
    if (to instanceof DecimalType d) {
      return fitDecimal(BigDecimal.valueOf(x), d, original, from);
    }
    if (to == DataTypes.TimestampType) {
      return Math.multiplyExact(x, DateTimeUtil.MICROS_PER_SECOND);
    }
    if (to == DataTypes.BinaryType) {
      return from == DataTypes.IntegerType
          ? java.nio.ByteBuffer.allocate(4).putInt((int) x).array()
          : java.nio.ByteBuffer.allocate(8).putLong(x).array();
    }
    throw new IllegalStateException("cast " + from + " -> " + to);
  }

  private Object fromDouble(double d, DataType to) {
    if (to == DataTypes.IntegerType || to == DataTypes.LongType) {
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        return overflow(d, DataTypes.DoubleType, to);
      }
      double t = d < 0 ? Math.ceil(d) : Math.floor(d);
      if (to == DataTypes.IntegerType) {
        if (t > Integer.MAX_VALUE || t < Integer.MIN_VALUE) {
          return overflow(d, DataTypes.DoubleType, to);
        }
        return (int) t;
      }
      if (t >= 9.223372036854775807E18 || t < -9.223372036854775808E18) {
        return overflow(d, DataTypes.DoubleType, to);
      }
      return (long) t;
    }
    if (to instanceof DecimalType dt) {
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        return overflow(d, DataTypes.DoubleType, to);
      }
      return fitDecimal(BigDecimal.valueOf(d), dt, d, DataTypes.DoubleType);
    }
    if (to == DataTypes.TimestampType) {
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        return overflow(d, DataTypes.DoubleType, to);
      }
      return (long) (d * 1e6);
    }
    throw new IllegalStateException("cast double -> " + to);
  }

  private Object fromDecimal(BigDecimal d, DataType to) {
    if (to instanceof DecimalType dt) {
      return fitDecimal(d, dt, d, child.dataType());
    }
    if (to == DataTypes.DoubleType) {
      return d.doubleValue();
    }
    BigDecimal t = d.setScale(0, RoundingMode.DOWN);
    if (to == DataTypes.IntegerType) {
      if (t.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0 || t.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0) {
        return overflow(d, child.dataType(), to);
      }
      return t.intValue();
    }
    if (to == DataTypes.LongType) {
      if (t.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0 || t.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0) {
        return overflow(d, child.dataType(), to);
      }
      return t.longValue();
    }
    if (to == DataTypes.TimestampType) {
      return d.movePointRight(6).setScale(0, RoundingMode.DOWN).longValueExact();
    }
    throw new IllegalStateException("cast decimal -> " + to);
  }

  private Object fitDecimal(BigDecimal v, DecimalType dt, Object original, DataType from) {
    BigDecimal r = v.setScale(dt.scale(), RoundingMode.HALF_UP);
    if (r.precision() - r.scale() > dt.precision() - dt.scale() && r.signum() != 0) {
      return overflow(original, from, dt);
    }
    return r;
  }

  private Object fromString(String s, DataType to) {
    Object r = parseString(s, to);
    if (r == null) {
      if (mode == EvalMode.ANSI) {
        throw ExecutionException.in(sql(), ErrorClass.CAST_INVALID_INPUT, "'" + s + "'", "STRING", to.sql());
      }
      return null;
    }
    return r;
  }

  private Object parseString(String s, DataType to) {
    String t = s.strip();
    if (to == DataTypes.IntegerType || to == DataTypes.LongType) {
      Long l = parseLong(t, mode != EvalMode.ANSI);
      if (l == null) {
        return null;
      }
      if (to == DataTypes.IntegerType) {
        if (l != l.intValue()) {
          return null;
        }
        return l.intValue();
      }
      return l;
    }
    if (to == DataTypes.DoubleType) {
      try {
        String u = t.toLowerCase(java.util.Locale.ROOT);
        if (u.equals("inf") || u.equals("+inf") || u.equals("infinity") || u.equals("+infinity")) {
          return Double.POSITIVE_INFINITY;
        }
        if (u.equals("-inf") || u.equals("-infinity")) {
          return Double.NEGATIVE_INFINITY;
        }
        if (u.equals("nan")) {
          return Double.NaN;
        }
        if (u.endsWith("d") || u.endsWith("f")) {
          return null;
        }
        return Double.parseDouble(t);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    if (to instanceof DecimalType dt) {
      try {
        BigDecimal bd = new BigDecimal(t);
        BigDecimal r = bd.setScale(dt.scale(), RoundingMode.HALF_UP);
        if (r.precision() - r.scale() > dt.precision() - dt.scale() && r.signum() != 0) {
          return overflowOrNull(s, dt);
        }
        return r;
      } catch (NumberFormatException e) {
        return null;
      }
    }
    if (to == DataTypes.BooleanType) {
      return switch (t.toLowerCase(java.util.Locale.ROOT)) {
        case "t", "true", "y", "yes", "1" -> Boolean.TRUE;
        case "f", "false", "n", "no", "0" -> Boolean.FALSE;
        default -> null;
      };
    }
    if (to == DataTypes.DateType) {
      return DateTimeUtil.parseDate(t);
    }
    if (to == DataTypes.TimestampType) {
      return DateTimeUtil.parseTimestamp(t);
    }
    if (to == DataTypes.BinaryType) {
      return s.getBytes(StandardCharsets.UTF_8);
    }
    if (to == DataTypes.DayTimeIntervalType) {
      try {
        return DateTimeUtil.parseDuration(t);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    throw new IllegalStateException("cast string -> " + to);
  }

  private Object overflowOrNull(String s, DataType to) {
    if (mode == EvalMode.ANSI) {
      throw ExecutionException.in(sql(), ErrorClass.CAST_OVERFLOW, "'" + s + "'", "STRING", to.sql());
    }
    return null;
  }

  /** Parses an integer; with {@code allowFraction} a fractional part is truncated (legacy casts). */
  static Long parseLong(String t, boolean allowFraction) {
    if (t.isEmpty()) {
      return null;
    }
    int dot = t.indexOf('.');
    String intPart = t;
    if (dot >= 0) {
      if (!allowFraction) {
        return null;
      }
      String frac = t.substring(dot + 1);
      if (!frac.chars().allMatch(Character::isDigit)) {
        return null;
      }
      intPart = t.substring(0, dot);
      if (intPart.isEmpty() || intPart.equals("-") || intPart.equals("+")) {
        return frac.isEmpty() ? null : 0L;
      }
    }
    try {
      return Long.parseLong(intPart);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private Object overflow(Object value, DataType from, DataType to) {
    if (mode == EvalMode.ANSI) {
      throw ExecutionException.in(sql(), ErrorClass.CAST_OVERFLOW, valueText(value, from), from.sql(), to.sql());
    }
    return null;
  }

  private static String valueText(Object value, DataType from) {
    if (from == DataTypes.DoubleType) {
      return value + "D";
    }
    if (from == DataTypes.LongType) {
      return value + "L";
    }
    if (from instanceof DecimalType) {
      return ((BigDecimal) value).toPlainString() + "BD";
    }
    return String.valueOf(value);
  }

  @Override
  public String sql() {
    String fn = mode == EvalMode.TRY ? "try_cast" : "CAST";
    return fn + "(" + child.sql() + " AS " + target.sql() + ")";
  }
}
