package dev.sluice.exec.agg;

import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.types.ValueOrdering;
import dev.sluice.vector.ColumnVector;
import dev.sluice.vector.DoubleVector;
import dev.sluice.vector.IntVector;
import dev.sluice.vector.LongVector;
import dev.sluice.vector.VectorBuilder;
import java.util.Arrays;

/**
 * {@code min(x)} / {@code max(x)}: keeps the extreme non-NULL value per group, NULL for a group
 * without one. Values of int, long and double storage live in primitive arrays and compare
 * natively (doubles by {@link ValueOrdering#compareDoubles}, so NaN is the largest); other orderable
 * types are kept as internal values and compared by {@link ValueOrdering#compareValues}. The buffer
 * is the extreme value itself, so merging is updating.
 */
final class MinMaxAccumulator implements Accumulator {
  private final DataType type;
  private final boolean isMax;
  private long[] longs;
  private int[] ints;
  private double[] doubles;
  private Object[] objects;
  private boolean[] seen = new boolean[16];

  MinMaxAccumulator(DataType type, boolean isMax) {
    this.type = type;
    this.isMax = isMax;
    switch (DataTypes.physical(type)) {
      case LONG -> longs = new long[16];
      case INT -> ints = new int[16];
      case DOUBLE -> doubles = new double[16];
      default -> objects = new Object[16];
    }
  }

  @Override
  public void ensureCapacity(int numGroups) {
    if (numGroups > seen.length) {
      int cap = Math.max(numGroups, seen.length * 2);
      seen = Arrays.copyOf(seen, cap);
      if (longs != null) {
        longs = Arrays.copyOf(longs, cap);
      } else if (ints != null) {
        ints = Arrays.copyOf(ints, cap);
      } else if (doubles != null) {
        doubles = Arrays.copyOf(doubles, cap);
      } else {
        objects = Arrays.copyOf(objects, cap);
      }
    }
  }

  @Override
  public void update(int[] groupIds, ColumnVector[] inputs, int n) {
    ColumnVector in = inputs[0];
    if (in instanceof LongVector lv && longs != null) {
      long[] v = lv.values();
      for (int i = 0; i < n; i++) {
        int g = groupIds[i];
        if (g >= 0 && !in.isNull(i)) {
          long x = v[i];
          if (!seen[g] || (isMax ? x > longs[g] : x < longs[g])) {
            longs[g] = x;
            seen[g] = true;
          }
        }
      }
    } else if (in instanceof IntVector iv && ints != null) {
      int[] v = iv.values();
      for (int i = 0; i < n; i++) {
        int g = groupIds[i];
        if (g >= 0 && !in.isNull(i)) {
          int x = v[i];
          if (!seen[g] || (isMax ? x > ints[g] : x < ints[g])) {
            ints[g] = x;
            seen[g] = true;
          }
        }
      }
    } else if (in instanceof DoubleVector dv && doubles != null) {
      double[] v = dv.values();
      for (int i = 0; i < n; i++) {
        int g = groupIds[i];
        if (g >= 0 && !in.isNull(i)) {
          double x = v[i];
          int c = seen[g] ? ValueOrdering.compareDoubles(x, doubles[g]) : 0;
          if (!seen[g] || (isMax ? c > 0 : c < 0)) {
            doubles[g] = x;
            seen[g] = true;
          }
        }
      }
    } else if (objects != null) {
      for (int i = 0; i < n; i++) {
        int g = groupIds[i];
        if (g >= 0 && !in.isNull(i)) {
          Object x = in.get(i);
          if (!seen[g]) {
            objects[g] = x;
            seen[g] = true;
          } else {
            int c = ValueOrdering.compareValues(x, objects[g], type);
            if (isMax ? c > 0 : c < 0) {
              objects[g] = x;
            }
          }
        }
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
    boolean[] nulls = Accumulators.nullsWhereUnseen(seen, numGroups);
    if (longs != null) {
      return new LongVector(type, Arrays.copyOf(longs, numGroups), numGroups, nulls);
    }
    if (ints != null) {
      return new IntVector(type, Arrays.copyOf(ints, numGroups), numGroups, nulls);
    }
    if (doubles != null) {
      return new DoubleVector(Arrays.copyOf(doubles, numGroups), numGroups, nulls);
    }
    VectorBuilder b = VectorBuilder.create(type, numGroups);
    for (int g = 0; g < numGroups; g++) {
      b.append(seen[g] ? objects[g] : null);
    }
    return b.build();
  }

  @Override
  public long estimatedBytes() {
    return 9L * seen.length + (objects != null ? 40L * objects.length : 0);
  }
}
