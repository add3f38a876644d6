package dev.sluice.streaming.ops;

import dev.sluice.api.MemoryStream;
import dev.sluice.api.Session;
import dev.sluice.streaming.OperatorHarness;
import dev.sluice.types.Row;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** StatefulAggregateExec through the snapshot/restore harness: input batches and what each emits. */
class StatefulAggregateHarnessTest {
  Session session;
  MemoryStream events;

  @BeforeEach
  void setUp() {
    session = Session.builder().config("sluice.sql.shuffle.partitions", "2").getOrCreate();
    events = MemoryStream.create(session, "k STRING, v INT, ts TIMESTAMP");
    events.toDF().createOrReplaceTempView("events");
    events.toDF().withWatermark("ts", "10 seconds").createOrReplaceTempView("timed");
  }

  @AfterEach
  void tearDown() {
    session.close();
  }

  /** The state store provider the scenarios run on; the RocksDB module runs them again on its own. */
  protected String stateStore() {
    return "memory";
  }

  OperatorHarness harness(String sql, String mode) {
    return OperatorHarness.of(session.sql(sql)).outputMode(mode).stateStore(stateStore());
  }

  static Instant t(int seconds) {
    return Instant.parse("2026-01-01T00:00:00Z").plusSeconds(seconds);
  }

  static Row e(String k, int v, int second) {
    return Row.of(k, v, t(second));
  }

  @Test
  void updateModeEmitsTheGroupsABatchTouchedWithTheirRunningValues() {
    harness("SELECT k, sum(v) AS s, count(*) AS n, avg(v) AS a FROM events GROUP BY k", "update").keyedBy("k")
        .batch(e("a", 1, 0), e("b", 10, 0), e("a", 2, 0))
        .expect(Row.of("a", 3L, 2L, 1.5), Row.of("b", 10L, 1L, 10.0))
        .batch(e("a", 4, 0))
        .expect(Row.of("a", 7L, 3L, 7 / 3.0))
        .noData()
        .expect()
        .batch(e("c", 5, 0), e("b", -10, 0))
        .expect(Row.of("b", 0L, 2L, 0.0), Row.of("c", 5L, 1L, 5.0))
        .run();
  }
}
