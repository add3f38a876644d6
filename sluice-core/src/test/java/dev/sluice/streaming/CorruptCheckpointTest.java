package dev.sluice.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.DataFrame;
import dev.sluice.api.MemoryStream;
import dev.sluice.api.Session;
import dev.sluice.api.streaming.StreamingQuery;
import dev.sluice.errors.SluiceException;
import dev.sluice.types.Row;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every kind of checkpoint file, truncated, garbled or deleted, makes the restart fail with a message
 * that names the file and the problem; nothing is silently reset.
 */
class CorruptCheckpointTest {
  @TempDir
  Path dir;
  Session session;
  MemoryStream events;

  @BeforeEach
  void setUp() {
    session = Session.builder().config("sluice.sql.shuffle.partitions", "2")
        .config("sluice.sql.streaming.stateStore.minDeltasForSnapshot", "2").getOrCreate();
    events = MemoryStream.create(session, "k STRING, v INT");
  }

  @AfterEach
  void tearDown() {
    session.close();
  }

  private DataFrame query() {
    return events.toDF().groupBy("k").count();
  }

  private StreamingQuery start(DataFrame df) {
    return df.writeStream().outputMode("update").format("memory").queryName("q" + System.nanoTime())
        .option("checkpointLocation", dir.toString()).start();
  }

  /** Three committed batches with state. */
  private void runThreeBatches() {
    StreamingQuery q = start(query());
    for (int i = 0; i < 3; i++) {
      events.addData(Row.of("a", i), Row.of("b" + i, i));
      q.processAllAvailable();
    }
    q.stop();
  }

  private void expectRefusal(Path file, String problem) {
    assertThatThrownBy(() -> {
      StreamingQuery q = start(query());
      q.processAllAvailable();
      q.stop();
    }).satisfies(e -> {
      Throwable t = e instanceof dev.sluice.api.streaming.StreamingQueryException ? e.getCause() : e;
      assertThat(t).isInstanceOf(SluiceException.class);
      assertThat(t.getMessage()).contains(file.getFileName().toString()).containsIgnoringCase(problem)
          .contains("never silently resets").doesNotContainIgnoringCase("nullpointer");
    });
  }

  private static void truncate(Path f) throws IOException {
    Files.write(f, new byte[0]);
  }

  private static void garble(Path f) throws IOException {
    byte[] b = Files.readAllBytes(f);
    for (int i = 0; i < b.length; i += 3) {
      b[i] = (byte) (b[i] ^ 0x5a);
    }
    Files.write(f, b);
  }

  private Path stateFile(String suffix) throws IOException {
    try (Stream<Path> s = Files.walk(dir.resolve("state"))) {
      return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().reduce((a, b) -> b).orElseThrow();
    }
  }

  @Test
  void truncatedOffsetLog() throws IOException {
    runThreeBatches();
    truncate(dir.resolve("offsets/2"));
    expectRefusal(dir.resolve("offsets/2"), "empty");
  }

  @Test
  void garbledOffsetLog() throws IOException {
    runThreeBatches();
    garble(dir.resolve("offsets/2"));
    expectRefusal(dir.resolve("offsets/2"), "corrupt");
  }

  @Test
  void offsetLogFromANewerVersion() throws IOException {
    runThreeBatches();
    Path f = dir.resolve("offsets/2");
    String s = Files.readString(f).replaceFirst("v1", "v9");
    Files.writeString(f, s);
    expectRefusal(f, "newer");
  }

  @Test
  void missingOffsetLogEntry() throws IOException {
    runThreeBatches();
    Files.delete(dir.resolve("offsets/2"));
    expectRefusal(dir.resolve("commits/2"), "missing");
  }

  @Test
  void garbledCommitLog() throws IOException {
    runThreeBatches();
    Files.writeString(dir.resolve("commits/2"), "v1\n{not json");
    expectRefusal(dir.resolve("commits/2"), "not valid JSON");
  }

  @Test
  void garbledQueryMetadata() throws IOException {
    runThreeBatches();
    Files.writeString(dir.resolve("metadata"), "garbage", StandardCharsets.UTF_8);
    expectRefusal(dir.resolve("metadata"), "parsed");
  }

  @Test
  void truncatedStateDelta() throws IOException {
    runThreeBatches();
    Path f = stateFile(".delta");
    Files.write(f, java.util.Arrays.copyOf(Files.readAllBytes(f), 10));
    expectRefusal(f, "truncated");
  }

  @Test
  void garbledStateSnapshot() throws IOException {
    runThreeBatches();
    Path f = stateFile(".snapshot");
    garble(f);
    expectRefusal(f, "corrupt");
  }

  @Test
  void deletedStateDelta() throws IOException {
    runThreeBatches();
    Path f = stateFile("3.delta");
    Files.delete(f);
    expectRefusal(f, "missing");
  }

  @Test
  void changedGroupingKeysAreRefused() {
    runThreeBatches();
    DataFrame other = events.toDF().groupBy("k", "v").count();
    assertThatThrownBy(() -> {
      StreamingQuery q = start(other);
      events.addData(Row.of("z", 1));
      q.processAllAvailable();
      q.stop();
    }).satisfies(e -> assertThat(e.getCause() != null ? e.getCause().getMessage() : e.getMessage())
        .contains("_metadata").contains("changed").contains("[string]").contains("[string, int]"));
  }

  /**
   * Each file of the checkpoint layout, deleted, emptied or garbled: the restart is refused naming the
   * file, or (where nothing is lost: the newest commit, a snapshot the deltas rebuild, the lock)
   * continues exactly as an uninterrupted run would. Never a silent reset, never a raw Java exception.
   */
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "metadata, delete, refused", "metadata, truncate, refused", "metadata, garble, refused",
      "offsets/2, delete, refused", "offsets/2, truncate, refused", "offsets/2, garble, refused",
      "commits/2, delete, resumes", "commits/2, truncate, refused", "commits/2, garble, refused",
      "state/0/_metadata, delete, refused", "state/0/_metadata, truncate, refused",
      "state/0/_metadata, garble, refused",
      ".delta, delete, refused", ".delta, truncate, refused", ".delta, garble, refused",
      ".snapshot, delete, resumes", ".snapshot, truncate, refused", ".snapshot, garble, refused",
      "lock, delete, resumes", "lock, truncate, resumes", "lock, garble, resumes"})
  void everyFileOfTheLayoutDamagedEveryWay(String file, String damage, String outcome) throws IOException {
    runThreeBatches();
    Path f = file.startsWith(".") ? newestStateFile(file) : dir.resolve(file);
    assertThat(f).exists();
    switch (damage) {
      case "delete" -> Files.delete(f);
      case "truncate" -> truncate(f);
      default -> garble(f);
    }
    if (outcome.equals("refused")) {
      expectRefusal(f, "");
      return;
    }
    StreamingQuery q = start(query());
    events.addData(Row.of("a", 9));
    q.processAllAvailable();
    q.stop();
    assertThat(q.exception()).isNull();
    // As an uninterrupted run: keys a, b0, b1, b2 in state, and a counted four times.
    assertThat(q.lastProgress().stateOperators().get(0).numRowsTotal()).isEqualTo(4);
    List<Row> out = session.table(q.name()).collectAsList();
    assertThat(out.get(out.size() - 1)).isEqualTo(Row.of("a", 4L));
  }

  /** The newest state file with this suffix of partition 0 (its deltas and snapshots). */
  private Path newestStateFile(String suffix) throws IOException {
    try (Stream<Path> s = Files.list(dir.resolve("state/0/0"))) {
      return s.filter(p -> p.getFileName().toString().endsWith(suffix))
          .max(java.util.Comparator.comparingLong(p -> Long.parseLong(p.getFileName().toString().split("\\.")[0])))
          .orElseThrow();
    }
  }

  @Test
  void anIntactCheckpointRestartsAndContinues() {
    runThreeBatches();
    StreamingQuery q = start(query());
    events.addData(Row.of("a", 9));
    q.processAllAvailable();
    q.stop();
    assertThat(q.lastProgress().stateOperators().get(0).numRowsTotal()).isEqualTo(4);
    assertThat(q.lastProgress().batchId()).as("continues after the three batches").isEqualTo(3);
    assertThat(q.lastProgress().numInputRows()).isEqualTo(1);
  }
}
