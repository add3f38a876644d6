package dev.sluice.parquet;

import dev.sluice.connector.SourceFilter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.parquet.filter2.predicate.FilterApi;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.filter2.predicate.Operators;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Turns {@link SourceFilter}s into a Parquet {@link FilterPredicate} for one file, so row groups
 * whose statistics or dictionaries rule the filter out are not read. Only top-level columns of
 * the file with a matching physical type are used (INT32 for INT and DATE, INT64 for BIGINT and
 * TIMESTAMP in micros, DOUBLE, BOOLEAN, UTF-8 BINARY for STRING); an AND keeps the parts it can
 * translate, an OR or NOT is used only whole.
 */
final class ParquetFilters {
  private ParquetFilters() {}

  static FilterPredicate of(List<SourceFilter> filters, MessageType file) {
    FilterPredicate out = null;
    for (SourceFilter f : filters) {
      FilterPredicate p = translate(f, file, true);
      if (p != null) {
        out = out == null ? p : FilterApi.and(out, p);
      }
    }
    return out;
  }

  private static FilterPredicate translate(SourceFilter f, MessageType file, boolean partialOk) {
    if (f instanceof SourceFilter.And a) {
      FilterPredicate l = translate(a.left(), file, partialOk);
      FilterPredicate r = translate(a.right(), file, partialOk);
      if (l == null || r == null) {
        return partialOk ? (l == null ? r : l) : null;
      }
      return FilterApi.and(l, r);
    }
    if (f instanceof SourceFilter.Or o) {
      FilterPredicate l = translate(o.left(), file, false);
      FilterPredicate r = translate(o.right(), file, false);
      return l == null || r == null ? null : FilterApi.or(l, r);
    }
    if (f instanceof SourceFilter.Not n) {
      FilterPredicate c = translate(n.child(), file, false);
      return c == null ? null : FilterApi.not(c);
    }
    return leaf(f, file);
  }

  private enum Kind { INT, LONG, DOUBLE, BOOLEAN, STRING }

  private static Kind kind(MessageType file, String column) {
    if (!file.containsField(column)) {
      return null;
    }
    Type t = file.getType(column);
    if (!t.isPrimitive() || t.isRepetition(Type.Repetition.REPEATED)) {
      return null;
    }
    PrimitiveType p = t.asPrimitiveType();
    LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
    switch (p.getPrimitiveTypeName()) {
      case INT32:
        return a == null || a instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation ? Kind.INT : null;
      case INT64:
        if (a == null) {
          return Kind.LONG;
        }
        if (a instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts
            && ts.getUnit() == LogicalTypeAnnotation.TimeUnit.MICROS) {
          return Kind.LONG;
        }
        return null;
      case DOUBLE:
        return Kind.DOUBLE;
      case BOOLEAN:
        return Kind.BOOLEAN;
      case BINARY:
        return a instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation ? Kind.STRING : null;
      default:
        return null;
    }
  }

  private static FilterPredicate leaf(SourceFilter f, MessageType file) {
    String col = column(f);
    Kind k = kind(file, col);
    if (k == null) {
      return null;
    }
    return switch (k) {
      case INT -> ordered(FilterApi.intColumn(col), f, v -> v instanceof Integer i ? i : null);
      case LONG -> ordered(FilterApi.longColumn(col), f, v -> v instanceof Long l ? l : null);
      case DOUBLE -> ordered(FilterApi.doubleColumn(col), f, v -> v instanceof Double d ? d : null);
      case STRING -> ordered(FilterApi.binaryColumn(col), f, v -> v instanceof String s ? Binary.fromString(s) : null);
      case BOOLEAN -> equality(FilterApi.booleanColumn(col), f, v -> v instanceof Boolean b ? b : null);
    };
  }

  private static <T extends Comparable<T>, C extends Operators.Column<T> & Operators.SupportsEqNotEq>
      FilterPredicate equality(C c, SourceFilter f, java.util.function.Function<Object, T> conv) {
    if (f instanceof SourceFilter.IsNull) {
      return FilterApi.eq(c, null);
    }
    if (f instanceof SourceFilter.IsNotNull) {
      return FilterApi.notEq(c, null);
    }
    if (f instanceof SourceFilter.In in) {
      Set<T> vals = new HashSet<>();
      for (Object v : in.values()) {
        T x = conv.apply(v);
        if (x == null) {
          return null;
        }
        vals.add(x);
      }
      return FilterApi.in(c, vals);
    }
    if (f instanceof SourceFilter.EqualTo e) {
      T v = conv.apply(e.value());
      return v == null ? null : FilterApi.eq(c, v);
    }
    return null;
  }

  private static <T extends Comparable<T>, C extends Operators.Column<T> & Operators.SupportsLtGt>
      FilterPredicate ordered(C c, SourceFilter f, java.util.function.Function<Object, T> conv) {
    FilterPredicate eq = equality(c, f, conv);
    if (eq != null) {
      return eq;
    }
    if (f instanceof SourceFilter.LessThan x) {
      T v = conv.apply(x.value());
      return v == null ? null : FilterApi.lt(c, v);
    }
    if (f instanceof SourceFilter.LessThanOrEqual x) {
      T v = conv.apply(x.value());
      return v == null ? null : FilterApi.ltEq(c, v);
    }
    if (f instanceof SourceFilter.GreaterThan x) {
      T v = conv.apply(x.value());
      return v == null ? null : FilterApi.gt(c, v);
    }
    if (f instanceof SourceFilter.GreaterThanOrEqual x) {
      T v = conv.apply(x.value());
      return v == null ? null : FilterApi.gtEq(c, v);
    }
    return null;
  }

  private static String column(SourceFilter f) {
    if (f instanceof SourceFilter.EqualTo x) {
      return x.column();
    }
    if (f instanceof SourceFilter.LessThan x) {
      return x.column();
    }
    if (f instanceof SourceFilter.LessThanOrEqual x) {
      return x.column();
    }
    if (f instanceof SourceFilter.GreaterThan x) {
      return x.column();
    }
    if (f instanceof SourceFilter.GreaterThanOrEqual x) {
      return x.column();
    }
    if (f instanceof SourceFilter.In x) {
      return x.column();
    }
    if (f instanceof SourceFilter.IsNull x) {
      return x.column();
    }
    return ((SourceFilter.IsNotNull) f).column();
  }
}
