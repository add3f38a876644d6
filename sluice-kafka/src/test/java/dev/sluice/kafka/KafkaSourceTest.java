package dev.sluice.kafka;

import static dev.sluice.kafka.TestKafka.b;
import static dev.sluice.kafka.TestKafka.bootstrap;
import static dev.sluice.kafka.TestKafka.newTopic;
import static dev.sluice.kafka.TestKafka.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.DataFrame;
import dev.sluice.api.DataStreamReader;
import dev.sluice.api.Session;
import dev.sluice.api.streaming.StreamingQuery;
import dev.sluice.api.streaming.StreamingQueryException;
import dev.sluice.api.streaming.StreamingQueryProgress;
import dev.sluice.api.streaming.Trigger;
import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import dev.sluice.types.Row;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kafka source against a real broker: every option, restarts, new partitions, data loss, batch reads. */
class KafkaSourceTest {
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

  private DataStreamReader kafka() {
    return session.readStream().format("kafka").option("kafka.bootstrap.servers", bootstrap());
  }

  /** Starts a query writing CAST(value AS STRING) (and more columns) to a memory table. */
  private StreamingQuery toMemory(DataFrame df, String name, Path checkpoint) {
    var w = df.selectExpr("CAST(value AS STRING) AS v", "partition", "offset").writeStream().format("memory")
        .queryName(name);
    if (checkpoint != null) {
      w.option("checkpointLocation", checkpoint.toString());
    }
    StreamingQuery q = w.start();
    started.add(q);
    return q;
  }

  private List<String> values(String table) {
    List<String> out = new ArrayList<>();
    for (Row r : session.table(table).collectAsList()) {
      out.add(r.getString(0));
    }
    out.sort(null);
    return out;
  }

  @Test
  void recordsAreRowsWithSparksSchema() {
    String topic = newTopic("schema", 2);
    TestKafka.sendKeyed(topic, 1, 1_700_000_000_123L, "k1", "v1");
    TestKafka.sendKeyed(topic, 0, 1_700_000_000_456L, null, "v0");
    DataFrame df = kafka().option("subscribe", topic).option("startingOffsets", "earliest").load();
    assertThat(df.schema().toDDL()).isEqualTo("key BINARY, value BINARY, topic STRING, partition INT, offset BIGINT, "
        + "timestamp TIMESTAMP, timestampType INT");
    StreamingQuery q = df.selectExpr("CAST(key AS STRING) AS k", "CAST(value AS STRING) AS v", "topic", "partition",
        "offset", "timestamp", "timestampType").writeStream().format("memory").queryName("schema_rows").start();
    started.add(q);
    q.processAllAvailable();
    List<Row> rows = new ArrayList<>(session.table("schema_rows").orderBy("partition").collectAsList());
    assertThat(rows).containsExactly(
        Row.of(null, "v0", topic, 0, 0L, Instant.ofEpochMilli(1_700_000_000_456L), 0),
        Row.of("k1", "v1", topic, 1, 0L, Instant.ofEpochMilli(1_700_000_000_123L), 0));
    assertThat(q.lastProgress().sources().get(0).description()).isEqualTo("KafkaV2[Subscribe[" + topic + "]]");
    // timestampType 1 (log append time): the broker's time replaces the producer's timestamp.
    String appended = topic + "-append";
    TestKafka.broker().createTopic(appended, 1, Map.of("message.timestamp.type", "LogAppendTime"));
    long before = System.currentTimeMillis();
    TestKafka.sendKeyed(appended, 0, 1_000L, null, "v");
    Row r = session.read().format("kafka").option("kafka.bootstrap.servers", bootstrap()).option("subscribe", appended)
        .load().selectExpr("timestamp", "timestampType").collectAsList().get(0);
    assertThat(r.getInt(1)).isEqualTo(1);
    assertThat((Instant) r.get(0)).isAfter(Instant.ofEpochMilli(before - 5_000));
  }

  @Test
  void jsonMessagesBecomeColumnsWithCastAndFromJson() {
    String topic = newTopic("json", 1);
    send(topic, 0, "{\"page\":\"home\",\"seq\":1}", "{\"page\":\"cart\",\"seq\":2,\"extra\":true}", "not json");
    StreamingQuery q = kafka().option("subscribe", topic).option("startingOffsets", "earliest").load()
        .selectExpr("from_json(CAST(value AS STRING), 'page STRING, seq BIGINT') AS j")
        .selectExpr("j.page", "j.seq").writeStream().format("memory").queryName("json_cols").start();
    started.add(q);
    q.processAllAvailable();
    assertThat(session.table("json_cols").schema().toDDL()).isEqualTo("page STRING, seq BIGINT");
    assertThat(session.table("json_cols").collectAsList()).containsExactlyInAnyOrder(Row.of("home", 1L),
        Row.of("cart", 2L), Row.of(null, null));
  }

  @Test
  void includeHeadersAddsTheHeadersColumn() {
    String topic = newTopic("headers", 1);
    try (KafkaProducer<byte[], byte[]> p = TestKafka.producer()) {
      ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, 0, null, b("v"));
      r.headers().add(new RecordHeader("h1", b("x"))).add(new RecordHeader("h2", (byte[]) null));
      p.send(r);
      p.send(new ProducerRecord<>(topic, 0, null, b("plain")));
    }
    DataFrame df = kafka().option("subscribe", topic).option("startingOffsets", "earliest")
        .option("includeHeaders", "true").load();
    assertThat(df.schema().toDDL()).endsWith("timestampType INT, headers ARRAY<STRUCT<key: STRING, value: BINARY>>");
    StreamingQuery q = df.selectExpr("CAST(value AS STRING) AS v", "headers").writeStream().format("memory")
        .queryName("with_headers").start();
    started.add(q);
    q.processAllAvailable();
    List<Row> rows = session.table("with_headers").orderBy("v").collectAsList();
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).getString(0)).isEqualTo("plain");
    assertThat(rows.get(0).<Object>getList(1)).isEmpty();
    List<Row> headers = rows.get(1).getList(1);
    assertThat(headers).hasSize(2);
    assertThat(headers.get(0).getString(0)).isEqualTo("h1");
    assertThat(new String((byte[]) headers.get(0).get(1), StandardCharsets.UTF_8)).isEqualTo("x");
    assertThat(headers.get(1).getString(0)).isEqualTo("h2");
    assertThat(headers.get(1).get(1)).isNull();
  }

  @Test
  void startsAtLatestByDefaultAndResumesExactlyFromTheCheckpoint(@TempDir Path dir) throws Exception {
    String topic = newTopic("resume", 2);
    send(topic, 0, "old-a");
    send(topic, 1, "old-b");
    Path cp = dir.resolve("cp");
    StreamingQuery q = toMemory(kafka().option("subscribe", topic).load(), "resume1", cp);
    q.processAllAvailable();
    send(topic, 0, "c");
    send(topic, 1, "d");
    q.processAllAvailable();
    assertThat(values("resume1")).containsExactly("c", "d");
    q.stop();
    // The offset log holds Spark's JSON: the next offset per partition.
    long last = q.lastProgress().batchId();
    String logged = Files.readAllLines(cp.resolve("offsets").resolve(Long.toString(last))).toString();
    assertThat(logged).contains("{\"" + topic + "\":{\"0\":2,\"1\":2}}");
    assertThat(q.lastProgress().sources().get(0).endOffset()).isEqualTo("{\"" + topic + "\":{\"0\":2,\"1\":2}}");
    send(topic, 0, "e", "f");
    send(topic, 1, "g");
    StreamingQuery again = toMemory(kafka().option("subscribe", topic).load(), "resume2", cp);
    again.processAllAvailable();
    assertThat(values("resume2")).containsExactly("e", "f", "g");
  }

  /**
   * As in Spark, the offsets startingOffsets resolves to are kept in the checkpoint as soon as the
   * query first looks: stopped before its first batch and restarted, it starts there, not at a new
   * 'latest', so records written while it was down are read.
   */
  @Test
  void startingOffsetsAreResolvedOnceAndKeptForARestartBeforeTheFirstBatch(@TempDir Path dir) {
    String topic = newTopic("initial", 1);
    send(topic, 0, "before");
    Path cp = dir.resolve("cp");
    StreamingQuery q = toMemory(kafka().option("subscribe", topic).load(), "initial1", cp);
    q.processAllAvailable();
    q.stop();
    assertThat(values("initial1")).isEmpty();
    send(topic, 0, "while-stopped");
    StreamingQuery again = toMemory(kafka().option("subscribe", topic).load(), "initial2", cp);
    again.processAllAvailable();
    assertThat(values("initial2")).containsExactly("while-stopped");
  }

  @Test
  void startingOffsetsAsJsonPerPartition() {
    String topic = newTopic("startjson", 3);
    send(topic, 0, "a0", "a1", "a2");
    send(topic, 1, "b0", "b1");
    send(topic, 2, "c0", "c1");
    // Spark's meanings: an offset, -2 earliest, -1 latest (what partition 2 has before the start is skipped).
    StreamingQuery q = toMemory(kafka().option("subscribe", topic)
        .option("startingOffsets", "{\"" + topic + "\":{\"0\":1,\"1\":-2,\"2\":-1}}").load(), "startjson", null);
    q.processAllAvailable();
    assertThat(values("startjson")).containsExactly("a1", "a2", "b0", "b1");
    send(topic, 2, "c2");
    q.processAllAvailable();
    assertThat(values("startjson")).containsExactly("a1", "a2", "b0", "b1", "c2");
    assertThatThrownBy(() -> toMemory(kafka().option("subscribe", topic)
        .option("startingOffsets", "{\"" + topic + "\":{\"0\":1}}").load(), "startjson_bad", null)
        .processAllAvailable())
        .hasStackTraceContaining("missing [" + topic + "-1, " + topic + "-2]");
  }

  @Test
  void startingTimestampAndStartingOffsetsByTimestamp() {
    String topic = newTopic("startts", 2);
    TestKafka.sendKeyed(topic, 0, 1000L, null, "p0-t1000");
    TestKafka.sendKeyed(topic, 0, 2000L, null, "p0-t2000");
    TestKafka.sendKeyed(topic, 1, 1500L, null, "p1-t1500");
    TestKafka.sendKeyed(topic, 1, 2500L, null, "p1-t2500");
    // As in Spark, startingTimestamp takes precedence over startingOffsetsByTimestamp, and that over startingOffsets.
    StreamingQuery q = toMemory(kafka().option("subscribe", topic).option("startingTimestamp", "1800")
        .option("startingOffsetsByTimestamp", "{\"" + topic + "\":{\"0\":0,\"1\":0}}")
        .option("startingOffsets", "earliest").load(), "startts", null);
    q.processAllAvailable();
    assertThat(values("startts")).containsExactly("p0-t2000", "p1-t2500");
    StreamingQuery q2 = toMemory(kafka().option("subscribe", topic)
        .option("startingOffsetsByTimestamp", "{\"" + topic + "\":{\"0\":0,\"1\":2000}}")
        .option("startingOffsets", "earliest").load(), "startts2", null);
    q2.processAllAvailable();
    assertThat(values("startts2")).containsExactly("p0-t1000", "p0-t2000", "p1-t2500");
    // No record at or after the timestamp: an error by default, the latest offset with strategy 'latest'.
    StreamingQuery bad = toMemory(kafka().option("subscribe", topic).option("startingTimestamp", "9000").load(),
        "startts3", null);
    assertThatThrownBy(bad::processAllAvailable).hasStackTraceContaining("startingOffsetsByTimestampStrategy");
    StreamingQuery latest = toMemory(kafka().option("subscribe", topic).option("startingTimestamp", "9000")
        .option("startingOffsetsByTimestampStrategy", "latest").load(), "startts4", null);
    latest.processAllAvailable();
    TestKafka.sendKeyed(topic, 0, 9500L, null, "p0-t9500");
    latest.processAllAvailable();
    assertThat(values("startts4")).containsExactly("p0-t9500");
  }

  @Test
  void subscribeToSeveralTopicsAndAssignPartitions() {
    String t1 = newTopic("multi", 1);
    String t2 = newTopic("multi", 2);
    send(t1, 0, "t1");
    send(t2, 0, "t2p0");
    send(t2, 1, "t2p1");
    StreamingQuery q = toMemory(kafka().option("subscribe", t1 + ", " + t2).option("startingOffsets", "earliest")
        .load(), "multi", null);
    q.processAllAvailable();
    assertThat(values("multi")).containsExactly("t1", "t2p0", "t2p1");
    StreamingQuery a = toMemory(kafka().option("assign", "{\"" + t2 + "\":[1],\"" + t1 + "\":[0]}")
        .option("startingOffsets", "earliest").load(), "assigned", null);
    a.processAllAvailable();
    assertThat(values("assigned")).containsExactly("t1", "t2p1");
    assertThat(a.lastProgress().sources().get(0).description())
        .isEqualTo("KafkaV2[Assign[" + t2 + "-1, " + t1 + "-0]]");
  }

  @Test
  void subscribePatternPicksUpNewTopicsAndNewPartitions() throws Exception {
    String prefix = "pat" + Long.toHexString(System.nanoTime());
    EmbeddedKafka k = TestKafka.broker();
    k.createTopic(prefix + "-a", 1);
    send(prefix + "-a", 0, "a1");
    // As in Spark, the pattern is searched for within the name, so old-PREFIX-x matches too; PREFIXx does not.
    k.createTopic("old-" + prefix + "-x", 1);
    send("old-" + prefix + "-x", 0, "x1");
    k.createTopic(prefix + "x", 1);
    send(prefix + "x", 0, "not-matched");
    StreamingQuery q = toMemory(kafka().option("subscribePattern", prefix + "-.*").option("startingOffsets", "earliest")
        .load(), "pattern", null);
    q.processAllAvailable();
    assertThat(values("pattern")).containsExactly("a1", "x1");
    k.createTopic(prefix + "-b", 1);
    send(prefix + "-b", 0, "b1");
    try (Admin admin = k.admin()) {
      admin.createPartitions(Map.of(prefix + "-a", NewPartitions.increaseTo(2))).all().get(30, TimeUnit.SECONDS);
    }
    send(prefix + "-a", 1, "a-new-partition");
    awaitValues(q, "pattern", 4);
    assertThat(values("pattern")).containsExactly("a-new-partition", "a1", "b1", "x1");
  }

  private void awaitValues(StreamingQuery q, String table, int n) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    while (values(table).size() < n && System.currentTimeMillis() < deadline) {
      q.processAllAvailable();
      Thread.sleep(50);
    }
  }

  @Test
  void maxOffsetsPerTriggerLimitsEachBatch() {
    String topic = newTopic("maxoff", 2);
    List<String> all = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      all.add("r" + (100 + i));
    }
    send(topic, 0, all.subList(0, 20).toArray(new String[0]));
    send(topic, 1, all.subList(20, 30).toArray(new String[0]));
    StreamingQuery q = toMemory(kafka().option("subscribe", topic).option("startingOffsets", "earliest")
        .option("maxOffsetsPerTrigger", "7").load(), "maxoff", null);
    q.processAllAvailable();
    assertThat(values("maxoff")).containsExactlyElementsOf(all);
    List<Long> sizes = new ArrayList<>();
    for (StreamingQueryProgress p : q.recentProgress()) {
      sizes.add(p.numInputRows());
    }
    assertThat(sizes).allMatch(n -> n <= 7).hasSizeGreaterThanOrEqualTo(5);
    // Spark's split of the limit: in proportion to each partition's backlog (20 and 10 of 30: 4 and 2); the
    // progress shows the newest offsets, not the limited end, and how far behind them the batch is.
    var first = q.recentProgress().get(0).sources().get(0);
    assertThat(first.endOffset()).isEqualTo("{\"" + topic + "\":{\"0\":4,\"1\":2}}");
    assertThat(first.latestOffset()).isEqualTo("{\"" + topic + "\":{\"0\":20,\"1\":10}}");
    assertThat(first.metrics()).containsEntry("minOffsetsBehindLatest", "8").containsEntry("maxOffsetsBehindLatest", "16");
    Map<String, String> metrics = q.lastProgress().sources().get(0).metrics();
    assertThat(metrics).containsEntry("maxOffsetsBehindLatest", "0").containsKey("avgOffsetsBehindLatest");
  }

  @Test
  void availableNowReadsWhatIsThereInLimitedBatchesAndStops() throws Exception {
    String topic = newTopic("availnow", 1);
    send(topic, 0, "a", "b", "c", "d", "e");
    StreamingQuery q = kafka().option("subscribe", topic).option("startingOffsets", "earliest")
        .option("maxOffsetsPerTrigger", "2").load().selectExpr("CAST(value AS STRING) AS v")
        .writeStream().format("memory").queryName("availnow").trigger(Trigger.AvailableNow()).start();
    started.add(q);
    assertThat(q.awaitTermination(30_000)).isTrue();
    assertThat(values("availnow")).containsExactly("a", "b", "c", "d", "e");
    assertThat(q.recentProgress()).hasSize(3);
  }

  @Test
  void minOffsetsPerTriggerWaitsForEnoughOffsetsOrMaxTriggerDelay() throws Exception {
    String topic = newTopic("minoff", 1);
    send(topic, 0, "a");
    StreamingQuery q = toMemory(kafka().option("subscribe", topic).option("startingOffsets", "earliest")
        .option("minOffsetsPerTrigger", "4").option("maxTriggerDelay", "3s").load(), "minoff", null);
    q.processAllAvailable();
    // As in Spark, the first trigger of a run is not delayed: it reads what there is.
    assertThat(values("minoff")).containsExactly("a");
    send(topic, 0, "b", "c");
    q.processAllAvailable();
    assertThat(values("minoff")).containsExactly("a");
    send(topic, 0, "d", "e");
    q.processAllAvailable();
    assertThat(values("minoff")).containsExactly("a", "b", "c", "d", "e");
    long t0 = System.currentTimeMillis();
    send(topic, 0, "f");
    q.processAllAvailable();
    assertThat(values("minoff")).hasSize(5);
    awaitValues(q, "minoff", 6);
    assertThat(values("minoff")).containsExactly("a", "b", "c", "d", "e", "f");
    assertThat(System.currentTimeMillis() - t0).isGreaterThanOrEqualTo(2000);
  }

  @Test
  void retentionDeletedOffsetsFailTheQueryOrAreSkippedWithAMetric(@TempDir Path dir) throws Exception {
    String topic = newTopic("loss", 1);
    send(topic, 0, "a", "b");
    Path cp = dir.resolve("cp");
    StreamingQuery q = toMemory(kafka().option("subscribe", topic).option("startingOffsets", "earliest").load(),
        "loss1", cp);
    q.processAllAvailable();
    q.stop();
    send(topic, 0, "c", "d", "e", "f");
    try (Admin admin = TestKafka.broker().admin()) {   // as if retention removed offsets 0..4
      admin.deleteRecords(Map.of(new TopicPartition(topic, 0), RecordsToDelete.beforeOffset(4))).all()
          .get(30, TimeUnit.SECONDS);
    }
    StreamingQuery failing = toMemory(kafka().option("subscribe", topic).load(), "loss2", cp);
    assertThatThrownBy(failing::processAllAvailable).isInstanceOf(StreamingQueryException.class)
        .hasRootCauseInstanceOf(SluiceException.class)
        .hasStackTraceContaining("KAFKA_DATA_LOSS").hasStackTraceContaining("earliest offset Kafka still has is 4")
        .hasStackTraceContaining("failOnDataLoss");
    assertThat(((SluiceException) rootCause(failing.exception())).errorClass()).isEqualTo(ErrorClass.KAFKA_DATA_LOSS);
    StreamingQuery skipping = toMemory(kafka().option("subscribe", topic).option("failOnDataLoss", "false").load(),
        "loss3", cp);
    skipping.processAllAvailable();
    assertThat(values("loss3")).containsExactly("e", "f");
    Map<String, String> metrics = skipping.lastProgress().sources().get(0).metrics();
    assertThat(metrics).containsEntry("dataLossEvents", "1").containsEntry("offsetsSkippedByDataLoss", "2");
  }

  /**
   * Offsets that retention removes after the batch was planned, while its range is being read: the
   * read stops with KAFKA_DATA_LOSS, or with failOnDataLoss=false skips to the earliest offset Kafka
   * still has and counts the offsets skipped.
   */
  @Test
  void offsetsRemovedWhileARangeIsReadAreDataLoss() throws Exception {
    String topic = newTopic("readloss", 1);
    send(topic, 0, "a", "b", "c", "d", "e", "f");
    try (Admin admin = TestKafka.broker().admin()) {
      admin.deleteRecords(Map.of(new TopicPartition(topic, 0), RecordsToDelete.beforeOffset(4))).all()
          .get(30, TimeUnit.SECONDS);
    }
    TopicPartition tp = new TopicPartition(topic, 0);
    for (boolean fail : new boolean[] {true, false}) {
      KafkaSourceOptions o = KafkaSourceOptions.forBatch(new dev.sluice.conf.Options(Map.of(
          "kafka.bootstrap.servers", bootstrap(), "assign", "{\"" + topic + "\":[0]}")));
      DataLossReporter loss = new DataLossReporter(fail);
      var rc = new KafkaInputPartition.ReadContext(o.consumerParams(o.newGroupId("test")), null, false, 10_000, 100,
          loss, bootstrap());
      var it = new KafkaInputPartition(tp, 1, 6, rc).read();   // planned as 1..6, but 1..3 are gone now
      if (fail) {
        assertThatThrownBy(it::hasNext).isInstanceOf(SluiceException.class)
            .satisfies(e -> assertThat(((SluiceException) e).errorClass()).isEqualTo(ErrorClass.KAFKA_DATA_LOSS))
            .hasMessageContaining("Cannot fetch offset 1 of " + tp).hasMessageContaining("earliest offset Kafka still "
                + "has is 4");
        continue;
      }
      List<Long> offsets = new ArrayList<>();
      java.io.PrintStream err = System.err;
      java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
      System.setErr(new java.io.PrintStream(log, true, StandardCharsets.UTF_8));
      try {
        while (it.hasNext()) {
          var batch = it.next();
          for (int i = 0; i < batch.numRows(); i++) {
            offsets.add((Long) batch.column(4).get(i));
          }
        }
      } finally {
        System.setErr(err);
      }
      assertThat(offsets).containsExactly(4L, 5L);
      assertThat(log.toString(StandardCharsets.UTF_8)).contains("WARN").contains("Cannot fetch offset 1 of " + tp)
          .contains("failOnDataLoss is false");
      assertThat(loss.events()).isEqualTo(1);
      assertThat(loss.offsetsSkipped()).isEqualTo(3);
    }
  }

  @Test
  void aRecreatedTopicIsDataLoss(@TempDir Path dir) throws Exception {
    String topic = newTopic("recreate", 1);
    send(topic, 0, "a", "b", "c");
    Path cp = dir.resolve("cp");
    StreamingQuery q = toMemory(kafka().option("subscribe", topic).option("startingOffsets", "earliest").load(),
        "recreate1", cp);
    q.processAllAvailable();
    q.stop();
    try (Admin admin = TestKafka.broker().admin()) {
      admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
    }
    long deadline = System.currentTimeMillis() + 30_000;
    while (true) {
      try {
        TestKafka.broker().createTopic(topic, 1);
        break;
      } catch (IllegalStateException e) {
        if (System.currentTimeMillis() > deadline) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
    send(topic, 0, "new-a");
    StreamingQuery failing = toMemory(kafka().option("subscribe", topic).load(), "recreate2", cp);
    assertThatThrownBy(failing::processAllAvailable).hasStackTraceContaining("KAFKA_DATA_LOSS")
        .hasStackTraceContaining("went back from 3 to 1");
    StreamingQuery skipping = toMemory(kafka().option("subscribe", topic).option("failOnDataLoss", "false").load(),
        "recreate3", cp);
    skipping.processAllAvailable();
    send(topic, 0, "new-b");
    awaitValues(skipping, "recreate3", 1);
    assertThat(values("recreate3")).containsExactly("new-b");
    assertThat(skipping.recentProgress().get(0).sources().get(0).metrics()).containsEntry("dataLossEvents", "1");
  }

  private static Throwable rootCause(Throwable t) {
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  @Test
  void readCommittedIsolationSkipsAbortedTransactions() {
    String topic = newTopic("txn", 1);
    Map<String, Object> p = Map.of("bootstrap.servers", bootstrap(), "transactional.id", "test-" + topic);
    try (KafkaProducer<byte[], byte[]> pr = new KafkaProducer<>(p, new ByteArraySerializer(),
        new ByteArraySerializer())) {
      pr.initTransactions();
      pr.beginTransaction();
      pr.send(new ProducerRecord<>(topic, 0, null, b("committed-1")));
      pr.commitTransaction();
      pr.beginTransaction();
      pr.send(new ProducerRecord<>(topic, 0, null, b("aborted")));
      pr.flush();
      pr.abortTransaction();
      pr.beginTransaction();
      pr.send(new ProducerRecord<>(topic, 0, null, b("committed-2")));
      pr.commitTransaction();
    }
    StreamingQuery q = toMemory(kafka().option("subscribe", topic).option("startingOffsets", "earliest")
        .option("kafka.isolation.level", "read_committed").load(), "txn_committed", null);
    q.processAllAvailable();
    assertThat(values("txn_committed")).containsExactly("committed-1", "committed-2");
    StreamingQuery all = toMemory(kafka().option("subscribe", topic).option("startingOffsets", "earliest").load(),
        "txn_all", null);
    all.processAllAvailable();
    assertThat(values("txn_all")).containsExactly("aborted", "committed-1", "committed-2");
  }

  @Test
  void groupIdPrefixAndGroupIdNameTheConsumers() {
    String topic = newTopic("group", 1);
    send(topic, 0, "x");
    KafkaSourceOptions o = KafkaSourceOptions.forStream(new dev.sluice.conf.Options(Map.of(
        "kafka.bootstrap.servers", bootstrap(), "subscribe", topic, "groupIdPrefix", "my-app")));
    assertThat(o.consumerParams(o.newGroupId("executor")).get("group.id").toString()).startsWith("my-app-")
        .endsWith("-executor");
    KafkaSourceOptions fixed = KafkaSourceOptions.forStream(new dev.sluice.conf.Options(Map.of(
        "kafka.bootstrap.servers", bootstrap(), "subscribe", topic, "kafka.group.id", "fixed-group")));
    assertThat(fixed.consumerParams(fixed.newGroupId("executor"))).containsEntry("group.id", "fixed-group");
    StreamingQuery q = toMemory(kafka().option("subscribe", topic).option("startingOffsets", "earliest")
        .option("groupIdPrefix", "my-app").load(), "grouped", null);
    q.processAllAvailable();
    assertThat(values("grouped")).containsExactly("x");
  }

  // ------------------------------------------------------------------ batch reads

  @Test
  void batchReadFromStartingToEndingOffsets() {
    String topic = newTopic("batch", 2);
    send(topic, 0, "a0", "a1", "a2", "a3");
    send(topic, 1, "b0", "b1");
    DataFrame all = session.read().format("kafka").option("kafka.bootstrap.servers", bootstrap())
        .option("subscribe", topic).load();
    assertThat(all.count()).isEqualTo(6);
    DataFrame part = session.read().format("kafka").option("kafka.bootstrap.servers", bootstrap())
        .option("subscribe", topic)
        .option("startingOffsets", "{\"" + topic + "\":{\"0\":1,\"1\":-2}}")
        .option("endingOffsets", "{\"" + topic + "\":{\"0\":3,\"1\":-1}}").load()
        .selectExpr("CAST(value AS STRING) AS v").orderBy("v");
    List<String> got = new ArrayList<>();
    part.collectAsList().forEach(r -> got.add(r.getString(0)));
    assertThat(got).containsExactly("a1", "a2", "b0", "b1");
    session.sql("CREATE TABLE kt USING kafka OPTIONS ('kafka.bootstrap.servers' '" + bootstrap() + "', 'subscribe' '"
        + topic + "', 'endingOffsets' '{\"" + topic + "\":{\"0\":2,\"1\":1}}')");
    assertThat(session.sql("SELECT count(*) FROM kt").collectAsList()).containsExactly(Row.of(3L));
    assertThatThrownBy(() -> session.read().format("kafka").option("kafka.bootstrap.servers", bootstrap())
        .option("subscribe", topic).option("startingOffsets", "latest").load().count())
        .isInstanceOf(SluiceException.class).hasMessageContaining("startingOffsets");
  }

  @Test
  void aBatchReadThatStopsEarlyClosesItsConsumers() throws Exception {
    String topic = newTopic("limit", 2);
    send(topic, 0, "a0", "a1", "a2", "a3", "a4", "a5");
    send(topic, 1, "b0", "b1", "b2", "b3", "b4", "b5");
    javax.management.MBeanServer jmx = java.lang.management.ManagementFactory.getPlatformMBeanServer();
    javax.management.ObjectName consumers = new javax.management.ObjectName("kafka.consumer:type=app-info,*");
    int before = jmx.queryNames(consumers, null).size();
    try (Session small = Session.builder().config("sluice.sql.execution.batchSize", "2").getOrCreate()) {
      // Batches of two records: LIMIT 1 stops each partition's read after its first batch, in mid-range.
      List<Row> rows = small.read().format("kafka").option("kafka.bootstrap.servers", bootstrap())
          .option("subscribe", topic).load().selectExpr("CAST(value AS STRING) AS v").limit(1).collectAsList();
      assertThat(rows).hasSize(1);
    }
    assertThat(jmx.queryNames(consumers, null)).as("consumers still registered after the read").hasSize(before);
  }

  @Test
  void batchReadByTimestamps() {
    String topic = newTopic("batchts", 1);
    TestKafka.sendKeyed(topic, 0, 1000L, null, "t1000");
    TestKafka.sendKeyed(topic, 0, 2000L, null, "t2000");
    TestKafka.sendKeyed(topic, 0, 3000L, null, "t3000");
    List<Row> rows = session.read().format("kafka").option("kafka.bootstrap.servers", bootstrap())
        .option("subscribe", topic).option("startingTimestamp", "1500").option("endingTimestamp", "3000").load()
        .selectExpr("CAST(value AS STRING)").collectAsList();
    assertThat(rows).containsExactly(Row.of("t2000"));
    List<Row> byPartition = session.read().format("kafka").option("kafka.bootstrap.servers", bootstrap())
        .option("subscribe", topic).option("startingOffsetsByTimestamp", "{\"" + topic + "\":{\"0\":2000}}")
        .option("endingOffsetsByTimestamp", "{\"" + topic + "\":{\"0\":99999}}").load()
        .selectExpr("CAST(value AS STRING)").collectAsList();
    assertThat(byPartition).containsExactly(Row.of("t2000"), Row.of("t3000"));
  }

  @Test
  void bigRangesAreSplitByMinPartitionsAndMaxRecordsPerPartition() {
    String topic = newTopic("split", 2);
    String[] vals = new String[100];
    for (int i = 0; i < vals.length; i++) {
      vals[i] = "v" + i;
    }
    send(topic, 0, vals);
    send(topic, 1, "only");
    KafkaSourceProvider provider = new KafkaSourceProvider();
    var base = Map.of("kafka.bootstrap.servers", bootstrap(), "subscribe", topic);
    assertThat(provider.planBatch(ctx(base))).hasSize(2);
    var maxPer = new java.util.HashMap<>(base);
    maxPer.put("maxRecordsPerPartition", "30");
    List<dev.sluice.connector.InputPartition> parts = provider.planBatch(ctx(maxPer));
    assertThat(parts).hasSize(5);   // 100 records in 4 ranges of at most 30, and the 1-record partition
    var minParts = new java.util.HashMap<>(base);
    minParts.put("minPartitions", "10");
    assertThat(provider.planBatch(ctx(minParts))).hasSizeGreaterThanOrEqualTo(10);
    long rows = 0;
    for (var p : parts) {
      for (var it = p.read(); it.hasNext(); ) {
        rows += it.next().numRows();
      }
    }
    assertThat(rows).isEqualTo(101);
    assertThat(session.read().format("kafka").options(minParts).load().count()).isEqualTo(101);
  }

  private static dev.sluice.connector.SourceContext ctx(Map<String, String> opts) {
    return new dev.sluice.connector.SourceContext(new dev.sluice.conf.Options(opts), null, Map.of(), null);
  }

  // ------------------------------------------------------------------ errors

  @Test
  void missingOptionsNameTheOptionAndTheFix() {
    assertThatThrownBy(() -> session.readStream().format("kafka").option("subscribe", "t").load())
        .isInstanceOf(SluiceException.class).hasMessageContaining("kafka.bootstrap.servers")
        .hasMessageContaining("kafka-dev")
        .satisfies(e -> assertThat(((SluiceException) e).errorClass()).isEqualTo(ErrorClass.MISSING_OPTION));
    assertThatThrownBy(() -> kafka().load())
        .isInstanceOf(SluiceException.class).hasMessageContaining("subscribe, subscribePattern or assign")
        .hasMessageContaining("subscribe 'topic1,topic2'");
    assertThatThrownBy(() -> kafka().option("subscribe", "a").option("assign", "{\"a\":[0]}").load())
        .isInstanceOf(SluiceException.class).hasMessageContaining("only one of subscribe, subscribePattern and assign");
    assertThatThrownBy(() -> kafka().option("assign", "[0,1]").load())
        .isInstanceOf(SluiceException.class).hasMessageContaining("{\"topicA\":[0,1]");
    assertThatThrownBy(() -> kafka().option("subscribe", "a").option("kafka.auto.offset.reset", "earliest").load())
        .isInstanceOf(SluiceException.class).hasMessageContaining("startingOffsets");
    assertThatThrownBy(() -> kafka().option("subscribe", "a").option("maxTriggerDelay", "soon").load())
        .isInstanceOf(SluiceException.class).hasMessageContaining("15m");
    assertThatThrownBy(() -> kafka().option("subscribe", "a").option("minOffsetsPerTrigger", "20")
        .option("maxOffsetsPerTrigger", "15").load())
        .isInstanceOf(SluiceException.class).hasMessageContaining("minOffsetsPerTrigger")
        .hasMessageContaining("higher than maxOffsetsPerTrigger (15)");
    assertThatThrownBy(() -> kafka().option("subscribe", "a").schema("x INT").load())
        .isInstanceOf(SluiceException.class).hasMessageContaining("fixed schema");
    assertThatThrownBy(() -> kafka().option("subscribe", "a").option("endingOffsets", "latest").load().writeStream()
        .format("memory").queryName("ending").start())
        .isInstanceOf(SluiceException.class).hasMessageContaining("endingOffsets applies to batch reads");
  }

  @Test
  void anUnreachableBrokerGivesAClearError() {
    String nowhere = "127.0.0.1:" + EmbeddedKafka.freePort();
    StreamingQuery q = session.readStream().format("kafka").option("kafka.bootstrap.servers", nowhere)
        .option("subscribe", "t").option("kafka.default.api.timeout.ms", "1500")
        .option("fetchOffset.numRetries", "2").option("fetchOffset.retryIntervalMs", "100").load()
        .writeStream().format("memory").queryName("nowhere").start();
    started.add(q);
    assertThatThrownBy(q::awaitTermination).isInstanceOf(StreamingQueryException.class)
        .hasRootCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class)
        .satisfies(e -> {
          SluiceException s = find(e);
          assertThat(s.errorClass()).isEqualTo(ErrorClass.KAFKA_UNREACHABLE);
          assertThat(s.getMessage()).contains("Cannot reach the Kafka cluster at " + nowhere)
              .contains("listing topics").contains("kafka.bootstrap.servers");
        });
    assertThatThrownBy(() -> session.read().format("kafka").option("kafka.bootstrap.servers", nowhere)
        .option("subscribe", "t").option("kafka.default.api.timeout.ms", "1000").option("fetchOffset.numRetries", "1")
        .load().count()).isInstanceOf(SluiceException.class).hasMessageContaining("Cannot reach the Kafka cluster");
  }

  static SluiceException find(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SluiceException s && s.errorClass() != ErrorClass.STREAM_FAILED) {
        return s;
      }
    }
    throw new AssertionError("no SluiceException in " + t, t);
  }
}
