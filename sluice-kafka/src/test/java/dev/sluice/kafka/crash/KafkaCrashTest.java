package dev.sluice.kafka.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.kafka.EmbeddedKafka;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Kafka-to-Kafka job with the exactly-once sink, in a child JVM, is killed with SIGKILL at random
 * moments three times and restarted from its checkpoint; a read_committed consumer then sees each
 * expected record exactly once. {@code scripts/kafka-crash-test.sh} runs many more.
 */
class KafkaCrashTest {
  @Test
  void killedAndRestartedJobWritesEveryRecordExactlyOnce(@TempDir Path dir) throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.launch()) {
      KafkaCrashDriver.Result r = KafkaCrashDriver.run(kafka, dir, "crash", 3, new Random(11));
      assertThat(r.problem()).isEmpty();
      assertThat(r.identical()).isTrue();
      assertThat(r.midRun()).isGreaterThan(0);
    }
  }
}
