package dev.sluice.streaming;

import static dev.sluice.api.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.DataFrame;
import dev.sluice.api.MemoryStream;
import dev.sluice.api.Session;
import dev.sluice.api.streaming.StreamingQuery;
import dev.sluice.types.Row;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stateful operators state their input distribution (hashed by their keys into exactly
 * {@code sluice.sql.shuffle.partitions} partitions, never merged), and the planner's EnsureRequirements
 * adds that shuffle: partition i of the operator is state partition i of the checkpoint.
 */
class StatePartitioningTest {
  private Session session;

  @BeforeEach
  void setUp() {
    session = Session.builder().config("sluice.sql.shuffle.partitions", "3").create();
  }

  @AfterEach
  void tearDown() {
    session.close();
  }

  private static List<String> exchanges(String plan) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("Exchange [^\\n]*").matcher(plan);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  private static List<String> partitionDirs(Path opDir) throws IOException {
    try (Stream<Path> s = Files.list(opDir)) {
      return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void anAggregationHashesItsInputIntoExactlyTheStatePartitions(@TempDir Path dir) throws IOException {
    MemoryStream m = MemoryStream.create(session, "k INT");
    DataFrame counts = m.toDF().groupBy("k").count();
    StreamingQuery q = counts.writeStream().outputMode("complete").format("memory").queryName("counts")
        .option("checkpointLocation", dir.toString()).start();
    m.addData(Row.of(1), Row.of(2), Row.of(1), Row.of(5));
    q.processAllAvailable();
    assertThat(exchanges(q.explainString())).singleElement().asString()
        .matches("Exchange hashpartitioning\\(\\[k#\\d+], 3\\)");
    assertThat(partitionDirs(dir.resolve("state/0"))).containsExactly("0", "1", "2");
    q.stop();
    m.addData(Row.of(2));
    StreamingQuery again = counts.writeStream().outputMode("complete").format("memory").queryName("again")
        .option("checkpointLocation", dir.toString()).start();
    again.processAllAvailable();
    again.stop();
    assertThat(session.table("again").orderBy("k").collectAsList())
        .containsExactly(Row.of(1, 2L), Row.of(2, 2L), Row.of(5, 1L));
  }

  @Test
  void anAggregationWithoutKeysKeepsOneStatePartition(@TempDir Path dir) throws IOException {
    MemoryStream m = MemoryStream.create(session, "k INT");
    StreamingQuery q = m.toDF().groupBy().count().writeStream().outputMode("complete").format("memory")
        .queryName("total").option("checkpointLocation", dir.toString()).start();
    m.addData(Row.of(1), Row.of(2), Row.of(3));
    q.processAllAvailable();
    q.stop();
    assertThat(exchanges(q.explainString())).allSatisfy(e -> assertThat(e).isEqualTo("Exchange SinglePartition"));
    assertThat(partitionDirs(dir.resolve("state/0"))).containsExactly("0");
    assertThat(session.table("total").collectAsList()).containsExactly(Row.of(3L));
  }

  @Test
  void bothSidesOfAStreamStreamJoinAreHashedIntoTheStatePartitions(@TempDir Path dir) throws IOException {
    MemoryStream l = MemoryStream.create(session, "id INT, a STRING");
    MemoryStream r = MemoryStream.create(session, "rid INT, b STRING");
    DataFrame j = l.toDF().join(r.toDF(), col("id").equalTo(col("rid")));
    StreamingQuery q = j.writeStream().outputMode("append").format("memory").queryName("joined")
        .option("checkpointLocation", dir.toString()).start();
    l.addData(Row.of(1, "x"), Row.of(2, "w"));
    r.addData(Row.of(1, "y"), Row.of(3, "z"));
    q.processAllAvailable();
    q.stop();
    List<String> ex = exchanges(q.explainString());
    assertThat(ex).hasSize(2);
    assertThat(ex.get(0)).matches("Exchange hashpartitioning\\(\\[id#\\d+], 3\\)");
    assertThat(ex.get(1)).matches("Exchange hashpartitioning\\(\\[rid#\\d+], 3\\)");
    assertThat(partitionDirs(dir.resolve("state/0"))).containsExactly("0", "1", "2");
    assertThat(session.table("joined").collectAsList()).containsExactly(Row.of(1, "x", 1, "y"));
  }

  @Test
  void deduplicationHashesItsInputIntoTheStatePartitions(@TempDir Path dir) throws IOException {
    MemoryStream m = MemoryStream.create(session, "k INT, v STRING");
    StreamingQuery q = m.toDF().dropDuplicates("k").writeStream().outputMode("append").format("memory")
        .queryName("firsts").option("checkpointLocation", dir.toString()).start();
    m.addData(Row.of(1, "a"), Row.of(1, "b"), Row.of(2, "c"));
    q.processAllAvailable();
    m.addData(Row.of(2, "d"), Row.of(4, "e"));
    q.processAllAvailable();
    q.stop();
    assertThat(exchanges(q.explainString())).singleElement().asString()
        .matches("Exchange hashpartitioning\\(\\[k#\\d+], 3\\)");
    assertThat(partitionDirs(dir.resolve("state/0"))).containsExactly("0", "1", "2");
    assertThat(session.table("firsts").collectAsList().stream().map(r -> r.getInt(0)).sorted().toList())
        .containsExactly(1, 2, 4);
  }
}
