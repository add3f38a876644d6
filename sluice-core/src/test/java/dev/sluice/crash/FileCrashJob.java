package dev.sluice.crash;

import static dev.sluice.api.functions.col;
import static dev.sluice.api.functions.upper;

import dev.sluice.api.Session;
import dev.sluice.api.streaming.StreamingQuery;
import dev.sluice.api.streaming.Trigger;

/**
 * The file-to-file job the crash tests kill: a stream of JSON files (a few per micro-batch) is
 * filtered and transformed and written as JSON files partitioned by {@code g}, with a checkpoint.
 * Runs until every input file is processed (AvailableNow), then prints DONE.
 *
 * <pre>args: inputDir outputDir checkpointDir</pre>
 */
public final class FileCrashJob {
  private FileCrashJob() {}

  public static void main(String[] args) throws Exception {
    try (Session session = Session.builder().config("sluice.sql.shuffle.partitions", "2").getOrCreate()) {
      StreamingQuery q = session.readStream().schema("id BIGINT, g INT, v STRING").option("maxFilesPerTrigger", 2)
          .json(args[0])
          .filter(col("id").mod(7).notEqual(0))
          .select(col("id"), col("g"), upper(col("v")).alias("v"))
          .writeStream().format("json").partitionBy("g").option("maxRecordsPerFile", 700)
          .option("checkpointLocation", args[2]).trigger(Trigger.AvailableNow())
          .start(args[1]);
      q.awaitTermination();
    }
    System.out.println("DONE");
  }
}
