package dev.sluice.connector.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.connector.InputPartition;
import dev.sluice.connector.LongOffset;
import dev.sluice.vector.ColumnBatch;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The rate source's arithmetic, without waiting for wall-clock seconds. */
class RateSourceTest {

  @Test
  void rampUpGrowsTheSpeedLikeSparks() {
    RateSourceProvider.RateSource rate = new RateSourceProvider.RateSource(10, 4, 1, null, Map.of());
    // Spark's RateStreamProvider.valueAtSecond for rowsPerSecond=10, rampUpTime=4s.
    assertThat(LongStream.rangeClosed(0, 6).map(rate::valueAtSecond).toArray())
        .containsExactly(0, 2, 6, 12, 20, 30, 40);
    RateSourceProvider.RateSource flat = new RateSourceProvider.RateSource(10, 0, 1, null, Map.of());
    assertThat(LongStream.rangeClosed(0, 3).map(flat::valueAtSecond).toArray()).containsExactly(0, 10, 20, 30);
  }

  @Test
  void eachBatchIsSplitIntoNumPartitions() {
    RateSourceProvider.RateSource rate = new RateSourceProvider.RateSource(10, 4, 3, null, Map.of());
    List<InputPartition> parts = rate.planInputPartitions(new LongOffset(1), new LongOffset(3));
    assertThat(parts).hasSize(3);
    List<Long> all = new ArrayList<>();
    long previousTimestamp = Long.MIN_VALUE;
    for (InputPartition p : parts) {
      List<Long> values = new ArrayList<>();
      for (Iterator<ColumnBatch> it = p.read(); it.hasNext(); ) {
        for (Object[] row : it.next().rows()) {
          values.add((Long) row[1]);
        }
      }
      assertThat(values).isNotEmpty();
      all.addAll(values);
    }
    // Seconds 1..3 of the ramp-up: values [2, 12).
    assertThat(all).containsExactlyInAnyOrder(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
  }
}
