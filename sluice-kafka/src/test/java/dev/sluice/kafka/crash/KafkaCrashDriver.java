package dev.sluice.kafka.crash;

import dev.sluice.kafka.EmbeddedKafka;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Runs {@link KafkaCrashJob} in child JVMs against a broker, kills it with SIGKILL at random moments
 * several times, lets it finish, and checks with a read_committed consumer that the output topic
 * holds each expected record exactly once: none lost, none duplicated.
 *
 * <pre>java -cp TEST_CLASSPATH dev.sluice.kafka.crash.KafkaCrashDriver [runs] [killsPerRun] [workDir]</pre>
 * Starts its own broker; prints one line per run and {@code N/N identical}; exits 1 if any differs.
 */
public final class KafkaCrashDriver {
  static final int TOTAL = 12_000;
  static final int PER_TRIGGER = 400;

  private KafkaCrashDriver() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int kills = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Path work = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("sluice-kafka-crash");
    Random random = new Random(args.length > 3 ? Long.parseLong(args[3]) : System.nanoTime());
    int identical = 0;
    try (EmbeddedKafka kafka = EmbeddedKafka.launch()) {
      for (int r = 0; r < runs; r++) {
        Result res = run(kafka, work.resolve("run-" + r), "run" + r + "-" + System.nanoTime(), kills, random);
        identical += res.identical() ? 1 : 0;
        System.out.printf("run %d: %d kills (%d landed mid-run), %d records read back, %s%n", r, kills, res.midRun(),
            res.readBack(), res.identical() ? "identical" : "DIFFERENT: " + res.problem());
      }
    }
    System.out.printf("%d/%d identical%n", identical, runs);
    System.exit(identical == runs ? 0 : 1);
  }

  public record Result(boolean identical, int midRun, int readBack, String problem) {}

  /** One run: fill the input topic, kill the job {@code kills} times, let it finish, compare. */
  /**
   * Waits until the job has planned one to three new batches (new entries in its offset log), lets
   * it run a random few milliseconds more, then kills it with SIGKILL: timed on the job's progress,
   * not the clock, so the kill lands mid-run however fast the machine (as sluice-core's crash tests do).
   * False when the job finished first.
   */
  private static boolean killDuringABatch(Process p, Path checkpoint, Random random) throws Exception {
    Path offsets = checkpoint.resolve("offsets");
    long target = batchEntries(offsets) + 1 + random.nextInt(3);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (p.isAlive() && batchEntries(offsets) < target && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    Thread.sleep(random.nextInt(40));
    if (!p.isAlive()) {
      return false;
    }
    p.destroyForcibly(); // SIGKILL
    p.waitFor();
    return true;
  }

  private static long batchEntries(Path logDir) throws IOException {
    if (!Files.isDirectory(logDir)) {
      return 0;
    }
    try (var s = Files.list(logDir)) {
      return s.filter(f -> f.getFileName().toString().matches("\\d+")).count();
    }
  }

  public static Result run(EmbeddedKafka kafka, Path dir, String name, int kills, Random random) throws Exception {
    String in = name + "-in";
    String out = name + "-out";
    kafka.createTopic(in, 3);
    kafka.createTopic(out, 2);
    Map<String, Object> pc = new HashMap<>();
    pc.put("bootstrap.servers", kafka.bootstrapServers());
    try (KafkaProducer<String, String> p = new KafkaProducer<>(pc, new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < TOTAL; i++) {
        p.send(new ProducerRecord<>(in, "k" + i, Integer.toString(i)));
      }
    }
    Path checkpoint = dir.resolve("checkpoint");
    Files.createDirectories(dir);
    int midRun = 0;
    for (int k = 0; k < kills; k++) {
      Process p = start(kafka.bootstrapServers(), in, out, checkpoint, dir.resolve("job-" + k + ".log"));
      if (killDuringABatch(p, checkpoint, random)) {
        midRun++;
      }
    }
    Path lastLog = dir.resolve("job-final.log");
    Process last = start(kafka.bootstrapServers(), in, out, checkpoint, lastLog);
    if (!last.waitFor(180, TimeUnit.SECONDS)) {
      last.destroyForcibly();
      throw new IllegalStateException("the final run did not finish in 180 s; log in " + lastLog);
    }
    String output = Files.readString(lastLog, StandardCharsets.UTF_8);
    if (last.exitValue() != 0 || !output.contains("DONE")) {
      throw new IllegalStateException("the final run failed (exit " + last.exitValue() + "):\n" + output);
    }
    Map<String, Integer> seen = readCommitted(kafka.bootstrapServers(), out);
    Map<String, Integer> want = new TreeMap<>();
    for (int i = 0; i < TOTAL; i++) {
      if (i % 10 != 0) {
        want.put("k" + i + "=seen-" + i, 1);
      }
    }
    int readBack = seen.values().stream().mapToInt(Integer::intValue).sum();
    String problem = "";
    if (!seen.equals(want)) {
      List<String> dup = new ArrayList<>();
      List<String> missing = new ArrayList<>();
      seen.forEach((k, v) -> {
        if (v > 1 || !want.containsKey(k)) {
          dup.add(k + " x" + v);
        }
      });
      want.keySet().forEach(k -> {
        if (!seen.containsKey(k)) {
          missing.add(k);
        }
      });
      problem = dup.size() + " duplicated/unexpected " + dup.subList(0, Math.min(5, dup.size())) + ", "
          + missing.size() + " missing " + missing.subList(0, Math.min(5, missing.size()));
    } else {
      deleteRecursively(dir);
    }
    return new Result(seen.equals(want), midRun, readBack, problem);
  }

  static Process start(String bootstrap, String in, String out, Path checkpoint, Path log) throws IOException {
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    return new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
        KafkaCrashJob.class.getName(), bootstrap, in, out, checkpoint.toString(), Integer.toString(PER_TRIGGER))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** How often each key=value appears in the topic, for a read_committed consumer. */
  static Map<String, Integer> readCommitted(String bootstrap, String topic) {
    Map<String, Object> cc = new HashMap<>();
    cc.put("bootstrap.servers", bootstrap);
    cc.put("isolation.level", "read_committed");
    Map<String, Integer> seen = new TreeMap<>();
    try (KafkaConsumer<String, String> c = new KafkaConsumer<>(cc, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> tps = new ArrayList<>();
      c.partitionsFor(topic, Duration.ofSeconds(10)).forEach(pi -> tps.add(new TopicPartition(topic, pi.partition())));
      c.assign(tps);
      c.seekToBeginning(tps);
      // Markers of the last commit may land just after the job exits: wait until the end is stable.
      Map<TopicPartition, Long> end = c.endOffsets(tps);
      long deadline = System.currentTimeMillis() + 60_000;
      while (System.currentTimeMillis() < deadline) {
        for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
          seen.merge(r.key() + "=" + r.value(), 1, Integer::sum);
        }
        boolean atEnd = true;
        for (TopicPartition tp : tps) {
          atEnd &= c.position(tp) >= end.get(tp);
        }
        if (atEnd) {
          Map<TopicPartition, Long> now = c.endOffsets(tps);
          if (now.equals(end)) {
            break;
          }
          end = now;
        }
      }
    }
    return seen;
  }

  static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (var s = Files.walk(p)) {
      for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(x);
      }
    }
  }
}
