package dev.sluice.plan.expr.agg;

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
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;

/** {@code avg(x)}: double for int/bigint/double input, decimal(p+4,s+4) for decimal input; NULL for no rows. */
public final class Average extends AggregateFunction {
  private final Expression child;

  public Average(Expression child) {
    this.child = child;
  }

  public Expression child() {
    return child;
  }

  @Override
  public String name() {
    return "avg";
  }

  @Override
  public List<Expression> children() {
    return List.of(child);
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    return new Average(c.get(0));
  }

  @Override
  public String checkInputTypes() {
    DataType t = child.dataType();
    if (t.isNumeric() || t == DataTypes.NullType) {
      return null;
    }
    return "avg requires a numeric argument, but " + child.sql() + " is " + t.sql();
  }

  @Override
  public DataType dataType() {
    if (child.dataType() instanceof DecimalType d) {
      return DecimalType.bounded(d.precision() + 4, d.scale() + 4);
    }
    return DataTypes.DoubleType;
  }

  @Override
  public boolean nullable() {
    return true;
  }

  private DataType sumType() {
    if (child.dataType() instanceof DecimalType d) {
      return DecimalType.bounded(d.precision() + 10, d.scale());
    }
    return DataTypes.DoubleType;
  }

  @Override
  public List<DataType> bufferTypes() {
    return List.of(sumType(), DataTypes.LongType);
  }

  @Override
  public Accumulator newAccumulator() {
    return child.dataType() instanceof DecimalType ? new DecimalAvg() : new DoubleAvg();
  }

  static final class DoubleAvg implements Accumulator {
    double[] sums = new double[16];
    long[] counts = new long[16];

    @Override
    public void ensureCapacity(int numGroups) {
      if (numGroups > sums.length) {
        int cap = Math.max(numGroups, sums.length * 2);
        sums = Arrays.copyOf(sums, cap);
        counts = Arrays.copyOf(counts, cap);
      }
    }

    @Override
    public void update(int[] groupIds, ColumnVector[] inputs, int n) {
      ColumnVector in = inputs[0];
      for (int i = 0; i < n; i++) {
        int g = groupIds[i];
        if (g < 0 || in.isNull(i)) {
          continue;
        }
        double v;
        if (in instanceof IntVector iv) {
          v = iv.getInt(i);
        } else if (in instanceof LongVector lv) {
          v = lv.getLong(i);
        } else if (in instanceof DoubleVector dv) {
          v = dv.getDouble(i);
        } else {
          continue;
        }
        sums[g] += v;
        counts[g]++;
      }
    }

    @Override
    public void merge(int[] groupIds, ColumnVector[] buffers, int n) {
      DoubleVector s = (DoubleVector) buffers[0];
      LongVector c = (LongVector) buffers[1];
      for (int i = 0; i < n; i++) {
        int g = groupIds[i];
        if (g >= 0 && !s.isNull(i)) {
          sums[g] += s.getDouble(i);
          counts[g] += c.getLong(i);
        }
      }
    }

    @Override
    public ColumnVector[] buffers(int numGroups) {
      return new ColumnVector[] {
          new DoubleVector(Arrays.copyOf(sums, numGroups), numGroups, null),
          new LongVector(DataTypes.LongType, Arrays.copyOf(counts, numGroups), numGroups, null)};
    }

    @Override
    public ColumnVector evaluate(int numGroups) {
      double[] out = new double[numGroups];
      boolean[] nulls = null;
      for (int g = 0; g < numGroups; g++) {
        if (counts[g] == 0) {
          if (nulls == null) {
            nulls = new boolean[numGroups];
          }
          nulls[g] = true;
        } else {
          out[g] = sums[g] / counts[g];
        }
      }
      return new DoubleVector(out, numGroups, nulls);
    }

    @Override
    public long estimatedBytes() {
      return 16L * sums.length;
    }
  }

  final class DecimalAvg implements Accumulator {
    BigDecimal[] sums = new BigDecimal[16];
    long[] counts = new long[16];

    @Override
    public void ensureCapacity(int numGroups) {
      if (numGroups > sums.length) {
        int cap = Math.max(numGroups, sums.length * 2);
        sums = Arrays.copyOf(sums, cap);
        counts = Arrays.copyOf(counts, cap);
      }
    }

    @Override
    public void update(int[] groupIds, ColumnVector[] inputs, int n) {
      ColumnVector in = inputs[0];
      for (int i = 0; i < n; i++) {
        int g = groupIds[i];
        if (g < 0 || in.isNull(i)) {
          continue;
        }
        BigDecimal v = (BigDecimal) in.get(i);
        sums[g] = sums[g] == null ? v : sums[g].add(v);
        counts[g]++;
      }
    }

    @Override
    public void merge(int[] groupIds, ColumnVector[] buffers, int n) {
      ColumnVector s = buffers[0];
      LongVector c = (LongVector) buffers[1];
      for (int i = 0; i < n; i++) {
        int g = groupIds[i];
        if (g >= 0 && !s.isNull(i)) {
          BigDecimal v = (BigDecimal) s.get(i);
          sums[g] = sums[g] == null ? v : sums[g].add(v);
          counts[g] += c.getLong(i);
        }
      }
    }

    @Override
    public ColumnVector[] buffers(int numGroups) {
      DecimalType st = (DecimalType) sumType();
      Object[] s = new Object[numGroups];
      for (int g = 0; g < numGroups; g++) {
        s[g] = sums[g] == null ? null : sums[g].setScale(st.scale(), RoundingMode.HALF_UP);
      }
      return new ColumnVector[] {
          ObjectVector.ofNullable(st, s, numGroups),
          new LongVector(DataTypes.LongType, Arrays.copyOf(counts, numGroups), numGroups, null)};
    }

    @Override
    public ColumnVector evaluate(int numGroups) {
      DecimalType rt = (DecimalType) dataType();
      Object[] out = new Object[numGroups];
      for (int g = 0; g < numGroups; g++) {
        if (counts[g] > 0) {
          out[g] = sums[g].divide(BigDecimal.valueOf(counts[g]), rt.scale(), RoundingMode.HALF_UP);
        }
      }
      return ObjectVector.ofNullable(rt, out, numGroups);
    }

    @Override
    public long estimatedBytes() {
      return 56L * sums.length;
    }
  }
}
