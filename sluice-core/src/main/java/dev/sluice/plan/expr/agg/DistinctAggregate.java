package dev.sluice.plan.expr.agg;

import dev.sluice.plan.expr.Expression;
import dev.sluice.types.ArrayType;
import dev.sluice.types.DataType;
import dev.sluice.types.StructField;
import dev.sluice.types.StructType;
import dev.sluice.vector.ColumnVector;
import dev.sluice.vector.VectorBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * {@code f(DISTINCT x, ...)}: keeps the distinct input tuples of each group and applies the inner
 * function to them at the end. The partial buffer is the array of distinct tuples (rows with a NULL
 * input are left out, as every distinct aggregate ignores them). Batch queries only; streams refuse
 * distinct aggregates as Spark does.
 */
public final class DistinctAggregate extends AggregateFunction {
  private final AggregateFunction inner;

  public DistinctAggregate(AggregateFunction inner) {
    this.inner = inner;
  }

  public AggregateFunction inner() {
    return inner;
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public List<Expression> children() {
    return List.of(inner);
  }

  @Override
  public Expression withNewChildren(List<Expression> c) {
    return new DistinctAggregate((AggregateFunction) c.get(0));
  }

  @Override
  public List<Expression> inputs() {
    return inner.children();
  }

  @Override
  public DataType dataType() {
    return inner.dataType();
  }

  @Override
  public boolean nullable() {
    return inner.nullable();
  }

  @Override
  public String sql() {
    String s = inner.sql();
    return inner.name() + "(DISTINCT " + s.substring(inner.name().length() + 1);
  }

  private StructType tupleType() {
    List<StructField> fields = new ArrayList<>();
    int i = 0;
    for (Expression e : inner.children()) {
      fields.add(new StructField("_" + i++, e.dataType(), true));
    }
    return new StructType(fields);
  }

  @Override
  public List<DataType> bufferTypes() {
    return List.of(new ArrayType(tupleType(), false));
  }

  @Override
  public Accumulator newAccumulator() {
    return new Acc();
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

  final class Acc implements Accumulator {
    List<Set<Key>> sets = new ArrayList<>();

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
      VectorBuilder b = VectorBuilder.create(bufferTypes().get(0), numGroups);
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
      Accumulator acc = inner.newAccumulator();
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

  @Override
  public boolean equals(Object o) {
    return o instanceof DistinctAggregate d && d.inner.equals(inner);
  }

  @Override
  public int hashCode() {
    return Objects.hash(DistinctAggregate.class, inner);
  }
}
