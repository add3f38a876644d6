package dev.sluice.connector.file;

import dev.sluice.connector.SourceFilter;
import dev.sluice.fs.FileStatus;
import dev.sluice.types.DataType;
import dev.sluice.types.StructType;
import dev.sluice.types.ValueOrdering;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Skips files whose partition folder values cannot satisfy the filters on partition columns
 * ({@code WHERE day = '2024-05-01'} reads only {@code day=2024-05-01/}).
 */
final class PartitionPruning {
  private PartitionPruning() {}

  static List<FileStatus> prune(FileTable t, List<FileStatus> files, List<SourceFilter> filters) {
    StructType ps = t.partitionSchema();
    if (ps.size() == 0 || filters.isEmpty()) {
      return files;
    }
    Set<String> names = Set.of(ps.fieldNames());
    List<SourceFilter> usable = new ArrayList<>();
    for (SourceFilter f : filters) {
      if (names.containsAll(FileTable.columnsOf(f))) {
        usable.add(f);
      }
    }
    if (usable.isEmpty()) {
      return files;
    }
    List<FileStatus> out = new ArrayList<>();
    for (FileStatus f : files) {
      Object[] values = t.partitionValues(f);
      boolean keep = true;
      for (SourceFilter sf : usable) {
        if (eval(sf, ps, values) == Boolean.FALSE) {
          keep = false;
          break;
        }
      }
      if (keep) {
        out.add(f);
      }
    }
    return out;
  }

  /** Three-valued evaluation; null is unknown (and keeps the file). */
  private static Boolean eval(SourceFilter f, StructType ps, Object[] values) {
    if (f instanceof SourceFilter.And a) {
      Boolean l = eval(a.left(), ps, values);
      Boolean r = eval(a.right(), ps, values);
      if (l == Boolean.FALSE || r == Boolean.FALSE) {
        return false;
      }
      return l == null || r == null ? null : true;
    }
    if (f instanceof SourceFilter.Or o) {
      Boolean l = eval(o.left(), ps, values);
      Boolean r = eval(o.right(), ps, values);
      if (l == Boolean.TRUE || r == Boolean.TRUE) {
        return true;
      }
      return l == null || r == null ? null : false;
    }
    if (f instanceof SourceFilter.Not n) {
      Boolean c = eval(n.child(), ps, values);
      return c == null ? null : !c;
    }
    String col = SourceFilters.column(f);
    int i = ps.indexOf(col);
    Object v = values[i];
    DataType t = ps.field(i).dataType();
    if (f instanceof SourceFilter.IsNull) {
      return v == null;
    }
    if (f instanceof SourceFilter.IsNotNull) {
      return v != null;
    }
    if (v == null) {
      return null;
    }
    try {
      if (f instanceof SourceFilter.In in) {
        for (Object x : in.values()) {
          if (x != null && ValueOrdering.compareValues(v, x, t) == 0) {
            return true;
          }
        }
        return false;
      }
      Object lit = f instanceof SourceFilter.EqualTo x ? x.value() : f instanceof SourceFilter.LessThan x ? x.value()
          : f instanceof SourceFilter.LessThanOrEqual x ? x.value() : f instanceof SourceFilter.GreaterThan x ? x.value()
          : ((SourceFilter.GreaterThanOrEqual) f).value();
      if (lit == null) {
        return null;
      }
      int c = ValueOrdering.compareValues(v, lit, t);
      if (f instanceof SourceFilter.EqualTo) {
        return c == 0;
      }
      if (f instanceof SourceFilter.LessThan) {
        return c < 0;
      }
      if (f instanceof SourceFilter.LessThanOrEqual) {
        return c <= 0;
      }
      if (f instanceof SourceFilter.GreaterThan) {
        return c > 0;
      }
      return c >= 0;
    } catch (RuntimeException e) {
      return null; // values of another type than expected: keep the file
    }
  }
}
