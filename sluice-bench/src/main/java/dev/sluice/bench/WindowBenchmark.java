package dev.sluice.bench;

import dev.sluice.api.Session;
import dev.sluice.types.Row;
import java.util.ArrayList;
import java.util.List;

/**
 * Window aggregates over one large window partition: the running sum of the default frame with ORDER BY
 * ({@code RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW}), and, where the build supports frames, a
 * sliding {@code ROWS BETWEEN 10 PRECEDING AND CURRENT ROW} sum and a shrinking
 * {@code ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING} count.
 *
 * <pre>
 *   mvn -q -DskipTests install &amp;&amp; java -cp "sluice-bench/target/sluice-bench.jar:sluice-bench/target/lib/*" \
 *       dev.sluice.bench.WindowBenchmark [rows]
 * </pre>
 * Prints the best of three runs per query in milliseconds, with the rows per second.
 */
public final class WindowBenchmark {
  private WindowBenchmark() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    List<String> queries = List.of(
        "SELECT sum(x) FROM (SELECT sum(v) OVER (ORDER BY i) AS x FROM t)",
        "SELECT sum(x) FROM (SELECT sum(v) OVER (ORDER BY i ROWS BETWEEN 10 PRECEDING AND CURRENT ROW) AS x FROM t)",
        "SELECT sum(x) FROM (SELECT count(v) OVER (ORDER BY i ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS x"
            + " FROM t)");
    try (Session session = Session.builder().config("sluice.sql.shuffle.partitions", "1").getOrCreate()) {
      List<Row> rows = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        rows.add(Row.of(i, (long) (i % 97)));
      }
      session.createDataFrame(rows, "i INT, v BIGINT").createOrReplaceTempView("t");
      for (String q : queries) {
        long best = Long.MAX_VALUE;
        Object result = null;
        try {
          for (int r = 0; r < 3; r++) {
            long t0 = System.nanoTime();
            result = session.sql(q).collectAsList().get(0).get(0);
            best = Math.min(best, System.nanoTime() - t0);
          }
          System.out.printf("%8.1f ms %8.2f M rows/s  %s  (= %s)%n", best / 1e6, n / (best / 1e3), q, result);
        } catch (RuntimeException e) {
          System.out.printf("   n/a                  %s  (%s)%n", q, e.getMessage().lines().findFirst().orElse(""));
        }
      }
    }
  }
}
