package dev.sluice.plan.analysis;

import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.Kernel;
import dev.sluice.plan.expr.Literal;
import dev.sluice.plan.expr.ScalarFunction;
import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** String functions. Arguments of other atomic types are implicitly cast to STRING, as in Spark. */
final class StringFunctions {
  private StringFunctions() {}

  static Expression str(Expression e, FunctionRegistry.FunctionContext c) {
    DataType t = e.dataType();
    if (t == DataTypes.StringType) {
      return e;
    }
    if (t instanceof dev.sluice.types.StructType || t instanceof dev.sluice.types.MapType
        || t instanceof dev.sluice.types.ArrayType) {
      throw new AnalysisException(ErrorClass.DATATYPE_MISMATCH, "\"" + c.name() + "\"",
          "the argument " + e.sql() + " must be a STRING, but it is " + t.sql());
    }
    return TypeCoercion.castIfNeeded(e, DataTypes.StringType, c.ansi());
  }

  static Expression integer(Expression e, FunctionRegistry.FunctionContext c) {
    DataType t = e.dataType();
    if (t == DataTypes.IntegerType) {
      return e;
    }
    if (t == DataTypes.LongType || t == DataTypes.NullType || t == DataTypes.StringType
        || t instanceof dev.sluice.types.DecimalType || t == DataTypes.DoubleType) {
      return TypeCoercion.castIfNeeded(e, DataTypes.IntegerType, c.ansi());
    }
    throw new AnalysisException(ErrorClass.DATATYPE_MISMATCH, "\"" + c.name() + "\"",
        "the argument " + e.sql() + " must be an INT, but it is " + t.sql());
  }

  private static FunctionSpec unary(FunctionRegistry r, String name, java.util.function.Function<String, String> f) {
    return r.register(name, 1, 1, name + "(str)",
        (a, c) -> new ScalarFunction(name, List.of(str(a.get(0), c)), DataTypes.StringType, new Kernel.ObjUnary<>(f)));
  }

  static void register(FunctionRegistry r) {
    unary(r, "upper", s -> s.toUpperCase(Locale.ROOT))
        .doc("Returns `str` with all characters changed to uppercase.")
        .example("SELECT upper('SparkSql')", "SPARKSQL");
    r.alias("ucase", "upper");
    unary(r, "lower", s -> s.toLowerCase(Locale.ROOT))
        .doc("Returns `str` with every character converted to lower case (locale-independent rules). "
            + "A NULL input gives NULL.")
        .example("SELECT lower('SparkSql')", "sparksql")
        .example("SELECT lcase('ÄBC')", "äbc");
    r.alias("lcase", "lower");
    r.register("length", 1, 1, "length(str)", (a, c) -> {
      String name = FunctionArgs.name(c);
      if (a.get(0).dataType() == DataTypes.BinaryType) {
        return new ScalarFunction(name, a, DataTypes.IntegerType, new Kernel.ObjToInt<byte[]>(b -> b.length));
      }
      return new ScalarFunction(name, List.of(str(a.get(0), c)), DataTypes.IntegerType,
          new Kernel.ObjToInt<String>(s -> s.codePointCount(0, s.length())));
    }).doc("Returns the number of characters in a string, trailing spaces included, or the number of bytes "
            + "in a binary value. Other types are cast to STRING first; NULL gives NULL.")
        .example("SELECT length('Spark SQL ')", "10")
        .example("SELECT length(x'537061726b2053514c')", "9")
        .example("SELECT char_length('Spark SQL ')", "10");
    r.alias("len", "length");
    r.alias("char_length", "length");
    r.alias("character_length", "length");
    r.register("reverse", 1, 1, "reverse(str | array)", (a, c) -> {
      if (a.get(0).dataType() instanceof dev.sluice.types.ArrayType) {
        return new ScalarFunction("reverse", a, a.get(0).dataType(), v -> {
          List<Object> out = new ArrayList<>((List<?>) v[0]);
          java.util.Collections.reverse(out);
          return out;
        });
      }
      return new ScalarFunction("reverse", List.of(str(a.get(0), c)), DataTypes.StringType,
          new Kernel.ObjUnary<String>(s -> new StringBuilder(s).reverse().toString()));
    }).group("collection_funcs")
        .doc("Returns the characters of a string in reverse order, or the elements of an array in reverse "
            + "order. NULL gives NULL.")
        .example("SELECT reverse('Spark SQL')", "LQS krapS")
        .example("SELECT reverse(array(2, 1, 4, 3))", "[3,4,1,2]");
    unary(r, "initcap", StringFunctions::initcap)
        .doc("Returns `str` with the first letter of every word in upper case and all other letters in lower "
            + "case; words are separated by spaces. NULL gives NULL.")
        .example("SELECT initcap('sPark sql')", "Spark Sql");
    r.register("ascii", 1, 1, "ascii(str)", (a, c) -> new ScalarFunction("ascii", List.of(str(a.get(0), c)),
        DataTypes.IntegerType, new Kernel.ObjToInt<String>(s -> s.isEmpty() ? 0 : s.codePointAt(0))))
        .doc("Returns the numeric code (Unicode code point) of the first character of `str`, or 0 for an empty "
            + "string. Numbers are cast to STRING first; NULL gives NULL.")
        .example("SELECT ascii('222')", "50")
        .example("SELECT ascii(2)", "50")
        .example("SELECT ascii('')", "0");
    r.register("trim", 1, 2, "trim(str) | trim(trimStr, str)", (a, c) -> trim(a, c, true, true, "trim", true))
        .doc("Removes the leading and trailing spaces from `str`; with the SQL form `TRIM([BOTH | LEADING | "
            + "TRAILING] [chars] FROM str)` it removes any of the characters in `chars` from the chosen ends, "
            + "and so does the function form `trim(trimStr, str)` (characters first, as in Spark). NULL gives NULL.")
        .example("SELECT trim('    SparkSQL   ')", "SparkSQL")
        .example("SELECT trim(BOTH 'SL' FROM 'SSparkSQLS')", "parkSQ")
        .example("SELECT trim(TRAILING 'SL' FROM 'SSparkSQLS')", "SSparkSQ")
        .example("SELECT trim('SL', 'SSparkSQLS')", "parkSQ");
    r.register("ltrim", 1, 2, "ltrim(str) | ltrim(trimStr, str)", (a, c) -> trim(a, c, true, false, "ltrim", true))
        .doc("Removes the leading spaces from `str` (the same as `TRIM(LEADING FROM str)`). NULL gives NULL.")
        .example("SELECT ltrim('    SparkSQL   ')", "SparkSQL   ")
        .example("SELECT trim(LEADING 'SL' FROM 'SSparkSQLS')", "parkSQLS")
        .example("SELECT ltrim('SL', 'SSparkSQLS')", "parkSQLS");
    r.register("rtrim", 1, 2, "rtrim(str) | rtrim(trimStr, str)", (a, c) -> trim(a, c, false, true, "rtrim", true))
        .doc("Removes the trailing spaces from `str` (the same as `TRIM(TRAILING FROM str)`). NULL gives NULL.")
        .example("SELECT rtrim('    SparkSQL   ')", "    SparkSQL")
        .example("SELECT rtrim('SL', 'SSparkSQLS')", "SSparkSQ");
    r.register("concat", 0, Integer.MAX_VALUE, "concat(str1, str2, ...) | concat(array1, array2, ...)", (a, c) -> {
      if (a.stream().anyMatch(e -> e.dataType() instanceof dev.sluice.types.ArrayType)) {
        return CollectionFunctions.concatArrays(a, c);
      }
      if (!a.isEmpty() && a.stream().allMatch(e -> e.dataType() == DataTypes.BinaryType)) {
        // As in Spark, only BINARY arguments give a BINARY result (mixed ones are joined as strings).
        return new ScalarFunction("concat", a, DataTypes.BinaryType, v -> {
          long total = 0;
          for (Object o : v) {
            total += ((byte[]) o).length;
          }
          SizeLimits.checkString("concat", total);
          java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
          for (Object o : v) {
            out.writeBytes((byte[]) o);
          }
          return out.toByteArray();
        });
      }
      List<Expression> args = new ArrayList<>();
      for (Expression e : a) {
        args.add(str(e, c));
      }
      return new ScalarFunction("concat", args, DataTypes.StringType, v -> {
        long total = 0;
        for (Object o : v) {
          total += ((String) o).length();
        }
        SizeLimits.checkString("concat", total);
        StringBuilder sb = new StringBuilder();
        for (Object o : v) {
          sb.append((String) o);
        }
        return sb.toString();
      });
    }).group("collection_funcs")
        .doc("Joins its arguments into one string (one binary value when all are BINARY), or joins arrays into "
            + "one array. The result is NULL when any argument is NULL.")
        .example("SELECT concat('Spark', 'SQL')", "SparkSQL")
        .example("SELECT concat(array(1, 2, 3), array(4, 5), array(6))", "[1,2,3,4,5,6]")
        .example("SELECT concat('Spark', NULL)", "NULL")
        .example("SELECT hex(concat(x'01', x'02'))", "0102");
    r.register("concat_ws", 1, Integer.MAX_VALUE, "concat_ws(sep, str | array<str>, ...)", (a, c) -> {
      List<Expression> args = new ArrayList<>();
      for (int i = 0; i < a.size(); i++) {
        Expression e = a.get(i);
        // Spark flattens array arguments (skipping their NULL elements) into the list of strings.
        args.add(i > 0 && e.dataType() instanceof dev.sluice.types.ArrayType
            ? FunctionArgs.castTo(e, RegexpFunctions.STRING_ARRAY, c) : str(e, c));
      }
      return new ScalarFunction("concat_ws", args, DataTypes.StringType, false, true, v -> {
        if (v[0] == null) {
          return null;
        }
        long total = 0;
        for (int i = 1; i < v.length; i++) {
          if (v[i] instanceof List<?> l) {
            for (Object o : l) {
              total += o == null ? 0 : ((String) o).length() + ((String) v[0]).length();
            }
          } else if (v[i] != null) {
            total += ((String) v[i]).length() + ((String) v[0]).length();
          }
        }
        SizeLimits.checkString("concat_ws", total);
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (int i = 1; i < v.length; i++) {
          if (v[i] instanceof List<?> l) {
            for (Object o : l) {
              if (o != null) {
                if (!first) {
                  sb.append((String) v[0]);
                }
                sb.append((String) o);
                first = false;
              }
            }
          } else if (v[i] != null) {
            if (!first) {
              sb.append((String) v[0]);
            }
            sb.append((String) v[i]);
            first = false;
          }
        }
        return sb.toString();
      });
    }).doc("Joins the strings, and the elements of string arrays, that follow `sep`, with `sep` between them. "
            + "NULL values are skipped; only a NULL `sep` makes the result NULL.")
        .example("SELECT concat_ws(' ', 'Spark', 'SQL')", "Spark SQL")
        .example("SELECT concat_ws('/', 'foo', null, 'bar')", "foo/bar")
        .example("SELECT concat_ws(null, 'Spark', 'SQL')", "NULL");
    r.register("substring", 2, 3, "substring(str, pos[, len])", (a, c) -> {
      boolean binary = a.get(0).dataType() == DataTypes.BinaryType;
      List<Expression> args = new ArrayList<>();
      args.add(binary ? a.get(0) : str(a.get(0), c));
      args.add(integer(a.get(1), c));
      if (a.size() == 3) {
        args.add(integer(a.get(2), c));
      }
      if (binary) { // as in Spark, a slice of the bytes
        return new ScalarFunction("substring", args, DataTypes.BinaryType,
            v -> substring((byte[]) v[0], (Integer) v[1], v.length > 2 ? (Integer) v[2] : Integer.MAX_VALUE));
      }
      return new ScalarFunction("substring", args, DataTypes.StringType,
          v -> substring((String) v[0], (Integer) v[1], v.length > 2 ? (Integer) v[2] : Integer.MAX_VALUE));
    }).doc("Returns the part of `str` that starts at the 1-based position `pos` and is `len` characters (bytes, "
            + "for a BINARY `str`) long, to the end when `len` is omitted. A negative `pos` counts from the end; "
            + "the SQL form `SUBSTRING(str FROM pos [FOR len])` is the same. NULL arguments give NULL.")
        .example("SELECT substring('Spark SQL', 5)", "k SQL")
        .example("SELECT substring('Spark SQL', -3)", "SQL")
        .example("SELECT substr('Spark SQL' FROM 5 FOR 1)", "k")
        .example("SELECT hex(substring(x'0102030405', 2, 3))", "020304");
    r.alias("substr", "substring");
    r.register("left", 2, 2, "left(str, len)", (a, c) -> a.get(0).dataType() == DataTypes.BinaryType
        ? new ScalarFunction("left", List.of(a.get(0), integer(a.get(1), c)), DataTypes.BinaryType,
            v -> substring((byte[]) v[0], 1, (Integer) v[1]))
        : new ScalarFunction("left", List.of(str(a.get(0), c), integer(a.get(1), c)), DataTypes.StringType,
            v -> (Integer) v[1] <= 0 ? "" : substring((String) v[0], 1, (Integer) v[1])))
        .doc("Returns the first `len` characters of `str` (bytes, for a BINARY `str`), or an empty value when "
            + "`len` is 0 or negative. NULL arguments give NULL.")
        .example("SELECT left('Spark SQL', 3)", "Spa")
        .example("SELECT left(encode('Spark SQL', 'utf-8'), 3)", "Spa")
        .example("SELECT left('Spark SQL', -1)", "");
    r.register("right", 2, 2, "right(str, len)", (a, c) -> new ScalarFunction("right",
        List.of(str(a.get(0), c), integer(a.get(1), c)), DataTypes.StringType,
        v -> (Integer) v[1] <= 0 ? "" : substring((String) v[0], -(Integer) v[1], Integer.MAX_VALUE)))
        .doc("Returns the last `len` characters of `str`, or an empty string when `len` is 0 or negative. NULL "
            + "arguments give NULL.")
        .example("SELECT right('Spark SQL', 3)", "SQL")
        .example("SELECT right('Spark SQL', 0)", "");
    r.register("replace", 2, 3, "replace(str, search[, replace])", (a, c) -> {
      List<Expression> args = new ArrayList<>();
      for (Expression e : a) {
        args.add(str(e, c));
      }
      return new ScalarFunction("replace", args, DataTypes.StringType,
          v -> ((String) v[1]).isEmpty() ? v[0] : replace((String) v[0], (String) v[1], v.length > 2 ? (String) v[2] : ""));
    }).doc("Replaces every occurrence of `search` in `str` with `replace`, or removes them when `replace` is "
            + "omitted. The match is literal (no regular expression); NULL arguments give NULL.")
        .example("SELECT replace('ABCabc', 'abc', 'DEF')", "ABCDEF")
        .example("SELECT replace('ABCabc', 'abc')", "ABC");
    r.register("instr", 2, 2, "instr(str, substr)", (a, c) -> new ScalarFunction("instr",
        List.of(str(a.get(0), c), str(a.get(1), c)), DataTypes.IntegerType,
        new Kernel.ObjBinaryToInt<String, String>((s, sub) -> charIndexToPosition(s, s.indexOf(sub)))))
        .doc("Returns the 1-based position of the first occurrence of `substr` in `str`, or 0 when it does not "
            + "occur. NULL arguments give NULL.")
        .example("SELECT instr('SparkSQL', 'SQL')", "6")
        .example("SELECT instr('SparkSQL', 'xyz')", "0");
    r.register("repeat", 2, 2, "repeat(str, n)", (a, c) -> new ScalarFunction("repeat",
        List.of(str(a.get(0), c), integer(a.get(1), c)), DataTypes.StringType,
        v -> {
          String s = (String) v[0];
          int n = Math.max(0, (Integer) v[1]);
          SizeLimits.checkString("repeat", s.length(), n);
          return s.repeat(n);
        }))
        .doc("Returns `str` repeated `n` times; an empty string when `n` is 0 or negative. NULL arguments give "
            + "NULL.")
        .example("SELECT repeat('123', 2)", "123123")
        .example("SELECT repeat('123', -1)", "");
    r.register("lpad", 2, 3, "lpad(str, len[, pad])", (a, c) -> pad(a, c, true))
        .doc("Returns `str` padded on the left with repetitions of `pad` (a space by default) to `len` "
            + "characters, or cut to its first `len` characters when it is longer. A binary `str` is padded "
            + "with bytes (zero bytes by default). NULL arguments give NULL.")
        .example("SELECT lpad('hi', 5, '??')", "???hi")
        .example("SELECT lpad('hi', 1, '??')", "h")
        .example("SELECT hex(lpad(unhex('aabb'), 5))", "000000AABB");
    r.register("rpad", 2, 3, "rpad(str, len[, pad])", (a, c) -> pad(a, c, false))
        .doc("Returns `str` padded on the right with repetitions of `pad` (a space by default) to `len` "
            + "characters, or cut to its first `len` characters when it is longer. A binary `str` is padded "
            + "with bytes (zero bytes by default). NULL arguments give NULL.")
        .example("SELECT rpad('hi', 5, '??')", "hi???")
        .example("SELECT rpad('hi', 1, '??')", "h")
        .example("SELECT hex(rpad(unhex('aabb'), 5, unhex('1122')))", "AABB112211");
    registerMore(r);
  }

  private static FunctionSpec predicate(FunctionRegistry r, String name,
      java.util.function.BiPredicate<String, String> f) {
    return r.register(name, 2, 2, name + "(str, other)", (a, c) -> new ScalarFunction(name,
        List.of(str(a.get(0), c), str(a.get(1), c)), DataTypes.BooleanType, new Kernel.ObjBinaryToBool<>(f)));
  }

  private static List<Expression> strs(List<Expression> a, FunctionRegistry.FunctionContext c) {
    List<Expression> out = new ArrayList<>(a.size());
    for (Expression e : a) {
      out.add(str(e, c));
    }
    return out;
  }

  /** The second batch of string functions: Spark's most used ones that the first set lacked. */
  static void registerMore(FunctionRegistry r) {
    predicate(r, "startswith", String::startsWith)
        .doc("Returns true when `str` begins with `other`, false otherwise; NULL when either argument is NULL.")
        .example("SELECT startswith('Spark SQL', 'Spark')", "true")
        .example("SELECT startswith('Spark SQL', 'SQL')", "false")
        .example("SELECT startswith('Spark SQL', null)", "NULL");
    predicate(r, "endswith", String::endsWith)
        .doc("Returns true when `str` ends with `other`, false otherwise; NULL when either argument is NULL.")
        .example("SELECT endswith('Spark SQL', 'SQL')", "true")
        .example("SELECT endswith('Spark SQL', 'Spark')", "false")
        .example("SELECT endswith('Spark SQL', null)", "NULL");
    predicate(r, "contains", String::contains)
        .doc("Returns true when `other` occurs inside `str` (case-sensitively), false otherwise; NULL when "
            + "either argument is NULL.")
        .example("SELECT contains('Spark SQL', 'Spark')", "true")
        .example("SELECT contains('Spark SQL', 'SPARK')", "false")
        .example("SELECT contains('Spark SQL', null)", "NULL");
    r.register("locate", 2, 3, "locate(substr, str[, pos])", StringFunctions::locate)
        .doc("Returns the 1-based position of the first occurrence of `substr` in `str` at or after position "
            + "`pos` (1 by default), or 0 when there is none. Also written `POSITION(substr IN str)`; a NULL "
            + "`pos` gives 0, another NULL argument NULL.")
        .example("SELECT locate('bar', 'foobarbar')", "4")
        .example("SELECT locate('bar', 'foobarbar', 5)", "7")
        .example("SELECT POSITION('bar' IN 'foobarbar')", "4");
    r.alias("position", "locate");
    r.register("translate", 3, 3, "translate(input, from, to)", (a, c) -> {
      List<Expression> args = strs(a, c);
      if (args.get(1).foldable() && args.get(2).foldable()) {
        Object from = c.constant(args.get(1));
        Object to = c.constant(args.get(2));
        if (from == null || to == null) {
          return new Literal(null, DataTypes.StringType);
        }
        Map<Integer, Integer> dict = translateDict((String) from, (String) to);
        return new ScalarFunction("translate", args, DataTypes.StringType, v -> translate((String) v[0], dict));
      }
      return new ScalarFunction("translate", args, DataTypes.StringType,
          v -> translate((String) v[0], translateDict((String) v[1], (String) v[2])));
    }).doc("Replaces each character of `input` found in `from` by the character at the same index in `to`; "
            + "characters of `from` that have no counterpart in `to` are removed. NULL arguments give NULL.")
        .example("SELECT translate('AaBbCc', 'abc', '123')", "A1B2C3")
        .example("SELECT translate('AaBbCc', 'abc', '1')", "A1BC");
    r.register("split_part", 3, 3, "split_part(str, delimiter, partNum)", (a, c) -> new ScalarFunction("split_part",
        List.of(str(a.get(0), c), str(a.get(1), c), integer(a.get(2), c)), DataTypes.StringType,
        v -> splitPart((String) v[0], (String) v[1], (Integer) v[2])))
        .doc("Splits `str` at each occurrence of the literal `delimiter` and returns part `partNum` (1-based; "
            + "negative counts from the end), or an empty string when there is no such part. A `partNum` of 0 "
            + "is an error; an empty delimiter leaves `str` whole; NULL arguments give NULL.")
        .example("SELECT split_part('11.12.13', '.', 3)", "13")
        .example("SELECT split_part('11.12.13', '.', -1)", "13")
        .example("SELECT split_part('11.12.13', '.', 5)", "");
    r.register("space", 1, 1, "space(n)", (a, c) -> new ScalarFunction("space", List.of(integer(a.get(0), c)),
        DataTypes.StringType, v -> {
          int n = Math.max(0, (Integer) v[0]);
          SizeLimits.checkString("space", n);
          return " ".repeat(n);
        }))
        .doc("Returns a string of `n` spaces, or an empty string when `n` is 0 or negative. NULL gives NULL.")
        .example("SELECT concat(space(2), '1')", "  1")
        .example("SELECT space(-1)", "");
    unary(r, "soundex", StringFunctions::soundex)
        .doc("Returns the four-character American Soundex code of `str`. A string that does not start with a "
            + "letter is returned unchanged; NULL gives NULL.")
        .example("SELECT soundex('Miller')", "M460");
    r.register("levenshtein", 2, 3, "levenshtein(str1, str2[, threshold])", (a, c) -> {
      List<Expression> args = new ArrayList<>(List.of(str(a.get(0), c), str(a.get(1), c)));
      if (a.size() == 3) {
        args.add(integer(a.get(2), c));
      }
      return new ScalarFunction("levenshtein", args, DataTypes.IntegerType, v -> {
        int d = levenshtein((String) v[0], (String) v[1]);
        return v.length == 3 && d > (Integer) v[2] ? -1 : d;
      });
    }).doc("Returns the Levenshtein (edit) distance between `str1` and `str2`. With `threshold`, a distance "
            + "greater than it is reported as -1. NULL arguments give NULL.")
        .example("SELECT levenshtein('kitten', 'sitting')", "3")
        .example("SELECT levenshtein('kitten', 'sitting', 2)", "-1");
    r.register("overlay", 3, 4, "overlay(input, replace, pos[, len])", (a, c) -> {
      Expression len = a.size() == 4 ? integer(a.get(3), c) : Literal.of(-1);
      if (a.get(0).dataType() == DataTypes.BinaryType && a.get(1).dataType() == DataTypes.BinaryType) {
        return new ScalarFunction("overlay", List.of(a.get(0), a.get(1), integer(a.get(2), c), len),
            DataTypes.BinaryType, v -> overlay((byte[]) v[0], (byte[]) v[1], (Integer) v[2], (Integer) v[3]));
      }
      return new ScalarFunction("overlay", List.of(str(a.get(0), c), str(a.get(1), c), integer(a.get(2), c), len),
          DataTypes.StringType, v -> overlay((String) v[0], (String) v[1], (Integer) v[2], (Integer) v[3]));
    })
        .doc("Replaces the `len` characters of `input` that start at the 1-based position `pos` with `replace` "
            + "(bytes, when both are BINARY); `len` defaults to the length of `replace`, and 0 inserts without "
            + "removing. NULL arguments give NULL.")
        .example("SELECT overlay('Spark SQL', '_', 6)", "Spark_SQL")
        .example("SELECT overlay('Spark SQL', 'ANSI ', 7, 0)", "Spark ANSI SQL")
        .example("SELECT overlay('Spark SQL', 'tructured', 2, 4)", "Structured SQL")
        .example("SELECT overlay(encode('Spark SQL', 'utf-8'), encode('_', 'utf-8'), 6)", "Spark_SQL");
    r.register("substring_index", 3, 3, "substring_index(str, delim, count)", (a, c) -> new ScalarFunction(
        "substring_index", List.of(str(a.get(0), c), str(a.get(1), c), integer(a.get(2), c)), DataTypes.StringType,
        v -> substringIndex((String) v[0], (String) v[1], (Integer) v[2])))
        .doc("Returns the part of `str` before the `count`-th occurrence of `delim`, or, for a negative `count`, "
            + "the part after the `count`-th occurrence from the end. The whole string when there are fewer "
            + "occurrences; an empty string when `count` is 0; NULL arguments give NULL.")
        .example("SELECT substring_index('www.apache.org', '.', 2)", "www.apache")
        .example("SELECT substring_index('www.apache.org', '.', -2)", "apache.org");
    r.register("btrim", 1, 2, "btrim(str[, chars])", (a, c) -> trim(a, c, true, true, "btrim", false))
        .doc("Removes the leading and trailing spaces from `str`, or with `chars` every leading and trailing "
            + "character that occurs in `chars`. NULL arguments give NULL.")
        .example("SELECT btrim('    SparkSQL   ')", "SparkSQL")
        .example("SELECT btrim('SSparkSQLS', 'SL')", "parkSQ");
    r.register("elt", 2, Integer.MAX_VALUE, "elt(n, input1, input2, ...)", StringFunctions::elt)
        .doc("Returns the `n`-th of the inputs that follow `n` (1-based). An `n` outside the inputs is an error "
            + "under ANSI mode (the default) and NULL otherwise; a NULL `n` gives NULL.")
        .example("SELECT elt(1, 'scala', 'java')", "scala")
        .example("SELECT elt(2, 'a', 1)", "1");
    r.register("octet_length", 1, 1, "octet_length(str)", (a, c) -> byteLength(a.get(0), c, "octet_length", 1))
        .doc("Returns the number of bytes of a string in UTF-8, or of a binary value. NULL gives NULL.")
        .example("SELECT octet_length('Spark SQL')", "9")
        .example("SELECT octet_length(x'537061726b2053514c')", "9")
        .example("SELECT octet_length('é')", "2");
    r.register("bit_length", 1, 1, "bit_length(str)", (a, c) -> byteLength(a.get(0), c, "bit_length", 8))
        .doc("Returns the number of bits of a string in UTF-8 (8 per byte), or of a binary value. NULL gives "
            + "NULL.")
        .example("SELECT bit_length('Spark SQL')", "72")
        .example("SELECT bit_length(x'537061726b2053514c')", "72");
    r.register("chr", 1, 1, "chr(n)", (a, c) -> new ScalarFunction(FunctionArgs.name(c),
        List.of(FunctionArgs.lng(a.get(0), c)), DataTypes.StringType,
        v -> (Long) v[0] < 0 ? "" : String.valueOf((char) ((Long) v[0] & 0xFF))))
        .doc("Returns the character whose code is `n` modulo 256 (so values above 255 wrap around), or an "
            + "empty string for a negative `n`. NULL gives NULL.")
        .example("SELECT chr(65)", "A")
        .example("SELECT char(321)", "A")
        .example("SELECT chr(-1)", "");
    r.alias("char", "chr");
    r.register("find_in_set", 2, 2, "find_in_set(str, strList)", (a, c) -> new ScalarFunction("find_in_set",
        List.of(str(a.get(0), c), str(a.get(1), c)), DataTypes.IntegerType,
        new Kernel.ObjBinaryToInt<>(StringFunctions::findInSet)))
        .doc("Returns the 1-based index of `str` in the comma-separated list `strList`, or 0 when it is absent or "
            + "`str` itself contains a comma. NULL arguments give NULL.")
        .example("SELECT find_in_set('ab','abc,b,ab,c,def')", "3")
        .example("SELECT find_in_set('a,b','a,b')", "0");
    r.register("format_string", 1, Integer.MAX_VALUE, "format_string(fmt, obj, ...)", (a, c) -> {
      List<Expression> args = new ArrayList<>(a);
      args.set(0, str(a.get(0), c));
      String name = FunctionArgs.name(c);
      return new ScalarFunction(name, args, DataTypes.StringType, false, true, v -> {
        if (v[0] == null) {
          return null;
        }
        Object[] rest = java.util.Arrays.copyOfRange(v, 1, v.length);
        checkFormatWidths(name, (String) v[0]);
        try {
          return String.format(Locale.US, (String) v[0], rest);
        } catch (java.util.IllegalFormatException e) {
          throw FunctionArgs.runtime(name, "the format '" + v[0] + "' does not fit its arguments: " + e.getMessage());
        }
      });
    }).doc("Formats the arguments after `fmt` with the printf-style format string `fmt` (Java's Formatter, "
            + "US locale). A NULL `fmt` gives NULL; NULL arguments print as `null`.")
        .example("SELECT format_string('Hello World %d %s', 100, 'days')", "Hello World 100 days")
        .example("SELECT printf('%d-%s', 7, NULL)", "7-null");
    r.alias("printf", "format_string");
    r.register("format_number", 2, 2, "format_number(x, d | fmt)", StringFunctions::formatNumber)
        .doc("Formats the number `x` with thousands separators, rounded half-even to `d` decimal places (no "
            + "decimal point when `d` is 0), or with the DecimalFormat pattern `fmt`. A negative `d` or any "
            + "NULL argument gives NULL.")
        .example("SELECT format_number(12332.123456, 4)", "12,332.1235")
        .example("SELECT format_number(12332.123456, '##################.###')", "12332.123")
        .example("SELECT format_number(12332.123456, -1)", "NULL");
  }

  private static Expression locate(List<Expression> a, FunctionRegistry.FunctionContext c) {
    List<Expression> args = List.of(str(a.get(0), c), str(a.get(1), c),
        a.size() > 2 ? integer(a.get(2), c) : Literal.of(1));
    return new ScalarFunction(FunctionArgs.name(c), args, DataTypes.IntegerType, false, true, v -> {
      if (v[2] == null) {
        return 0; // Spark (and Hive) answer 0 for a NULL start position
      }
      if (v[0] == null || v[1] == null) {
        return null;
      }
      return locate((String) v[0], (String) v[1], (Integer) v[2]);
    });
  }

  /** 1-based code-point position of {@code sub} in {@code s} at or after {@code pos}; 0 when absent. */
  static int locate(String sub, String s, int pos) {
    if (pos < 1) {
      return 0;
    }
    if (sub.isEmpty()) {
      return 1; // Spark finds the empty string at the start whatever the position
    }
    if (pos - 1 >= s.codePointCount(0, s.length())) {
      return 0;
    }
    int from = s.offsetByCodePoints(0, pos - 1);
    return charIndexToPosition(s, s.indexOf(sub, from));
  }

  /** Spark's translate dictionary: code point to replacement code point, or -1 to delete. */
  static Map<Integer, Integer> translateDict(String from, String to) {
    Map<Integer, Integer> dict = new HashMap<>();
    int j = 0;
    for (int i = 0; i < from.length();) {
      int fc = from.codePointAt(i);
      i += Character.charCount(fc);
      int rep = -1;
      if (j < to.length()) {
        rep = to.codePointAt(j);
        j += Character.charCount(rep);
      }
      dict.putIfAbsent(fc, rep);
    }
    return dict;
  }

  static String translate(String s, Map<Integer, Integer> dict) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length();) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      Integer rep = dict.get(cp);
      if (rep == null) {
        sb.appendCodePoint(cp);
      } else if (rep >= 0) {
        sb.appendCodePoint(rep);
      }
    }
    return sb.toString();
  }

  /** Part {@code n} (1-based, negative from the end) of {@code s} split at the literal delimiter; "" when absent. */
  static String splitPart(String s, String delim, int n) {
    if (n == 0) {
      throw FunctionArgs.runtime("split_part",
          "the part number 0 is invalid; parts are numbered from 1 (or from -1 for the last part)");
    }
    List<String> parts = new ArrayList<>();
    if (delim.isEmpty()) {
      parts.add(s);
    } else {
      int from = 0;
      int idx;
      while ((idx = s.indexOf(delim, from)) >= 0) {
        parts.add(s.substring(from, idx));
        from = idx + delim.length();
      }
      parts.add(s.substring(from));
    }
    long i = n > 0 ? n - 1L : parts.size() + (long) n;
    return i < 0 || i >= parts.size() ? "" : parts.get((int) i);
  }

  private static final String SOUNDEX_CODES = "01230127022455012623017202";

  /** American Soundex as Spark computes it (H and W do not separate equal codes). */
  static String soundex(String s) {
    if (s.isEmpty()) {
      return s;
    }
    char b = s.charAt(0);
    if (b >= 'a' && b <= 'z') {
      b -= 32;
    } else if (b < 'A' || b > 'Z') {
      return s;
    }
    char[] sx = {b, '0', '0', '0'};
    int sxi = 1;
    char last = SOUNDEX_CODES.charAt(b - 'A');
    for (int i = 1; i < s.length() && sxi <= 3; i++) {
      char ch = s.charAt(i);
      if (ch >= 'a' && ch <= 'z') {
        ch -= 32;
      } else if (ch < 'A' || ch > 'Z') {
        last = '0';
        continue;
      }
      char code = SOUNDEX_CODES.charAt(ch - 'A');
      if (code != '7') {
        if (code != '0' && code != last) {
          sx[sxi++] = code;
        }
        last = code;
      }
    }
    return new String(sx);
  }

  /** Edit distance over code points. */
  static int levenshtein(String a, String b) {
    int[] x = a.codePoints().toArray();
    int[] y = b.codePoints().toArray();
    if (x.length == 0) {
      return y.length;
    }
    if (y.length == 0) {
      return x.length;
    }
    int[] prev = new int[y.length + 1];
    int[] cur = new int[y.length + 1];
    for (int j = 0; j <= y.length; j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= x.length; i++) {
      cur[0] = i;
      for (int j = 1; j <= y.length; j++) {
        int cost = x[i - 1] == y[j - 1] ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[y.length];
  }

  static String overlay(String in, String rep, int pos, int len) {
    long length = len >= 0 ? len : rep.codePointCount(0, rep.length());
    long tail = Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE - 1L, pos + length));
    return substring(in, 1, pos - 1) + rep + substring(in, (int) tail, Integer.MAX_VALUE);
  }

  /** {@link #overlay(String, String, int, int)} over bytes, as Spark overlays BINARY values. */
  static byte[] overlay(byte[] in, byte[] rep, int pos, int len) {
    long length = len >= 0 ? len : rep.length;
    long tail = Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE - 1L, pos + length));
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.writeBytes(substring(in, 1, pos - 1));
    out.writeBytes(rep);
    out.writeBytes(substring(in, (int) tail, Integer.MAX_VALUE));
    return out.toByteArray();
  }

  /** Spark's substring_index: before the count-th delimiter, or after the count-th from the end. */
  static String substringIndex(String s, String delim, int count) {
    if (delim.isEmpty() || count == 0) {
      return "";
    }
    if (count > 0) {
      int idx = -1;
      for (int k = count; k > 0; k--) {
        idx = s.indexOf(delim, idx + 1);
        if (idx < 0) {
          return s;
        }
      }
      return s.substring(0, idx);
    }
    int idx = s.length() - delim.length() + 1;
    for (long k = count; k < 0; k++) {
      idx = idx - 1 < 0 ? -1 : s.lastIndexOf(delim, idx - 1);
      if (idx < 0) {
        return s;
      }
    }
    return s.substring(idx + delim.length());
  }

  private static Expression elt(List<Expression> a, FunctionRegistry.FunctionContext c) {
    List<Expression> args = new ArrayList<>();
    args.add(integer(a.get(0), c));
    boolean allBinary = a.subList(1, a.size()).stream().allMatch(e -> e.dataType() == DataTypes.BinaryType);
    for (Expression e : a.subList(1, a.size())) {
      args.add(allBinary ? e : str(e, c));
    }
    DataType result = allBinary ? DataTypes.BinaryType : DataTypes.StringType;
    boolean ansi = c.ansi();
    return new ScalarFunction("elt", args, result, false, true, v -> {
      if (v[0] == null) {
        return null;
      }
      int idx = (Integer) v[0];
      if (idx < 1 || idx >= v.length) {
        if (ansi) {
          throw FunctionArgs.runtime("elt", "the index " + idx + " is out of bounds: there are " + (v.length - 1)
              + " inputs, numbered from 1. Set sluice.sql.ansi.enabled to false to get NULL instead.");
        }
        return null;
      }
      return v[idx];
    });
  }

  private static Expression byteLength(Expression e, FunctionRegistry.FunctionContext c, String name, int factor) {
    if (e.dataType() == DataTypes.BinaryType) {
      return new ScalarFunction(name, List.of(e), DataTypes.IntegerType,
          new Kernel.ObjToInt<byte[]>(b -> b.length * factor));
    }
    return new ScalarFunction(name, List.of(str(e, c)), DataTypes.IntegerType,
        new Kernel.ObjToInt<String>(s -> utf8Length(s) * factor));
  }

  /** UTF-8 byte count without encoding. */
  static int utf8Length(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch < 0x80) {
        n++;
      } else if (ch < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(ch) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  static int findInSet(String word, String list) {
    if (word.indexOf(',') >= 0) {
      return 0;
    }
    int n = 1;
    int start = 0;
    while (true) {
      int comma = list.indexOf(',', start);
      int end = comma < 0 ? list.length() : comma;
      if (end - start == word.length() && list.startsWith(word, start)) {
        return n;
      }
      if (comma < 0) {
        return 0;
      }
      start = comma + 1;
      n++;
    }
  }

  private static final String NUMBER_FORMAT = "#,###,###,###,###,###,##0";

  private static Expression formatNumber(List<Expression> a, FunctionRegistry.FunctionContext c) {
    Expression x = MathFunctions.numeric(a.get(0), c);
    Expression d = a.get(1);
    boolean fmtString = d.dataType() == DataTypes.StringType;
    Expression dArg = fmtString ? d : integer(d, c);
    if (dArg.foldable()) {
      Object dv = c.constant(dArg);
      String pattern = dv == null ? null : numberPattern(dv);
      if (pattern == null) {
        return new Literal(null, DataTypes.StringType);
      }
      ThreadLocal<java.text.DecimalFormat> f = ThreadLocal.withInitial(() -> decimalFormat(pattern));
      return new ScalarFunction("format_number", List.of(x, dArg), DataTypes.StringType,
          v -> f.get().format(v[0]));
    }
    return new ScalarFunction("format_number", List.of(x, dArg), DataTypes.StringType, v -> {
      String pattern = numberPattern(v[1]);
      return pattern == null ? null : decimalFormat(pattern).format(v[0]);
    });
  }

  /** The DecimalFormat pattern for a number of decimals or a user pattern; null for negative decimals. */
  private static String numberPattern(Object d) {
    if (d instanceof String s) {
      return s.isEmpty() ? NUMBER_FORMAT : s;
    }
    int n = (Integer) d;
    if (n < 0) {
      return null;
    }
    return n == 0 ? NUMBER_FORMAT : NUMBER_FORMAT + "." + "0".repeat(n);
  }

  private static java.text.DecimalFormat decimalFormat(String pattern) {
    try {
      java.text.DecimalFormat f = new java.text.DecimalFormat("", new java.text.DecimalFormatSymbols(Locale.US));
      f.applyLocalizedPattern(pattern);
      return f;
    } catch (IllegalArgumentException e) {
      throw FunctionArgs.runtime("format_number", "the format '" + pattern + "' is invalid: " + e.getMessage());
    }
  }

  private static Expression pad(List<Expression> a, FunctionRegistry.FunctionContext c, boolean left) {
    String name = left ? "lpad" : "rpad";
    // As in Spark, a BINARY input (with a BINARY pad, or none: zero bytes) is padded with bytes.
    if (a.get(0).dataType() == DataTypes.BinaryType
        && (a.size() == 2 || a.get(2).dataType() == DataTypes.BinaryType)) {
      Expression padBytes = a.size() > 2 ? a.get(2) : new Literal(new byte[] {0}, DataTypes.BinaryType);
      return new ScalarFunction(name, List.of(a.get(0), integer(a.get(1), c), padBytes), DataTypes.BinaryType,
          v -> padBytes((byte[]) v[0], (Integer) v[1], (byte[]) v[2], left));
    }
    List<Expression> args = new ArrayList<>();
    args.add(str(a.get(0), c));
    args.add(integer(a.get(1), c));
    args.add(a.size() > 2 ? str(a.get(2), c) : Literal.of(" "));
    return new ScalarFunction(name, args, DataTypes.StringType, v -> pad((String) v[0], (Integer) v[1], (String) v[2], left));
  }

  /** Spark's binary lpad/rpad: cut to {@code len} bytes, or filled up to it with repetitions of {@code pad}. */
  static byte[] padBytes(byte[] b, int len, byte[] pad, boolean left) {
    if (len <= 0) {
      return new byte[0];
    }
    if (b.length >= len || pad.length == 0) {
      return java.util.Arrays.copyOf(b, Math.min(b.length, len));
    }
    SizeLimits.checkString(left ? "lpad" : "rpad", len);
    byte[] out = new byte[len];
    int fill = len - b.length;
    int from = left ? 0 : b.length;
    for (int i = 0; i < fill; i++) {
      out[from + i] = pad[i % pad.length];
    }
    System.arraycopy(b, 0, out, left ? fill : 0, b.length);
    return out;
  }

  /** {@code s} with every {@code search} replaced, refused before building when the result is too large. */
  static String replace(String s, String search, String with) {
    if (with.length() > search.length()) {
      long count = 0;
      for (int i = s.indexOf(search); i >= 0; i = s.indexOf(search, i + search.length())) {
        count++;
      }
      SizeLimits.checkString("replace", s.length() + count * (with.length() - search.length()));
    }
    return s.replace(search, with);
  }

  private static final java.util.regex.Pattern FORMAT_SPEC =
      java.util.regex.Pattern.compile("%(\\d+\\$)?([-#+ 0,(<]*)?(\\d+)?(\\.\\d+)?([tT])?[a-zA-Z%]");

  /**
   * Refuses a format whose width or precision asks for a string larger than one value may be
   * ({@code %999999999d}): Java's Formatter would allocate it before writing a character.
   */
  static void checkFormatWidths(String function, String format) {
    if (format.indexOf('%') < 0) {
      return;
    }
    java.util.regex.Matcher m = FORMAT_SPEC.matcher(format);
    while (m.find()) {
      for (int g : new int[] {3, 4}) {
        String n = m.group(g);
        if (n != null) {
          String digits = g == 4 ? n.substring(1) : n;
          long size = digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
          SizeLimits.checkString(function, size);
        }
      }
    }
  }

  static String pad(String s, int len, String pad, boolean left) {
    if (len > s.length() && !pad.isEmpty()) {
      SizeLimits.checkString(left ? "lpad" : "rpad", len);
    }
    int[] cps = s.codePoints().toArray();
    if (len <= 0) {
      return "";
    }
    if (cps.length >= len) {
      return new String(cps, 0, len);
    }
    int[] padCps = pad.codePoints().toArray();
    if (padCps.length == 0) {
      return s;
    }
    int need = len - cps.length;
    StringBuilder fill = new StringBuilder();
    for (int i = 0; i < need; i++) {
      fill.appendCodePoint(padCps[i % padCps.length]);
    }
    return left ? fill + s : s + fill;
  }

  /**
   * {@code charsFirst}: as Spark, the two-argument trim/ltrim/rtrim are {@code (trimStr, str)}
   * (SQL's {@code TRIM(chars FROM str)} becomes that), while btrim is {@code (str, trimStr)}.
   */
  private static Expression trim(List<Expression> a, FunctionRegistry.FunctionContext c, boolean leading,
      boolean trailing, String name, boolean charsFirst) {
    boolean two = a.size() > 1;
    List<Expression> args = new ArrayList<>();
    args.add(str(a.get(two && charsFirst ? 1 : 0), c));
    if (two) {
      args.add(str(a.get(charsFirst ? 0 : 1), c));
    }
    return new ScalarFunction(name, args, DataTypes.StringType,
        v -> trim((String) v[0], v.length > 1 ? (String) v[1] : " ", leading, trailing));
  }

  static String trim(String s, String chars, boolean leading, boolean trailing) {
    int start = 0;
    int end = s.length();
    if (leading) {
      while (start < end && chars.indexOf(s.charAt(start)) >= 0) {
        start++;
      }
    }
    if (trailing) {
      while (end > start && chars.indexOf(s.charAt(end - 1)) >= 0) {
        end--;
      }
    }
    return s.substring(start, end);
  }

  private static int charIndexToPosition(String s, int idx) {
    return idx < 0 ? 0 : s.codePointCount(0, idx) + 1;
  }

  /** SQL substring with 1-based positions; 0 is treated as 1, negative counts from the end. */
  static String substring(String s, int pos, int len) {
    int n = s.codePointCount(0, s.length());
    long start = pos > 0 ? pos - 1 : pos < 0 ? (long) n + pos : 0;
    long end = len == Integer.MAX_VALUE ? Long.MAX_VALUE : start + len;
    long from = Math.max(start, 0);
    long to = Math.min(end, n);
    if (to <= from) {
      return "";
    }
    if (n == s.length()) {
      return s.substring((int) from, (int) to); // no surrogate pairs: code points are chars
    }
    int a = s.offsetByCodePoints(0, (int) from);
    int b = s.offsetByCodePoints(a, (int) (to - from));
    return s.substring(a, b);
  }

  /** SQL substring over bytes (Spark's BINARY substring): the same positions as for strings, in bytes. */
  static byte[] substring(byte[] b, int pos, int len) {
    int n = b.length;
    long start = pos > 0 ? pos - 1L : pos < 0 ? (long) n + pos : 0;
    long end = len == Integer.MAX_VALUE ? Long.MAX_VALUE : start + len;
    long from = Math.max(start, 0);
    long to = Math.min(end, n);
    return to <= from ? new byte[0] : java.util.Arrays.copyOfRange(b, (int) from, (int) to);
  }

  static String initcap(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    boolean start = true;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      sb.append(start ? Character.toUpperCase(ch) : Character.toLowerCase(ch));
      start = ch == ' ';
    }
    return sb.toString();
  }
}
