package dev.sluice.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.MemoryStream;
import dev.sluice.api.Session;
import dev.sluice.api.streaming.StreamingQuery;
import dev.sluice.types.Row;
import org.junit.jupiter.api.Test;

/**
 * Engine behaviour the DSL relies on when it stops and restarts queries: once {@code stop()}
 * returns, the query is gone from {@code streams().active()}, so a query with the same name can start.
 */
class QueryLifecycleTest {
  @Test
  void aStoppedQueryIsNoLongerActiveWhenStopReturns() {
    try (Session session = Session.builder().config("sluice.sql.shuffle.partitions", "1").getOrCreate()) {
      MemoryStream events = MemoryStream.create(session, "n INT");
      events.addData(Row.of(1));
      for (int i = 0; i < 200; i++) {
        StreamingQuery q = events.toDF().writeStream().format("memory").queryName("restarted").start();
        q.stop();
        assertThat(session.streams().active()).as("active queries right after stop(), round %d", i).isEmpty();
      }
    }
  }
}
