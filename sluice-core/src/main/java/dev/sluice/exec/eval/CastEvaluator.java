package dev.sluice.exec.eval;

import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.ExecutionException;
import dev.sluice.plan.expr.EvalMode;
import dev.sluice.plan.expr.Expression;
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
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.Locale;

/**
 * {@code CAST(x AS type)} with Spark's conversion rules. The conversion for the (from, to) pair is
 * chosen once, when the expression is compiled: widening numeric casts loop over primitive arrays,
 * every other pair gets one value kernel (array and struct casts compose their elements' kernels).
 * In ANSI mode an impossible conversion (a malformed string, an overflow) raises an error naming the
 * value and both types; {@code try_cast} and legacy mode give NULL instead.
 */
final class CastEvaluator extends Evaluator {
  /** Converts one non-null internal value; null where the mode allows a failed conversion. */
  @FunctionalInterface
  interface ValueCast {
    Object apply(Object v);
  }

  /** Converts an integral value; {@code original} is the value as the user wrote it, for messages. */
  @FunctionalInterface
  private interface LongCast {
    Object apply(long x, Object original);
  }

  private enum Fast { NONE, INT_TO_LONG, INT_TO_DOUBLE, LONG_TO_DOUBLE }

  private final Evaluator child;
  private final DataType from;
  private final DataType to;
  private final EvalMode mode;
  private final Fast fast;
  private final ValueCast kernel;

  CastEvaluator(Expression cast, Evaluator child, EvalMode mode) {
    super(cast);
    this.child = child;
    this.from = child.dataType();
    this.to = cast.dataType();
    this.mode = mode;
    this.fast = from == DataTypes.IntegerType && to == DataTypes.LongType ? Fast.INT_TO_LONG
        : from == DataTypes.IntegerType && to == DataTypes.DoubleType ? Fast.INT_TO_DOUBLE
        : from == DataTypes.LongType && to == DataTypes.DoubleType ? Fast.LONG_TO_DOUBLE : Fast.NONE;
    this.kernel = from.equals(to) || from == DataTypes.NullType ? null : kernel(from, to);
  }

  @Override
  public ColumnVector eval(ColumnBatch batch) {
    int n = batch.numRows();
    if (from == DataTypes.NullType) {
      return ColumnVector.allNull(to, n);
    }
    ColumnVector in = child.eval(batch);
    if (kernel == null) {
      return in;
    }
    switch (fast) {
      case INT_TO_LONG -> {
        int[] a = ((IntVector) in).values();
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
          out[i] = a[i];
        }
        return new LongVector(DataTypes.LongType, out, n, in.nulls());
      }
      case INT_TO_DOUBLE -> {
        int[] a = ((IntVector) in).values();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
          out[i] = a[i];
        }
        return new DoubleVector(out, n, in.nulls());
      }
      case LONG_TO_DOUBLE -> {
        long[] a = ((LongVector) in).values();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
          out[i] = a[i];
        }
        return new DoubleVector(out, n, in.nulls());
      }
      default -> {
        VectorBuilder b = VectorBuilder.create(to, n);
        for (int i = 0; i < n; i++) {
          Object v = in.get(i);
          b.append(v == null ? null : kernel.apply(v));
        }
        return b.build();
      }
    }
  }

  // ------------------------------------------------------------------ kernels by (from, to)

  private ValueCast kernel(DataType f, DataType t) {
    if (f.equals(t)) {
      return v -> v;
    }
    if (f == DataTypes.NullType) {
      return v -> null; // only NULLs have this type (an empty array() has elements of it)
    }
    if (t == DataTypes.StringType) {
      return v -> ValueFormat.toStringValue(v, f);
    }
    if (f == DataTypes.StringType) {
      return fromString(t);
    }
    if (t == DataTypes.BooleanType) {
      if (f instanceof DecimalType) {
        return v -> ((BigDecimal) v).signum() != 0;
      }
      if (f == DataTypes.DoubleType) {
        return v -> (Double) v != 0.0;
      }
      return v -> ((Number) v).longValue() != 0;
    }
    if (f == DataTypes.BooleanType) {
      LongCast fromInt = fromLong(DataTypes.IntegerType, t);
      return v -> fromInt.apply(((Boolean) v) ? 1L : 0L, v);
    }
    if (f == DataTypes.IntegerType || f == DataTypes.LongType) {
      LongCast fromLong = fromLong(f, t);
      return v -> fromLong.apply(((Number) v).longValue(), v);
    }
    if (f == DataTypes.DoubleType) {
      return fromDouble(t);
    }
    if (f instanceof DecimalType) {
      return fromDecimal(f, t);
    }
    if (f == DataTypes.TimestampType) {
      if (t == DataTypes.DateType) {
        return v -> (int) Math.floorDiv((Long) v, DateTimeUtil.MICROS_PER_DAY);
      }
      if (t == DataTypes.DoubleType) {
        return v -> (Long) v / 1e6;
      }
      if (t instanceof DecimalType dt) {
        return v -> {
          BigDecimal d = BigDecimal.valueOf((Long) v, 6);
          return fitDecimal(d, dt, d, f);
        };
      }
      LongCast fromSeconds = fromLong(DataTypes.LongType, t);
      return v -> fromSeconds.apply(Math.floorDiv((Long) v, DateTimeUtil.MICROS_PER_SECOND), v);
    }
    if (f == DataTypes.DateType && t == DataTypes.TimestampType) {
      return v -> (long) (Integer) v * DateTimeUtil.MICROS_PER_DAY;
    }
    if (f instanceof ArrayType fa && t instanceof ArrayType ta) {
      ValueCast element = kernel(fa.elementType(), ta.elementType());
      return v -> {
        List<?> in = (List<?>) v;
        List<Object> out = new ArrayList<>(in.size());
        for (Object e : in) {
          out.add(e == null ? null : element.apply(e));
        }
        return out;
      };
    }
    if (f instanceof MapType fm && t instanceof MapType tm) {
      ValueCast key = kernel(fm.keyType(), tm.keyType());
      ValueCast value = kernel(fm.valueType(), tm.valueType());
      return v -> {
        Map<Object, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
          out.put(key.apply(e.getKey()), e.getValue() == null ? null : value.apply(e.getValue()));
        }
        return out;
      };
    }
    if (f instanceof StructType fs && t instanceof StructType ts) {
      ValueCast[] fields = new ValueCast[fs.size()];
      for (int i = 0; i < fields.length; i++) {
        fields[i] = kernel(fs.field(i).dataType(), ts.field(i).dataType());
      }
      return v -> {
        Object[] in = (Object[]) v;
        Object[] out = new Object[in.length];
        for (int i = 0; i < in.length; i++) {
          out[i] = in[i] == null ? null : fields[i].apply(in[i]);
        }
        return out;
      };
    }
    throw new IllegalStateException("no cast kernel " + f.sql() + " -> " + t.sql());
  }

  /** A kernel over a value of integral type {@code f}, passed as a long. */
  private LongCast fromLong(DataType f, DataType t) {
    if (t == DataTypes.IntegerType) {
      return (x, o) -> x != (int) x ? overflow(o, f, t) : (Object) (int) x;
    }
    if (t == DataTypes.LongType) {
      return (x, o) -> x;
    }
    if (t == DataTypes.DoubleType) {
      return (x, o) -> (double) x;
    }
    if (t instanceof DecimalType d) {
      return (x, o) -> fitDecimal(BigDecimal.valueOf(x), d, o, f);
    }
    if (t == DataTypes.TimestampType) {
      return (x, o) -> Math.multiplyExact(x, DateTimeUtil.MICROS_PER_SECOND);
    }
    if (t == DataTypes.BinaryType) {
      return f == DataTypes.IntegerType
          ? (x, o) -> ByteBuffer.allocate(4).putInt((int) x).array()
          : (x, o) -> ByteBuffer.allocate(8).putLong(x).array();
    }
    throw new IllegalStateException("no cast kernel " + f.sql() + " -> " + t.sql());
  }

  private ValueCast fromDouble(DataType t) {
    DataType f = DataTypes.DoubleType;
    if (t == DataTypes.IntegerType || t == DataTypes.LongType) {
      boolean toInt = t == DataTypes.IntegerType;
      return v -> {
        double d = (Double) v;
        if (Double.isNaN(d) || Double.isInfinite(d)) {
          return overflow(d, f, t);
        }
        double x = d < 0 ? Math.ceil(d) : Math.floor(d);
        if (toInt) {
          return x > Integer.MAX_VALUE || x < Integer.MIN_VALUE ? overflow(d, f, t) : (Object) (int) x;
        }
        return x >= 9.223372036854775807E18 || x < -9.223372036854775808E18 ? overflow(d, f, t) : (Object) (long) x;
      };
    }
    if (t instanceof DecimalType dt) {
      return v -> {
        double d = (Double) v;
        if (Double.isNaN(d) || Double.isInfinite(d)) {
          return overflow(d, f, t);
        }
        return fitDecimal(BigDecimal.valueOf(d), dt, d, f);
      };
    }
    if (t == DataTypes.TimestampType) {
      return v -> {
        double d = (Double) v;
        return Double.isNaN(d) || Double.isInfinite(d) ? overflow(d, f, t) : (Object) (long) (d * 1e6);
      };
    }
    throw new IllegalStateException("no cast kernel double -> " + t.sql());
  }

  private ValueCast fromDecimal(DataType f, DataType t) {
    if (t instanceof DecimalType dt) {
      return v -> fitDecimal((BigDecimal) v, dt, v, f);
    }
    if (t == DataTypes.DoubleType) {
      return v -> ((BigDecimal) v).doubleValue();
    }
    if (t == DataTypes.IntegerType || t == DataTypes.LongType) {
      BigDecimal max = BigDecimal.valueOf(t == DataTypes.IntegerType ? Integer.MAX_VALUE : Long.MAX_VALUE);
      BigDecimal min = BigDecimal.valueOf(t == DataTypes.IntegerType ? Integer.MIN_VALUE : Long.MIN_VALUE);
      boolean toInt = t == DataTypes.IntegerType;
      return v -> {
        BigDecimal x = ((BigDecimal) v).setScale(0, RoundingMode.DOWN);
        if (x.compareTo(max) > 0 || x.compareTo(min) < 0) {
          return overflow(v, f, t);
        }
        return toInt ? (Object) x.intValue() : (Object) x.longValue();
      };
    }
    if (t == DataTypes.TimestampType) {
      return v -> ((BigDecimal) v).movePointRight(6).setScale(0, RoundingMode.DOWN).longValueExact();
    }
    throw new IllegalStateException("no cast kernel decimal -> " + t.sql());
  }

  private Object fitDecimal(BigDecimal v, DecimalType dt, Object original, DataType f) {
    BigDecimal r = v.setScale(dt.scale(), RoundingMode.HALF_UP);
    if (r.precision() - r.scale() > dt.precision() - dt.scale() && r.signum() != 0) {
      return overflow(original, f, dt);
    }
    return r;
  }

  private ValueCast fromString(DataType t) {
    ValueCast parse = parser(t);
    return v -> {
      Object r = parse.apply(v);
      if (r == null && mode == EvalMode.ANSI) {
        throw ExecutionException.in(sql(), ErrorClass.CAST_INVALID_INPUT, "'" + v + "'", "STRING", t.sql());
      }
      return r;
    };
  }

  /** Parses a string as {@code t}; null when it is not one. */
  private ValueCast parser(DataType t) {
    boolean legacy = mode == EvalMode.LEGACY; // try_cast parses as ANSI does, and gives NULL where ANSI fails
    if (t == DataTypes.IntegerType) {
      return v -> {
        Long l = parseLong(((String) v).strip(), legacy);
        return l == null || l != l.intValue() ? null : (Object) l.intValue();
      };
    }
    if (t == DataTypes.LongType) {
      return v -> parseLong(((String) v).strip(), legacy);
    }
    if (t == DataTypes.DoubleType) {
      return v -> parseDouble(((String) v).strip());
    }
    if (t instanceof DecimalType dt) {
      return v -> {
        try {
          BigDecimal r = new BigDecimal(((String) v).strip()).setScale(dt.scale(), RoundingMode.HALF_UP);
          if (r.precision() - r.scale() > dt.precision() - dt.scale() && r.signum() != 0) {
            if (mode == EvalMode.ANSI) {
              throw ExecutionException.in(sql(), ErrorClass.CAST_OVERFLOW, "'" + v + "'", "STRING", t.sql());
            }
            return null;
          }
          return r;
        } catch (NumberFormatException e) {
          return null;
        }
      };
    }
    if (t == DataTypes.BooleanType) {
      return v -> switch (((String) v).strip().toLowerCase(Locale.ROOT)) {
        case "t", "true", "y", "yes", "1" -> Boolean.TRUE;
        case "f", "false", "n", "no", "0" -> Boolean.FALSE;
        default -> null;
      };
    }
    if (t == DataTypes.DateType) {
      return v -> DateTimeUtil.parseDate(((String) v).strip());
    }
    if (t == DataTypes.TimestampType) {
      return v -> DateTimeUtil.parseTimestamp(((String) v).strip());
    }
    if (t == DataTypes.BinaryType) {
      return v -> ((String) v).getBytes(StandardCharsets.UTF_8);
    }
    if (t == DataTypes.DayTimeIntervalType) {
      return v -> {
        try {
          return DateTimeUtil.parseDuration(((String) v).strip());
        } catch (IllegalArgumentException e) {
          return null;
        }
      };
    }
    throw new IllegalStateException("no cast kernel string -> " + t.sql());
  }

  private static Double parseDouble(String t) {
    String u = t.toLowerCase(Locale.ROOT);
    switch (u) {
      case "inf", "+inf", "infinity", "+infinity" -> {
        return Double.POSITIVE_INFINITY;
      }
      case "-inf", "-infinity" -> {
        return Double.NEGATIVE_INFINITY;
      }
      case "nan" -> {
        return Double.NaN;
      }
      default -> {
        if (u.endsWith("d") || u.endsWith("f")) {
          return null;
        }
        try {
          return Double.parseDouble(t);
        } catch (NumberFormatException e) {
          return null;
        }
      }
    }
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

  private Object overflow(Object value, DataType f, DataType t) {
    if (mode == EvalMode.ANSI) {
      throw ExecutionException.in(sql(), ErrorClass.CAST_OVERFLOW, valueText(value, f), f.sql(), t.sql());
    }
    return null;
  }

  private static String valueText(Object value, DataType f) {
    if (f == DataTypes.DoubleType) {
      return value + "D";
    }
    if (f == DataTypes.LongType) {
      return value + "L";
    }
    if (f instanceof DecimalType) {
      return ((BigDecimal) value).toPlainString() + "BD";
    }
    return String.valueOf(value);
  }
}
