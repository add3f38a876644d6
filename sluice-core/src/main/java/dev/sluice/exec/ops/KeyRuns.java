package dev.sluice.exec.ops;

import dev.sluice.exec.hash.GroupTable;
import dev.sluice.plan.expr.Expression;
import dev.sluice.types.DataType;
import dev.sluice.types.ValueOrdering;
import dev.sluice.vector.ColumnVector;
import dev.sluice.vector.VectorOrdering;
import java.util.List;

/**
 * The rows of one task as runs of equal keys, for operators whose input is sorted by those keys (a
 * window by its PARTITION BY, a session merge by its grouping keys): {@code run[i]} numbers the key of
 * row i, the same along a run.
 */
final class KeyRuns {
  private KeyRuns() {}

  /**
   * Whether the keys can be sorted. Map-typed keys cannot (Spark refuses them as window partition and
   * grouping keys; here they are grouped by hash, as before sorting was a stated requirement): operators
   * then ask only for the order after the keys and bring each key's rows together with {@link #gather}.
   */
  static boolean sortable(List<? extends Expression> keys) {
    for (Expression k : keys) {
      if (!ValueOrdering.isOrderable(k.dataType())) {
        return false;
      }
    }
    return true;
  }

  /** Run numbers of rows sorted by {@code keys}: a new run wherever the keys change (NULL equals NULL). */
  static int[] ofSorted(ColumnVector[] keys, int n) {
    int[] run = new int[n];
    for (int i = 1; i < n; i++) {
      run[i] = sameKeys(keys, i - 1, i) ? run[i - 1] : run[i - 1] + 1;
    }
    return run;
  }

  private static boolean sameKeys(ColumnVector[] keys, int a, int b) {
    for (ColumnVector v : keys) {
      boolean an = v.isNull(a);
      boolean bn = v.isNull(b);
      if (an || bn) {
        if (an != bn) {
          return false;
        }
      } else if (VectorOrdering.compareRows(v, a, v, b) != 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * For keys that cannot be sorted: the row order that puts each key's rows together (keys in order of
   * first appearance), keeping the rows of a key in their input order; {@code run} receives, per
   * position of that order, the run number. A counting sort by hash-group id, with no comparisons.
   */
  static int[] gather(ColumnVector[] keys, List<DataType> types, int n, int[] run) {
    int[] group = new int[n];
    GroupTable table = new GroupTable(types);
    table.findOrInsert(keys, n, group);
    int[] start = new int[table.size() + 1];
    for (int i = 0; i < n; i++) {
      start[group[i] + 1]++;
    }
    for (int g = 0; g < table.size(); g++) {
      start[g + 1] += start[g];
    }
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      int pos = start[group[i]]++;
      idx[pos] = i;
      run[pos] = group[i];
    }
    return idx;
  }
}
