package dev.sluice.plan.expr.agg;

import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.ExecutionException;
import dev.sluice.plan.expr.EvalMode;
import dev.sluice.plan.expr.Expression;
import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.types.DecimalType;
import dev.sluice.vector.ColumnVector;
import dev.sluice.vector.DoubleVector;
import dev.sluice.vector.IntVector;
import dev.sluice.vector.LongVector;
import dev.sluice.vector.ObjectVector;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

/**
 * {@code sum(x)}: int and bigint sum to bigint (overflow raises under ANSI), double to double,
 * decimal(p,s) to decimal(p+10,s). NULL when no input row is non-NULL.
 */
public final class Sum extends AggregateFunction {
  private final Expression child;
  private final EvalMode mode;

  public Sum(Expression child, EvalMode mode) {
    this.child = child;
    this.mode = mode;
  }

  public Expression child() {
    return child;
  }

  /**
   * How overflow is handled: ANSI raises on bigint and decimal overflow; LEGACY and TRY carry on
   * (a bigint sum wraps around, a decimal sum keeps the value that no longer fits).
   */
  public EvalMode mode() {
    return mode;
  }

  @Override
  public String name() {
    return mode == EvalMode.TRY ? "try_sum" : "sum";
  }

  @Override
  public List<Expression> children() {
    return List.of(child);
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    return new Sum(c.get(0), mode);
  }

  @Override
  protected List<Object> args() {
    return List.of(mode);
  }

  @Override
  public String checkInputTypes() {
    DataType t = child.dataType();
    if (t == DataTypes.IntegerType || t == DataTypes.LongType || t == DataTypes.DoubleType
        || t instanceof DecimalType || t == DataTypes.DayTimeIntervalType || t == DataTypes.NullType) {
      return null;
    }
    return "sum requires a numeric argument, but " + child.sql() + " is " + t.sql();
  }

  @Override
  public DataType dataType() {
    return resultType(child.dataType());
  }

  static DataType resultType(DataType t) {
    if (t instanceof DecimalType d) {
      return DecimalType.bounded(d.precision() + 10, d.scale());
    }
    if (t == DataTypes.DoubleType) {
      return DataTypes.DoubleType;
    }
    if (t == DataTypes.DayTimeIntervalType) {
      return t;
    }
    return DataTypes.LongType;
  }

  @Override
  public boolean nullable() {
    return true;
  }

  @Override
  public List<DataType> bufferTypes() {
    return List.of(dataType());
  }

  @Override
  public Accumulator newAccumulator() {
    DataType rt = dataType();
    if (rt == DataTypes.DoubleType) {
      return new DoubleSum();
    }
    if (rt instanceof DecimalType d) {
      return new DecimalSum(d);
    }
    return new LongSum(rt);
  }

  final class LongSum implements Accumulator {
    private final DataType type;
    long[] sums = new long[16];
    boolean[] seen = new boolean[16];

    LongSum(DataType type) {
      this.type = type;
    }

    @Override
    public void ensureCapacity(int numGroups) {
      if (numGroups > sums.length) {
        int cap = Math.max(numGroups, sums.length * 2);
        sums = Arrays.copyOf(sums, cap);
        seen = Arrays.copyOf(seen, cap);
      }
    }

    @Override
    public void update(int[] groupIds, ColumnVector[] inputs, int n) {
      ColumnVector in = inputs[0];
      if (in instanceof IntVector iv) {
        int[] v = iv.values();
        for (int i = 0; i < n; i++) {
          int g = groupIds[i];
          if (g >= 0 && !in.isNull(i)) {
            add(g, v[i]);
          }
        }
      } else if (in instanceof LongVector lv) {
        long[] v = lv.values();
        if (!in.mayHaveNulls()) {
          long[] s = sums;
          boolean[] sn = seen;
          for (int i = 0; i < n; i++) {
            int g = groupIds[i];
            if (g >= 0) {
              long a = s[g];
              long b = v[i];
              long r = a + b;
              if (((a ^ r) & (b ^ r)) < 0) {
                overflow(g, b);
              } else {
                s[g] = r;
              }
              sn[g] = true;
            }
          }
          return;
        }
        for (int i = 0; i < n; i++) {
          int g = groupIds[i];
          if (g >= 0 && !in.isNull(i)) {
            add(g, v[i]);
          }
        }
      }
      // NullType input: nothing to add.
    }

    private void add(int g, long b) {
      long a = sums[g];
      long r = a + b;
      if (((a ^ r) & (b ^ r)) < 0) {
        overflow(g, b);
        return;
      }
      sums[g] = r;
      seen[g] = true;
    }

    private void overflow(int g, long b) {
      if (mode == EvalMode.ANSI) {
        throw new ExecutionException(ErrorClass.ARITHMETIC_OVERFLOW, "long", "sum(" + child.sql() + ")", "add");
      }
      sums[g] = sums[g] + b;
      seen[g] = true;
    }

    @Override
    public void merge(int[] groupIds, ColumnVector[] buffers, int n) {
      LongVector b = (LongVector) buffers[0];
      long[] v = b.values();
      for (int i = 0; i < n; i++) {
        int g = groupIds[i];
        if (g >= 0 && !b.isNull(i)) {
          add(g, v[i]);
        }
      }
    }

    @Override
    public ColumnVector[] buffers(int numGroups) {
      return new ColumnVector[] {evaluate(numGroups)};
    }

    @Override
    public ColumnVector evaluate(int numGroups) {
      boolean[] nulls = null;
      for (int g = 0; g < numGroups; g++) {
        if (!seen[g]) {
          if (nulls == null) {
            nulls = new boolean[numGroups];
          }
          nulls[g] = true;
        }
      }
      return new LongVector(type, Arrays.copyOf(sums, numGroups), numGroups, nulls);
    }

    @Override
    public long estimatedBytes() {
      return 9L * sums.length;
    }
  }

  static final class DoubleSum implements Accumulator {
    double[] sums = new double[16];
    boolean[] seen = new boolean[16];

    @Override
    public void ensureCapacity(int numGroups) {
      if (numGroups > sums.length) {
        int cap = Math.max(numGroups, sums.length * 2);
        sums = Arrays.copyOf(sums, cap);
        seen = Arrays.copyOf(seen, cap);
      }
    }

    @Override
    public void update(int[] groupIds, ColumnVector[] inputs, int n) {
      if (!(inputs[0] instanceof DoubleVector in)) {
        return;
      }
      double[] v = in.values();
      for (int i = 0; i < n; i++) {
        int g = groupIds[i];
        if (g >= 0 && !in.isNull(i)) {
          sums[g] += v[i];
          seen[g] = true;
        }
      }
    }

    @Override
    public void merge(int[] groupIds, ColumnVector[] buffers, int n) {
      update(groupIds, buffers, n);
    }

    @Override
    public ColumnVector[] buffers(int numGroups) {
      return new ColumnVector[] {evaluate(numGroups)};
    }

    @Override
    public ColumnVector evaluate(int numGroups) {
      boolean[] nulls = null;
      for (int g = 0; g < numGroups; g++) {
        if (!seen[g]) {
          if (nulls == null) {
            nulls = new boolean[numGroups];
          }
          nulls[g] = true;
        }
      }
      return new DoubleVector(Arrays.copyOf(sums, numGroups), numGroups, nulls);
    }

    @Override
    public long estimatedBytes() {
      return 9L * sums.length;
    }
  }

  final class DecimalSum implements Accumulator {
    private final DecimalType type;
    BigDecimal[] sums = new BigDecimal[16];

    DecimalSum(DecimalType type) {
      this.type = type;
    }

    @Override
    public void ensureCapacity(int numGroups) {
      if (numGroups > sums.length) {
        sums = Arrays.copyOf(sums, Math.max(numGroups, sums.length * 2));
      }
    }

    @Override
    public void update(int[] groupIds, ColumnVector[] inputs, int n) {
      ColumnVector in = inputs[0];
      if (!(in instanceof ObjectVector ov)) {
        return;
      }
      Object[] v = ov.values();
      for (int i = 0; i < n; i++) {
        int g = groupIds[i];
        if (g >= 0 && !in.isNull(i)) {
          BigDecimal b = (BigDecimal) v[i];
          BigDecimal r = sums[g] == null ? b : sums[g].add(b);
          if (r.precision() - r.scale() > type.precision() - type.scale()) {
            if (mode == EvalMode.ANSI) {
              throw new ExecutionException(ErrorClass.NUMERIC_VALUE_OUT_OF_RANGE, r.toPlainString(), type.sql(),
                  "sum(" + child.sql() + ")");
            }
          }
          sums[g] = r.setScale(type.scale());
        }
      }
    }

    @Override
    public void merge(int[] groupIds, ColumnVector[] buffers, int n) {
      update(groupIds, buffers, n);
    }

    @Override
    public ColumnVector[] buffers(int numGroups) {
      return new ColumnVector[] {evaluate(numGroups)};
    }

    @Override
    public ColumnVector evaluate(int numGroups) {
      return ObjectVector.ofNullable(type, Arrays.copyOf(sums, numGroups), numGroups);
    }

    @Override
    public long estimatedBytes() {
      return 48L * sums.length;
    }
  }
}
