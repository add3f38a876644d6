package dev.sluice.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The embedded broker keeps its data over a stop and start on the same port. */
class EmbeddedKafkaTest {
  @Test
  void keepsDataAcrossRestart() throws Exception {
    long t0 = System.nanoTime();
    try (EmbeddedKafka kafka = EmbeddedKafka.launch()) {
      System.err.printf("launch %d ms%n", (System.nanoTime() - t0) / 1_000_000);
      kafka.createTopic("t", 1);
      Map<String, Object> pc = Map.of("bootstrap.servers", kafka.bootstrapServers());
      try (KafkaProducer<String, String> p = new KafkaProducer<>(pc, new StringSerializer(), new StringSerializer())) {
        p.send(new ProducerRecord<>("t", "k", "v1")).get();
      }
      long s0 = System.nanoTime();
      kafka.stop();
      long t1 = System.nanoTime();
      kafka.start();
      System.err.printf("stop %d ms, start %d ms%n", (t1 - s0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);
      try (KafkaProducer<String, String> p = new KafkaProducer<>(pc, new StringSerializer(), new StringSerializer())) {
        p.send(new ProducerRecord<>("t", "k", "v2")).get();
      }
      Map<String, Object> cc = Map.of("bootstrap.servers", kafka.bootstrapServers());
      try (KafkaConsumer<String, String> c = new KafkaConsumer<>(cc, new StringDeserializer(), new StringDeserializer())) {
        TopicPartition tp = new TopicPartition("t", 0);
        c.assign(List.of(tp));
        c.seekToBeginning(List.of(tp));
        List<String> got = new java.util.ArrayList<>();
        long deadline = System.currentTimeMillis() + 20_000;
        while (got.size() < 2 && System.currentTimeMillis() < deadline) {
          for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
            got.add(r.value());
          }
        }
        assertThat(got).containsExactly("v1", "v2");
      }
    }
  }
}
