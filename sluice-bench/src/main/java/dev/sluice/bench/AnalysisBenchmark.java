package dev.sluice.bench;

import dev.sluice.api.DataFrame;
import dev.sluice.api.Session;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.sql.SqlParser;
import dev.sluice.types.Row;
import java.util.ArrayList;
import java.util.List;

/**
 * Planning latency: the time to parse and analyze SQL queries of the shapes users write (filters,
 * aggregates with HAVING and ORDER BY, joins with USING, window functions, generators, set
 * operations, CTEs, semi joins), against temporary views: parsing alone, analysis alone (of the
 * parsed plans, through {@code DataFrame.ofPlan}), and {@code session.sql}, which does both (nothing
 * runs).
 *
 * <pre>
 *   mvn -q -DskipTests install &amp;&amp; java -cp "sluice-bench/target/sluice-bench.jar:sluice-bench/target/lib/*" \
 *       dev.sluice.bench.AnalysisBenchmark [rounds]
 * </pre>
 * Prints the median over rounds of the per-query mean, in microseconds. Compare two builds by running
 * both on the same machine one after the other; figures across machines mean nothing.
 */
public final class AnalysisBenchmark {
  private AnalysisBenchmark() {}

  static final List<String> QUERIES = List.of(
      "SELECT a, b FROM t WHERE a > 1 AND s LIKE 'x%'",
      "SELECT s, count(*) AS n, sum(b) FROM t WHERE a > 1 GROUP BY s HAVING count(*) > 1 ORDER BY n DESC",
      "SELECT t.a, u.v FROM t JOIN u ON t.a = u.k WHERE u.v IS NOT NULL",
      "SELECT * FROM t JOIN t2 USING (a) ORDER BY t.b",
      "SELECT a, b, row_number() OVER (PARTITION BY s ORDER BY b) AS r, sum(b) OVER (PARTITION BY s) FROM t",
      "SELECT a, explode(xs) AS x FROM t",
      "SELECT a FROM t UNION ALL SELECT k FROM u EXCEPT SELECT a FROM t2",
      "WITH c AS (SELECT s, max(b) AS m FROM t GROUP BY s) SELECT c.s, c.m, u.v FROM c LEFT JOIN u ON c.m = u.k",
      "SELECT a FROM t LEFT SEMI JOIN u ON t.a = u.k ORDER BY a LIMIT 10",
      "SELECT CASE WHEN a > 1 THEN upper(s) ELSE concat(s, '!') END AS c, coalesce(b, 0) + 1, "
          + "cast(a AS STRING) FROM t",
      "SELECT DISTINCT s FROM t",
      "SELECT s, count(DISTINCT a), avg(b), min(a) FILTER (WHERE b > 0) FROM t GROUP BY s");

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    int perRound = 200;
    try (Session session = Session.builder().getOrCreate()) {
      session.createDataFrame(List.of(Row.of(1, 2, "x", List.of(1, 2))), "a INT, b INT, s STRING, xs ARRAY<INT>")
          .createOrReplaceTempView("t");
      session.createDataFrame(List.of(Row.of(1, 5)), "a INT, b INT").createOrReplaceTempView("t2");
      session.createDataFrame(List.of(Row.of(1, "v")), "k INT, v STRING").createOrReplaceTempView("u");
      List<LogicalPlan> parsed = new ArrayList<>();
      for (String q : QUERIES) {
        parsed.add(SqlParser.parseQuery(q));
      }
      List<Double> parse = new ArrayList<>();
      List<Double> analyze = new ArrayList<>();
      List<Double> total = new ArrayList<>();
      long sink = 0;
      for (int r = 0; r < rounds; r++) {
        long t0 = System.nanoTime();
        for (int i = 0; i < perRound; i++) {
          for (String q : QUERIES) {
            sink += SqlParser.parseQuery(q).hashCode();
          }
        }
        long t1 = System.nanoTime();
        for (int i = 0; i < perRound; i++) {
          for (LogicalPlan p : parsed) {
            sink += DataFrame.ofPlan(session, p).schema().size();
          }
        }
        long t2 = System.nanoTime();
        for (int i = 0; i < perRound; i++) {
          for (String q : QUERIES) {
            sink += session.sql(q).schema().size();
          }
        }
        long t3 = System.nanoTime();
        double n = perRound * (double) QUERIES.size();
        parse.add((t1 - t0) / n / 1000.0);
        analyze.add((t2 - t1) / n / 1000.0);
        total.add((t3 - t2) / n / 1000.0);
      }
      // The first third of the rounds warm the JIT; the median of the rest is reported.
      System.out.printf("queries %d, rounds %d x %d%n", QUERIES.size(), rounds, perRound);
      System.out.printf("parse            %8.1f us/query%n", median(parse.subList(rounds / 3, rounds)));
      System.out.printf("analyze          %8.1f us/query%n", median(analyze.subList(rounds / 3, rounds)));
      System.out.printf("session.sql      %8.1f us/query%n", median(total.subList(rounds / 3, rounds)));
      if (sink == 42) {
        System.out.println();
      }
    }
  }

  private static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    s.sort(null);
    return s.get(s.size() / 2);
  }
}
