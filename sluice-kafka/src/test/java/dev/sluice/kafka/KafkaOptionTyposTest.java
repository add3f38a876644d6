package dev.sluice.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.Session;
import dev.sluice.util.Warnings;
import org.junit.jupiter.api.Test;

/** A misspelled Kafka option is warned about with the nearest one; kafka.* settings are handed on unchecked. */
class KafkaOptionTyposTest {
  @Test
  void aMisspelledSubscribeIsNamedBeforeTheMissingOptionError() {
    try (Session session = Session.builder().getOrCreate(); Warnings.Capture w = Warnings.capture()) {
      assertThatThrownBy(() -> session.readStream().format("kafka").option("kafka.bootstrap.servers", "localhost:1")
          .option("subscrbe", "events").option("startingOffsets", "earliest").load())
          .hasMessageContaining("subscribe");
      assertThat(w.messages()).singleElement().satisfies(m -> assertThat(m).contains("'subscrbe'")
          .contains("'subscribe'").contains("kafka"));
    }
  }
}
