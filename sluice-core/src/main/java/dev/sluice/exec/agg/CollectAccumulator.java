package dev.sluice.exec.agg;

import dev.sluice.types.DataType;
import dev.sluice.vector.ColumnVector;
import dev.sluice.vector.ObjectVector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code collect_list(x)} / {@code collect_set(x)}: the non-NULL values of each group in arrival
 * order, for a set only the first occurrence of each value (values compare by content, so binary
 * values, arrays and structs are equal when their contents are). The buffer is the array itself,
 * so merging appends a partial array's elements (deduplicated for a set). A group without values
 * gives an empty array, never NULL.
 */
final class CollectAccumulator implements Accumulator {
  private final DataType arrayType;
  private final boolean isSet;
  private List<Object>[] lists = newLists(16);
  private List<Set<Key>> seen;
  private long elements;

  CollectAccumulator(DataType arrayType, boolean isSet) {
    this.arrayType = arrayType;
    this.isSet = isSet;
    this.seen = isSet ? new ArrayList<>() : null;
  }

  /** One value with content equality: byte arrays and struct arrays compare by their elements. */
  private record Key(Object value) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Arrays.deepEquals(new Object[] {value}, new Object[] {k.value});
    }

    @Override
    public int hashCode() {
      return Arrays.deepHashCode(new Object[] {value});
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Object>[] newLists(int n) {
    return (List<Object>[]) new List<?>[n];
  }

  @Override
  public void ensureCapacity(int numGroups) {
    if (numGroups > lists.length) {
      lists = Arrays.copyOf(lists, Math.max(numGroups, lists.length * 2));
    }
    if (isSet) {
      while (seen.size() < numGroups) {
        seen.add(null);
      }
    }
  }

  private void add(int g, Object v) {
    if (isSet) {
      Set<Key> s = seen.get(g);
      if (s == null) {
        s = new HashSet<>();
        seen.set(g, s);
      }
      if (!s.add(new Key(v))) {
        return;
      }
    }
    List<Object> l = lists[g];
    if (l == null) {
      l = new ArrayList<>();
      lists[g] = l;
    }
    l.add(v);
    elements++;
  }

  @Override
  public void update(int[] groupIds, ColumnVector[] inputs, int n) {
    ColumnVector in = inputs[0];
    for (int i = 0; i < n; i++) {
      int g = groupIds[i];
      if (g >= 0 && !in.isNull(i)) {
        add(g, in.get(i));
      }
    }
  }

  @Override
  public void merge(int[] groupIds, ColumnVector[] buffers, int n) {
    ColumnVector b = buffers[0];
    for (int i = 0; i < n; i++) {
      int g = groupIds[i];
      if (g < 0 || b.isNull(i)) {
        continue;
      }
      for (Object v : (List<?>) b.get(i)) {
        if (v != null) {
          add(g, v);
        }
      }
    }
  }

  @Override
  public ColumnVector[] buffers(int numGroups) {
    return new ColumnVector[] {evaluate(numGroups)};
  }

  @Override
  public ColumnVector evaluate(int numGroups) {
    Object[] out = new Object[numGroups];
    for (int g = 0; g < numGroups; g++) {
      out[g] = lists[g] == null ? List.of() : List.copyOf(lists[g]);
    }
    return new ObjectVector(arrayType, out, numGroups, null);
  }

  @Override
  public long estimatedBytes() {
    return 8L * lists.length + (isSet ? 72L : 40L) * elements;
  }
}
