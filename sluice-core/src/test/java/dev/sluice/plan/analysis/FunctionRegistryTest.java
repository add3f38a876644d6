package dev.sluice.plan.analysis;

import dev.sluice.exec.eval.ExpressionCompiler;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import dev.sluice.plan.expr.BoundReference;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.Literal;
import dev.sluice.sql.SqlParser;
import dev.sluice.types.ArrayType;
import dev.sluice.types.DataTypes;
import dev.sluice.types.MapType;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every registered function builds for some plausible list of constant arguments and evaluates
 * without error; no argument list makes a builder or an evaluation throw anything but a
 * {@link SluiceException}; and the functions that need constant arguments say so.
 */
class FunctionRegistryTest {
  private static final FunctionRegistry REGISTRY = FunctionRegistry.builtin();
  private static final ColumnBatch ONE_ROW = new ColumnBatch(new ColumnVector[0], 1);

  private static final Literal STR = Literal.of("abc");
  private static final Literal INT = Literal.of(2);
  private static final Literal BIGINT = Literal.of(2L);
  private static final Literal DOUBLE = Literal.of(1.5);
  private static final Literal DEC = Literal.of(new BigDecimal("1.50"));
  private static final Literal BOOL = Literal.TRUE;
  private static final Literal DATE = new Literal(19_000, DataTypes.DateType);
  private static final Literal TS = new Literal(1_700_000_000_000_000L, DataTypes.TimestampType);
  private static final Literal BIN = Literal.of(new byte[] {1, 2});
  private static final Literal ARR = new Literal(List.of(1, 2), new ArrayType(DataTypes.IntegerType, true));
  private static final Literal MAP = new Literal(new LinkedHashMap<>(Map.of("k", 1)),
      new MapType(DataTypes.StringType, DataTypes.IntegerType, true));
  private static final Literal NULL = Literal.NULL;
  private static final Literal STRUCTS = new Literal(List.<Object>of(new Object[] {1}),
      new ArrayType(new dev.sluice.types.StructType().add("a", DataTypes.IntegerType), true));

  private static final List<Literal> POOL = List.of(STR, INT, BIGINT, DOUBLE, DEC, BOOL, DATE, TS, BIN, ARR, MAP, NULL);
  private static final List<Literal> SMALL_POOL = List.of(STR, INT, DOUBLE, ARR, NULL);

  /** Argument lists for functions a generic search over the pools cannot find. */
  private static final Map<String, List<Expression>> SAMPLES = Map.ofEntries(
      Map.entry("date_trunc", List.of(Literal.of("year"), TS)),
      Map.entry("date_part", List.of(Literal.of("year"), DATE)),
      Map.entry("datepart", List.of(Literal.of("year"), DATE)),
      Map.entry("to_date", List.of(Literal.of("2024-01-02"), Literal.of("yyyy-MM-dd"))),
      Map.entry("to_timestamp", List.of(Literal.of("2024-01-02"), Literal.of("yyyy-MM-dd"))),
      Map.entry("make_date", List.of(Literal.of(2024), Literal.of(1), Literal.of(2))),
      Map.entry("make_timestamp", List.of(Literal.of(2024), Literal.of(1), Literal.of(2), Literal.of(3),
          Literal.of(4), Literal.of(5))),
      Map.entry("width_bucket", List.of(DOUBLE, Literal.of(0), Literal.of(10), Literal.of(5))),
      Map.entry("sequence", List.of(Literal.of(1), Literal.of(3))),
      Map.entry("next_day", List.of(DATE, Literal.of("MON"))),
      Map.entry("trunc", List.of(DATE, Literal.of("MM"))),
      Map.entry("encode", List.of(STR, Literal.of("UTF-8"))),
      Map.entry("from_utc_timestamp", List.of(TS, Literal.of("UTC"))),
      Map.entry("to_utc_timestamp", List.of(TS, Literal.of("UTC"))),
      Map.entry("element_at", List.of(ARR, Literal.of(1))),
      Map.entry("elt", List.of(Literal.of(1), STR)),
      Map.entry("slice", List.of(ARR, Literal.of(1), Literal.of(1))),
      Map.entry("inline", List.of(STRUCTS)),
      Map.entry("inline_outer", List.of(STRUCTS)),
      Map.entry("split_part", List.of(STR, Literal.of("b"), Literal.of(1))),
      Map.entry("unbase64", List.of(Literal.of("QUJD"))),
      Map.entry("to_binary", List.of(Literal.of("0A"))),
      Map.entry("str_to_map", List.of(Literal.of("a:1"))),
      Map.entry("format_string", List.of(Literal.of("%s"), STR)),
      Map.entry("printf", List.of(Literal.of("%s"), STR)),
      Map.entry("flatten", List.of(new Literal(List.of(List.of(1)),
          new ArrayType(new ArrayType(DataTypes.IntegerType, true), true)))),
      Map.entry("from_json", List.of(Literal.of("{\"a\":1}"), Literal.of("a INT"))),
      Map.entry("from_csv", List.of(Literal.of("1"), Literal.of("a INT"))),
      Map.entry("to_csv", List.of(new Literal(new Object[] {1},
          new dev.sluice.types.StructType().add("a", DataTypes.IntegerType)))),
      Map.entry("window", List.of(TS, Literal.of("10 seconds"))),
      Map.entry("session_window", List.of(TS, Literal.of("10 seconds"))),
      Map.entry("window_time", List.of(REGISTRY.build("window", List.of(TS, Literal.of("10 seconds")), true,
          SqlParser::parseSchemaOrType, ExpressionCompiler.CONSTANTS))));

  /** Event-time functions: they only build here; the planner evaluates them inside a grouping. */
  // Planned into their own operators rather than evaluated as values: time windows, generators, and
  // grouping()/grouping_id(), which read the grouping id of a CUBE/ROLLUP/GROUPING SETS aggregation.
  private static final java.util.Set<String> BUILD_ONLY = java.util.Set.of("window", "session_window", "window_time",
      "explode", "explode_outer", "posexplode", "posexplode_outer", "inline", "inline_outer", "grouping",
      "grouping_id");

  /** Functions with an argument that must be a constant, by argument position (documented behaviour). */
  private static final Map<String, List<Expression>> CONSTANT_ARGUMENT = new TreeMap<>(Map.ofEntries(
      Map.entry("round", List.of(DOUBLE, column(DataTypes.IntegerType))),
      Map.entry("bround", List.of(DOUBLE, column(DataTypes.IntegerType))),
      Map.entry("date_trunc", List.of(column(DataTypes.StringType), TS)),
      Map.entry("date_part", List.of(column(DataTypes.StringType), DATE)),
      Map.entry("to_date", List.of(STR, column(DataTypes.StringType))),
      Map.entry("to_timestamp", List.of(STR, column(DataTypes.StringType))),
      Map.entry("date_format", List.of(TS, column(DataTypes.StringType))),
      Map.entry("from_unixtime", List.of(BIGINT, column(DataTypes.StringType))),
      Map.entry("unix_timestamp", List.of(STR, column(DataTypes.StringType))),
      Map.entry("regexp_replace", List.of(STR, STR, STR, column(DataTypes.IntegerType))),
      Map.entry("sort_array", List.of(ARR, column(DataTypes.BooleanType))),
      Map.entry("rand", List.of(column(DataTypes.IntegerType))),
      Map.entry("randn", List.of(column(DataTypes.IntegerType))),
      Map.entry("to_binary", List.of(STR, column(DataTypes.StringType))),
      Map.entry("like", List.of(STR, STR, column(DataTypes.StringType))),
      Map.entry("first", List.of(INT, column(DataTypes.BooleanType)))));

  private static Expression column(dev.sluice.types.DataType t) {
    return new BoundReference(0, t, true, "c");
  }

  /** Builds and (for scalar functions) evaluates; null when it worked, else the failure. */
  private static Throwable tryBuild(String name, List<Expression> args) {
    try {
      Expression e = REGISTRY.build(name, args, true, SqlParser::parseSchemaOrType, ExpressionCompiler.CONSTANTS);
      if (!REGISTRY.isAggregate(name) && !BUILD_ONLY.contains(name)) {
        ExpressionCompiler.compile(e).eval(ONE_ROW).get(0);
      }
      return null;
    } catch (Throwable t) {
      return t;
    }
  }

  private static List<List<Expression>> candidates(FunctionSpec e) {
    List<List<Expression>> out = new ArrayList<>();
    int max = Math.min(e.maxArgs(), e.minArgs() + 2);
    for (int n = e.minArgs(); n <= max; n++) {
      List<Literal> pool = n <= 2 ? POOL : SMALL_POOL;
      if (n > 4) {
        break;
      }
      addAll(out, new ArrayList<>(), n, pool);
    }
    return out;
  }

  private static void addAll(List<List<Expression>> out, List<Expression> prefix, int n, List<Literal> pool) {
    if (prefix.size() == n) {
      out.add(List.copyOf(prefix));
      return;
    }
    for (Literal l : pool) {
      prefix.add(l);
      addAll(out, prefix, n, pool);
      prefix.remove(prefix.size() - 1);
    }
  }

  @Test
  void everyFunctionBuildsForAPlausibleArgumentList() {
    Map<String, String> failures = new TreeMap<>();
    for (String name : REGISTRY.names()) {
      FunctionSpec entry = REGISTRY.lookup(name);
      if (entry.group().equals("window_funcs")) {
        continue; // only over a window: windowFunctionsWithoutOverAreRefused
      }
      List<List<Expression>> lists = new ArrayList<>();
      if (SAMPLES.containsKey(name)) {
        lists.add(SAMPLES.get(name));
      }
      lists.addAll(candidates(entry));
      Throwable last = null;
      boolean ok = false;
      for (List<Expression> args : lists) {
        last = tryBuild(name, args);
        if (last == null) {
          ok = true;
          break;
        }
      }
      if (!ok) {
        failures.put(name, last == null ? "no candidate argument list" : last.toString());
      }
    }
    assertThat(failures).as("functions that built for no argument list").isEmpty();
  }

  @Test
  void buildersAndEvaluationOnlyRaiseSluiceErrors() {
    Map<String, String> failures = new TreeMap<>();
    for (String name : REGISTRY.names()) {
      for (List<Expression> args : candidates(REGISTRY.lookup(name))) {
        Throwable t = tryBuild(name, args);
        if (t != null && !(t instanceof SluiceException)) {
          failures.putIfAbsent(name, args + " -> " + t);
        }
      }
    }
    assertThat(failures).as("functions that threw something other than a SluiceException").isEmpty();
  }

  @Test
  void constantOnlyArgumentsAreRefusedWhenTheyVary() {
    for (Map.Entry<String, List<Expression>> e : CONSTANT_ARGUMENT.entrySet()) {
      assertThatThrownBy(() -> REGISTRY.build(e.getKey(), e.getValue(), true, SqlParser::parseSchemaOrType, ExpressionCompiler.CONSTANTS)).as(e.getKey())
          .isInstanceOf(AnalysisException.class).hasMessageContaining("constant");
    }
  }

  @Test
  void windowFunctionsWithoutOverAreRefused() {
    List<String> window = REGISTRY.specs().stream().filter(f -> f.group().equals("window_funcs"))
        .map(FunctionSpec::name).toList();
    assertThat(window).contains("row_number", "rank", "lag", "lead", "ntile");
    assertThatThrownBy(() -> REGISTRY.build("row_number", List.of(), true, SqlParser::parseSchemaOrType,
        ExpressionCompiler.CONSTANTS))
        .isInstanceOfSatisfying(AnalysisException.class, e -> assertThat(e.errorClass())
            .isEqualTo(ErrorClass.WINDOW_FUNCTION_WITHOUT_OVER_CLAUSE))
        .hasMessageContaining("row_number(...) OVER (");
  }

  @Test
  void unknownNamesSuggestCloseOnes() {
    assertThatThrownBy(() -> REGISTRY.build("regexp_extrct", List.of(STR, STR), true, SqlParser::parseSchemaOrType, ExpressionCompiler.CONSTANTS))
        .isInstanceOf(AnalysisException.class)
        .satisfies(t -> assertThat(((SluiceException) t).errorClass()).isEqualTo(ErrorClass.UNRESOLVED_ROUTINE))
        .hasMessageContaining("regexp_extract");
  }

  /** Families load lazily in order, so each must stand alone and no name may be in two of them. */
  @Test
  void functionFamiliesAreSelfContainedAndDisjoint() {
    Map<String, Integer> owner = new TreeMap<>();
    for (int f = 0; f < FunctionRegistry.FAMILIES; f++) {
      FunctionRegistry alone = new FunctionRegistry();
      FunctionRegistry.registerFamily(alone, f);
      for (String name : alone.names()) {
        Integer before = owner.put(name, f);
        assertThat(before).as("function " + name + " registered by families " + before + " and " + f).isNull();
      }
    }
    assertThat(owner.keySet()).containsExactlyElementsOf(REGISTRY.names());
  }
}
