package dev.sluice.kafka.crash;

import dev.sluice.api.Session;
import dev.sluice.api.streaming.StreamingQuery;
import dev.sluice.api.streaming.Trigger;

/**
 * The job the Kafka crash test kills: reads the input topic from the start in small batches, keeps
 * the records whose value does not end in 0, rewrites them, and writes them to the output topic with
 * the exactly-once sink. Runs until all input is read (AvailableNow), then prints DONE.
 *
 * <pre>args: bootstrapServers inputTopic outputTopic checkpointDir maxOffsetsPerTrigger</pre>
 */
public final class KafkaCrashJob {
  private KafkaCrashJob() {}

  public static void main(String[] args) throws Exception {
    try (Session session = Session.builder().config("sluice.sql.shuffle.partitions", "2").getOrCreate()) {
      StreamingQuery q = session.readStream().format("kafka").option("kafka.bootstrap.servers", args[0])
          .option("subscribe", args[1]).option("startingOffsets", "earliest").option("maxOffsetsPerTrigger", args[4])
          .load()
          .selectExpr("key", "CAST(value AS STRING) AS v")
          .where("v NOT LIKE '%0'")
          .selectExpr("key", "concat('seen-', v) AS value")
          .writeStream().format("kafka").option("kafka.bootstrap.servers", args[0]).option("topic", args[2])
          .option("exactlyOnce", "true").option("checkpointLocation", args[3])
          .trigger(Trigger.AvailableNow()).start();
      q.awaitTermination();
    }
    System.out.println("DONE");
  }
}
