package dev.sluice.plan.expr.agg;

import dev.sluice.plan.expr.Expression;
import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.vector.ColumnVector;
import dev.sluice.vector.LongVector;
import java.util.Arrays;
import java.util.List;

/** {@code count(*)} (no children) or {@code count(a, b, ...)}: rows where every argument is non-NULL. */
public final class Count extends AggregateFunction {
  private final List<Expression> arguments;

  public Count(List<Expression> arguments) {
    this.arguments = List.copyOf(arguments);
  }

  @Override
  public String name() {
    return "count";
  }

  @Override
  public List<Expression> children() {
    return arguments;
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    return new Count(c);
  }

  @Override
  public DataType dataType() {
    return DataTypes.LongType;
  }

  @Override
  public boolean nullable() {
    return false;
  }

  @Override
  public List<DataType> bufferTypes() {
    return List.of(DataTypes.LongType);
  }

  @Override
  public String sql() {
    return arguments.isEmpty() ? "count(1)" : super.sql();
  }

  @Override
  public Accumulator newAccumulator() {
    return new Acc();
  }

  static final class Acc implements Accumulator {
    long[] counts = new long[16];

    @Override
    public void ensureCapacity(int numGroups) {
      if (numGroups > counts.length) {
        counts = Arrays.copyOf(counts, Math.max(numGroups, counts.length * 2));
      }
    }

    @Override
    public void update(int[] groupIds, ColumnVector[] inputs, int n) {
      long[] c = counts;
      boolean anyNulls = false;
      for (ColumnVector in : inputs) {
        anyNulls |= in.mayHaveNulls();
      }
      if (!anyNulls) {
        for (int i = 0; i < n; i++) {
          int g = groupIds[i];
          if (g >= 0) {
            c[g]++;
          }
        }
        return;
      }
      outer:
      for (int i = 0; i < n; i++) {
        int g = groupIds[i];
        if (g < 0) {
          continue;
        }
        for (ColumnVector in : inputs) {
          if (in.isNull(i)) {
            continue outer;
          }
        }
        c[g]++;
      }
    }

    @Override
    public void merge(int[] groupIds, ColumnVector[] buffers, int n) {
      long[] b = ((LongVector) buffers[0]).values();
      for (int i = 0; i < n; i++) {
        int g = groupIds[i];
        if (g >= 0) {
          counts[g] += b[i];
        }
      }
    }

    @Override
    public ColumnVector[] buffers(int numGroups) {
      return new ColumnVector[] {evaluate(numGroups)};
    }

    @Override
    public ColumnVector evaluate(int numGroups) {
      return new LongVector(DataTypes.LongType, Arrays.copyOf(counts, numGroups), numGroups, null);
    }

    @Override
    public long estimatedBytes() {
      return 8L * counts.length;
    }
  }
}
