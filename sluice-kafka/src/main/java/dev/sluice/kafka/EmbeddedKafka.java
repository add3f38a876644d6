package dev.sluice.kafka;

import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A single-node Kafka cluster (one KRaft process acting as broker and controller) running inside
 * this JVM on 127.0.0.1, for development ({@code ./sluice kafka-dev}) and tests. Not for production:
 * one replica, no security, small internal topics.
 *
 * <p>{@link #stop()} and {@link #start()} shut the broker down and bring it back on the same port with
 * its data, so tests can take the cluster away under a running query. Needs
 * {@code org.apache.kafka:kafka_2.13} on the class path (an optional dependency of this module).
 *
 * <pre>
 *   try (EmbeddedKafka kafka = EmbeddedKafka.launch()) {
 *     String bootstrap = kafka.bootstrapServers();   // e.g. 127.0.0.1:40123
 *   }
 * </pre>
 * Not thread-safe: start and stop it from one thread.
 */
public final class EmbeddedKafka implements AutoCloseable {
  private final Path dataDir;
  private final boolean deleteOnClose;
  private final int port;
  private final int controllerPort;
  private final Map<String, String> extraConfig;
  private KafkaRaftServer server;

  private EmbeddedKafka(Path dataDir, boolean deleteOnClose, int port, int controllerPort, Map<String, String> extra) {
    this.dataDir = dataDir;
    this.deleteOnClose = deleteOnClose;
    this.port = port;
    this.controllerPort = controllerPort;
    this.extraConfig = extra;
  }

  /** Starts a broker on free ports with its data in a new temporary folder deleted on {@link #close()}. */
  public static EmbeddedKafka launch() {
    try {
      EmbeddedKafka k = new EmbeddedKafka(Files.createTempDirectory("sluice-kafka"), true, freePort(), freePort(),
          Map.of());
      k.format();
      k.start0();
      return k;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Starts a broker keeping its data in {@code dataDir} (formatted on first use, reused after), on
   * {@code port} (0: a free port), with extra broker settings.
   */
  public static EmbeddedKafka launch(Path dataDir, int port, Map<String, String> brokerConfig) {
    boolean formatted = Files.exists(dataDir.resolve("meta.properties"));
    // The controller keeps its port across launches on the same data, as a real cluster's voters do.
    Path ports = dataDir.resolve("sluice-controller-port");
    int controllerPort;
    try {
      controllerPort = formatted && Files.exists(ports) ? Integer.parseInt(Files.readString(ports).trim()) : freePort();
      Files.createDirectories(dataDir);
      Files.writeString(ports, Integer.toString(controllerPort));
    } catch (IOException | NumberFormatException e) {
      throw new IllegalStateException("Cannot use the Kafka data folder " + dataDir + ": " + e, e);
    }
    EmbeddedKafka k = new EmbeddedKafka(dataDir, false, port == 0 ? freePort() : port, controllerPort, brokerConfig);
    if (!formatted) {
      k.format();
    }
    k.start0();
    return k;
  }

  /** {@code host:port} for {@code kafka.bootstrap.servers}. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public Path dataDir() {
    return dataDir;
  }

  public boolean isRunning() {
    return server != null;
  }

  /** Starts the broker again after {@link #stop()}, on the same port, with the data it had. */
  public synchronized void start() {
    if (server == null) {
      start0();
    }
  }

  /** Shuts the broker down (cleanly); clients see it as unreachable until {@link #start()}. */
  public synchronized void stop() {
    if (server != null) {
      KafkaRaftServer s = server;
      server = null;
      s.shutdown();
      s.awaitShutdown();
    }
  }

  @Override
  public synchronized void close() {
    stop();
    if (deleteOnClose) {
      deleteRecursively(dataDir);
    }
  }

  /** Creates a topic and waits until it is usable. */
  public void createTopic(String name, int partitions, Map<String, String> config) {
    try (Admin admin = admin()) {
      admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(config))).all()
          .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Creating topic " + name + " failed: " + e, e);
    }
  }

  public void createTopic(String name, int partitions) {
    createTopic(name, partitions, Map.of());
  }

  /** An admin client for this broker; the caller closes it. */
  public Admin admin() {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
    return Admin.create(p);
  }

  // ------------------------------------------------------------------ internals

  private Properties brokerProperties() {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", dataDir.toString());
    p.put("num.partitions", "1");
    p.put("default.replication.factor", "1");
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("auto.create.topics.enable", "true");
    p.put("num.network.threads", "2");
    p.put("num.io.threads", "2");
    p.put("background.threads", "2");
    p.put("log.cleaner.threads", "1");
    p.put("log.cleaner.dedupe.buffer.size", Long.toString(2L * 1024 * 1024));
    p.put("log.segment.bytes", Integer.toString(64 * 1024 * 1024));
    p.put("controlled.shutdown.enable", "true");
    p.put("unclean.leader.election.enable", "true");
    // A broker coming back after stop() must not wait for a long session timeout of its own previous life.
    p.put("broker.session.timeout.ms", "9000");
    p.put("broker.heartbeat.interval.ms", "500");
    p.putAll(extraConfig);
    return p;
  }

  private void format() {
    try {
      Files.createDirectories(dataDir);
      new Formatter()
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
          .setNodeId(1)
          .setClusterId(Uuid.randomUuid().toString())
          .addDirectory(dataDir.toString())
          .setMetadataLogDirectory(dataDir.toString())
          .setControllerListenerName("CONTROLLER")
          .setReleaseVersion(MetadataVersion.latestProduction())
          .setIgnoreFormatted(true)
          .run();
    } catch (Exception e) {
      throw new IllegalStateException("Formatting the Kafka data folder " + dataDir + " failed: " + e, e);
    }
  }

  private void start0() {
    KafkaRaftServer s = new KafkaRaftServer(new KafkaConfig(brokerProperties(), false), Time.SYSTEM);
    s.startup();
    server = s;
    awaitReady();
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    Exception last = null;
    try (Admin admin = admin()) {
      while (System.nanoTime() < deadline) {
        try {
          if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
            return;
          }
        } catch (Exception e) {
          last = e;
        }
        sleep(Duration.ofMillis(100));
      }
    }
    throw new IllegalStateException("The embedded Kafka broker on port " + port + " did not become ready in 60 s"
        + (last == null ? "" : ": " + last));
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port on 127.0.0.1", e);
    }
  }

  private static void deleteRecursively(Path p) {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(x);
      }
    } catch (IOException e) {
      // best effort: a temporary folder
    }
  }

  /** Runs a broker until the JVM stops: {@code java ... dev.sluice.kafka.EmbeddedKafka [port] [dataDir]}. */
  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 9092;
    Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("sluice-kafka");
    EmbeddedKafka k = launch(dir, port, Map.of());
    Runtime.getRuntime().addShutdownHook(new Thread(k::close));
    System.out.println(k.bootstrapServers());
    Thread.currentThread().join();
  }
}
