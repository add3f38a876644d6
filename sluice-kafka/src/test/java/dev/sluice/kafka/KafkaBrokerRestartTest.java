package dev.sluice.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.DataFrame;
import dev.sluice.api.Session;
import dev.sluice.api.streaming.StreamingQuery;
import dev.sluice.api.streaming.StreamingQueryException;
import dev.sluice.errors.ErrorClass;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker goes away under a running Kafka-to-Kafka query (exactly-once sink) and comes back: with
 * the default timeouts the query waits and goes on; with short ones it fails with a clear error and,
 * restarted from its checkpoint, goes on. Either way the output has every record exactly once.
 */
class KafkaBrokerRestartTest {
  static EmbeddedKafka kafka;
  Session session;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.launch();
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  @BeforeEach
  void setUp() {
    session = Session.builder().config("sluice.sql.shuffle.partitions", "2").getOrCreate();
  }

  @AfterEach
  void tearDown() {
    kafka.start();
    session.close();
  }

  private void send(String topic, int from, int to) {
    Map<String, Object> p = Map.of("bootstrap.servers", kafka.bootstrapServers());
    try (KafkaProducer<String, String> pr = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      for (int i = from; i < to; i++) {
        pr.send(new ProducerRecord<>(topic, Integer.toString(i)));
      }
    }
  }

  private StreamingQuery start(String in, String out, Path cp, Map<String, String> sourceOptions) {
    DataFrame df = session.readStream().format("kafka").option("kafka.bootstrap.servers", kafka.bootstrapServers())
        .option("subscribe", in).option("startingOffsets", "earliest").options(sourceOptions).load()
        .selectExpr("concat('out-', CAST(value AS STRING)) AS value");
    return df.writeStream().format("kafka").option("kafka.bootstrap.servers", kafka.bootstrapServers())
        .option("topic", out).option("exactlyOnce", "true").option("checkpointLocation", cp.toString()).start();
  }

  /** The committed values of a topic once there are {@code n} (or after 60 s). */
  private List<String> committed(String topic, int n) {
    Map<String, Object> c = new HashMap<>();
    c.put("bootstrap.servers", kafka.bootstrapServers());
    c.put("isolation.level", "read_committed");
    List<String> out = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c, new StringDeserializer(),
        new StringDeserializer())) {
      TopicPartition tp = new TopicPartition(topic, 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long deadline = System.currentTimeMillis() + 60_000;
      while (out.size() < n && System.currentTimeMillis() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          out.add(r.value());
        }
      }
      for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(300))) {
        out.add(r.value());
      }
    }
    return out;
  }

  private static List<String> expected(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add("out-" + i);
    }
    return out;
  }

  @Test
  void theQueryWaitsForTheBrokerAndGoesOn(@TempDir Path dir) throws Exception {
    String in = "wait-in";
    String out = "wait-out";
    kafka.createTopic(in, 1);
    kafka.createTopic(out, 1);
    send(in, 0, 50);
    StreamingQuery q = start(in, out, dir.resolve("cp"), Map.of());
    try {
      q.processAllAvailable();
      assertThat(committed(out, 50)).isEqualTo(expected(50));
      kafka.stop();
      Thread.sleep(3000);   // the query keeps asking for offsets meanwhile
      assertThat(q.isActive()).isTrue();
      kafka.start();
      send(in, 50, 100);
      assertThat(committed(out, 100)).isEqualTo(expected(100));
      assertThat(q.isActive()).isTrue();
      assertThat(q.exception()).isNull();
    } finally {
      q.stop();
    }
  }

  @Test
  void withShortTimeoutsTheQueryFailsClearlyAndARestartGoesOn(@TempDir Path dir) throws Exception {
    String in = "fail-in";
    String out = "fail-out";
    kafka.createTopic(in, 1);
    kafka.createTopic(out, 1);
    send(in, 0, 30);
    Path cp = dir.resolve("cp");
    Map<String, String> impatient = Map.of("kafka.default.api.timeout.ms", "1000", "fetchOffset.numRetries", "2",
        "fetchOffset.retryIntervalMs", "200");
    StreamingQuery q = start(in, out, cp, impatient);
    q.processAllAvailable();
    kafka.stop();
    assertThatThrownBy(() -> q.awaitTermination(60_000)).isInstanceOf(StreamingQueryException.class)
        .satisfies(e -> {
          var s = KafkaSourceTest.find(e);
          assertThat(s.errorClass()).isEqualTo(ErrorClass.KAFKA_UNREACHABLE);
          assertThat(s.getMessage()).contains(kafka.bootstrapServers()).contains("fetchOffset.numRetries");
        });
    kafka.start();
    send(in, 30, 60);
    StreamingQuery again = start(in, out, cp, impatient);
    try {
      again.processAllAvailable();
      assertThat(committed(out, 60)).isEqualTo(expected(60));
    } finally {
      again.stop();
    }
    assertThat(new String(java.nio.file.Files.readAllBytes(cp.resolve("commits").resolve("0")),
        StandardCharsets.UTF_8)).isNotEmpty();
  }
}
