package dev.sluice.streaming.ops;

import static dev.sluice.api.functions.col;

import dev.sluice.api.MemoryStream;
import dev.sluice.streaming.OperatorHarness;
import dev.sluice.types.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * StreamingLimitExec ({@code limit(n)} on a stream, append mode) through the snapshot/restore harness:
 * the first n rows of the whole stream in arrival order, whatever the batches; the number emitted so
 * far is its state.
 */
public class StreamingLimitHarnessTest extends HarnessScenarios {
  MemoryStream events;

  @BeforeEach
  void setUp() {
    events = MemoryStream.create(session, "k STRING, v INT");
  }

  @Test
  void theFirstRowsOfTheStreamPassInArrivalOrderThenNothing() {
    OperatorHarness.of(events.toDF().limit(3)).outputMode("append").configure(this::onStateStore).ordered()
        .batch(Row.of("a", 1), Row.of("b", 2))
        .expect(Row.of("a", 1), Row.of("b", 2))
        .expectStateRows(1)
        .noData()
        .expect()
        // Five rows: the memory source splits them into two input partitions; the limit reads them in order.
        .batch(Row.of("c", 3), Row.of("d", 4), Row.of("e", 5), Row.of("f", 6), Row.of("g", 7))
        .expect(Row.of("c", 3))
        .batch(Row.of("h", 8))
        .expect()
        .run();
  }

  @Test
  void aLimitOverAFilterCountsOnlyTheRowsThatPass() {
    OperatorHarness.of(events.toDF().filter(col("v").gt(10)).limit(2)).outputMode("append")
        .configure(this::onStateStore).ordered()
        .batch(Row.of("a", 1), Row.of("b", 20), Row.of("c", 2))
        .expect(Row.of("b", 20))
        .batch(Row.of("d", 3), Row.of("e", 30), Row.of("f", 40))
        .expect(Row.of("e", 30))
        .run();
  }

  @Test
  void limitZeroEmitsNothing() {
    OperatorHarness.of(events.toDF().limit(0)).outputMode("append").configure(this::onStateStore)
        .batch(Row.of("a", 1))
        .expect()
        .run();
  }
}
