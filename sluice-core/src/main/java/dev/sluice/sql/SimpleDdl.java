package dev.sluice.sql;

import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.types.StructField;
import dev.sluice.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parameterless type names, and plain column lists read without the grammar. A class of its own so
 * that using it loads neither the ANTLR runtime nor the parse-tree classes.
 */
final class SimpleDdl {
  private SimpleDdl() {}

  /** The type a parameterless type name (lower case) stands for, e.g. {@code int}; null for other names. */
  static DataType type(String lowerCaseName) {
    return switch (lowerCaseName) {
      case "boolean", "bool" -> DataTypes.BooleanType;
      case "tinyint", "byte", "smallint", "short", "int", "integer" -> DataTypes.IntegerType;
      case "bigint", "long" -> DataTypes.LongType;
      case "float", "real", "double" -> DataTypes.DoubleType;
      case "string", "text" -> DataTypes.StringType;
      case "binary" -> DataTypes.BinaryType;
      case "date" -> DataTypes.DateType;
      case "timestamp", "timestamp_ltz", "timestamp_ntz" -> DataTypes.TimestampType;
      case "void" -> DataTypes.NullType;
      default -> null;
    };
  }

  /**
   * The common DDL {@code a INT, b STRING} (plain names, parameterless types) read without the
   * grammar, so that declaring a schema does not load and warm up the SQL parser: a new JVM's first
   * parse costs over 100 ms. Null for anything else (quotes, nesting, NOT NULL, comments, errors),
   * which then goes through the parser. The result is exactly the parser's (SqlParserDataTypeTest checks).
   */
  static StructType schema(String ddl) {
    List<StructField> fields = new ArrayList<>();
    int i = 0;
    int n = ddl.length();
    while (true) {
      i = skipSpace(ddl, i);
      int nameStart = i;
      if (i >= n || !(isAsciiLetter(ddl.charAt(i)) || ddl.charAt(i) == '_')) {
        return null;
      }
      while (i < n && isWordChar(ddl.charAt(i))) {
        i++;
      }
      String name = ddl.substring(nameStart, i);
      int afterName = i;
      i = skipSpace(ddl, i);
      if (i == afterName) {
        return null;
      }
      int typeStart = i;
      while (i < n && isWordChar(ddl.charAt(i))) {
        i++;
      }
      DataType type = type(ddl.substring(typeStart, i).toLowerCase(Locale.ROOT));
      if (type == null) {
        return null;
      }
      fields.add(new StructField(name, type, true));
      i = skipSpace(ddl, i);
      if (i == n) {
        return new StructType(fields);
      }
      if (ddl.charAt(i) != ',') {
        return null;
      }
      i++;
    }
  }

  private static int skipSpace(String s, int i) {
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\n'
        || s.charAt(i) == '\r')) {
      i++;
    }
    return i;
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isWordChar(char c) {
    return isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_';
  }
}
