package dev.sluice.bench;

import static dev.sluice.api.functions.col;
import static dev.sluice.api.functions.max;
import static dev.sluice.api.functions.sum;

import dev.sluice.api.DataFrame;
import dev.sluice.api.Session;
import dev.sluice.api.streaming.StreamingQuery;
import dev.sluice.api.streaming.StreamingQueryProgress;
import dev.sluice.api.streaming.Trigger;
import dev.sluice.conf.Options;
import dev.sluice.connector.file.FileTable;
import dev.sluice.connector.file.text.TextFileFormat;
import dev.sluice.fs.FileStatus;
import dev.sluice.types.Row;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Read and write throughput of the file formats (rows/s and MB/s of file bytes) on the local disk,
 * and what listing a folder of 100,000 files costs a file stream per trigger.
 *
 * <pre>
 *   mvn -q -DskipTests install &amp;&amp; java -Xmx3g -cp "sluice-bench/target/sluice-bench.jar:sluice-bench/target/lib/*" \
 *       dev.sluice.bench.FileFormatBenchmark [rows=1000000] [files=100000] [workDir]
 * </pre>
 * Each figure is the best of three runs after a warm-up run. Machines here are shared and noisy.
 */
public final class FileFormatBenchmark {
  private FileFormatBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int files = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    Path work = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("sluice-file-bench");
    try (Session session = Session.builder().config("sluice.sql.shuffle.partitions", "2").getOrCreate()) {
      DataFrame data = generate(session, rows);
      System.out.printf("%d rows of (id BIGINT, name STRING, score DOUBLE, day DATE, ts TIMESTAMP), %d cores%n", rows,
          Runtime.getRuntime().availableProcessors());
      System.out.printf("%-16s %14s %10s %14s %10s %10s%n", "format", "write rows/s", "MB/s", "read rows/s", "MB/s",
          "size MB");
      for (String[] f : new String[][] {{"json", "none"}, {"csv", "none"}, {"text", "none"}, {"parquet", "snappy"},
          {"parquet", "zstd"}, {"json", "gzip"}}) {
        formatRow(session, data, f[0], f[1], work.resolve(f[0] + "-" + f[1]));
      }
      listing(session, work.resolve("many"), files);
    }
    deleteRecursively(work);
  }

  private static DataFrame generate(Session session, int rows) {
    List<Row> out = new ArrayList<>(rows);
    Instant base = Instant.parse("2024-01-01T00:00:00Z");
    for (int i = 0; i < rows; i++) {
      out.add(Row.of((long) i, "name-" + (i % 1000), i * 0.5, LocalDate.of(2024, 1, 1).plusDays(i % 365),
          base.plusMillis(i * 37L)));
    }
    return session.createDataFrame(out, "id BIGINT, name STRING, score DOUBLE, day DATE, ts TIMESTAMP");
  }

  private static void formatRow(Session session, DataFrame data, String format, String codec, Path dir)
      throws IOException {
    DataFrame toWrite = format.equals("text")
        ? data.selectExpr("concat_ws(',', id, name, score, day, ts) AS value") : data;
    long rows = data.count();
    toWrite.collectAsList(); // materialize the input once
    double bestWrite = Double.MAX_VALUE;
    double bestRead = Double.MAX_VALUE;
    long bytes = 0;
    for (int run = 0; run < 4; run++) {
      deleteRecursively(dir);
      long t0 = System.nanoTime();
      toWrite.write().format(format).option("compression", codec).save(dir.toString());
      double w = (System.nanoTime() - t0) / 1e9;
      bytes = size(dir);
      DataFrame in = session.read().format(format).schema(toWrite.schema()).load(dir.toString());
      DataFrame agg = format.equals("text") ? in.agg(max(col("value")))
          : in.agg(sum(col("id")), max(col("name")), sum(col("score")), max(col("day")), max(col("ts")));
      long t1 = System.nanoTime();
      agg.collectAsList();
      double r = (System.nanoTime() - t1) / 1e9;
      if (run > 0) {
        bestWrite = Math.min(bestWrite, w);
        bestRead = Math.min(bestRead, r);
      }
    }
    double mb = bytes / 1e6;
    System.out.printf("%-16s %,14.0f %10.1f %,14.0f %10.1f %10.1f%n", format + (codec.equals("none") ? "" : "/" + codec),
        rows / bestWrite, mb / bestWrite, rows / bestRead, mb / bestRead, mb);
    deleteRecursively(dir);
  }

  /** Listing a folder of many files: the first (cold) listing, then the incremental one of every trigger. */
  private static void listing(Session session, Path dir, int n) throws Exception {
    Files.createDirectories(dir);
    for (int i = 0; i < n; i++) {
      Files.writeString(dir.resolve(String.format("f%07d.txt", i)), "line " + i + "\n");
    }
    FileTable table = new FileTable(new TextFileFormat(), new Options(Map.of("path", dir.toString())), Map.of());
    List<FileStatus> all = new ArrayList<>();
    long t0 = System.nanoTime();
    table.walk(dir.toString(), (d, name) -> false, all);
    double cold = (System.nanoTime() - t0) / 1e6;
    Set<String> known = new HashSet<>();
    all.forEach(f -> known.add(f.name()));
    List<Double> warm = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      List<FileStatus> fresh = new ArrayList<>();
      Set<String> now = new HashSet<>(known.size() * 2);
      long t = System.nanoTime();
      table.walk(dir.toString(), (d, name) -> {
        if (known.contains(name)) {
          now.add(name);
          return true;
        }
        return false;
      }, fresh);
      warm.add((System.nanoTime() - t) / 1e6);
    }
    warm.sort(Comparator.naturalOrder());
    System.out.printf("%nlisting a folder of %,d files: first listing (stats every file) %.0f ms, "
        + "each later trigger (names only, stats new ones) median %.1f ms%n", n, cold, warm.get(warm.size() / 2));

    // The same through a running stream: per-trigger listing time reported in the progress metrics.
    StreamingQuery q = session.readStream().option("maxFilesPerTrigger", n / 10).text(dir.toString()).writeStream()
        .format("noop").trigger(Trigger.AvailableNow()).start();
    long s0 = System.nanoTime();
    q.awaitTermination();
    double total = (System.nanoTime() - s0) / 1e9;
    List<String> ms = new ArrayList<>();
    for (StreamingQueryProgress p : q.recentProgress()) {
      ms.add(p.sources().get(0).metrics().getOrDefault("listingMs", "?"));
    }
    System.out.printf("stream over it (maxFilesPerTrigger=%d, AvailableNow): %d batches in %.1f s, "
        + "listing ms per trigger %s%n", n / 10, q.recentProgress().size(), total, ms);
  }

  private static long size(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("_"))
          .mapToLong(p -> p.toFile().length()).sum();
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
