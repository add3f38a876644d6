package dev.sluice.bench;

import static dev.sluice.api.functions.col;

import dev.sluice.api.MemoryStream;
import dev.sluice.api.Session;
import dev.sluice.api.streaming.StreamingQuery;
import dev.sluice.types.Row;
import java.util.concurrent.CountDownLatch;

/** Child-JVM probe: time from creating a Session to the first micro-batch's output. */
final class StartupProbe {
  private StartupProbe() {}

  public static void main(String[] args) throws Exception {
    long launched = Long.parseLong(args[1]);
    long t0 = System.nanoTime();
    CountDownLatch first = new CountDownLatch(1);
    try (Session session = Session.builder().getOrCreate()) {
      MemoryStream events = MemoryStream.create(session, "word STRING, n INT");
      events.addData(Row.of("a", 1), Row.of("b", 2), Row.of("a", 3));
      StreamingQuery q = events.toDF().groupBy(col("word")).count().writeStream().outputMode("update")
          .foreachBatch((df, id) -> {
            if (!df.collectAsList().isEmpty()) {
              first.countDown();
            }
          }).start();
      first.await();
      long ms = (System.nanoTime() - t0) / 1_000_000;
      System.out.println("FIRST_BATCH_MS " + ms + " " + (System.currentTimeMillis() - launched));
      q.stop();
    }
  }
}
