package dev.sluice.testkit;

import dev.sluice.types.Row;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares expected and actual rows: as multisets or in order, with doubles equal within a relative
 * tolerance, decimals equal by value, byte arrays by content, and nested rows, lists and maps
 * element by element. Values of different Java types (an {@code Integer} 1 and a {@code Long} 1) are
 * different, as in Spark's tests; the message points that out when the rows print the same.
 * Stateless; thread-safe.
 */
final class RowComparison {
  private RowComparison() {}

  /** The outcome: empty lists when the rows match. */
  record Diff(List<Row> missing, List<Row> unexpected, String orderProblem) {
    boolean matches() {
      return missing.isEmpty() && unexpected.isEmpty() && orderProblem == null;
    }
  }

  static Diff compare(List<Row> expected, List<Row> actual, double tolerance, boolean ordered) {
    if (ordered) {
      return compareOrdered(expected, actual, tolerance);
    }
    // Exact matches first (hash-based), then the rest pairwise with the tolerance.
    Map<Row, Integer> counts = new HashMap<>();
    for (Row a : actual) {
      counts.merge(a, 1, Integer::sum);
    }
    List<Row> missing = new ArrayList<>();
    for (Row e : expected) {
      Integer c = counts.get(e);
      if (c != null && c > 0) {
        counts.put(e, c - 1);
      } else {
        missing.add(e);
      }
    }
    List<Row> unexpected = new ArrayList<>();
    for (Row a : actual) {
      Integer c = counts.get(a);
      if (c != null && c > 0) {
        counts.put(a, c - 1);
        unexpected.add(a);
      }
    }
    Iterator<Row> it = missing.iterator();
    while (it.hasNext()) {
      Row e = it.next();
      for (int i = 0; i < unexpected.size(); i++) {
        if (rowsEqual(e, unexpected.get(i), tolerance)) {
          unexpected.remove(i);
          it.remove();
          break;
        }
      }
    }
    return new Diff(missing, unexpected, null);
  }

  private static Diff compareOrdered(List<Row> expected, List<Row> actual, double tolerance) {
    int n = Math.min(expected.size(), actual.size());
    for (int i = 0; i < n; i++) {
      if (!rowsEqual(expected.get(i), actual.get(i), tolerance)) {
        Diff asSets = compare(expected, actual, tolerance, false);
        String problem = "first difference at position " + i + ": expected " + expected.get(i) + " but was "
            + actual.get(i) + (asSets.missing().isEmpty() && asSets.unexpected().isEmpty()
                ? " (the same rows, in another order)" : "");
        return new Diff(asSets.missing(), asSets.unexpected(), problem);
      }
    }
    if (expected.size() != actual.size()) {
      Diff asSets = compare(expected, actual, tolerance, false);
      return new Diff(asSets.missing(), asSets.unexpected(),
          "expected " + expected.size() + " rows but got " + actual.size());
    }
    return new Diff(List.of(), List.of(), null);
  }

  static boolean rowsEqual(Row e, Row a, double tolerance) {
    if (e == null || a == null) {
      return e == a;
    }
    if (e.size() != a.size()) {
      return false;
    }
    for (int i = 0; i < e.size(); i++) {
      if (!valuesEqual(e.get(i), a.get(i), tolerance)) {
        return false;
      }
    }
    return true;
  }

  static boolean valuesEqual(Object e, Object a, double tolerance) {
    if (e == null || a == null) {
      return e == a;
    }
    if ((e instanceof Double || e instanceof Float) && (a instanceof Double || a instanceof Float)) {
      return doublesEqual(((Number) e).doubleValue(), ((Number) a).doubleValue(), tolerance);
    }
    if (e instanceof BigDecimal x && a instanceof BigDecimal y) {
      return x.compareTo(y) == 0;
    }
    if (e instanceof byte[] x && a instanceof byte[] y) {
      return Arrays.equals(x, y);
    }
    if (e instanceof Row x && a instanceof Row y) {
      return rowsEqual(x, y, tolerance);
    }
    if (e instanceof List<?> x && a instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!valuesEqual(x.get(i), y.get(i), tolerance)) {
          return false;
        }
      }
      return true;
    }
    if (e instanceof Map<?, ?> x && a instanceof Map<?, ?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (Map.Entry<?, ?> en : x.entrySet()) {
        if (!y.containsKey(en.getKey()) || !valuesEqual(en.getValue(), y.get(en.getKey()), tolerance)) {
          return false;
        }
      }
      return true;
    }
    return Objects.equals(e, a);
  }

  static boolean doublesEqual(double x, double y, double tolerance) {
    if (Double.compare(x, y) == 0 || x == y) {
      return true;
    }
    if (Double.isNaN(x) || Double.isNaN(y) || Double.isInfinite(x) || Double.isInfinite(y)) {
      return false;
    }
    return Math.abs(x - y) <= tolerance * Math.max(Math.abs(x), Math.abs(y));
  }

  /** Rows sorted by their text, one per line, for messages about unordered results. */
  static String lines(List<Row> rows, boolean sort) {
    if (rows.isEmpty()) {
      return "(none)\n";
    }
    List<Row> rs = new ArrayList<>(rows);
    if (sort) {
      rs.sort(Comparator.comparing(Row::toString));
    }
    StringBuilder sb = new StringBuilder();
    for (Row r : rs) {
      sb.append(r).append('\n');
    }
    return sb.toString();
  }

  /**
   * Explains pairs of missing/unexpected rows that print the same but hold values of different
   * Java types, the usual cause of a baffling "[a,1] is not [a,1]"; empty when there are none.
   */
  static String typeHints(Diff d) {
    StringBuilder sb = new StringBuilder();
    for (Row m : d.missing()) {
      for (Row u : d.unexpected()) {
        if (m.toString().equals(u.toString())) {
          sb.append("expected ").append(m).append(" has types ").append(types(m)).append(", the actual row has ")
              .append(types(u)).append('\n');
          break;
        }
      }
    }
    return sb.toString();
  }

  private static String types(Row r) {
    List<String> ts = new ArrayList<>();
    for (int i = 0; i < r.size(); i++) {
      Object v = r.get(i);
      ts.add(v == null ? "null" : v.getClass().getSimpleName());
    }
    return "(" + String.join(", ", ts) + ")";
  }
}
