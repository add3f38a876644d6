package dev.sluice.kafka;

import static dev.sluice.kafka.TestKafka.bootstrap;
import static dev.sluice.kafka.TestKafka.newTopic;
import static dev.sluice.kafka.TestKafka.s;
import static dev.sluice.kafka.TestKafka.send;
import static dev.sluice.kafka.TestKafka.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.DataFrame;
import dev.sluice.api.MemoryStream;
import dev.sluice.api.Session;
import dev.sluice.api.streaming.StreamingQuery;
import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import dev.sluice.types.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kafka sink against a real broker: columns, options, batch writes, at-least-once and exactly-once. */
class KafkaSinkTest {
  Session session;
  final List<StreamingQuery> started = new ArrayList<>();

  @BeforeEach
  void setUp() {
    session = Session.builder().config("sluice.sql.shuffle.partitions", "2").getOrCreate();
  }

  @AfterEach
  void tearDown() {
    started.forEach(StreamingQuery::stop);
    session.close();
  }

  private StreamingQuery start(DataFrame df, Map<String, String> options) {
    StreamingQuery q = df.writeStream().format("kafka").option("kafka.bootstrap.servers", bootstrap()).options(options)
        .start();
    started.add(q);
    return q;
  }

  @Test
  void writesTheValueColumnToTheTopicOption() {
    String out = newTopic("sink-value", 1);
    MemoryStream in = MemoryStream.create(session, "word STRING, n INT");
    StreamingQuery q = start(in.toDF().selectExpr("concat(word, '-', CAST(n AS STRING)) AS value"),
        Map.of("topic", out));
    in.addData(Row.of("a", 1), Row.of("b", 2));
    q.processAllAvailable();
    in.addData(Row.of("c", 3));
    q.processAllAvailable();
    assertThat(values(out, false)).containsExactly("a-1", "b-2", "c-3");
    assertThat(q.lastProgress().sink().description()).isEqualTo("KafkaSink[topic=" + out + "]");
  }

  @Test
  void keyTopicPartitionAndHeadersColumns() {
    String t1 = newTopic("sink-cols", 2);
    String t2 = newTopic("sink-cols", 1);
    MemoryStream in = MemoryStream.create(session,
        "k STRING, v STRING, t STRING, p INT, h ARRAY<STRUCT<key: STRING, value: BINARY>>");
    DataFrame df = in.toDF().selectExpr("CAST(k AS BINARY) AS key", "v AS value", "t AS topic", "p AS partition",
        "h AS headers");
    StreamingQuery q = start(df, Map.of());
    List<Row> headers = List.of(Row.of("source", TestKafka.b("test")));
    in.addData(Row.of("k1", "v1", t1, 1, headers), Row.of(null, "v2", t2, 0, headers),
        Row.of("k3", null, t1, 0, headers));
    q.processAllAvailable();
    List<ConsumerRecord<byte[], byte[]>> r1 = TestKafka.readAll(t1, false);
    Map<String, String> byValue = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> r : r1) {
      byValue.put(String.valueOf(s(r.value())), s(r.key()) + "@" + r.partition());
      Header h = r.headers().lastHeader("source");
      assertThat(s(h.value())).isEqualTo("test");
    }
    assertThat(byValue).containsExactly(Map.entry("null", "k3@0"), Map.entry("v1", "k1@1"));
    List<ConsumerRecord<byte[], byte[]>> r2 = TestKafka.readAll(t2, false);
    assertThat(r2).hasSize(1);
    assertThat(r2.get(0).key()).isNull();
    assertThat(s(r2.get(0).value())).isEqualTo("v2");
  }

  @Test
  void theTopicOptionOverridesTheTopicColumn() {
    String ignored = newTopic("sink-ignored", 1);
    String chosen = newTopic("sink-chosen", 1);
    MemoryStream in = MemoryStream.create(session, "v STRING, t STRING");
    StreamingQuery q = start(in.toDF().selectExpr("v AS value", "t AS topic"), Map.of("topic", chosen));
    in.addData(Row.of("x", ignored));
    q.processAllAvailable();
    assertThat(values(chosen, false)).containsExactly("x");
    assertThat(values(ignored, false)).isEmpty();
  }

  @Test
  void producerSettingsArePassedThrough() {
    String out = newTopic("sink-setting", 1);
    MemoryStream in = MemoryStream.create(session, "v STRING");
    StreamingQuery q = start(in.toDF().selectExpr("v AS value"), Map.of("topic", out,
        "kafka.max.request.size", "2000", "kafka.compression.type", "gzip", "kafka.client.id", "sluice-test"));
    in.addData(Row.of("small"));
    q.processAllAvailable();
    assertThat(values(out, false)).containsExactly("small");
    in.addData(Row.of("x".repeat(5000)));
    assertThatThrownBy(q::processAllAvailable).hasStackTraceContaining("max.request.size");
  }

  @Test
  void clearErrorsForColumnsAndOptions() {
    MemoryStream in = MemoryStream.create(session, "v STRING, n INT, t STRING");
    assertThatThrownBy(() -> start(in.toDF().selectExpr("v AS payload"), Map.of("topic", "x")))
        .isInstanceOf(SluiceException.class).hasMessageContaining("no 'value' column").hasMessageContaining("payload");
    assertThatThrownBy(() -> start(in.toDF().selectExpr("n AS value"), Map.of("topic", "x")))
        .isInstanceOf(SluiceException.class).hasMessageContaining("'value' column must be STRING or BINARY but is INT");
    assertThatThrownBy(() -> start(in.toDF().selectExpr("v AS value"), Map.of()))
        .isInstanceOf(SluiceException.class).hasMessageContaining("option(\"topic\"")
        .satisfies(e -> assertThat(((SluiceException) e).errorClass()).isEqualTo(ErrorClass.MISSING_OPTION));
    assertThatThrownBy(() -> start(in.toDF().selectExpr("v AS value"), Map.of("topic", "x",
        "kafka.value.serializer", "org.apache.kafka.common.serialization.StringSerializer")))
        .isInstanceOf(SluiceException.class).hasMessageContaining("kafka.value.serializer");
    assertThatThrownBy(() -> in.toDF().selectExpr("v AS value").writeStream().format("kafka").option("topic", "x")
        .start()).isInstanceOf(SluiceException.class).hasMessageContaining("kafka.bootstrap.servers");
    StreamingQuery nullTopic = start(in.toDF().selectExpr("v AS value", "t AS topic"), Map.of());
    in.addData(Row.of("v", 1, null));
    assertThatThrownBy(nullTopic::processAllAvailable).hasStackTraceContaining("null 'topic'");
  }

  @Test
  void batchWritesAtLeastOnceAndInOneTransaction() throws Exception {
    String out = newTopic("sink-batch", 1);
    DataFrame df = session.createDataFrame(List.of(Row.of("k1", "a"), Row.of("k2", "b")), "key STRING, value STRING");
    df.write().format("kafka").option("kafka.bootstrap.servers", bootstrap()).option("topic", out).save();
    df.write().format("kafka").option("kafka.bootstrap.servers", bootstrap()).option("topic", out)
        .option("exactlyOnce", "true").save();
    // The two rows are two local partitions written in parallel (as in Spark), so their order may vary.
    assertThat(values(out, true, 4)).containsExactlyInAnyOrder("a", "b", "a", "b");
    // The exactlyOnce write was one transaction: its commit marker takes one offset after its two records.
    try (Admin admin = TestKafka.broker().admin()) {
      TopicPartition tp = new TopicPartition(out, 0);
      long end = admin.listOffsets(Map.of(tp, org.apache.kafka.clients.admin.OffsetSpec.latest())).partitionResult(tp)
          .get(30, TimeUnit.SECONDS).offset();
      assertThat(end).isEqualTo(5);
    }
    session.sql("CREATE TABLE kout USING kafka OPTIONS ('kafka.bootstrap.servers' '" + bootstrap() + "', 'topic' '"
        + out + "')");
    session.sql("INSERT INTO kout SELECT 'c' AS value");
    List<String> all = values(out, true, 5);
    assertThat(all).hasSize(5).endsWith("c");
    assertThat(all.subList(0, 4)).containsExactlyInAnyOrder("a", "b", "a", "b");
  }

  /**
   * The engine replays a batch it planned but did not commit. Removing the last commit-log entry
   * makes the restarted query replay it: at-least-once writes it again, exactly-once skips it.
   */
  @Test
  void aReplayedBatchIsWrittenAgainAtLeastOnceButNotWithExactlyOnce(@TempDir Path dir) throws Exception {
    String in = newTopic("replay-in", 1);
    String atLeastOnce = newTopic("replay-alo", 1);
    String exactlyOnce = newTopic("replay-eo", 1);
    String commitTopic = "commits-" + exactlyOnce;
    for (boolean eo : new boolean[] {false, true}) {
      String out = eo ? exactlyOnce : atLeastOnce;
      Path cp = dir.resolve(eo ? "eo" : "alo");
      Map<String, String> opts = Map.of("topic", out, "checkpointLocation", cp.toString(), "exactlyOnce",
          Boolean.toString(eo), "exactlyOnce.commitTopic", commitTopic);
      DataFrame src = session.readStream().format("kafka").option("kafka.bootstrap.servers", bootstrap())
          .option("subscribe", in).option("startingOffsets", "earliest").load().selectExpr("value");
      if (!eo) {
        send(in, 0, "a", "b");
      }
      StreamingQuery q = start(src, opts);
      q.processAllAvailable();
      if (!eo) {
        send(in, 0, "c");
      }
      awaitCount(q, out, 3);
      q.stop();
      long last = q.lastProgress().batchId();
      Files.delete(cp.resolve("commits").resolve(Long.toString(last)));
      StreamingQuery again = start(src, opts);
      again.processAllAvailable();
      assertThat(again.lastProgress().batchId()).isEqualTo(last);
      again.stop();
      if (eo) {
        // The batch id committed with the records: offset N+1 of the query's group on the commit topic.
        String group = "sluice-sink-sluice-" + again.id();
        try (Admin admin = TestKafka.broker().admin()) {
          var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
              .get(30, TimeUnit.SECONDS);
          assertThat(committed.get(new TopicPartition(commitTopic, 0)).offset()).isEqualTo(last + 1);
        }
      }
    }
    assertThat(values(atLeastOnce, false)).containsExactly("a", "b", "c", "c");
    assertThat(values(exactlyOnce, true, 3)).containsExactly("a", "b", "c");
  }

  private void awaitCount(StreamingQuery q, String topic, int n) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    while (values(topic, true).size() < n && System.currentTimeMillis() < deadline) {
      q.processAllAvailable();
      Thread.sleep(50);
    }
  }
}
