package dev.sluice.exec.agg;

import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.agg.AggregateFunction;
import dev.sluice.plan.expr.agg.DistinctAggregate;
import dev.sluice.types.DataType;
import dev.sluice.vector.ColumnVector;
import dev.sluice.vector.VectorBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code f(DISTINCT x, ...)}: keeps the distinct input tuples of each group in arrival order and, at
 * {@link #evaluate}, feeds them once each to a fresh accumulator of the inner function. Tuples with a
 * NULL input are left out, as every distinct aggregate ignores them. The buffer is one array of
 * tuple structs per group ({@link DistinctAggregate#bufferTypes()}); merging adds its tuples to the
 * group's set.
 */
final class DistinctAccumulator implements Accumulator {
  private final AggregateFunction inner;
  private final DataType bufferType;
  private final List<Set<Key>> sets = new ArrayList<>();

  DistinctAccumulator(DistinctAggregate f) {
    this.inner = f.inner();
    this.bufferType = f.bufferTypes().get(0);
  }

  /** A tuple of internal values with value equality (byte arrays by content). */
  private record Key(Object[] values) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Arrays.deepEquals(values, k.values);
    }

    @Override
    public int hashCode() {
      return Arrays.deepHashCode(values);
    }

    @Override
    public String toString() {
      return Arrays.toString(values);
    }
  }

  @Override
  public void ensureCapacity(int numGroups) {
    while (sets.size() < numGroups) {
      sets.add(new LinkedHashSet<>());
    }
  }

  @Override
  public void update(int[] groupIds, ColumnVector[] inputs, int n) {
    outer:
    for (int i = 0; i < n; i++) {
      int g = groupIds[i];
      if (g < 0) {
        continue;
      }
      Object[] t = new Object[inputs.length];
      for (int k = 0; k < inputs.length; k++) {
        t[k] = inputs[k].get(i);
        if (t[k] == null) {
          continue outer;
        }
      }
      sets.get(g).add(new Key(t));
    }
  }

  @Override
  public void merge(int[] groupIds, ColumnVector[] buffers, int n) {
    for (int i = 0; i < n; i++) {
      int g = groupIds[i];
      Object v = buffers[0].get(i);
      if (g < 0 || v == null) {
        continue;
      }
      for (Object t : (List<?>) v) {
        sets.get(g).add(new Key(((Object[]) t).clone()));
      }
    }
  }

  @Override
  public ColumnVector[] buffers(int numGroups) {
    VectorBuilder b = VectorBuilder.create(bufferType, numGroups);
    for (int g = 0; g < numGroups; g++) {
      List<Object> list = new ArrayList<>();
      for (Key k : sets.get(g)) {
        list.add(k.values());
      }
      b.append(list);
    }
    return new ColumnVector[] {b.build()};
  }

  @Override
  public ColumnVector evaluate(int numGroups) {
    Accumulator acc = Accumulators.create(inner);
    acc.ensureCapacity(numGroups);
    List<Expression> in = inner.children();
    VectorBuilder[] cols = new VectorBuilder[in.size()];
    for (int k = 0; k < cols.length; k++) {
      cols[k] = VectorBuilder.create(in.get(k).dataType(), 16);
    }
    List<Integer> gids = new ArrayList<>();
    for (int g = 0; g < numGroups; g++) {
      for (Key key : sets.get(g)) {
        for (int k = 0; k < cols.length; k++) {
          cols[k].append(key.values()[k]);
        }
        gids.add(g);
      }
    }
    ColumnVector[] vs = new ColumnVector[cols.length];
    for (int k = 0; k < cols.length; k++) {
      vs[k] = cols[k].build();
    }
    int[] ids = gids.stream().mapToInt(Integer::intValue).toArray();
    acc.update(ids, vs, ids.length);
    return acc.evaluate(numGroups);
  }

  @Override
  public long estimatedBytes() {
    long b = 0;
    for (Set<Key> s : sets) {
      b += 64L * s.size();
    }
    return b;
  }
}
