package dev.sluice.sqltests;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits a schema in Spark's catalog form, {@code struct<name:type,...>}, into column names and type
 * strings. Names are arbitrary text (Spark's generated names hold commas, colons, brackets:
 * {@code struct<(1 < 2):boolean,map(a, 1):map<string,int>>}), so the split tries each colon as the
 * end of a name and keeps the first reading in which a well-formed type follows every name.
 */
public final class SchemaString {
  private static final Set<String> TYPE_WORDS = Set.of("to", "year", "month", "day", "hour", "minute", "second");
  /** The names a type in catalog form starts with; anything else ends no column name. */
  private static final Set<String> TYPE_NAMES = Set.of("boolean", "tinyint", "smallint", "int", "bigint", "float",
      "double", "decimal", "string", "char", "varchar", "binary", "date", "timestamp", "timestamp_ntz",
      "timestamp_ltz", "time", "interval", "void", "variant", "array", "map", "struct", "geometry", "geography");

  private SchemaString() {}

  /** A column: its name and its type in catalog form, e.g. {@code decimal(10,2)}. */
  public record Field(String name, String type) {}

  /** The columns, or null when the text is not a struct schema this reader understands. */
  public static List<Field> parse(String schema) {
    if (schema == null || !schema.startsWith("struct<")) {
      return null;
    }
    List<Field> out = new ArrayList<>();
    int end = fields(schema, "struct<".length(), out);
    return end == schema.length() ? out : null;
  }

  /** Fields up to and including the closing '>' from {@code i}; the index after it, or -1. */
  private static int fields(String s, int i, List<Field> out) {
    if (i < s.length() && s.charAt(i) == '>') {
      return i + 1;
    }
    for (int colon = s.indexOf(':', i); colon >= 0; colon = s.indexOf(':', colon + 1)) {
      int t = type(s, colon + 1);
      if (t < 0 || t >= s.length()) {
        continue;
      }
      int mark = out == null ? 0 : out.size();
      if (out != null) {
        out.add(new Field(s.substring(i, colon), s.substring(colon + 1, t)));
      }
      if (s.charAt(t) == '>') {
        // the end of this struct; at the top level it must also be the end of the text
        if (out == null || t + 1 == s.length()) {
          return t + 1;
        }
      } else if (s.charAt(t) == ',') {
        int rest = fields(s, t + 1, out);
        if (rest >= 0 && (out == null || rest == s.length())) {
          return rest;
        }
      }
      if (out != null) {
        out.subList(mark, out.size()).clear();
      }
    }
    return -1;
  }

  /** A type starting at {@code i}: the index just after it, or -1. */
  private static int type(String s, int i) {
    int j = word(s, i);
    String w = s.substring(i, j);
    if (!TYPE_NAMES.contains(w)) {
      return -1;
    }
    if (j < s.length() && s.charAt(j) == '<') {
      switch (w) {
        case "struct":
          return fields(s, j + 1, null);
        case "array": {
          int e = type(s, j + 1);
          return e >= 0 && e < s.length() && s.charAt(e) == '>' ? e + 1 : -1;
        }
        case "map": {
          int k = type(s, j + 1);
          if (k < 0 || k >= s.length() || s.charAt(k) != ',') {
            return -1;
          }
          int v = type(s, k + 1);
          return v >= 0 && v < s.length() && s.charAt(v) == '>' ? v + 1 : -1;
        }
        default:
          return -1;
      }
    }
    if (j < s.length() && s.charAt(j) == '(') { // decimal(10,2), char(5), varchar(3)
      int close = s.indexOf(')', j);
      if (close < 0 || !s.substring(j + 1, close).matches("[0-9, ]*")) {
        return -1;
      }
      j = close + 1;
    }
    // multi-word types: interval day to second, string collate UTF8_LCASE
    while (j < s.length() && s.charAt(j) == ' ') {
      int k = word(s, j + 1);
      String next = s.substring(j + 1, k);
      if (TYPE_WORDS.contains(next)) {
        j = k;
      } else if (next.equals("collate")) {
        int c = k < s.length() && s.charAt(k) == ' ' ? word(s, k + 1) : k;
        if (c == k + 1 || c == k) {
          return -1;
        }
        j = c;
      } else {
        break;
      }
    }
    return j;
  }

  private static int word(String s, int i) {
    int j = i;
    while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
      j++;
    }
    return j;
  }
}
