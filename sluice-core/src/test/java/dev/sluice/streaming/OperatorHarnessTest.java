package dev.sluice.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.MemoryStream;
import dev.sluice.api.Session;
import dev.sluice.conf.SluiceConf;
import dev.sluice.state.CheckpointFileManager;
import dev.sluice.state.InMemoryStateStoreProvider;
import dev.sluice.state.StateStore;
import dev.sluice.types.Row;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness itself: that it really restores from disk, and that it catches what it is for. */
public class OperatorHarnessTest {
  Session session;
  MemoryStream events;

  @BeforeEach
  void setUp() {
    session = Session.builder().config("sluice.sql.shuffle.partitions", "2").getOrCreate();
    events = MemoryStream.create(session, "k STRING, v INT");
    events.toDF().createOrReplaceTempView("events");
  }

  @AfterEach
  void tearDown() {
    session.close();
  }

  OperatorHarness counts() {
    return OperatorHarness.of(session.sql("SELECT k, count(*) AS n FROM events GROUP BY k")).outputMode("update")
        .keyedBy("k");
  }

  @Test
  void theRestoredRunHasAMicroBatchPerRowAndRestoresEachFromFilesOnDisk(@TempDir Path dir) throws IOException {
    OperatorHarness.Report report = counts().checkpointsIn(dir)
        .batch(Row.of("a", 1), Row.of("b", 2), Row.of("a", 3))
        .expect(Row.of("a", 2L), Row.of("b", 1L))
        .noData()
        .batch(Row.of("a", 4), Row.of("c", 5))
        .expect(Row.of("a", 3L), Row.of("c", 1L))
        .run();
    assertThat(report.microBatches()).containsEntry(OperatorHarness.Run.STRAIGHT, 3)
        .containsEntry(OperatorHarness.Run.RESTORED, 6).containsEntry(OperatorHarness.Run.REPLAYED, 6);
    // The replayed run restores twice per row-batch: after the crash, and after the replay's commit.
    assertThat(report.restores()).containsEntry(OperatorHarness.Run.RESTORED, 6)
        .containsEntry(OperatorHarness.Run.REPLAYED, 12);
    // Every run kept a real checkpoint: logs, and per state partition deltas and snapshots (every 3).
    for (String run : List.of("straight", "restored", "replayed")) {
      assertThat(dir.resolve(run).resolve("commits")).isDirectory();
      assertThat(dir.resolve(run).resolve("state/0/_metadata")).exists();
    }
    assertThat(names(dir.resolve("restored/state/0/0"))).contains("1.delta", "3.snapshot", "6.delta", "6.snapshot");
  }

  @Test
  void aWrongExpectationNamesTheBatchItsInputAndTheDifference() {
    OperatorHarness h = counts()
        .batch(Row.of("a", 1))
        .expect(Row.of("a", 1L))
        .batch(Row.of("a", 2), Row.of("b", 3))
        .expect(Row.of("a", 2L), Row.of("b", 2L));
    assertThatThrownBy(h::run).isInstanceOf(AssertionError.class)
        .hasMessageContaining("Operator harness, straight through, batch 2 of 2: wrong output")
        .hasMessageContaining("input: [a,2], [b,3]")
        .hasMessageContaining("expected (in any order): [[a,2], [b,2]]")
        .hasMessageContaining("missing: [[b,2]]")
        .hasMessageContaining("unexpected: [[b,1]]")
        .hasMessageContaining("StatefulAggregate(op=0, mode=update");
  }

  @Test
  void anOperatorWhoseStateDoesNotSurviveARestoreIsCaught() {
    OperatorHarness h = counts().stateStore(Forgetful.class.getName())
        .batch(Row.of("a", 1), Row.of("a", 2))
        .expect(Row.of("a", 2L));
    assertThatThrownBy(h::run)
        .hasMessageContaining("Operator harness, restored after every row, batch 1 of 1: wrong output")
        .hasMessageContaining("output per row-batch, folded as update (last row per key [k])")
        .hasMessageContaining("0: [[a,1]]")
        .hasMessageContaining("1: [[a,1]]");
  }

  @Test
  void orderedOutputsMustComeInTheSameOrder() {
    OperatorHarness h = OperatorHarness.of(events.toDF().limit(5)).outputMode("append").ordered()
        .batch(Row.of("a", 1), Row.of("b", 2))
        .expect(Row.of("b", 2), Row.of("a", 1));
    assertThatThrownBy(h::run).hasMessageContaining("expected (in order): [[b,2], [a,1]]")
        .hasMessageContaining("(same rows, other order)");
  }

  @Test
  void misuseIsRefusedWithWhatToDo() {
    assertThatThrownBy(() -> OperatorHarness.of(session.sql("SELECT k, count(*) AS n FROM events GROUP BY k"))
        .outputMode("update").batch(Row.of("a", 1)).run())
        .hasMessageContaining("say which result columns are the key (keyedBy)");
    assertThatThrownBy(() -> OperatorHarness.of(events.toDF().dropDuplicates("k").limit(2)).outputMode("append")
        .batch(Row.of("a", 1)).run())
        .hasMessageContaining("The harness drives one stateful operator; this query has 2");
    assertThatThrownBy(() -> counts().batch(Row.of("a", 1)).watermark(java.time.Instant.ofEpochSecond(5)).run())
        .hasMessageContaining("The first batch runs with watermark 0");
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).toList();
    }
  }

  /** Keeps state in memory only: a fresh instance (a restore) starts from nothing at any version. */
  public static final class Forgetful extends InMemoryStateStoreProvider {
    public Forgetful(CheckpointFileManager files, String dir, SluiceConf conf) {}

    @Override
    public synchronized StateStore getStore(long version) {
      if (version != committedVersion()) {
        reset(version, Map.of());
      }
      return super.getStore(version);
    }
  }
}
