package dev.sluice.sqltests;

import dev.sluice.api.Session;
import dev.sluice.types.Row;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tables Spark's SQLQueryTestSuite creates before any file runs (testdata, arraydata, mapdata,
 * and aggtest, onek, tenk1 from the corpus's data files), here as temporary views of each session.
 */
final class TestTables {
  private static final String TENK_SCHEMA = "unique1 INT, unique2 INT, two INT, four INT, ten INT, twenty INT, "
      + "hundred INT, thousand INT, twothousand INT, fivethous INT, tenthous INT, odd INT, even INT, "
      + "stringu1 STRING, stringu2 STRING, string4 STRING";

  private TestTables() {}

  /** Registers the tables; returns a note per table that could not be created (empty when all were). */
  static List<String> create(Session session, Path dataDir) {
    List<String> problems = new ArrayList<>();
    attempt(problems, "testdata", () -> {
      List<Row> rows = new ArrayList<>();
      for (int i = 1; i <= 100; i++) {
        rows.add(Row.of(i, Integer.toString(i)));
      }
      session.createDataFrame(rows, "key INT, value STRING").createOrReplaceTempView("testdata");
    });
    attempt(problems, "arraydata", () -> session.createDataFrame(List.of(
            Row.of(List.of(1, 2, 3), List.of(List.of(1, 2, 3))),
            Row.of(List.of(2, 3, 4), List.of(List.of(2, 3, 4)))),
        "arraycol ARRAY<INT>, nestedarraycol ARRAY<ARRAY<INT>>").createOrReplaceTempView("arraydata"));
    attempt(problems, "mapdata", () -> {
      List<Row> rows = new ArrayList<>();
      for (int n = 5; n >= 1; n--) {
        Map<Integer, String> m = new LinkedHashMap<>();
        for (int k = 1; k <= n; k++) {
          m.put(k, (char) ('a' + k - 1) + Integer.toString(6 - n));
        }
        rows.add(Row.of(m));
      }
      session.createDataFrame(rows, "mapcol MAP<INT, STRING>").createOrReplaceTempView("mapdata");
    });
    attempt(problems, "aggtest", () -> csv(session, dataDir.resolve("agg.data"), "a INT, b FLOAT")
        .createOrReplaceTempView("aggtest"));
    attempt(problems, "onek", () -> csv(session, dataDir.resolve("onek.data"), TENK_SCHEMA)
        .createOrReplaceTempView("onek"));
    attempt(problems, "tenk1", () -> csv(session, dataDir.resolve("tenk.data"), TENK_SCHEMA)
        .createOrReplaceTempView("tenk1"));
    return problems;
  }

  private static dev.sluice.api.DataFrame csv(Session session, Path file, String schema) {
    return session.read().schema(schema).option("sep", "\t").option("header", "false").csv(file.toString());
  }

  private static void attempt(List<String> problems, String table, Runnable create) {
    try {
      create.run();
    } catch (RuntimeException e) {
      problems.add("test table " + table + " not created: " + e);
    }
  }
}
