package dev.sluice.plan.analysis;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import dev.sluice.conf.Options;
import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.ExecutionException;
import dev.sluice.formats.BadRecordException;
import dev.sluice.formats.ParseMode;
import dev.sluice.formats.csv.CsvConverter;
import dev.sluice.formats.json.JsonConverter;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.ScalarFunction;
import dev.sluice.types.ArrayType;
import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.types.MapType;
import dev.sluice.types.StructType;
import java.io.IOException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON and CSV functions, as Spark's: {@code from_json(str, schema[, options])},
 * {@code to_json(value[, options])}, {@code from_csv(str, schema[, options])},
 * {@code to_csv(struct[, options])}, {@code get_json_object(json, path)}. The schema is a DDL string
 * ({@code 'a INT, b STRING'}, {@code 'ARRAY<STRUCT<...>>'}, {@code 'MAP<STRING, INT>'}); options are
 * a constant map ({@code map('mode', 'FAILFAST')}) with the json and csv formats' option names.
 * Malformed input follows {@code mode}: PERMISSIVE (default) keeps the fields that parsed and puts
 * the text in the corrupt-record field when the schema has one; FAILFAST fails the query.
 */
final class FileFunctions {
  private FileFunctions() {}

  static void register(FunctionRegistry r) {
    r.register("from_json", 2, 3, "from_json(jsonStr, schema[, options])", FileFunctions::fromJson)
        .doc("Parses the JSON text `jsonStr` into a value of `schema`, a DDL string for a STRUCT, ARRAY or MAP. "
            + "`options` is a constant map of JSON reader options (e.g. `timestampFormat`, `mode`); in the default "
            + "PERMISSIVE mode malformed input gives NULL fields, with FAILFAST it is an error. A NULL input gives "
            + "NULL.")
        .example("SELECT from_json('{\"a\":1, \"b\":0.8}', 'a INT, b DOUBLE')", "{\"a\":1,\"b\":0.8}")
        .example("SELECT from_json('{\"time\":\"26/08/2015\"}', 'time Timestamp', "
            + "map('timestampFormat', 'dd/MM/yyyy'))",
            "{\"time\":2015-08-26 00:00:00}")
        .example("SELECT from_json('{\"teacher\": \"Alice\", \"student\": [{\"name\": \"Bob\", \"rank\": 1}, "
            + "{\"name\": \"Charlie\", \"rank\": 2}]}', "
            + "'STRUCT<teacher: STRING, student: ARRAY<STRUCT<name: STRING, rank: INT>>>')",
            "{\"teacher\":\"Alice\",\"student\":[{\"name\":\"Bob\",\"rank\":1},{\"name\":\"Charlie\",\"rank\":2}]}");
    r.register("to_json", 1, 2, "to_json(expr[, options])", FileFunctions::toJson)
        .doc("Returns the JSON text of a STRUCT, ARRAY or MAP value. `options` is a constant map of JSON writer "
            + "options such as `timestampFormat`; NULL struct fields are left out of the output, and a NULL input "
            + "gives NULL.")
        .example("SELECT to_json(named_struct('a', 1, 'b', 2))", "{\"a\":1,\"b\":2}")
        .example("SELECT to_json(named_struct('time', to_timestamp('2015-08-26', 'yyyy-MM-dd')), "
            + "map('timestampFormat', 'dd/MM/yyyy'))",
            "{\"time\":\"26/08/2015\"}")
        .example("SELECT to_json(array(named_struct('a', 1, 'b', 2)))", "[{\"a\":1,\"b\":2}]")
        .example("SELECT to_json(map('a', named_struct('b', 1)))", "{\"a\":{\"b\":1}}")
        .example("SELECT to_json(array(map('a', 1)))", "[{\"a\":1}]")
        .example("SELECT to_json(map(named_struct('a', 1), named_struct('b', 2)))", "{\"[1]\":{\"b\":2}}");
    r.register("from_csv", 2, 3, "from_csv(csvStr, schema[, options])", FileFunctions::fromCsv)
        .group("csv_funcs")
        .doc("Parses one line of CSV text `csvStr` into a STRUCT of `schema`, a DDL string such as `'a INT, b "
            + "DOUBLE'`. `options` is a constant map of CSV reader options (e.g. `sep`, `timestampFormat`, `mode`); "
            + "in the default PERMISSIVE mode fields that do not parse become NULL, with FAILFAST it is an error.")
        .example("SELECT from_csv('1, 0.8', 'a INT, b DOUBLE')", "{\"a\":1,\"b\":0.8}")
        .example("SELECT from_csv('26/08/2015', 'time Timestamp', map('timestampFormat', 'dd/MM/yyyy'))",
            "{\"time\":2015-08-26 00:00:00}");
    r.register("to_csv", 1, 2, "to_csv(struct[, options])", FileFunctions::toCsv)
        .group("csv_funcs")
        .doc("Returns the fields of `struct` as one line of CSV text. `options` is a constant map of CSV writer "
            + "options such as `sep` or `timestampFormat`; the struct's fields must be of atomic types.")
        .example("SELECT to_csv(named_struct('a', 1, 'b', 2))", "1,2")
        .example("SELECT to_csv(named_struct('time', to_timestamp('2015-08-26', 'yyyy-MM-dd')), "
            + "map('timestampFormat', 'dd/MM/yyyy'))",
            "26/08/2015");
    r.register("get_json_object", 2, 2, "get_json_object(json, path)", FileFunctions::getJsonObject)
        .doc("Extracts the value at the JSON `path` (`$`, `.name`, `['name']`, `[n]`, `[*]`) from the JSON text "
            + "`json`. A string is returned without its quotes and anything else as JSON text; invalid JSON, an "
            + "invalid path or a path that matches nothing gives NULL.")
        .example("SELECT get_json_object('{\"a\":\"b\"}', '$.a')", "b")
        .example("SELECT get_json_object('{\"a\":[1,2,{\"c\":3}]}', '$.a[2]')", "{\"c\":3}")
        .example("SELECT get_json_object('{\"a\":\"b\"}', '$.x')", "NULL");
  }

  private static DataType schemaArg(Expression e, FunctionRegistry.FunctionContext c) {
    String ddl = FunctionArgs.constantString(e, c, "schema");
    if (ddl == null) {
      throw FunctionArgs.mismatch(c, e, "a schema in DDL form, e.g. 'a INT, b STRING'");
    }
    return c.ddl().parseSchemaOrType(ddl);
  }

  private static Options optionsArg(List<Expression> a, int index, FunctionRegistry.FunctionContext c) {
    if (a.size() <= index) {
      return new Options(Map.of());
    }
    Expression e = a.get(index);
    if (!(e.dataType() instanceof MapType)) {
      throw FunctionArgs.mismatch(c, e, "a constant map of options, e.g. map('mode', 'FAILFAST')");
    }
    Object v = FunctionArgs.constant(e, c, "options");
    Map<String, String> out = new LinkedHashMap<>();
    if (v != null) {
      ((Map<?, ?>) v).forEach((k, x) -> out.put(String.valueOf(k), x == null ? null : String.valueOf(x)));
    }
    return new Options(out);
  }

  private static ParseMode mode(Options o, FunctionRegistry.FunctionContext c) {
    ParseMode m = ParseMode.from(o);
    if (m == ParseMode.DROPMALFORMED) {
      throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, "`" + FunctionArgs.name(c) + "`",
          "the DROPMALFORMED mode is not supported; use PERMISSIVE or FAILFAST");
    }
    return m;
  }

  private static ExecutionException failFast(String fn, String input, BadRecordException e) {
    String shown = input.length() > 200 ? input.substring(0, 200) + "..." : input;
    return new ExecutionException(ErrorClass.MALFORMED_RECORD_IN_PARSING, "in " + fn + ": " + e.getMessage()
        + " (input: " + shown + ")");
  }

  private static Expression fromJson(List<Expression> a, FunctionRegistry.FunctionContext c) {
    Expression in = StringFunctions.str(a.get(0), c);
    DataType type = schemaArg(a.get(1), c);
    if (!(type instanceof StructType || type instanceof ArrayType || type instanceof MapType)) {
      throw FunctionArgs.mismatch(c, a.get(1), "a STRUCT, ARRAY or MAP schema");
    }
    Options o = optionsArg(a, 2, c);
    ParseMode mode = mode(o, c);
    ThreadLocal<JsonConverter> conv = ThreadLocal.withInitial(() -> new JsonConverter(type, o, ZoneOffset.UTC));
    return new ScalarFunction("from_json", List.of(in), type, v -> {
      String s = (String) v[0];
      try {
        return conv.get().parse(s);
      } catch (BadRecordException e) {
        if (mode == ParseMode.FAILFAST) {
          throw failFast("from_json", s, e);
        }
        if (type instanceof StructType st) {
          Object[] row = e.partial() != null && e.partial().length == st.size() ? e.partial() : new Object[st.size()];
          int corrupt = st.indexOf(conv.get().options().corruptColumn());
          if (corrupt >= 0) {
            row[corrupt] = s;
          }
          return row;
        }
        return null;
      }
    });
  }

  private static Expression toJson(List<Expression> a, FunctionRegistry.FunctionContext c) {
    Expression in = a.get(0);
    DataType t = in.dataType();
    if (!(t instanceof StructType || t instanceof ArrayType || t instanceof MapType)) {
      throw FunctionArgs.mismatch(c, in, "a STRUCT, ARRAY or MAP");
    }
    Options o = optionsArg(a, 1, c);
    ThreadLocal<JsonConverter> conv = ThreadLocal.withInitial(() -> new JsonConverter(t, o, ZoneOffset.UTC));
    return new ScalarFunction("to_json", List.of(in), DataTypes.StringType, v -> conv.get().write(v[0]));
  }

  private static Expression fromCsv(List<Expression> a, FunctionRegistry.FunctionContext c) {
    Expression in = StringFunctions.str(a.get(0), c);
    DataType type = schemaArg(a.get(1), c);
    if (!(type instanceof StructType st)) {
      throw FunctionArgs.mismatch(c, a.get(1), "a STRUCT schema ('a INT, b STRING')");
    }
    Options o = optionsArg(a, 2, c);
    ParseMode mode = mode(o, c);
    ThreadLocal<CsvConverter> conv = ThreadLocal.withInitial(() -> new CsvConverter(st, o, ZoneOffset.UTC));
    return new ScalarFunction("from_csv", List.of(in), st, v -> {
      String s = (String) v[0];
      try {
        return conv.get().parse(s);
      } catch (BadRecordException e) {
        if (mode == ParseMode.FAILFAST) {
          throw failFast("from_csv", s, e);
        }
        Object[] row = e.partial() != null && e.partial().length == st.size() ? e.partial() : new Object[st.size()];
        int corrupt = conv.get().corruptIndex();
        if (corrupt >= 0) {
          row[corrupt] = s;
        }
        return row;
      }
    });
  }

  private static Expression toCsv(List<Expression> a, FunctionRegistry.FunctionContext c) {
    Expression in = a.get(0);
    if (!(in.dataType() instanceof StructType st)) {
      throw FunctionArgs.mismatch(c, in, "a STRUCT");
    }
    String bad = dev.sluice.formats.csv.CsvValues.unsupportedColumn(st);
    if (bad != null) {
      throw FunctionArgs.mismatch(c, in, "a STRUCT of atomic fields (CSV cannot hold " + bad + ")");
    }
    Options o = optionsArg(a, 1, c);
    ThreadLocal<CsvConverter> conv = ThreadLocal.withInitial(() -> new CsvConverter(st, o, ZoneOffset.UTC));
    return new ScalarFunction("to_csv", List.of(in), DataTypes.StringType, v -> conv.get().write((Object[]) v[0]));
  }

  // ------------------------------------------------------------------ get_json_object

  private static final JsonFactory JSON = new com.fasterxml.jackson.core.JsonFactoryBuilder()
      .streamReadConstraints(dev.sluice.formats.ReadLimits.unlimited()).build();

  private static Expression getJsonObject(List<Expression> a, FunctionRegistry.FunctionContext c) {
    Expression json = StringFunctions.str(a.get(0), c);
    Expression path = StringFunctions.str(a.get(1), c);
    if (path.foldable()) {
      String p = (String) c.constant(path);
      List<Object> steps = p == null ? null : JsonPath.parse(p);
      return new ScalarFunction("get_json_object", List.of(json, path), DataTypes.StringType,
          v -> steps == null ? null : JsonPath.eval((String) v[0], steps));
    }
    return new ScalarFunction("get_json_object", List.of(json, path), DataTypes.StringType, v -> {
      List<Object> steps = JsonPath.parse((String) v[1]);
      return steps == null ? null : JsonPath.eval((String) v[0], steps);
    });
  }

  /**
   * The JSON path subset Spark's get_json_object supports: {@code $}, {@code .name}, {@code ['name']},
   * {@code [n]}, {@code [*]} and {@code .*}. A string result is returned without quotes, anything else
   * as JSON text; a path that matches nothing, an invalid path or invalid JSON give null.
   */
  static final class JsonPath {
    static final Object WILDCARD = new Object();

    private JsonPath() {}

    /** Steps: a String is a field, an Integer an index, WILDCARD any element; null when the path is invalid. */
    static List<Object> parse(String p) {
      String s = p.trim();
      if (!s.startsWith("$")) {
        return null;
      }
      List<Object> steps = new ArrayList<>();
      int i = 1;
      while (i < s.length()) {
        char ch = s.charAt(i);
        if (ch == '.') {
          int j = i + 1;
          if (j < s.length() && s.charAt(j) == '*') {
            steps.add(WILDCARD);
            i = j + 1;
            continue;
          }
          while (j < s.length() && s.charAt(j) != '.' && s.charAt(j) != '[') {
            j++;
          }
          if (j == i + 1) {
            return null;
          }
          steps.add(s.substring(i + 1, j));
          i = j;
        } else if (ch == '[') {
          int close = s.indexOf(']', i);
          if (close < 0) {
            return null;
          }
          String inner = s.substring(i + 1, close).trim();
          if (inner.equals("*")) {
            steps.add(WILDCARD);
          } else if (inner.startsWith("'") && inner.endsWith("'") && inner.length() >= 2) {
            steps.add(inner.substring(1, inner.length() - 1));
          } else {
            try {
              steps.add(Integer.parseInt(inner));
            } catch (NumberFormatException e) {
              return null;
            }
          }
          i = close + 1;
        } else {
          return null;
        }
      }
      return steps;
    }

    static String eval(String json, List<Object> steps) {
      try (JsonParser p = JSON.createParser(json)) {
        if (p.nextToken() == null) {
          return null;
        }
        com.fasterxml.jackson.databind.JsonNode root = MAPPER.readTree(p);
        List<com.fasterxml.jackson.databind.JsonNode> cur = new ArrayList<>(List.of(root));
        boolean wild = false;
        for (Object step : steps) {
          List<com.fasterxml.jackson.databind.JsonNode> next = new ArrayList<>();
          for (com.fasterxml.jackson.databind.JsonNode n : cur) {
            if (step == WILDCARD) {
              wild = true;
              if (n.isArray()) {
                n.forEach(next::add);
              } else if (n.isObject()) {
                n.forEach(next::add);
              }
            } else if (step instanceof String f) {
              if (n.isObject() && n.has(f)) {
                next.add(n.get(f));
              } else if (n.isArray() && wild) {
                for (com.fasterxml.jackson.databind.JsonNode e : n) {
                  if (e.isObject() && e.has(f)) {
                    next.add(e.get(f));
                  }
                }
              }
            } else {
              int idx = (Integer) step;
              if (n.isArray() && idx >= 0 && idx < n.size()) {
                next.add(n.get(idx));
              }
            }
          }
          cur = next;
        }
        if (cur.isEmpty()) {
          return null;
        }
        if (wild && cur.size() > 1) {
          com.fasterxml.jackson.databind.node.ArrayNode arr = MAPPER.createArrayNode();
          cur.forEach(arr::add);
          return MAPPER.writeValueAsString(arr);
        }
        com.fasterxml.jackson.databind.JsonNode r = cur.get(0);
        if (r.isNull()) {
          return null;
        }
        return r.isTextual() ? r.asText() : MAPPER.writeValueAsString(r);
      } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
        throw dev.sluice.formats.ReadLimits.exceeded("JSON", e,
            "Read it with from_json and a larger option " + dev.sluice.formats.ReadLimits.MAX_NESTING_DEPTH + ".");
      } catch (IOException e) {
        return null;
      }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
        new com.fasterxml.jackson.databind.ObjectMapper(JSON);
  }
}
