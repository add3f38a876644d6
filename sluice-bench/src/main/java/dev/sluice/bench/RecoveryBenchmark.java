package dev.sluice.bench;

import static dev.sluice.api.functions.count;

import dev.sluice.api.MemoryStream;
import dev.sluice.api.Session;
import dev.sluice.api.streaming.StreamingQuery;
import dev.sluice.types.DataTypes;
import dev.sluice.types.StructType;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;
import dev.sluice.vector.LongVector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * Recovery time with a large state: a streaming count builds {@code rows} distinct keys of state,
 * the query stops, and a new query on the same checkpoint is started; the figure is the time from
 * {@code start()} to the first new batch's output, for each state store provider.
 *
 * <pre>
 *   java -Xmx4g -cp "sluice-bench/target/sluice-bench.jar:sluice-bench/target/lib/*" \
 *       dev.sluice.bench.RecoveryBenchmark [stateRows=1000000]
 * </pre>
 */
public final class RecoveryBenchmark {
  private RecoveryBenchmark() {}

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    System.out.printf("Recovery benchmark: %,d state rows, %d cores%n", rows, Runtime.getRuntime().availableProcessors());
    for (String provider : List.of("memory", "rocksdb")) {
      Path dir = Files.createTempDirectory("sluice-recovery-" + provider);
      try {
        measure(provider, rows, dir);
      } finally {
        try (Stream<Path> s = Files.walk(dir)) {
          s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }

  private static void measure(String provider, int rows, Path dir) throws Exception {
    StructType schema = new StructType().add("k", DataTypes.LongType, false);
    try (Session session = Session.builder().config("sluice.sql.shuffle.partitions", "4")
        .config("sluice.sql.streaming.stateStore.providerClass", provider).getOrCreate()) {
      MemoryStream events = MemoryStream.create(session, schema);
      long t0 = System.nanoTime();
      StreamingQuery q = events.toDF().groupBy("k").agg(count("*").alias("n")).writeStream().outputMode("update")
          .format("noop").option("checkpointLocation", dir.toString()).start();
      List<ColumnBatch> batches = new ArrayList<>();
      for (int from = 0; from < rows; from += 4096) {
        int n = Math.min(4096, rows - from);
        long[] k = new long[n];
        for (int i = 0; i < n; i++) {
          k[i] = from + i;
        }
        batches.add(new ColumnBatch(new ColumnVector[] {new LongVector(DataTypes.LongType, k, n, null)}, n));
      }
      events.addBatches(batches);
      q.processAllAvailable();
      long build = (System.nanoTime() - t0) / 1_000_000;
      long stateRows = q.lastProgress().stateOperators().get(0).numRowsTotal();
      q.stop();
      events.addBatches(List.of(new ColumnBatch(new ColumnVector[] {
          new LongVector(DataTypes.LongType, new long[] {-1L}, 1, null)}, 1)));
      CountDownLatch first = new CountDownLatch(1);
      long t1 = System.nanoTime();
      StreamingQuery again = events.toDF().groupBy("k").agg(count("*").alias("n")).writeStream().outputMode("update")
          .option("checkpointLocation", dir.toString()).foreachBatch((df, id) -> first.countDown()).start();
      first.await();
      long recovery = (System.nanoTime() - t1) / 1_000_000;
      again.stop();
      long bytes;
      try (Stream<Path> s = Files.walk(dir.resolve("state"))) {
        bytes = s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
      }
      System.out.printf("%n%s provider%n  building %,d state rows: %,d ms%n  checkpointed state on disk: %,d MB%n"
          + "  restart -> first new batch output: %,d ms   (restores the state version, replays its deltas)%n",
          provider, stateRows, build, bytes / (1024 * 1024), recovery);
    }
  }
}
