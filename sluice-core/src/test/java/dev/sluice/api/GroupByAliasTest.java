package dev.sluice.api;

import static dev.sluice.api.functions.col;
import static dev.sluice.api.functions.count;
import static dev.sluice.api.functions.expr;
import static dev.sluice.api.functions.max;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.streaming.StreamingQuery;
import dev.sluice.api.streaming.Trigger;
import dev.sluice.types.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grouping by a named expression ({@code groupBy(col("value").mod(3).alias("key"))}), in batch and
 * in streaming, with a restart from the checkpoint: the key is computed once, below the aggregate,
 * and the name is the output column's. Includes the README's Java example, run as the README shows it.
 */
class GroupByAliasTest {
  @TempDir
  Path dir;
  Session session;

  @BeforeEach
  void setUp() {
    session = Session.builder().config("sluice.sql.shuffle.partitions", "2").getOrCreate();
  }

  @AfterEach
  void tearDown() {
    session.streams().active().forEach(StreamingQuery::stop);
    session.close();
  }

  private static List<String> sorted(List<Row> rows) {
    List<String> out = new ArrayList<>();
    rows.forEach(r -> out.add(r.toString()));
    out.sort(null);
    return out;
  }

  @Test
  void aBatchGroupsByANamedExpression() {
    DataFrame df = session.sql("SELECT id AS value, id % 2 AS v, 'k' || (id % 2) AS k "
        + "FROM VALUES (1), (2), (3), (4), (5), (NULL) t(id)");
    DataFrame byKey = df.groupBy(col("value").mod(3).alias("key")).agg(count("*").alias("n"), max("value"));
    assertThat(byKey.columns()).containsExactly("key", "n", "max(value)");
    assertThat(sorted(byKey.collectAsList())).containsExactly("[0,1,3]", "[1,2,4]", "[2,2,5]", "[null,1,null]");

    DataFrame twoKeys = df.groupBy(col("k"), expr("v % 2").alias("p")).count();
    assertThat(twoKeys.columns()).containsExactly("k", "p", "count");
    assertThat(sorted(twoKeys.collectAsList())).containsExactly("[k0,0,2]", "[k1,1,3]", "[null,null,1]");

    DataFrame keyInResult = df.groupBy(col("value").mod(3).alias("key")).count().selectExpr("key * 10 AS k10", "count");
    assertThat(sorted(keyInResult.collectAsList())).containsExactly("[0,1]", "[10,2]", "[20,2]", "[null,1]");
  }

  @Test
  void aStreamGroupsByANamedExpressionAndResumesFromItsCheckpoint() {
    MemoryStream events = MemoryStream.create(session, "value BIGINT");
    DataFrame counts = events.toDF().groupBy(col("value").mod(3).alias("key"))
        .agg(count("*").alias("events"), max("value").alias("last_value"));
    String cp = dir.resolve("cp").toString();
    StreamingQuery q = counts.writeStream().outputMode("complete").format("memory").queryName("first")
        .option("checkpointLocation", cp).start();
    events.addData(Row.of(1L), Row.of(2L), Row.of(3L), Row.of(4L));
    q.processAllAvailable();
    assertThat(sorted(session.table("first").collectAsList())).containsExactly("[0,1,3]", "[1,2,4]", "[2,1,2]");
    q.stop();

    events.addData(Row.of(5L), Row.of(9L));
    StreamingQuery again = counts.writeStream().outputMode("complete").format("memory").queryName("second")
        .option("checkpointLocation", cp).start();
    again.processAllAvailable();
    again.stop();
    assertThat(sorted(session.table("second").collectAsList())).containsExactly("[0,2,9]", "[1,2,4]", "[2,2,5]");
  }

  @Test
  void aSessionWindowNamedInTheGroupingIsItsColumn() {
    MemoryStream events = MemoryStream.create(session, "user STRING, t TIMESTAMP");
    DataFrame sessions = events.toDF().withWatermark("t", "0 seconds")
        .groupBy(col("user"), functions.session_window(col("t"), "10 seconds").as("session")).count()
        .selectExpr("user", "session.start AS s", "session.end AS e", "count");
    StreamingQuery q = sessions.writeStream().outputMode("append").format("memory").queryName("sessions").start();
    events.addData(Row.of("u", Timestamp.valueOf("2026-01-01 00:00:00")),
        Row.of("u", Timestamp.valueOf("2026-01-01 00:00:05")));
    q.processAllAvailable();
    events.addData(Row.of("u", Timestamp.valueOf("2026-01-01 00:01:00")));
    q.processAllAvailable();
    q.stop();
    assertThat(sorted(session.table("sessions").collectAsList()))
        .containsExactly("[u,2026-01-01T00:00:00Z,2026-01-01T00:00:15Z,2]");
  }

  /** README.md's "The same job from Java", as it is there; the query stops after its first batches. */
  @Test
  void theReadmeJavaExampleRuns() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    assertThat(readme).as("the README still shows the job this test runs")
        .contains(".groupBy(col(\"value\").mod(3).alias(\"key\"))")
        .contains(".agg(count(\"*\").alias(\"events\"), max(\"value\").alias(\"last_value\"));")
        .contains(".format(\"console\").outputMode(\"complete\")")
        .contains(".trigger(Trigger.ProcessingTime(\"2 seconds\"))");
    try (Session session = Session.builder().config("sluice.sql.shuffle.partitions", "4").getOrCreate()) {
      DataFrame counts = session.readStream().format("rate").option("rowsPerSecond", 10).load()
          .groupBy(col("value").mod(3).alias("key"))
          .agg(count("*").alias("events"), max("value").alias("last_value"));
      StreamingQuery q = counts.writeStream()
          .format("console").outputMode("complete")
          .trigger(Trigger.ProcessingTime("2 seconds"))
          .option("checkpointLocation", dir.resolve("rate-counts").toString())
          .start();
      // The rate source always has new rows, so processAllAvailable would wait for ever (as in Spark).
      long until = System.currentTimeMillis() + 15_000;
      while ((q.lastProgress() == null || q.lastProgress().numInputRows() == 0)
          && System.currentTimeMillis() < until) {
        q.awaitTermination(100);
      }
      q.stop();
      assertThat(q.exception()).isNull();
      assertThat(q.lastProgress()).as("a batch ran").isNotNull();
      assertThat(q.lastProgress().numInputRows()).isPositive();

      // The same aggregation into a table, to check its rows: every key's count and latest value.
      StreamingQuery m = counts.writeStream().format("memory").queryName("rate_counts").outputMode("complete")
          .option("checkpointLocation", dir.resolve("rate-counts-memory").toString()).start();
      long deadline = System.currentTimeMillis() + 15_000;
      List<Row> rows = List.of();
      while (rows.size() < 3 && System.currentTimeMillis() < deadline) {
        m.awaitTermination(100);
        rows = session.table("rate_counts").collectAsList();
      }
      m.stop();
      assertThat(rows).hasSize(3);
      for (Row r : rows) {
        assertThat(r.getLong(2) % 3).as("last_value belongs to its key").isEqualTo(r.getLong(0));
        assertThat(r.getLong(1)).isPositive();
      }
    }
  }
}
