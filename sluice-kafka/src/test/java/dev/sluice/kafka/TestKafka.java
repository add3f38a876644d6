package dev.sluice.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The broker the tests of this module share (started once per test JVM, on a free port), and small
 * helpers to write records and read everything back the way a plain Kafka client would.
 */
final class TestKafka {
  private static EmbeddedKafka broker;
  private static final AtomicInteger TOPICS = new AtomicInteger();

  private TestKafka() {}

  static synchronized EmbeddedKafka broker() {
    if (broker == null) {
      long t0 = System.nanoTime();
      broker = EmbeddedKafka.launch();
      System.err.printf("test broker on %s started in %d ms%n", broker.bootstrapServers(),
          (System.nanoTime() - t0) / 1_000_000);
      Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
    }
    return broker;
  }

  static String bootstrap() {
    return broker().bootstrapServers();
  }

  /**
   * A new topic with a name no other test uses. Time retention is off: tests write records with
   * timestamps from 1970 (1000 ms) to look them up by time, and the broker's retention check, every
   * five minutes, would otherwise delete them in the middle of a test.
   */
  static String newTopic(String prefix, int partitions) {
    String name = prefix + "-" + TOPICS.incrementAndGet() + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
    broker().createTopic(name, partitions, Map.of("retention.ms", "-1"));
    return name;
  }

  static KafkaProducer<byte[], byte[]> producer() {
    Map<String, Object> p = new HashMap<>();
    p.put("bootstrap.servers", bootstrap());
    p.put("linger.ms", "0");
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  static byte[] b(String s) {
    return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
  }

  static String s(byte[] b) {
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  /** Writes string values (keys null) to one partition and waits for the acks. */
  static void send(String topic, int partition, String... values) {
    try (KafkaProducer<byte[], byte[]> p = producer()) {
      for (String v : values) {
        p.send(new ProducerRecord<>(topic, partition, null, b(v)));
      }
      p.flush();
    }
  }

  static void sendKeyed(String topic, int partition, Long timestamp, String key, String value) {
    try (KafkaProducer<byte[], byte[]> p = producer()) {
      p.send(new ProducerRecord<>(topic, partition, timestamp, b(key), b(value))).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every record of a topic, read from the beginning to the current end; read_committed when asked. */
  static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, boolean readCommitted) {
    Map<String, Object> p = new HashMap<>();
    p.put("bootstrap.servers", bootstrap());
    p.put("isolation.level", readCommitted ? "read_committed" : "read_uncommitted");
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> tps = new ArrayList<>();
      for (PartitionInfo pi : c.partitionsFor(topic, Duration.ofSeconds(10))) {
        tps.add(new TopicPartition(topic, pi.partition()));
      }
      c.assign(tps);
      c.seekToBeginning(tps);
      Map<TopicPartition, Long> end = c.endOffsets(tps);
      long deadline = System.currentTimeMillis() + 30_000;
      while (System.currentTimeMillis() < deadline) {
        boolean done = true;
        for (TopicPartition tp : tps) {
          if (c.position(tp) < end.get(tp)) {
            done = false;
          }
        }
        if (done) {
          break;
        }
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
          out.add(r);
        }
      }
    }
    return out;
  }

  /**
   * The values once there are at least {@code n} (or after 30 s): transaction markers are written
   * just after a commit returns, so read_committed readers may see a commit a moment later.
   */
  static List<String> values(String topic, boolean readCommitted, int n) {
    long deadline = System.currentTimeMillis() + 30_000;
    List<String> v = values(topic, readCommitted);
    while (v.size() < n && System.currentTimeMillis() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      v = values(topic, readCommitted);
    }
    return v;
  }

  /** The values of every record of a topic, as strings, partition by partition. */
  static List<String> values(String topic, boolean readCommitted) {
    List<String> out = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : readAll(topic, readCommitted)) {
      out.add(s(r.value()));
    }
    return out;
  }
}
