package dev.sluice.connector.file;

import static dev.sluice.api.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.DataFrame;
import dev.sluice.api.Session;
import dev.sluice.api.streaming.StreamingQuery;
import dev.sluice.api.streaming.StreamingQueryProgress;
import dev.sluice.api.streaming.Trigger;
import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File streams as users run them: files arrive in a folder (written elsewhere, then moved in), the
 * query picks them up, stops, restarts from its checkpoint, and neither re-reads nor skips a file;
 * the file sink commits each batch once.
 */
class FileStreamTest {
  @TempDir
  Path dir;
  Session session;
  Path in;
  StreamedFolder folder;

  @BeforeEach
  void setUp() throws IOException {
    session = Session.builder().config("sluice.sql.shuffle.partitions", "2").getOrCreate();
    folder = new StreamedFolder(dir, System.currentTimeMillis() - 3_600_000L);
    in = folder.in;
  }

  @AfterEach
  void tearDown() {
    session.close();
  }

  private Path arrive(String sub, String content) throws IOException {
    return folder.arrive(sub, content);
  }

  private List<String> memory(String name) {
    return StreamedFolder.rows(session, name);
  }

  private StreamingQuery toMemory(DataFrame df, String name, Path checkpoint) {
    return df.writeStream().format("memory").queryName(name).option("checkpointLocation", checkpoint.toString())
        .start();
  }

  @Test
  void newFilesAreReadOnceAcrossRestarts() throws IOException {
    arrive("a.json", "{\"id\":1,\"s\":\"a\"}\n{\"id\":2,\"s\":\"b\"}\n");
    Path cp = dir.resolve("cp");
    DataFrame df = session.readStream().schema("id INT, s STRING").json(in.toString());
    StreamingQuery q = toMemory(df, "out", cp);
    q.processAllAvailable();
    assertThat(memory("out")).containsExactly("[1,a]", "[2,b]");
    arrive("b.json", "{\"id\":3,\"s\":\"c\"}\n");
    q.processAllAvailable();
    assertThat(memory("out")).containsExactly("[1,a]", "[2,b]", "[3,c]");
    q.stop();
    // Restart: the files seen are in the checkpoint; only the new one is read.
    arrive("c.json", "{\"id\":4,\"s\":\"d\"}\n");
    StreamingQuery q2 = toMemory(session.readStream().schema("id INT, s STRING").json(in.toString()), "out2", cp);
    q2.processAllAvailable();
    assertThat(memory("out2")).containsExactly("[4,d]");
    q2.stop();
  }

  @Test
  void aStreamNeedsASchemaUnlessInferenceIsOn() throws IOException {
    arrive("a.json", "{\"id\":1}\n");
    assertThatThrownBy(() -> session.readStream().json(in.toString())).isInstanceOf(SluiceException.class)
        .satisfies(e -> assertThat(((SluiceException) e).errorClass()).isEqualTo(ErrorClass.UNABLE_TO_INFER_SCHEMA))
        .hasMessageContaining("sluice.sql.streaming.schemaInference");
    session.conf().set("sluice.sql.streaming.schemaInference", "true");
    assertThat(session.readStream().json(in.toString()).schema().toDDL()).isEqualTo("id BIGINT");
    // text has a fixed schema
    assertThat(session.readStream().text(in.toString()).schema().toDDL()).isEqualTo("value STRING");
  }

  @Test
  void maxFilesPerTriggerAndLatestFirst() throws IOException {
    for (int i = 0; i < 5; i++) {
      arrive("f" + i + ".csv", i + "\n");
    }
    StreamingQuery q = session.readStream().schema("v INT").option("maxFilesPerTrigger", 2).csv(in.toString())
        .writeStream().format("memory").queryName("o").trigger(Trigger.AvailableNow())
        .option("checkpointLocation", dir.resolve("cp").toString()).start();
    q.awaitTermination(30_000);
    assertThat(memory("o")).containsExactly("[0]", "[1]", "[2]", "[3]", "[4]");
    List<Long> perBatch = q.recentProgress().stream().map(StreamingQueryProgress::numInputRows).toList();
    assertThat(perBatch).containsExactly(2L, 2L, 1L);

    StreamingQuery latest = session.readStream().schema("v INT").option("maxFilesPerTrigger", 1)
        .option("latestFirst", true).csv(in.toString()).writeStream().format("memory").queryName("l")
        .trigger(Trigger.Once()).start();
    latest.awaitTermination(30_000);
    // As in Spark 3+, Trigger.Once reads everything available in its one batch, ignoring read limits.
    assertThat(memory("l")).containsExactly("[0]", "[1]", "[2]", "[3]", "[4]");
    assertThat(latest.recentProgress()).hasSize(1);

    List<String> batches = new java.util.concurrent.CopyOnWriteArrayList<>();
    StreamingQuery newest = session.readStream().schema("v INT").option("maxFilesPerTrigger", 1)
        .option("latestFirst", true).csv(in.toString()).writeStream()
        .foreachBatch((df, id) -> batches.add(df.collectAsList().toString())).start();
    newest.processAllAvailable();
    newest.stop();
    assertThat(batches).containsExactly("[[4]]", "[[3]]", "[[2]]", "[[1]]", "[[0]]");
  }

  @Test
  void partitionFoldersAndHiddenFilesAndGlob() throws IOException {
    arrive("day=2024-05-01/a.json", "{\"id\":1}\n");
    arrive("day=2024-05-02/b.json", "{\"id\":2}\n");
    arrive("day=2024-05-02/_c.json", "{\"id\":3}\n");
    arrive("day=2024-05-02/.d.json", "{\"id\":4}\n");
    arrive("day=2024-05-02/e.txt", "{\"id\":5}\n");
    DataFrame df = session.readStream().schema("id INT").option("pathGlobFilter", "*.json").json(in.toString());
    assertThat(df.schema().toDDL()).isEqualTo("id INT, day DATE");
    StreamingQuery q = toMemory(df.filter(col("id").gt(0)), "p", dir.resolve("cp"));
    q.processAllAvailable();
    assertThat(memory("p")).containsExactly("[1,2024-05-01]", "[2,2024-05-02]");
    q.stop();
  }

  @Test
  void cleanSourceArchivesOrDeletesProcessedFiles() throws IOException {
    arrive("a.txt", "x\n");
    arrive("sub/b.txt", "y\n");
    Path archive = dir.resolve("archive");
    StreamingQuery q = session.readStream().option("cleanSource", "archive")
        .option("sourceArchiveDir", archive.toString()).text(in.toString()).writeStream().format("memory")
        .queryName("c").option("checkpointLocation", dir.resolve("cp").toString()).start();
    q.processAllAvailable();
    arrive("c.txt", "z\n"); // the next batch commits the previous one's files
    q.processAllAvailable();
    q.stop();
    assertThat(memory("c")).containsExactly("[x]", "[y]", "[z]");
    assertThat(archive.resolve("a.txt")).exists();
    assertThat(archive.resolve("sub/b.txt")).exists();
    assertThat(in.resolve("a.txt")).doesNotExist();
    assertThatThrownBy(() -> session.readStream().option("cleanSource", "archive")
        .option("sourceArchiveDir", in.resolve("old").toString()).text(in.toString()).writeStream().format("memory")
        .queryName("bad").start()).hasMessageContaining("inside the source folder");
  }

  @Test
  void fileSinkCommitsEachBatchOnceAndReadersSeeOnlyCommittedFiles() throws IOException {
    arrive("a.json", "{\"id\":1,\"k\":\"x\"}\n{\"id\":2,\"k\":\"y\"}\n");
    Path out = dir.resolve("out");
    Path cp = dir.resolve("cp");
    StreamingQuery q = session.readStream().schema("id INT, k STRING").json(in.toString())
        .writeStream().format("json").partitionBy("k")
        .option("checkpointLocation", cp.toString()).start(out.toString());
    q.processAllAvailable();
    arrive("b.json", "{\"id\":3,\"k\":\"x\"}\n");
    q.processAllAvailable();
    q.stop();
    assertThat(out.resolve("_sluice_metadata/0")).exists();
    assertThat(out.resolve("_sluice_metadata/1")).exists();
    // A file no entry lists (a crashed batch's leftover) is not data.
    Files.writeString(out.resolve("k=x/part-99999-orphan.c000.json"), "{\"id\":99}\n");
    DataFrame back = session.read().json(out.toString());
    List<String> rows = new ArrayList<>();
    back.select("id", "k").collectAsList().forEach(r -> rows.add(r.toString()));
    rows.sort(null);
    assertThat(rows).containsExactly("[1,x]", "[2,y]", "[3,x]");
    // A stream over the sink's folder follows the log too.
    StreamingQuery follow = session.readStream().schema("id INT, k STRING").json(out.toString()).writeStream()
        .format("memory").queryName("f").start();
    follow.processAllAvailable();
    follow.stop();
    assertThat(memory("f")).containsExactly("[1,x]", "[2,y]", "[3,x]");
  }

  @Test
  void aReplayedBatchAddsNothingTwice() throws IOException {
    Path out = dir.resolve("out");
    FileStreamSinkHarness h = new FileStreamSinkHarness(session, out);
    h.addBatch(0, 1, 2);
    h.addBatch(0, 1, 2); // replay after a crash between the sink commit and the commit log
    h.addBatch(1, 3);
    assertThat(h.readBack()).containsExactly("[1]", "[2]", "[3]");
  }

  @Test
  void fileSinkRefusesOtherOutputModes() {
    assertThatThrownBy(() -> session.readStream().format("rate").load().groupBy().count().writeStream()
        .format("json").outputMode("complete").option("checkpointLocation", dir.resolve("cp").toString())
        .start(dir.resolve("o").toString()))
        .isInstanceOf(SluiceException.class).hasMessageContaining("append");
  }

  @Test
  void incrementalListingOfAThousandFiles() throws IOException {
    for (int i = 0; i < 1000; i++) {
      Files.writeString(in.resolve("f" + i + ".txt"), "line" + i + "\n");
    }
    StreamingQuery q = session.readStream().text(in.toString()).writeStream().format("memory").queryName("t")
        .option("checkpointLocation", dir.resolve("cp").toString()).start();
    q.processAllAvailable();
    assertThat(session.table("t").count()).isEqualTo(1000);
    arrive("new.txt", "fresh\n");
    q.processAllAvailable();
    StreamingQueryProgress p = q.lastProgress();
    assertThat(p.numInputRows()).isEqualTo(1);
    assertThat(p.sources().get(0).metrics()).containsEntry("newFilesListed", "1");
    // Only the new name was looked at further: the 1,000 known names cost no file system call each.
    assertThat(p.sources().get(0).metrics()).containsEntry("filesLookedAt", "1");
    q.stop();
    try (Stream<Path> s = Files.list(dir.resolve("cp/sources/0"))) {
      assertThat(s.map(x -> x.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList())
          .containsExactly("0", "1");
    }
  }

  @Test
  void sqlOnlyStreamingJobFromFilesToPartitionedFiles() throws Exception {
    arrive("a.json", "{\"id\":1,\"kind\":\"a\"}\n{\"id\":2,\"kind\":\"debug\"}\n{\"id\":3,\"kind\":\"b\"}\n");
    Path out = dir.resolve("out");
    session.sql("CREATE TABLE events (id BIGINT, kind STRING) USING json OPTIONS (path '" + in + "')");
    session.sql("CREATE TABLE by_kind USING json OPTIONS (path '" + out + "', partitionBy 'kind', "
        + "checkpointLocation '" + dir.resolve("cp") + "')");
    session.sql("INSERT INTO by_kind SELECT id, kind FROM STREAM(events) WHERE kind <> 'debug'");
    StreamingQuery q = session.streams().active().get(0);
    q.processAllAvailable();
    q.stop();
    assertThat(out.resolve("kind=a")).isDirectory();
    List<String> rows = new ArrayList<>();
    session.read().json(out.toString()).collectAsList().forEach(r -> rows.add(r.toString()));
    rows.sort(null);
    assertThat(rows).containsExactly("[1,a]", "[3,b]");
  }

  @Test
  void aCheckpointOnAFileSystemWithoutItsModuleNamesTheModuleToAdd() {
    // sluice-hadoop is not on sluice-core's class path: hdfs:// has no file system here.
    assertThatThrownBy(() -> session.readStream().text(in.toString()).writeStream().format("memory").queryName("h")
        .option("checkpointLocation", "hdfs://127.0.0.1:9/cp").start())
        .isInstanceOf(SluiceException.class).hasMessageContaining("checkpointLocation hdfs://127.0.0.1:9/cp")
        .hasMessageContaining("scheme 'hdfs'").hasMessageContaining("dev.sluice:sluice-hadoop");
    assertThat(session.streams().active()).isEmpty();
  }
}
