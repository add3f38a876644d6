package dev.sluice.state;

import java.util.List;
import java.util.Map;

/**
 * Rough heap sizes of state rows, for the in-memory store's budget: object headers, references and
 * the payload of strings, arrays and boxed values on a 64-bit JVM with compressed references. An
 * estimate meant to be on the generous side, not an exact measurement.
 */
final class StateSizes {
  /** One map entry besides its key and value: the hash map node, its table slot, the StateKey. */
  static final long ENTRY = 72;

  private StateSizes() {}

  static long row(Object[] row) {
    if (row == null) {
      return 0;
    }
    long n = 16 + 4L * row.length;
    for (Object v : row) {
      n += value(v);
    }
    return n;
  }

  /** Whether the JVM can store the string one byte per character (a plain loop: this runs on every put). */
  private static boolean latin1(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 256) {
        return false;
      }
    }
    return true;
  }

  private static long value(Object v) {
    if (v == null) {
      return 0;
    }
    if (v instanceof String s) {
      return 40 + (long) s.length() * (latin1(s) ? 1 : 2);
    }
    if (v instanceof Number || v instanceof Boolean || v instanceof Character) {
      return v instanceof java.math.BigDecimal || v instanceof java.math.BigInteger ? 64 : 24;
    }
    if (v instanceof byte[] b) {
      return 16 + b.length;
    }
    if (v instanceof long[] l) {
      return 16 + 8L * l.length;
    }
    if (v instanceof Object[] r) {
      return row(r);
    }
    if (v instanceof List<?> l) {
      long n = 40 + 4L * l.size();
      for (Object e : l) {
        n += value(e);
      }
      return n;
    }
    if (v instanceof Map<?, ?> m) {
      long n = 48;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        n += 40 + value(e.getKey()) + value(e.getValue());
      }
      return n;
    }
    return 32;
  }
}
