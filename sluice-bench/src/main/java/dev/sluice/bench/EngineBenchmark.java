package dev.sluice.bench;

import static dev.sluice.api.functions.col;
import static dev.sluice.api.functions.count;
import static dev.sluice.api.functions.sum;

import dev.sluice.api.DataFrame;
import dev.sluice.api.MemoryStream;
import dev.sluice.api.Session;
import dev.sluice.api.streaming.StreamingQuery;
import dev.sluice.types.DataTypes;
import dev.sluice.types.StructType;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;
import dev.sluice.vector.DoubleVector;
import dev.sluice.vector.IntVector;
import dev.sluice.vector.LongVector;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Throughput of the streaming engine next to plain hand-written Java loops doing the same work in the
 * same process, over the same pre-generated in-memory input, plus the time from creating a Session to
 * the first micro-batch's output in a fresh JVM.
 *
 * <pre>
 *   mvn -q -DskipTests install &amp;&amp; java -Xmx3g -cp "sluice-bench/target/sluice-bench.jar:sluice-bench/target/lib/*" \
 *       dev.sluice.bench.EngineBenchmark [rows] [keys] [runs]
 * </pre>
 * Machines here are shared and noisy: compare the ratios of one run, not absolute figures across runs.
 */
public final class EngineBenchmark {
  static final StructType SCHEMA = new StructType()
      .add("id", DataTypes.LongType, false)
      .add("key", DataTypes.IntegerType, false)
      .add("value", DataTypes.DoubleType, false)
      .add("qty", DataTypes.LongType, false);
  static final int BATCH = 4096;

  private EngineBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--startup-child")) {
      StartupProbe.main(args);
      return;
    }
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
    int keys = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    System.out.printf("Sluice engine benchmark: %,d rows, %,d keys, best of %d runs, %d cores, Java %s%n", rows, keys,
        runs, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
    List<ColumnBatch> data = generate(rows, keys);
    int cores = Runtime.getRuntime().availableProcessors();
    try (Session session = Session.builder().config("sluice.sql.shuffle.partitions", Integer.toString(cores))
        .getOrCreate();
        Session single = Session.builder().config("sluice.sql.shuffle.partitions", "1")
            .config("sluice.executor.threads", "1").getOrCreate()) {
      Function<DataFrame, DataFrame> filterProject = s -> s.filter(col("value").gt(0.5))
          .select(col("id"), col("value").multiply(2).alias("v2"), col("key").plus(1).alias("k1"));
      Function<DataFrame, DataFrame> groupBy = s -> s.groupBy("key")
          .agg(count("*").alias("n"), sum("qty").alias("total"));
      report("filter + projection (stateless stream)", rows, runs,
          () -> engine(session, data, filterProject, "append"),
          () -> engine(single, data, filterProject, "append"),
          () -> handFilterProject(data));
      report("grouped count + sum, " + keys + " keys (stateful stream)", rows, runs,
          () -> engine(session, data, groupBy, "update"),
          () -> engine(single, data, groupBy, "update"),
          () -> handGroupBy(data));
    }
    startup();
  }

  interface Run {
    long run() throws Exception;
  }

  private static void report(String name, int rows, int runs, Run engine, Run engine1, Run hand) throws Exception {
    long bestEngine = Long.MAX_VALUE;
    long bestEngine1 = Long.MAX_VALUE;
    long bestHand = Long.MAX_VALUE;
    long sinkRows = -1;
    long sinkRows1 = -1;
    long handRows = -1;
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      sinkRows = engine.run();
      bestEngine = Math.min(bestEngine, System.nanoTime() - t0);
      long t1 = System.nanoTime();
      sinkRows1 = engine1.run();
      bestEngine1 = Math.min(bestEngine1, System.nanoTime() - t1);
      long t2 = System.nanoTime();
      handRows = hand.run();
      bestHand = Math.min(bestHand, System.nanoTime() - t2);
    }
    int cores = Runtime.getRuntime().availableProcessors();
    System.out.printf("%n%s%n", name);
    line("engine, " + cores + " worker threads", rows, bestEngine, sinkRows);
    line("engine, 1 worker thread", rows, bestEngine1, sinkRows1);
    line("hand-written loop, 1 thread", rows, bestHand, handRows);
    System.out.printf("  engine/hand-written time: %.2fx with %d threads, %.2fx single-threaded   (target: within 3x)%n",
        (double) bestEngine / bestHand, cores, (double) bestEngine1 / bestHand);
  }

  private static void line(String label, int rows, long nanos, long resultRows) {
    System.out.printf("  %-30s %,15.0f rows/s  (%,d ms, %,d result rows)%n", label, rows / (nanos / 1e9),
        nanos / 1_000_000, resultRows);
  }

  /** Feeds all data to a fresh memory stream and processes it as one streaming query; returns rows written. */
  private static long engine(Session session, List<ColumnBatch> data, Function<DataFrame, DataFrame> query,
      String mode) {
    MemoryStream stream = MemoryStream.create(session, SCHEMA);
    long[] rows = {0};
    StreamingQuery q = query.apply(stream.toDF()).writeStream().outputMode(mode)
        .foreachBatch((df, id) -> {
          for (var p : df.collectBatches()) {
            for (ColumnBatch b : p) {
              rows[0] += b.numRows();
            }
          }
        }).start();
    stream.addBatches(data);
    q.processAllAvailable();
    q.stop();
    return rows[0];
  }

  static List<ColumnBatch> generate(int rows, int keys) {
    SplittableRandom r = new SplittableRandom(42);
    List<ColumnBatch> out = new ArrayList<>();
    for (int start = 0; start < rows; start += BATCH) {
      int n = Math.min(BATCH, rows - start);
      long[] id = new long[n];
      int[] key = new int[n];
      double[] value = new double[n];
      long[] qty = new long[n];
      for (int i = 0; i < n; i++) {
        id[i] = start + i;
        key[i] = r.nextInt(keys);
        value[i] = r.nextDouble();
        qty[i] = r.nextInt(100);
      }
      out.add(new ColumnBatch(new ColumnVector[] {
          new LongVector(DataTypes.LongType, id, n, null),
          new IntVector(DataTypes.IntegerType, key, n, null),
          new DoubleVector(value, n, null),
          new LongVector(DataTypes.LongType, qty, n, null)}, n));
    }
    return out;
  }

  /** The same filter and projection as plain loops over the same arrays. */
  private static long handFilterProject(List<ColumnBatch> data) {
    long rows = 0;
    long checksum = 0;
    for (ColumnBatch b : data) {
      long[] id = ((LongVector) b.column(0)).values();
      int[] key = ((IntVector) b.column(1)).values();
      double[] value = ((DoubleVector) b.column(2)).values();
      int n = b.numRows();
      long[] outId = new long[n];
      double[] outV2 = new double[n];
      int[] outK1 = new int[n];
      int c = 0;
      for (int i = 0; i < n; i++) {
        if (value[i] > 0.5) {
          outId[c] = id[i];
          outV2[c] = value[i] * 2;
          outK1[c] = key[i] + 1;
          c++;
        }
      }
      rows += c;
      checksum += c > 0 ? outId[c - 1] + outK1[c - 1] + (long) outV2[c - 1] : 0;
    }
    return checksum == -1 ? -1 : rows;
  }

  /** The same grouped count and sum with a HashMap, as a Java developer would write it. */
  private static long handGroupBy(List<ColumnBatch> data) {
    Map<Integer, long[]> groups = new HashMap<>();
    for (ColumnBatch b : data) {
      int[] key = ((IntVector) b.column(1)).values();
      long[] qty = ((LongVector) b.column(3)).values();
      for (int i = 0; i < b.numRows(); i++) {
        long[] acc = groups.computeIfAbsent(key[i], k -> new long[2]);
        acc[0]++;
        acc[1] = Math.addExact(acc[1], qty[i]);
      }
    }
    return groups.size();
  }

  /**
   * Runs the startup probe in fresh JVMs and prints the time to the first micro-batch output: with a
   * plain JVM, and with a class-data-sharing archive of the classes the probe loads (what the
   * {@code sluice} launcher uses; create one with -XX:ArchiveClassesAtExit).
   */
  private static void startup() throws Exception {
    java.nio.file.Path jsa = java.nio.file.Files.createTempFile("sluice-startup", ".jsa");
    java.nio.file.Files.delete(jsa);
    probe(List.of("-XX:ArchiveClassesAtExit=" + jsa, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
    long[][] plain = new long[5][];
    long[][] shared = new long[5][];
    for (int i = 0; i < 5; i++) {
      plain[i] = probe(List.of());
      shared[i] = probe(List.of("-XX:SharedArchiveFile=" + jsa, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
    }
    java.nio.file.Files.deleteIfExists(jsa);
    System.out.printf("%nstartup, fresh JVM (median of 5; the probe declares its schema as a DDL string;"
        + " class path: sluice-core and its dependencies, %d entries)%n",
        coreClassPath().split(File.pathSeparator).length);
    System.out.printf("  Session.builder() -> first micro-batch output: %d ms plain JVM, %d ms with an AppCDS archive"
        + "   (target: under 300 ms)%n", median(plain, 0), median(shared, 0));
    System.out.printf("  process launch -> first micro-batch output:    %d ms plain JVM, %d ms with an AppCDS archive%n",
        median(plain, 1), median(shared, 1));
  }

  private static long median(long[][] runs, int field) {
    long[] v = new long[runs.length];
    for (int i = 0; i < runs.length; i++) {
      v[i] = runs[i][field];
    }
    Arrays.sort(v);
    return v[v.length / 2];
  }

  /**
   * The class path of an application that embeds sluice-core: this benchmark's jar, sluice-core and
   * the core's own dependencies (ANTLR runtime, Jackson, SLF4J), without the optional modules' jars
   * (Hadoop, Parquet, RocksDB) the file benchmark needs. Every jar on the class path costs startup
   * time (SLF4J's provider lookup opens them all), so the probe runs with what the query needs.
   */
  static String coreClassPath() {
    List<String> keep = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String name = new File(entry).getName();
      if (!name.endsWith(".jar") || name.startsWith("sluice-bench") || name.startsWith("sluice-core")
          || name.startsWith("antlr4-runtime") || name.startsWith("jackson-") || name.startsWith("slf4j-")) {
        keep.add(entry);
      }
    }
    return String.join(File.pathSeparator, keep);
  }

  private static long[] probe(List<String> jvmArgs) throws Exception {
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.addAll(jvmArgs);
    cmd.addAll(List.of("-cp", coreClassPath(), EngineBenchmark.class.getName(),
        "--startup-child", Long.toString(System.currentTimeMillis())));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    long[] out = {-1, -1};
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("FIRST_BATCH_MS ")) {
          String[] parts = line.split(" ");
          out[0] = Long.parseLong(parts[1]);
          out[1] = Long.parseLong(parts[2]);
        }
      }
    }
    p.waitFor();
    return out;
  }
}
