package dev.sluice.kafka;

import static dev.sluice.api.functions.col;
import static dev.sluice.api.functions.count;
import static dev.sluice.api.functions.sum;
import static dev.sluice.kafka.TestKafka.bootstrap;
import static dev.sluice.kafka.TestKafka.newTopic;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.DataFrame;
import dev.sluice.api.Session;
import dev.sluice.api.streaming.StreamingQuery;
import dev.sluice.sql.SqlParser;
import dev.sluice.sql.Statement;
import dev.sluice.types.Row;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole jobs: Kafka in, a streaming aggregation, Kafka out; and the SQL examples in examples/. */
class KafkaPipelineTest {
  Session session;

  @BeforeEach
  void setUp() {
    session = Session.builder().config("sluice.sql.shuffle.partitions", "2").getOrCreate();
  }

  @AfterEach
  void tearDown() {
    exampleSessions.forEach(Session::close);
    session.close();
  }

  /** The latest value per key of a topic, from committed transactions. */
  private static Map<String, String> latestByKey(String topic, int minRecords) {
    TestKafka.values(topic, true, minRecords);
    Map<String, String> out = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> r : TestKafka.readAll(topic, true)) {
      out.put(TestKafka.s(r.key()), TestKafka.s(r.value()));
    }
    return out;
  }

  @Test
  void kafkaToAggregationToKafkaExactlyOnce(@TempDir Path dir) {
    String in = newTopic("orders", 3);
    String out = newTopic("totals", 2);
    Map<String, long[]> expected = new TreeMap<>();
    try (KafkaProducer<byte[], byte[]> p = TestKafka.producer()) {
      for (int i = 0; i < 300; i++) {
        String user = "user-" + (i % 7);
        long amount = i % 13;
        p.send(new ProducerRecord<>(in, TestKafka.b(user), TestKafka.b(Long.toString(amount))));
        long[] e = expected.computeIfAbsent(user, k -> new long[2]);
        e[0]++;
        e[1] += amount;
      }
    }
    DataFrame orders = session.readStream().format("kafka").option("kafka.bootstrap.servers", bootstrap())
        .option("subscribe", in).option("startingOffsets", "earliest").option("maxOffsetsPerTrigger", "100").load()
        .selectExpr("CAST(key AS STRING) AS user", "CAST(CAST(value AS STRING) AS BIGINT) AS amount");
    DataFrame totals = orders.groupBy(col("user")).agg(count("*").alias("n"), sum("amount").alias("total"))
        .selectExpr("user AS key", "concat(CAST(n AS STRING), ' ', CAST(total AS STRING)) AS value");
    StreamingQuery q = totals.writeStream().format("kafka").outputMode("update")
        .option("kafka.bootstrap.servers", bootstrap()).option("topic", out).option("exactlyOnce", "true")
        .option("checkpointLocation", dir.resolve("cp").toString()).start();
    try {
      q.processAllAvailable();
      assertThat(q.recentProgress().size()).isGreaterThanOrEqualTo(3);
    } finally {
      q.stop();
    }
    Map<String, String> want = new TreeMap<>();
    expected.forEach((k, v) -> want.put(k, v[0] + " " + v[1]));
    assertThat(latestByKey(out, 7)).isEqualTo(want);
  }

  private final List<Session> exampleSessions = new ArrayList<>();
  private Session exampleSession;

  /**
   * Runs an example file as ./sluice run would (in a session of its own) with the test broker, fresh
   * topics and a temporary checkpoint; returns the last statement's rows.
   */
  private List<Row> runExample(String file, Map<String, String> replace) throws Exception {
    exampleSession = Session.builder().config("sluice.sql.shuffle.partitions", "2").create();
    exampleSessions.add(exampleSession);
    Path path = Path.of("..", "examples", file);
    String sql = Files.readString(path, StandardCharsets.UTF_8).replace("127.0.0.1:9092", bootstrap());
    for (Map.Entry<String, String> e : replace.entrySet()) {
      sql = sql.replace(e.getKey(), e.getValue());
    }
    List<Row> last = List.of();
    for (Statement st : SqlParser.parseStatements(sql)) {
      last = exampleSession.execute(st).collectAsList();
    }
    return last;
  }

  @Test
  void theSqlExamplesRunAgainstTheBroker(@TempDir Path dir) throws Exception {
    String views = "page-views-" + Long.toHexString(System.nanoTime());
    String counts = "page-view-counts-" + Long.toHexString(System.nanoTime());
    Map<String, String> names = Map.of("'page-views'", "'" + views + "'", "'page-view-counts'", "'" + counts + "'",
        "/tmp/sluice/kafka-page-views", dir.resolve("cp").toString(), "rowsPerSecond '20'", "rowsPerSecond '200'",
        "processingTime=2 seconds", "processingTime=100 milliseconds");
    runExample("kafka-feed.sql", names);
    StreamingQuery feed = exampleSession.lastStartedQuery();
    long deadline = System.currentTimeMillis() + 30_000;
    while (TestKafka.values(views, false).size() < 50 && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    feed.stop();
    int fed = TestKafka.values(views, false).size();
    assertThat(fed).isGreaterThanOrEqualTo(50);
    runExample("kafka-page-views.sql", names);
    StreamingQuery job = exampleSession.lastStartedQuery();
    try {
      job.processAllAvailable();
    } finally {
      job.stop();
    }
    List<Row> read = runExample("kafka-read.sql", names);
    assertThat(read).hasSize(5);
    long total = 0;
    for (Row r : read) {
      String[] latest = r.getString(1).split(" ");
      assertThat(latest[0]).isEqualTo(r.getString(0));
      total += Long.parseLong(latest[1]);
    }
    assertThat(total).isEqualTo(fed);
    List<String> pages = new ArrayList<>();
    read.forEach(r -> pages.add(r.getString(0)));
    assertThat(pages).containsExactly("page-0", "page-1", "page-2", "page-3", "page-4");
  }
}
