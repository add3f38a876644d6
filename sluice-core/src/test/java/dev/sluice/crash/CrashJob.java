package dev.sluice.crash;

import static dev.sluice.api.functions.count;
import static dev.sluice.api.functions.sum;

import dev.sluice.api.Session;
import dev.sluice.api.streaming.StreamingQuery;
import dev.sluice.api.streaming.Trigger;
import dev.sluice.state.AtomicFiles;
import dev.sluice.types.Row;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The job crash tests kill: a grouped count and sum over the sequence source with a checkpoint,
 * writing each micro-batch's updated groups to {@code out/batch-<id>} (replacing the file if the batch
 * is replayed). Runs until all input is processed (AvailableNow), then prints DONE.
 *
 * <pre>args: checkpointDir outDir totalRows rowsPerBatch maxSinkDelayMs</pre>
 */
public final class CrashJob {
  private CrashJob() {}

  public static void main(String[] args) throws Exception {
    Path checkpoint = Paths.get(args[0]);
    Path out = Paths.get(args[1]);
    String total = args[2];
    String perBatch = args[3];
    int maxDelay = Integer.parseInt(args[4]);
    try (Session session = Session.builder().config("sluice.sql.shuffle.partitions", "3")
        .config("sluice.sql.streaming.stateStore.minDeltasForSnapshot", "4").getOrCreate()) {
      StreamingQuery q = session.readStream().format("sequence").option("totalRows", total)
          .option("rowsPerBatch", perBatch).load()
          .groupBy("key").agg(count("*").alias("n"), sum("value").alias("total"))
          .writeStream().outputMode("update").trigger(Trigger.AvailableNow())
          .option("checkpointLocation", checkpoint.toString())
          .foreachBatch((df, id) -> {
            List<String> lines = new ArrayList<>();
            for (Row r : df.collectAsList()) {
              lines.add(r.getInt(0) + " " + r.getLong(1) + " " + r.getLong(2));
            }
            lines.sort(null);
            if (maxDelay > 0) {
              try {
                Thread.sleep(ThreadLocalRandom.current().nextInt(maxDelay));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
            try {
              AtomicFiles.write(out.resolve(String.format("batch-%08d", id)),
                  String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          }).start();
      q.awaitTermination();
    }
    System.out.println("DONE");
  }
}
