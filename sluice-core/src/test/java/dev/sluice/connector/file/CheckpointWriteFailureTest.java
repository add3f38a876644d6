package dev.sluice.connector.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.Session;
import dev.sluice.api.streaming.StreamingQuery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failure to write under the checkpoint (a full disk; here its folder replaced by a file) names the
 * checkpoint file that could not be written and says it is a write, instead of being reported as an
 * error reading the input folder.
 */
class CheckpointWriteFailureTest {
  @TempDir
  Path dir;
  Session session;

  @BeforeEach
  void setUp() {
    session = Session.builder().config("sluice.sql.shuffle.partitions", "1").getOrCreate();
  }

  @AfterEach
  void tearDown() {
    session.close();
  }

  @Test
  void theFileSourceLogThatCannotBeWrittenIsNamed() throws IOException {
    StreamedFolder f = new StreamedFolder(dir, System.currentTimeMillis() - 3_600_000L);
    f.arrive("a.json", "{\"a\":1}\n");
    Path cp = dir.resolve("cp");
    StreamingQuery q = session.readStream().schema("a INT").json(f.in.toString()).writeStream().format("memory")
        .queryName("out").option("checkpointLocation", cp.toString()).start();
    try {
      q.processAllAvailable();
      Path sourceLog = cp.resolve("sources").resolve("0");
      assertThat(sourceLog).isDirectory();
      try (Stream<Path> s = Files.walk(sourceLog)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
      Files.writeString(sourceLog, "not a folder any more");
      f.arrive("b.json", "{\"a\":2}\n");
      assertThatThrownBy(q::processAllAvailable)
          .hasMessageContaining("writ")
          .hasMessageContaining(sourceLog.toString())
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("listing new files failed"));
    } finally {
      q.stop();
    }
  }

  @Test
  void aStateFileThatCannotBeWrittenIsNamed() throws IOException {
    dev.sluice.api.MemoryStream in = dev.sluice.api.MemoryStream.create(session, "k BIGINT");
    Path cp = dir.resolve("cp");
    StreamingQuery q = in.toDF().groupBy("k").count().writeStream().format("memory").queryName("counts")
        .outputMode("update").option("checkpointLocation", cp.toString()).start();
    try {
      in.addData(dev.sluice.types.Row.of(1L));
      q.processAllAvailable();
      Path partition;
      try (Stream<Path> s = Files.walk(cp.resolve("state"))) {
        partition = s.filter(p -> p.toString().endsWith(".delta")).findFirst().orElseThrow().getParent();
      }
      try (Stream<Path> s = Files.walk(partition)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
      Files.writeString(partition, "not a folder any more");
      in.addData(dev.sluice.types.Row.of(2L));
      assertThatThrownBy(q::processAllAvailable).hasMessageContaining("CHECKPOINT_WRITE_FAILED")
          .hasMessageContaining(partition.toString()).hasMessageContaining("free space");
    } finally {
      q.stop();
    }
  }
}
