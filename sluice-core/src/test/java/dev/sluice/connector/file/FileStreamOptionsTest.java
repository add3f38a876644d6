package dev.sluice.connector.file;

import static dev.sluice.api.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.DataFrame;
import dev.sluice.api.Session;
import dev.sluice.api.streaming.StreamingQuery;
import dev.sluice.api.streaming.StreamingQueryProgress;
import dev.sluice.api.streaming.Trigger;
import dev.sluice.types.Row;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file source's options one by one, each as a story on real files: files arrive (written beside
 * the folder, then renamed in), the query processes them, the sink is checked, the query stops and
 * restarts from its checkpoint, and the option still holds.
 */
class FileStreamOptionsTest {
  @TempDir
  Path dir;
  Session session;
  Path in;
  Path cp;
  StreamedFolder folder;
  final long base = System.currentTimeMillis() - 24 * 3_600_000L;

  @BeforeEach
  void setUp() throws IOException {
    session = Session.builder().config("sluice.sql.shuffle.partitions", "2").getOrCreate();
    folder = new StreamedFolder(dir, base);
    in = folder.in;
    cp = dir.resolve("cp");
  }

  @AfterEach
  void tearDown() {
    session.close();
  }

  private Path arrive(String sub, String content, long mtime) throws IOException {
    return folder.arrive(sub, content, mtime);
  }

  private Path arrive(String sub, String content) throws IOException {
    return folder.arrive(sub, content);
  }

  private List<String> memory(String name) {
    return StreamedFolder.rows(session, name);
  }

  private StreamingQuery start(DataFrame df, String name) {
    return df.writeStream().format("memory").queryName(name).option("checkpointLocation", cp.toString()).start();
  }

  private static List<Long> rowsPerBatch(StreamingQuery q) {
    return q.recentProgress().stream().map(StreamingQueryProgress::numInputRows).filter(n -> n > 0).toList();
  }

  @Test
  void aFilterOnPartitionColumnsSkipsTheOtherFoldersOfEachBatch() throws IOException {
    // The files of day=1 are not JSON: reading them would stop the query (FAILFAST). A filter on the
    // partition column keeps the stream from opening them, batch after batch and after a restart.
    arrive("day=1/a.json", "not json\n");
    arrive("day=2/b.json", "{\"id\":2}\n");
    DataFrame df = session.readStream().schema("id INT").option("mode", "FAILFAST").json(in.toString());
    StreamingQuery q = start(df.filter(col("day").equalTo(2)), "pp");
    q.processAllAvailable();
    assertThat(memory("pp")).containsExactly("[2,2]");
    arrive("day=1/c.json", "still not json\n");
    arrive("day=2/d.json", "{\"id\":4}\n");
    q.processAllAvailable();
    q.stop();
    assertThat(q.exception()).isNull();
    arrive("day=1/e.json", "never json\n");
    arrive("day=2/f.json", "{\"id\":6}\n");
    StreamingQuery again = start(df.filter(col("day").equalTo(2)), "pp2");
    again.processAllAvailable();
    again.stop();
    assertThat(again.exception()).isNull();
    assertThat(memory("pp2")).containsExactly("[6,2]");
    // Without the filter the same stream reads day=1 and fails on its first file, naming it.
    StreamingQuery all = df.writeStream().format("memory").queryName("all")
        .option("checkpointLocation", dir.resolve("cp-all").toString()).start();
    assertThatThrownBy(all::processAllAvailable).hasStackTraceContaining("day=1");
  }

  @Test
  void maxBytesPerTriggerLimitsEachBatchButAlwaysTakesOneFile() throws IOException {
    // Each file is one 10-byte line; 25 bytes allow two files per batch.
    for (int i = 0; i < 5; i++) {
      arrive("f" + i + ".txt", "line-" + i + "xxx\n");
    }
    StreamingQuery q = session.readStream().option("maxBytesPerTrigger", "25b").text(in.toString()).writeStream()
        .format("memory").queryName("b").trigger(Trigger.AvailableNow()).option("checkpointLocation", cp.toString())
        .start();
    q.awaitTermination(30_000);
    assertThat(rowsPerBatch(q)).containsExactly(2L, 2L, 1L);
    assertThat(memory("b")).hasSize(5);
    // After a restart a file bigger than the limit is still read (a batch takes at least one file),
    // and only the new files are read.
    arrive("big.txt", "a".repeat(100) + "\n" + "b".repeat(100) + "\n");
    arrive("small.txt", "tail\n");
    StreamingQuery q2 = session.readStream().option("maxBytesPerTrigger", "25b").text(in.toString()).writeStream()
        .format("memory").queryName("b2").trigger(Trigger.AvailableNow()).option("checkpointLocation", cp.toString())
        .start();
    q2.awaitTermination(30_000);
    assertThat(rowsPerBatch(q2)).containsExactly(2L, 1L);
    assertThat(memory("b2")).containsExactly("[" + "a".repeat(100) + "]", "[" + "b".repeat(100) + "]", "[tail]");
    assertThatThrownBy(() -> session.readStream().option("maxBytesPerTrigger", "lots").text(in.toString())
        .writeStream().format("memory").queryName("bad").start()).hasMessageContaining("maxBytesPerTrigger");
    assertThatThrownBy(() -> session.readStream().option("maxBytesPerTrigger", "0").text(in.toString())
        .writeStream().format("memory").queryName("bad").start()).hasMessageContaining("maxBytesPerTrigger");
    assertThatThrownBy(() -> session.readStream().option("maxFilesPerTrigger", "0").text(in.toString())
        .writeStream().format("memory").queryName("bad").start()).hasMessageContaining("maxFilesPerTrigger")
        .hasMessageContaining("positive");
  }

  @Test
  void fileNameOnlyTreatsTheSameNameInAnotherFolderAsSeen() throws IOException {
    arrive("x/data.txt", "first\n");
    StreamingQuery q = start(session.readStream().option("fileNameOnly", true).option("recursiveFileLookup", true)
        .text(in.toString()), "n");
    q.processAllAvailable();
    assertThat(memory("n")).containsExactly("[first]");
    arrive("y/data.txt", "same name elsewhere\n");
    arrive("y/other.txt", "other\n");
    q.processAllAvailable();
    assertThat(memory("n")).containsExactly("[first]", "[other]");
    q.stop();
    // The names seen survive a restart.
    arrive("z/data.txt", "again\n");
    arrive("z/new.txt", "new\n");
    StreamingQuery q2 = start(session.readStream().option("fileNameOnly", true).option("recursiveFileLookup", true)
        .text(in.toString()), "n2");
    q2.processAllAvailable();
    q2.stop();
    assertThat(memory("n2")).containsExactly("[new]");
    // Without the option the full path is the identity: the three data.txt are three files.
    StreamingQuery all = session.readStream().option("recursiveFileLookup", true).text(in.toString()).writeStream()
        .format("memory").queryName("all").start();
    all.processAllAvailable();
    all.stop();
    assertThat(memory("all")).containsExactly("[again]", "[first]", "[new]", "[other]", "[same name elsewhere]");
  }

  @Test
  void maxFileAgeIgnoresFilesOlderThanTheNewestSeenAlsoAfterARestart() throws IOException {
    long newest = base + 10 * 3_600_000L;
    // The first batch takes every file, however old.
    arrive("ancient.txt", "ancient\n", base);
    arrive("now.txt", "now\n", newest);
    StreamingQuery q = start(session.readStream().option("maxFileAge", "1h").text(in.toString()), "a");
    q.processAllAvailable();
    assertThat(memory("a")).containsExactly("[ancient]", "[now]");
    // Later, a file older than the newest seen minus maxFileAge is ignored; a younger one is read.
    arrive("stale.txt", "stale\n", newest - 2 * 3_600_000L);
    arrive("recent.txt", "recent\n", newest - 30 * 60_000L);
    q.processAllAvailable();
    assertThat(memory("a")).containsExactly("[ancient]", "[now]", "[recent]");
    q.stop();
    // After a restart the age limit still holds.
    arrive("stale2.txt", "stale2\n", newest - 3 * 3_600_000L);
    arrive("fresh.txt", "fresh\n", newest + 1000);
    StreamingQuery q2 = start(session.readStream().option("maxFileAge", "1h").text(in.toString()), "a2");
    q2.processAllAvailable();
    q2.stop();
    assertThat(memory("a2")).containsExactly("[fresh]");
  }

  /**
   * The source log's compaction forgets files older than maxFileAge; after a restart they are still in
   * the folder and must not be read again.
   */
  @Test
  void aRestartAfterACompactionDoesNotReReadFilesOlderThanMaxFileAge() throws IOException {
    arrive("old.txt", "old\n", base);
    StreamingQuery q = start(session.readStream().option("maxFileAge", "1h").text(in.toString()), "c");
    q.processAllAvailable();
    for (int i = 0; i < FileSourceLog.COMPACT_INTERVAL; i++) {
      arrive("f" + i + ".txt", "f" + i + "\n", base + 2 * 3_600_000L + i * 1000L);
      q.processAllAvailable();
    }
    q.stop();
    assertThat(cp.resolve("sources/0/" + (FileSourceLog.COMPACT_INTERVAL - 1) + ".compact")).exists();
    assertThat(memory("c")).hasSize(FileSourceLog.COMPACT_INTERVAL + 1);
    arrive("last.txt", "last\n", base + 3 * 3_600_000L);
    StreamingQuery q2 = start(session.readStream().option("maxFileAge", "1h").text(in.toString()), "c2");
    q2.processAllAvailable();
    q2.stop();
    assertThat(memory("c2")).containsExactly("[last]");
  }

  @Test
  void latestFirstWithMaxFilesPerTriggerIgnoresMaxFileAgeAsInSpark() throws IOException {
    long newest = base + 10 * 3_600_000L;
    arrive("old.txt", "old\n", base);
    arrive("new.txt", "new\n", newest);
    StreamingQuery q = session.readStream().option("latestFirst", true).option("maxFilesPerTrigger", 1)
        .option("maxFileAge", "1h").text(in.toString()).writeStream().format("memory").queryName("lf")
        .trigger(Trigger.AvailableNow()).option("checkpointLocation", cp.toString()).start();
    q.awaitTermination(30_000);
    // The newest first; the old file is still read (with maxFileAge it would be dropped after batch 0).
    assertThat(q.recentProgress().stream().filter(p -> p.numInputRows() > 0).count()).isEqualTo(2);
    assertThat(memory("lf")).containsExactly("[new]", "[old]");
    List<Row> rows = session.table("lf").collectAsList();
    assertThat(rows.get(0).getString(0)).isEqualTo("new");
  }

  @Test
  void recursiveFileLookupReadsSubfoldersWithoutPartitionColumns() throws IOException {
    arrive("day=1/a.json", "{\"id\":1}\n");
    arrive("day=2/deeper/b.json", "{\"id\":2}\n");
    DataFrame plain = session.readStream().schema("id INT").json(in.toString());
    assertThat(plain.schema().toDDL()).isEqualTo("id INT, day INT");
    DataFrame df = session.readStream().schema("id INT").option("recursiveFileLookup", true).json(in.toString());
    assertThat(df.schema().toDDL()).isEqualTo("id INT");
    StreamingQuery q = start(df, "r");
    q.processAllAvailable();
    assertThat(memory("r")).containsExactly("[1]", "[2]");
    q.stop();
    arrive("x/y/z/c.json", "{\"id\":3}\n");
    StreamingQuery q2 = start(session.readStream().schema("id INT").option("recursiveFileLookup", true)
        .json(in.toString()), "r2");
    q2.processAllAvailable();
    q2.stop();
    assertThat(memory("r2")).containsExactly("[3]");
    // The batch reader takes the option too.
    assertThat(session.read().schema("id INT").option("recursiveFileLookup", true).json(in.toString()).schema()
        .toDDL()).isEqualTo("id INT");
    assertThat(session.read().schema("id INT").option("recursiveFileLookup", true).json(in.toString()).count())
        .isEqualTo(3);
  }

  @Test
  void cleanSourceDeleteRemovesProcessedFilesAcrossRestarts() throws IOException {
    Path a = arrive("a.txt", "x\n");
    Path b = arrive("sub/b.txt", "y\n");
    StreamingQuery q = start(session.readStream().option("cleanSource", "delete").text(in.toString()), "d");
    q.processAllAvailable();
    q.stop();
    assertThat(memory("d")).containsExactly("[x]", "[y]");
    assertThat(a).doesNotExist();
    assertThat(b).doesNotExist();
    Path c = arrive("c.txt", "z\n");
    StreamingQuery q2 = start(session.readStream().option("cleanSource", "delete").text(in.toString()), "d2");
    q2.processAllAvailable();
    q2.stop();
    assertThat(memory("d2")).containsExactly("[z]");
    assertThat(c).doesNotExist();
  }

  @Test
  void cleanSourceOffIsTheDefaultAndLeavesFilesInPlace() throws IOException {
    Path a = arrive("a.txt", "x\n");
    StreamingQuery q = start(session.readStream().text(in.toString()), "o");
    q.processAllAvailable();
    q.stop();
    Path b = arrive("b.txt", "y\n");
    StreamingQuery q2 = start(session.readStream().option("cleanSource", "off").text(in.toString()), "o2");
    q2.processAllAvailable();
    q2.stop();
    assertThat(memory("o")).containsExactly("[x]");
    assertThat(memory("o2")).containsExactly("[y]");
    assertThat(a).exists();
    assertThat(b).exists();
    assertThatThrownBy(() -> session.readStream().option("cleanSource", "move").text(in.toString()).writeStream()
        .format("memory").queryName("bad").start()).hasMessageContaining("cleanSource");
    assertThatThrownBy(() -> session.readStream().option("cleanSource", "archive").text(in.toString())
        .writeStream().format("memory").queryName("bad2").start()).hasMessageContaining("sourceArchiveDir");
  }

  @Test
  void cleanSourceArchiveMovesTheFilesOfEveryBatchAcrossRestarts() throws IOException {
    Path archive = dir.resolve("archive");
    arrive("a.txt", "x\n");
    StreamingQuery q = start(session.readStream().option("cleanSource", "archive")
        .option("sourceArchiveDir", archive.toString()).text(in.toString()), "c");
    q.processAllAvailable();
    q.stop();
    arrive("sub/b.txt", "y\n");
    StreamingQuery q2 = start(session.readStream().option("cleanSource", "archive")
        .option("sourceArchiveDir", archive.toString()).text(in.toString()), "c2");
    q2.processAllAvailable();
    q2.stop();
    assertThat(memory("c")).containsExactly("[x]");
    assertThat(memory("c2")).containsExactly("[y]");
    assertThat(in.resolve("a.txt")).doesNotExist();
    assertThat(in.resolve("sub/b.txt")).doesNotExist();
    assertThat(archive.resolve("a.txt")).hasContent("x");
    assertThat(archive.resolve("sub/b.txt")).hasContent("y");
  }

  /**
   * A query stopped after a batch's commit log entry but before its files were cleaned (here: it ran
   * with cleanSource off) cleans them at the first commit after the restart, as Spark does.
   */
  @Test
  void cleanSourceAfterARestartAlsoCleansTheLastBatchCommittedBeforeIt() throws IOException {
    Path archive = dir.resolve("archive");
    Path a = arrive("a.txt", "x\n");
    StreamingQuery q = start(session.readStream().text(in.toString()), "k");
    q.processAllAvailable();
    q.stop();
    assertThat(a).exists();
    Path b = arrive("b.txt", "y\n");
    StreamingQuery q2 = start(session.readStream().option("cleanSource", "archive")
        .option("sourceArchiveDir", archive.toString()).text(in.toString()), "k2");
    q2.processAllAvailable();
    q2.stop();
    assertThat(memory("k2")).containsExactly("[y]");
    assertThat(a).doesNotExist();
    assertThat(b).doesNotExist();
    assertThat(archive.resolve("a.txt")).hasContent("x");
    assertThat(archive.resolve("b.txt")).hasContent("y");
  }

  /**
   * A query that fails after its sink wrote a batch but before the batch is in the commit log must
   * find the batch's files again when it restarts: cleanSource moves them only once the batch is
   * committed, so the replayed batch reads them and the exactly-once sink holds each row once.
   */
  @Test
  void cleanSourceWaitsForTheCommitLogSoAReplayedBatchFindsItsFiles() throws IOException {
    Path archive = dir.resolve("archive");
    Path out = dir.resolve("out");
    arrive("a.txt", "x\n");
    StreamingQuery q = session.readStream().option("cleanSource", "archive")
        .option("sourceArchiveDir", archive.toString()).text(in.toString()).writeStream().format("text")
        .option("checkpointLocation", cp.toString()).start(out.toString());
    q.processAllAvailable();
    // Something is already where the commit log entry of batch 1 goes: writing it fails, as a crash
    // just before it would leave things.
    Files.writeString(cp.resolve("commits/1"), "in the way");
    Path b = arrive("b.txt", "y\n");
    assertThatThrownBy(q::processAllAvailable).isNotNull();
    assertThat(q.isActive()).isFalse();
    assertThat(b).exists(); // batch 1 is not committed: its file stays
    Files.delete(cp.resolve("commits/1"));
    StreamingQuery q2 = session.readStream().option("cleanSource", "archive")
        .option("sourceArchiveDir", archive.toString()).text(in.toString()).writeStream().format("text")
        .option("checkpointLocation", cp.toString()).start(out.toString());
    q2.processAllAvailable();
    q2.stop();
    List<String> rows = new ArrayList<>();
    session.read().text(out.toString()).collectAsList().forEach(r -> rows.add(r.toString()));
    rows.sort(null);
    assertThat(rows).containsExactly("[x]", "[y]");
    assertThat(b).doesNotExist();
    assertThat(archive.resolve("b.txt")).hasContent("y");
  }
}
