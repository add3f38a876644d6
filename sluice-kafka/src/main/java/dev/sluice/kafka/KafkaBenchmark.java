package dev.sluice.kafka;

import dev.sluice.api.Session;
import dev.sluice.api.streaming.StreamingQuery;
import dev.sluice.api.streaming.Trigger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Records per second for Kafka → filter/projection → Kafka with 100-byte JSON records: Sluice (at
 * least once and exactly once) next to a plain kafka-clients consume-filter-produce loop, measured in
 * the same run against the same broker. A program that prints figures, not a test.
 *
 * <pre>
 *   scripts/kafka-bench.sh [records=1000000] [partitions=4]
 *   (or: java -cp "sluice-kafka/target/classes:$(cat cp.txt)" dev.sluice.kafka.KafkaBenchmark [records] [partitions]
 *        [bootstrap]; without a bootstrap address it starts an embedded broker)
 * </pre>
 */
public final class KafkaBenchmark {
  private static final String[] KINDS = {"click", "view", "buy", "scroll"};

  private KafkaBenchmark() {}

  public static void main(String[] args) throws Exception {
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    EmbeddedKafka embedded = args.length > 2 ? null : EmbeddedKafka.launch();
    String bootstrap = args.length > 2 ? args[2] : embedded.bootstrapServers();
    try {
      System.out.printf("Kafka benchmark: %,d records of 100-byte JSON in %d partitions, broker %s%s, %d cores%n",
          records, partitions, bootstrap, embedded != null ? " (embedded, same machine)" : "",
          Runtime.getRuntime().availableProcessors());
      System.out.println("job: keep records whose JSON has \"kind\":\"click\" (1 in 4), write key and value to "
          + "another topic");
      String in = "bench-in-" + System.nanoTime();
      createTopic(bootstrap, in, partitions);
      long t0 = System.nanoTime();
      produce(bootstrap, in, records);
      double secs = (System.nanoTime() - t0) / 1e9;
      System.out.printf("  %-44s %,12.0f records/s  (%.2f s)%n", "fill the input topic (producer only)",
          records / secs, secs);
      // Warm up both paths (JIT, connections) on a smaller topic, then measure on the input topic.
      String warm = "bench-warm-" + System.nanoTime();
      int warmRecords = Math.min(records, 200_000);
      createTopic(bootstrap, warm, partitions);
      produce(bootstrap, warm, warmRecords);
      plainLoop(bootstrap, warm, createOut(bootstrap, partitions), warmRecords, false);
      sluice(bootstrap, warm, createOut(bootstrap, partitions), false, warmRecords);
      List<String> lines = new ArrayList<>();
      lines.add(row("plain kafka-clients consume-filter-produce loop",
          plainLoop(bootstrap, in, createOut(bootstrap, partitions), records, false), records));
      lines.add(row("plain loop, one transaction per 100k records",
          plainLoop(bootstrap, in, createOut(bootstrap, partitions), records, true), records));
      lines.add(row("Sluice Kafka -> filter/project -> Kafka", sluice(bootstrap, in, createOut(bootstrap, partitions),
          false, records), records));
      lines.add(row("Sluice, exactlyOnce=true", sluice(bootstrap, in, createOut(bootstrap, partitions), true,
          records), records));
      lines.forEach(System.out::println);
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
  }

  private static String row(String what, double seconds, int records) {
    return String.format("  %-44s %,12.0f records/s  (%.2f s)", what, records / seconds, seconds);
  }

  private static String createOut(String bootstrap, int partitions) throws Exception {
    String out = "bench-out-" + System.nanoTime();
    createTopic(bootstrap, out, partitions);
    return out;
  }

  private static void createTopic(String bootstrap, String name, int partitions) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(name, partitions, (short) 1))).all()
          .get(60, TimeUnit.SECONDS);
    }
  }

  static byte[] record(int i) {
    StringBuilder sb = new StringBuilder(100);
    sb.append("{\"id\":").append(i).append(",\"kind\":\"").append(KINDS[i % 4]).append("\",\"user\":\"u-")
        .append(String.format("%05d", i % 50_000)).append("\",\"ts\":").append(1_700_000_000_000L + i)
        .append(",\"pad\":\"");
    while (sb.length() < 98) {
      sb.append('x');
    }
    sb.append("\"}");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void produce(String bootstrap, String topic, int records) {
    Map<String, Object> p = new HashMap<>();
    p.put("bootstrap.servers", bootstrap);
    p.put("linger.ms", "20");
    p.put("batch.size", Integer.toString(256 * 1024));
    try (KafkaProducer<byte[], byte[]> pr = new KafkaProducer<>(p, new ByteArraySerializer(),
        new ByteArraySerializer())) {
      for (int i = 0; i < records; i++) {
        pr.send(new ProducerRecord<>(topic, ("k" + (i % 50_000)).getBytes(StandardCharsets.UTF_8), record(i)));
      }
      pr.flush();
    }
  }

  /** A hand-written loop: poll, decode, filter, send; flush at the end (or commit per 100k records). */
  static double plainLoop(String bootstrap, String in, String out, int records, boolean transactional)
      throws Exception {
    Map<String, Object> c = new HashMap<>();
    c.put("bootstrap.servers", bootstrap);
    c.put("max.poll.records", "2000");
    Map<String, Object> p = new HashMap<>();
    p.put("bootstrap.servers", bootstrap);
    if (transactional) {
      p.put("transactional.id", "bench-" + out);
    }
    long t0 = System.nanoTime();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
            new ByteArraySerializer())) {
      List<TopicPartition> tps = new ArrayList<>();
      consumer.partitionsFor(in).forEach(pi -> tps.add(new TopicPartition(in, pi.partition())));
      consumer.assign(tps);
      consumer.seekToBeginning(tps);
      if (transactional) {
        producer.initTransactions();
        producer.beginTransaction();
      }
      int read = 0;
      int inTxn = 0;
      while (read < records) {
        ConsumerRecords<byte[], byte[]> recs = consumer.poll(Duration.ofMillis(500));
        for (ConsumerRecord<byte[], byte[]> r : recs) {
          if (read >= records) {
            break;
          }
          read++;
          String v = new String(r.value(), StandardCharsets.UTF_8);
          if (v.contains("\"kind\":\"click\"")) {
            producer.send(new ProducerRecord<>(out, r.key(), v.getBytes(StandardCharsets.UTF_8)));
          }
          if (transactional && ++inTxn == 100_000) {
            producer.commitTransaction();
            producer.beginTransaction();
            inTxn = 0;
          }
        }
      }
      if (transactional) {
        producer.commitTransaction();
      } else {
        producer.flush();
      }
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    check(bootstrap, out, records / 4);
    return secs;
  }

  /** The same job in Sluice, reading the whole input topic ({@code records} records) with AvailableNow. */
  static double sluice(String bootstrap, String in, String out, boolean exactlyOnce, int records) throws Exception {
    try (Session session = Session.builder().config("sluice.sql.shuffle.partitions", "4").getOrCreate()) {
      long t0 = System.nanoTime();
      StreamingQuery q = session.readStream().format("kafka").option("kafka.bootstrap.servers", bootstrap)
          .option("subscribe", in).option("startingOffsets", "earliest").option("maxOffsetsPerTrigger", "200000")
          .load()
          .selectExpr("key", "CAST(value AS STRING) AS v")
          .where("v LIKE '%\"kind\":\"click\"%'")
          .selectExpr("key", "v AS value")
          .writeStream().format("kafka").option("kafka.bootstrap.servers", bootstrap).option("topic", out)
          .option("exactlyOnce", Boolean.toString(exactlyOnce))
          .option("checkpointLocation", java.nio.file.Files.createTempDirectory("sluice-bench").toString())
          .trigger(Trigger.AvailableNow()).start();
      q.awaitTermination();
      double secs = (System.nanoTime() - t0) / 1e9;
      check(bootstrap, out, records / 4);
      return secs;
    }
  }

  private static long totalRecords(String bootstrap, String topic) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      Map<TopicPartition, OffsetSpec> req = new HashMap<>();
      for (var p : admin.describeTopics(List.of(topic)).allTopicNames().get(60, TimeUnit.SECONDS).get(topic)
          .partitions()) {
        req.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
      }
      long n = 0;
      for (var e : admin.listOffsets(req).all().get(60, TimeUnit.SECONDS).values()) {
        n += e.offset();
      }
      return n;
    }
  }

  /** The output has at least the expected number of records (a wrong job would not count). */
  private static void check(String bootstrap, String topic, int expected) throws Exception {
    long n = totalRecords(bootstrap, topic);
    if (n < expected) {
      throw new IllegalStateException(topic + " has " + n + " records, expected at least " + expected);
    }
  }
}
