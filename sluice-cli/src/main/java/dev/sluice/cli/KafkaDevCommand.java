package dev.sluice.cli;

import dev.sluice.kafka.EmbeddedKafka;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code sluice kafka-dev}: runs a single-node Kafka broker (KRaft, in this process) for trying Sluice
 * with Kafka, and prints its bootstrap address on stdout. Its data stays in a folder between runs
 * (so checkpoints of queries that read it stay valid) unless {@code --fresh}. Not for production.
 */
final class KafkaDevCommand {
  private KafkaDevCommand() {}

  static String usage() {
    return """
        usage: sluice kafka-dev [--port N] [--data DIR] [--fresh] [--topic NAME[:PARTITIONS] ...] [--seconds S]

          Starts a single-node Kafka broker on 127.0.0.1 and prints its bootstrap address; Ctrl-C stops it.
          --port N        the port to listen on (default 9092; 0 picks a free one)
          --data DIR      where the broker keeps its data (default: <tmp>/sluice/kafka-dev); kept between runs
          --fresh         delete the data folder first
          --topic T[:P]   create topic T with P partitions (default 1) if it does not exist; repeatable
          --seconds S     stop after S seconds instead of waiting for Ctrl-C
        Topics are also created on first use. Then, e.g.:
          ./sluice run examples/kafka-feed.sql
        """;
  }

  static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
    int port = 9092;
    Path data = Paths.get(System.getProperty("java.io.tmpdir"), "sluice", "kafka-dev");
    boolean fresh = false;
    long seconds = -1;
    List<String> topics = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      boolean hasValue = i + 1 < args.length;
      switch (a) {
        case "--port" -> {
          if (!hasValue) {
            throw new IllegalArgumentException("--port needs a number");
          }
          port = parseInt("--port", args[++i]);
        }
        case "--data" -> {
          if (!hasValue) {
            throw new IllegalArgumentException("--data needs a folder");
          }
          data = Paths.get(args[++i]);
        }
        case "--topic" -> {
          if (!hasValue) {
            throw new IllegalArgumentException("--topic needs a name");
          }
          topics.add(args[++i]);
        }
        case "--seconds" -> {
          if (!hasValue) {
            throw new IllegalArgumentException("--seconds needs a number");
          }
          seconds = parseInt("--seconds", args[++i]);
        }
        case "--fresh" -> fresh = true;
        case "-h", "--help" -> {
          err.println(usage());
          return 0;
        }
        default -> throw new IllegalArgumentException("Unexpected argument '" + a + "'.\n" + usage());
      }
    }
    if (port != 0 && !portFree(port)) {
      err.println("error: port " + port + " on 127.0.0.1 is in use (another Kafka broker?); choose another with "
          + "--port N, or --port 0 for a free one");
      return 1;
    }
    if (fresh) {
      deleteRecursively(data);
    }
    quietKafkaLogs();
    err.println("sluice: starting a single-node Kafka broker (data in " + data.toAbsolutePath() + ")...");
    EmbeddedKafka kafka = EmbeddedKafka.launch(data, port, Map.of());
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      kafka.close();
      stopped.countDown();
    }, "sluice-kafka-dev-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    for (String t : topics) {
      int colon = t.lastIndexOf(':');
      String name = colon > 0 ? t.substring(0, colon) : t;
      int partitions = colon > 0 ? parseInt("--topic " + t, t.substring(colon + 1)) : 1;
      try {
        kafka.createTopic(name, partitions, Map.of());
        err.println("sluice: created topic " + name + " with " + partitions + " partition(s)");
      } catch (IllegalStateException e) {
        if (!String.valueOf(e.getMessage()).contains("already exists")) {
          throw e;
        }
      }
    }
    out.println(kafka.bootstrapServers());
    out.flush();
    err.println("sluice: Kafka is ready at " + kafka.bootstrapServers() + "  (kafka.bootstrap.servers); Ctrl-C stops it."
        + "\n        Try: ./sluice run examples/kafka-feed.sql   and   ./sluice run examples/kafka-page-views.sql");
    try {
      if (seconds >= 0) {
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        Runtime.getRuntime().removeShutdownHook(hook);
        kafka.close();
      } else {
        stopped.await();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kafka.close();
    }
    return 0;
  }

  private static int parseInt(String what, String v) {
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + " expects a number, got '" + v + "'");
    }
  }

  private static boolean portFree(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress("127.0.0.1", port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The broker's own INFO and WARN lines are noise for a development broker; errors still show. */
  private static void quietKafkaLogs() {
    for (String logger : List.of("org.apache.kafka", "kafka", "state.change.logger")) {
      String key = "org.slf4j.simpleLogger.log." + logger;
      if (System.getProperty(key) == null) {
        System.setProperty(key, "error");
      }
    }
  }

  private static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(x);
      }
    }
  }
}
