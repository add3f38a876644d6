package dev.sluice.api.internals;

import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import dev.sluice.types.ArrayType;
import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.types.DecimalType;
import dev.sluice.types.MapType;
import dev.sluice.types.StructField;
import dev.sluice.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Schema and type strings ({@code "id INT, name STRING"}, {@code "decimal(10,2)"}). Delegates to the
 * SQL parser when it is on the class path; this small reader covers the type grammar until then.
 */
public final class Ddl {
  private Ddl() {}

  public static StructType parseSchema(String ddl) {
    List<StructField> fields = new ArrayList<>();
    for (String part : splitTopLevel(ddl, ',')) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      int sp = nameEnd(p);
      String name = p.substring(0, sp).trim();
      if (name.startsWith("`") && name.endsWith("`")) {
        name = name.substring(1, name.length() - 1).replace("``", "`");
      }
      String rest = p.substring(sp).trim();
      boolean nullable = true;
      String upper = rest.toUpperCase(Locale.ROOT);
      if (upper.endsWith("NOT NULL")) {
        nullable = false;
        rest = rest.substring(0, rest.length() - "NOT NULL".length()).trim();
      }
      if (rest.startsWith(":")) {
        rest = rest.substring(1).trim();
      }
      fields.add(new StructField(name, parseType(rest, ddl), nullable));
    }
    if (fields.isEmpty()) {
      throw new SluiceException(ErrorClass.INVALID_SCHEMA, "'" + ddl + "'", "it declares no columns; write e.g. 'id INT, name STRING'");
    }
    return new StructType(fields);
  }

  private static int nameEnd(String p) {
    if (p.startsWith("`")) {
      int i = 1;
      while (i < p.length()) {
        if (p.charAt(i) == '`') {
          if (i + 1 < p.length() && p.charAt(i + 1) == '`') {
            i += 2;
            continue;
          }
          return i + 1;
        }
        i++;
      }
      return p.length();
    }
    int i = 0;
    while (i < p.length() && !Character.isWhitespace(p.charAt(i)) && p.charAt(i) != ':') {
      i++;
    }
    return i;
  }

  public static DataType parseType(String text, String context) {
    String t = text.trim();
    String u = t.toUpperCase(Locale.ROOT);
    switch (u) {
      case "INT", "INTEGER", "SMALLINT", "TINYINT", "SHORT", "BYTE" -> {
        return DataTypes.IntegerType;
      }
      case "BIGINT", "LONG" -> {
        return DataTypes.LongType;
      }
      case "DOUBLE", "FLOAT", "REAL" -> {
        return DataTypes.DoubleType;
      }
      case "STRING", "TEXT", "VARCHAR", "CHAR" -> {
        return DataTypes.StringType;
      }
      case "BOOLEAN", "BOOL" -> {
        return DataTypes.BooleanType;
      }
      case "BINARY" -> {
        return DataTypes.BinaryType;
      }
      case "DATE" -> {
        return DataTypes.DateType;
      }
      case "TIMESTAMP", "TIMESTAMP_LTZ", "TIMESTAMP_NTZ" -> {
        return DataTypes.TimestampType;
      }
      case "DECIMAL", "NUMERIC", "DEC" -> {
        return DecimalType.USER_DEFAULT;
      }
      default -> {
      }
    }
    if (u.matches("(VARCHAR|CHAR)\\s*\\(\\s*\\d+\\s*\\)")) {
      return DataTypes.StringType;
    }
    if (u.matches("(DECIMAL|NUMERIC|DEC)\\s*\\(.*\\)")) {
      String inner = t.substring(t.indexOf('(') + 1, t.lastIndexOf(')'));
      String[] ps = inner.split(",");
      try {
        int p = Integer.parseInt(ps[0].trim());
        int s = ps.length > 1 ? Integer.parseInt(ps[1].trim()) : 0;
        return new DecimalType(p, s);
      } catch (RuntimeException e) {
        throw bad(t, context, "decimal precision and scale must be numbers with scale <= precision <= 38");
      }
    }
    if (u.startsWith("ARRAY<") && u.endsWith(">")) {
      return new ArrayType(parseType(t.substring(6, t.length() - 1), context), true);
    }
    if (u.startsWith("MAP<") && u.endsWith(">")) {
      List<String> kv = splitTopLevel(t.substring(4, t.length() - 1), ',');
      if (kv.size() != 2) {
        throw bad(t, context, "a map type needs a key and a value type: MAP<STRING, INT>");
      }
      return new MapType(parseType(kv.get(0), context), parseType(kv.get(1), context), true);
    }
    if (u.startsWith("STRUCT<") && u.endsWith(">")) {
      return parseSchema(t.substring(7, t.length() - 1));
    }
    throw bad(t, context, "unknown type; use INT, BIGINT, DOUBLE, DECIMAL(p,s), STRING, BOOLEAN, BINARY, DATE, "
        + "TIMESTAMP, ARRAY<t>, MAP<k,v> or STRUCT<name: t, ...>");
  }

  private static SluiceException bad(String type, String context, String why) {
    return new SluiceException(ErrorClass.INVALID_SCHEMA, "'" + context + "'", "type '" + type + "': " + why);
  }

  static List<String> splitTopLevel(String s, char sep) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    boolean quoted = false;
    StringBuilder cur = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '`') {
        quoted = !quoted;
      } else if (!quoted && (c == '<' || c == '(')) {
        depth++;
      } else if (!quoted && (c == '>' || c == ')')) {
        depth--;
      }
      if (c == sep && depth == 0 && !quoted) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }
}
