package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice kafka-dev} starts a broker a client can use and prints its address first. */
class KafkaDevCommandTest {
  @Test
  void startsABrokerAndPrintsItsBootstrapAddress(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ExecutorService ex = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> rc = ex.submit(() -> Main.run(new String[] {"kafka-dev", "--port", "0", "--data",
          dir.toString(), "--topic", "dev-topic:3", "--seconds", "4"}, new PrintStream(out, true),
          new PrintStream(err, true)));
      long deadline = System.currentTimeMillis() + 60_000;
      while (out.size() == 0 && System.currentTimeMillis() < deadline && !rc.isDone()) {
        Thread.sleep(50);
      }
      String address = out.toString(StandardCharsets.UTF_8).trim();
      assertThat(address).as(err.toString(StandardCharsets.UTF_8)).matches("127\\.0\\.0\\.1:\\d+");
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", address))) {
        assertThat(admin.describeTopics(java.util.List.of("dev-topic")).allTopicNames().get(30, TimeUnit.SECONDS)
            .get("dev-topic").partitions()).hasSize(3);
      }
      assertThat(rc.get(60, TimeUnit.SECONDS)).isZero();
      assertThat(err.toString(StandardCharsets.UTF_8)).contains("Kafka is ready at " + address);
    } finally {
      ex.shutdownNow();
    }
  }

  @Test
  void aBusyPortIsAClearError() throws Exception {
    try (java.net.ServerSocket busy = new java.net.ServerSocket(0, 1,
        java.net.InetAddress.getByName("127.0.0.1"))) {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int rc = Main.run(new String[] {"kafka-dev", "--port", Integer.toString(busy.getLocalPort())},
          new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true));
      assertThat(rc).isEqualTo(1);
      assertThat(err.toString(StandardCharsets.UTF_8)).contains("is in use").contains("--port 0");
    }
  }
}
