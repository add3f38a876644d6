package dev.sluice.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.MemoryStream;
import dev.sluice.api.Session;
import dev.sluice.api.streaming.StreamingQuery;
import dev.sluice.types.Row;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Old log entries and state files beyond sluice.sql.streaming.minBatchesToRetain are cleaned. */
class CheckpointRetentionTest {
  @Test
  void oldLogsAndStateFilesAreDeletedAndTheQueryStillRestarts(@TempDir Path dir) throws IOException {
    try (Session s = Session.builder().config("sluice.sql.shuffle.partitions", "1")
        .config("sluice.sql.streaming.minBatchesToRetain", "5")
        .config("sluice.sql.streaming.stateStore.minDeltasForSnapshot", "2").getOrCreate()) {
      MemoryStream m = MemoryStream.create(s, "k INT");
      StreamingQuery q = m.toDF().groupBy("k").count().writeStream().outputMode("complete").format("memory")
          .queryName("c").option("checkpointLocation", dir.toString()).start();
      for (int i = 0; i < 31; i++) {
        m.addData(Row.of(i % 3));
        q.processAllAvailable();
      }
      q.stop();
      assertThat(count(dir.resolve("offsets"))).isLessThanOrEqualTo(15);
      assertThat(dir.resolve("offsets/0")).doesNotExist();
      assertThat(count(dir.resolve("state/0/0"))).isLessThanOrEqualTo(12);
      assertThat(dir.resolve("state/0/0/1.delta")).doesNotExist();
      m.addData(Row.of(0));
      StreamingQuery again = m.toDF().groupBy("k").count().writeStream().outputMode("complete").format("memory")
          .queryName("d").option("checkpointLocation", dir.toString()).start();
      again.processAllAvailable();
      again.stop();
      assertThat(s.table("d").orderBy("k").collectAsList()).containsExactly(Row.of(0, 12L), Row.of(1, 10L),
          Row.of(2, 10L));
    }
  }

  private static long count(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.filter(p -> !p.getFileName().toString().startsWith(".")).count();
    }
  }
}
