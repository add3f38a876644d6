package dev.sluice.streaming;

import static dev.sluice.api.functions.bit_or;
import static dev.sluice.api.functions.collect_list;
import static dev.sluice.api.functions.collect_set;
import static dev.sluice.api.functions.first;
import static dev.sluice.api.functions.last;
import static dev.sluice.api.functions.stddev;
import static dev.sluice.api.functions.var_pop;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.DataFrame;
import dev.sluice.api.MemoryStream;
import dev.sluice.api.Session;
import dev.sluice.api.streaming.StreamingQuery;
import dev.sluice.types.Row;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * collect_list, collect_set, stddev, var_pop and bit_or in a streaming aggregation: their state (an
 * array; count, mean and m2; the running bits) is saved after each micro-batch and restored after a
 * restart, and the results after a restart are those of a query that never stopped.
 */
class StreamingCollectAndStatisticsTest {
  Session session;
  MemoryStream events;

  @BeforeEach
  void setUp() {
    session = Session.builder().config("sluice.sql.shuffle.partitions", "3").getOrCreate();
    events = MemoryStream.create(session, "word STRING, n INT");
  }

  @AfterEach
  void tearDown() {
    session.close();
  }

  private DataFrame aggregates() {
    return events.toDF().groupBy("word").agg(collect_list("n").alias("ns"), collect_set("n").alias("distinct_ns"),
        stddev("n").alias("sd"), var_pop("n").alias("vp"), bit_or(events.toDF().col("n")).alias("bits"));
  }

  private List<Row> table(String name) {
    List<Row> rows = new ArrayList<>(session.table(name).collectAsList());
    rows.sort((a, b) -> a.getString(0).compareTo(b.getString(0)));
    return rows;
  }

  private static final List<Row> AFTER_FIRST_BATCH = List.of(
      Row.of("a", List.of(1, 3), List.of(1, 3), Math.sqrt(2.0), 1.0, 3),
      // one value: the sample deviation is NULL, the population variance 0.0
      Row.of("b", List.of(2), List.of(2), null, 0.0, 2));

  private static final List<Row> AFTER_SECOND_BATCH = List.of(
      // 1, 3, 3, 5: mean 3, squared deviations 4 + 0 + 0 + 4
      Row.of("a", List.of(1, 3, 3, 5), List.of(1, 3, 5), Math.sqrt(8.0 / 3), 2.0, 7),
      Row.of("b", List.of(2, 4), List.of(2, 4), Math.sqrt(2.0), 1.0, 6),
      Row.of("c", List.of(8), List.of(8), null, 0.0, 8));

  private void firstBatch() {
    events.addData(Row.of("a", 1), Row.of("b", 2), Row.of("a", 3), Row.of("b", null));
  }

  private void secondBatch() {
    events.addData(Row.of("a", 3), Row.of("b", 4), Row.of("c", 8), Row.of("a", 5), Row.of("c", null));
  }

  @Test
  void completeModeAfterARestartFromTheCheckpointIsAsIfNeverStopped(@TempDir Path dir) {
    StreamingQuery first = aggregates().writeStream().outputMode("complete").format("memory").queryName("before")
        .option("checkpointLocation", dir.toString()).start();
    firstBatch();
    first.processAllAvailable();
    assertThat(table("before")).containsExactlyElementsOf(AFTER_FIRST_BATCH);
    first.stop();

    secondBatch();
    StreamingQuery second = aggregates().writeStream().outputMode("complete").format("memory").queryName("after")
        .option("checkpointLocation", dir.toString()).start();
    second.processAllAvailable();
    assertThat(table("after")).containsExactlyElementsOf(AFTER_SECOND_BATCH);
    second.stop();

    // the same data through a query that never stopped, and through a batch query
    StreamingQuery unbroken = aggregates().writeStream().outputMode("complete").format("memory")
        .queryName("unbroken").start();
    unbroken.processAllAvailable();
    assertThat(table("unbroken")).containsExactlyElementsOf(AFTER_SECOND_BATCH);
    unbroken.stop();
  }

  @Test
  void updateModeEmitsTheGroupsABatchChangedWithTheirWholeState(@TempDir Path dir) {
    List<List<Row>> updates = new CopyOnWriteArrayList<>();
    StreamingQuery first = aggregates().writeStream().outputMode("update")
        .option("checkpointLocation", dir.toString())
        .foreachBatch((df, id) -> updates.add(df.collectAsList())).start();
    firstBatch();
    first.processAllAvailable();
    first.stop();
    events.addData(Row.of("b", 4));
    StreamingQuery second = aggregates().writeStream().outputMode("update")
        .option("checkpointLocation", dir.toString())
        .foreachBatch((df, id) -> updates.add(df.collectAsList())).start();
    second.processAllAvailable();
    second.stop();

    assertThat(updates).hasSize(2);
    assertThat(updates.get(0)).containsExactlyInAnyOrderElementsOf(AFTER_FIRST_BATCH);
    // only b changed; its list continues the one saved before the restart
    assertThat(updates.get(1)).containsExactly(Row.of("b", List.of(2, 4), List.of(2, 4), Math.sqrt(2.0), 1.0, 6));
  }

  @Test
  void orderDependentAggregatesSeeEarlierBatchesBeforeTheNewOne() {
    // the stored state is merged before the new batch's rows, so first() is the first value ever
    // seen and last() the newest, as in Spark, where state is restored ahead of the new input
    DataFrame df = events.toDF().groupBy("word").agg(first("n").alias("f"), last("n").alias("l"));
    StreamingQuery q = df.writeStream().outputMode("complete").format("memory").queryName("firsts").start();
    events.addData(Row.of("a", 1), Row.of("a", 2));
    q.processAllAvailable();
    events.addData(Row.of("a", 3));
    q.processAllAvailable();
    assertThat(table("firsts")).containsExactly(Row.of("a", 1, 3));
    q.stop();
  }
}
