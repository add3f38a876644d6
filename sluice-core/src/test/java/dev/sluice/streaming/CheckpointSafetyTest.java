package dev.sluice.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.DataFrame;
import dev.sluice.api.MemoryStream;
import dev.sluice.api.Session;
import dev.sluice.api.streaming.StreamingQuery;
import dev.sluice.api.streaming.StreamingQueryException;
import dev.sluice.errors.CheckpointException;
import dev.sluice.errors.SluiceException;
import dev.sluice.types.Row;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A checkpoint that is going to be refused is never written to, two runs never write one checkpoint
 * at once, and a checkpoint with a part missing is refused by name rather than resumed silently
 * wrong: each case runs a query, damages or misuses its checkpoint, and checks the refusal, that the
 * checkpoint is byte for byte unchanged, and (where it still can) that the original query resumes.
 */
class CheckpointSafetyTest {
  @TempDir
  Path dir;
  Path cp;
  Session session;
  MemoryStream events;

  @BeforeEach
  void setUp() {
    cp = dir.resolve("cp");
    session = newSession();
    events = MemoryStream.create(session, "k STRING, v INT");
  }

  @AfterEach
  void tearDown() {
    session.streams().active().forEach(StreamingQuery::stop);
    session.close();
  }

  private static Session newSession() {
    return Session.builder().config("sluice.sql.shuffle.partitions", "2").getOrCreate();
  }

  private StreamingQuery start(DataFrame df, String name) {
    return df.writeStream().outputMode("update").format("memory").queryName(name)
        .option("checkpointLocation", cp.toString()).start();
  }

  private DataFrame countsPerKey() {
    return events.toDF().groupBy("k").count();
  }

  private void runThreeBatches() {
    StreamingQuery q = start(countsPerKey(), "first");
    for (int i = 0; i < 3; i++) {
      events.addData(Row.of("a", i), Row.of("b" + i, i));
      q.processAllAvailable();
    }
    q.stop();
  }

  /** Every file of a folder with its content, to show that nothing was written. */
  private static Map<String, String> snapshot(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (Files.isRegularFile(p) && !p.getFileName().toString().equals("lock")) {
          out.put(root.relativize(p).toString(), new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1));
        }
      }
    }
    return out;
  }

  private static Throwable userError(Throwable e) {
    return e instanceof StreamingQueryException && e.getCause() != null ? e.getCause() : e;
  }

  private static void assertRefused(Runnable run, String... mentions) {
    assertThatThrownBy(run::run).satisfies(e -> {
      Throwable t = userError(e);
      assertThat(t).isInstanceOf(SluiceException.class);
      for (String m : mentions) {
        assertThat(t.getMessage()).contains(m);
      }
    });
  }

  private List<String> rows(String table) {
    List<String> out = new ArrayList<>();
    for (Row r : session.table(table).collectAsList()) {
      out.add(r.toString());
    }
    out.sort(null);
    return out;
  }

  // ------------------------------------------------------------------ a different query on the checkpoint

  @Test
  void aQueryWithOtherGroupingKeysIsRefusedBeforeItWritesAnything() throws IOException {
    runThreeBatches();
    Map<String, String> before = snapshot(cp);
    DataFrame other = events.toDF().groupBy("k", "v").count();
    events.addData(Row.of("z", 1));
    assertRefused(() -> {
      StreamingQuery q = start(other, "other");
      q.processAllAvailable();
    }, "_metadata", "[string]", "[string, int]");
    assertThat(snapshot(cp)).as("the refused query wrote nothing").isEqualTo(before);

    StreamingQuery again = start(countsPerKey(), "again");
    again.processAllAvailable();
    again.stop();
    assertThat(again.lastProgress().batchId()).isEqualTo(3);
    assertThat(rows("again")).containsExactly("[z,1]");
  }

  /**
   * Query changes across a restart, as Spark's guide lists them: stateless changes before or after
   * the aggregation resume with the state as it was; a change to what the state holds (keys,
   * aggregates, stateful operators) is refused before anything is written, and the original query
   * still resumes afterwards.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "a filter before the aggregation | v >= 0 | k | count(1) AS count | | [a,4]",
      "a projection after the aggregation | | k | count(1) AS count | count * 10 AS count | [a,40]",
      "other grouping keys | | k, v | count(1) AS count | | refused",
      "another aggregate | | k | sum(v) AS count | | refused",
      "an extra aggregate | | k | count(1) AS count, max(v) AS m | | refused",
      "a key of another type | | length(k) | count(1) AS count | | refused"})
  void queryChangesAcrossARestart(String change, String where, String keys, String aggs, String after,
      String expected) throws IOException {
    runThreeBatches();
    Map<String, String> before = snapshot(cp);
    DataFrame in = where == null ? events.toDF() : events.toDF().where(where);
    dev.sluice.api.Column[] by = java.util.Arrays.stream(keys.split(",\\s*")).map(dev.sluice.api.functions::expr)
        .toArray(dev.sluice.api.Column[]::new);
    String[] a = aggs.split(",\\s*");
    DataFrame agg = in.groupBy(by).agg(dev.sluice.api.functions.expr(a[0]), java.util.Arrays.stream(a).skip(1)
        .map(dev.sluice.api.functions::expr).toArray(dev.sluice.api.Column[]::new));
    DataFrame changed = after == null ? agg : agg.selectExpr(agg.columns()[0], after);
    events.addData(Row.of("a", 9));
    if (expected.equals("refused")) {
      assertRefused(() -> start(changed, "changed"), "_metadata", "changed");
      assertThat(snapshot(cp)).as(change + ": nothing written").isEqualTo(before);
      StreamingQuery original = start(countsPerKey(), "original");
      original.processAllAvailable();
      original.stop();
      assertThat(rows("original")).containsExactly("[a,4]");
      return;
    }
    StreamingQuery q = start(changed, "changed");
    q.processAllAvailable();
    q.stop();
    assertThat(rows("changed")).as(change).containsExactly(expected);
  }

  /** count and sum keep the same bigint: the state schema records the functions, so swapping them is refused. */
  @Test
  void theStateRecordsItsAggregateFunctionsAndACheckpointFromBeforeThatStillResumes() throws IOException {
    runThreeBatches();
    Path meta = cp.resolve("state/0/_metadata");
    assertThat(Files.readString(meta)).contains("functions=[count]");
    // As written before the functions were recorded: checked by its types only.
    Files.writeString(meta, Files.readString(meta).replace(" functions=[count]", ""));
    events.addData(Row.of("a", 9));
    StreamingQuery q = start(countsPerKey(), "again");
    q.processAllAvailable();
    q.stop();
    assertThat(rows("again")).containsExactly("[a,4]");
  }

  @Test
  void aQueryReadingAnotherKindOfSourceIsRefusedAtStartAndTheOriginalResumes() throws IOException {
    runThreeBatches();
    Map<String, String> before = snapshot(cp);
    DataFrame rate = session.readStream().format("rate").option("rowsPerSecond", "10").load()
        .selectExpr("CAST(value % 3 AS STRING) AS k").groupBy("k").count();
    assertRefused(() -> start(rate, "rate"), "offsets", "memory", "rate");
    assertThat(snapshot(cp)).isEqualTo(before);

    events.addData(Row.of("a", 7));
    StreamingQuery again = start(countsPerKey(), "again");
    again.processAllAvailable();
    again.stop();
    assertThat(rows("again")).containsExactly("[a,4]");
  }

  @Test
  void aStatelessQueryOnAStatefulQuerysCheckpointIsRefusedBeforeItWritesAnything() throws IOException {
    runThreeBatches();
    Map<String, String> before = snapshot(cp);
    events.addData(Row.of("z", 1));
    assertRefused(() -> {
      StreamingQuery q = events.toDF().writeStream().format("memory").queryName("plain")
          .option("checkpointLocation", cp.toString()).start();
      q.processAllAvailable();
    }, "state");
    assertThat(snapshot(cp)).isEqualTo(before);
  }

  // ------------------------------------------------------------------ two runs on one checkpoint

  @Test
  void aSecondRunFromAnotherSessionIsRefusedAtStartAndTheFirstGoesOn() {
    StreamingQuery first = start(countsPerKey(), "first");
    events.addData(Row.of("a", 1));
    first.processAllAvailable();
    try (Session other = newSession()) {
      MemoryStream otherEvents = MemoryStream.create(other, "k STRING, v INT");
      assertRefused(() -> otherEvents.toDF().groupBy("k").count().writeStream().outputMode("update")
          .format("memory").queryName("second").option("checkpointLocation", cp.toString()).start(),
          "lock", "in use", first.runId().toString());
    }
    events.addData(Row.of("a", 2));
    first.processAllAvailable();
    assertThat(first.exception()).isNull();
    assertThat(first.lastProgress().batchId()).isEqualTo(1);
    first.stop();

    // Once the first run stopped, the checkpoint is free again.
    StreamingQuery next = start(countsPerKey(), "next");
    events.addData(Row.of("a", 3));
    next.processAllAvailable();
    next.stop();
    assertThat(rows("next")).containsExactly("[a,3]");
  }

  @Test
  void aLeaseRefusesASecondRunWhereTheFileSystemHasNoLocks() {
    session.conf().set("sluice.sql.streaming.checkpoint.lockMode", "lease");
    StreamingQuery first = start(countsPerKey(), "first");
    events.addData(Row.of("a", 1));
    first.processAllAvailable();
    try (Session other = Session.builder().config("sluice.sql.streaming.checkpoint.lockMode", "lease")
        .getOrCreate()) {
      MemoryStream otherEvents = MemoryStream.create(other, "k STRING, v INT");
      assertRefused(() -> otherEvents.toDF().groupBy("k").count().writeStream().outputMode("update")
          .format("memory").queryName("second").option("checkpointLocation", cp.toString()).start(),
          "lease", first.runId().toString());
    }
    first.stop();
    StreamingQuery next = start(countsPerKey(), "next");
    events.addData(Row.of("a", 3));
    next.processAllAvailable();
    next.stop();
    assertThat(rows("next")).containsExactly("[a,2]");
  }

  // ------------------------------------------------------------------ parts of the checkpoint missing

  @Test
  void aCheckpointWithOffsetsButNoMetadataIsRefused() throws IOException {
    runThreeBatches();
    Files.delete(cp.resolve("metadata"));
    Map<String, String> before = snapshot(cp);
    assertRefused(() -> start(countsPerKey(), "again"), "metadata", "query id");
    assertThat(snapshot(cp)).isEqualTo(before);
  }

  @Test
  void deletedStateMetadataWithAChangedQueryIsRefusedNotACrash() throws IOException {
    runThreeBatches();
    Files.delete(cp.resolve("state/0/_metadata"));
    DataFrame other = events.toDF().groupBy("v").count();
    events.addData(Row.of("z", 1));
    assertRefused(() -> {
      StreamingQuery q = start(other, "other");
      q.processAllAvailable();
    }, "_metadata", "stateSchemaCheck");
  }

  @Test
  void deletedStateMetadataIsRefusedUntilTheCheckIsTurnedOffForAnUnchangedQuery() throws IOException {
    runThreeBatches();
    Files.delete(cp.resolve("state/0/_metadata"));
    Map<String, String> before = snapshot(cp);
    events.addData(Row.of("a", 9));
    assertRefused(() -> start(countsPerKey(), "refused"), "_metadata", "stateSchemaCheck=false");
    assertThat(snapshot(cp)).isEqualTo(before);

    session.conf().set("sluice.sql.streaming.stateStore.stateSchemaCheck", "false");
    StreamingQuery q = start(countsPerKey(), "again");
    q.processAllAvailable();
    q.stop();
    assertThat(rows("again")).containsExactly("[a,4]");
    assertThat(Files.readString(cp.resolve("state/0/_metadata"))).contains("aggregate keys=[string]");

    session.conf().set("sluice.sql.streaming.stateStore.stateSchemaCheck", "true");
    DataFrame other = events.toDF().groupBy("v").count();
    assertRefused(() -> start(other, "other"), "_metadata", "[int]");
  }

  // ------------------------------------------------------------------ file sources and sinks

  private static void writeJson(Path folder, String name, int from, int to) throws IOException {
    Files.createDirectories(folder);
    StringBuilder sb = new StringBuilder();
    for (int i = from; i < to; i++) {
      sb.append("{\"id\":").append(i).append("}\n");
    }
    Path tmp = folder.getParent().resolve("." + name);
    Files.writeString(tmp, sb);
    Files.move(tmp, folder.resolve(name));
  }

  private StreamingQuery fileToMemory(Path in, String name, Path checkpoint) {
    return session.readStream().schema("id INT").json(in.toString()).groupBy().count().writeStream()
        .outputMode("complete").format("memory").queryName(name).option("checkpointLocation", checkpoint.toString())
        .start();
  }

  @Test
  void aDeletedFileSourceLogIsRefusedInsteadOfReadingEveryFileAgain() throws IOException {
    Path in = dir.resolve("in");
    writeJson(in, "a.json", 0, 10);
    StreamingQuery q = fileToMemory(in, "f1", cp);
    q.processAllAvailable();
    writeJson(in, "b.json", 10, 15);
    q.processAllAvailable();
    q.stop();
    assertThat(rows("f1")).containsExactly("[15]");

    deleteRecursively(cp.resolve("sources"));
    writeJson(in, "c.json", 15, 16);
    assertRefused(() -> {
      StreamingQuery again = fileToMemory(in, "f2", cp);
      again.processAllAvailable();
    }, "sources", "file source log");
  }

  @Test
  void aCheckpointMovedTogetherWithItsInputFolderResumesWithoutReadingAgain() throws IOException {
    Path base = dir.resolve("job");
    Path in = base.resolve("in");
    Path checkpoint = base.resolve("cp");
    writeJson(in, "a.json", 0, 10);
    StreamingQuery q = fileToMemory(in, "m1", checkpoint);
    q.processAllAvailable();
    q.stop();
    assertThat(rows("m1")).containsExactly("[10]");

    Path moved = dir.resolve("moved");
    Files.move(base, moved);
    writeJson(moved.resolve("in"), "b.json", 10, 13);
    StreamingQuery again = fileToMemory(moved.resolve("in"), "m2", moved.resolve("cp"));
    again.processAllAvailable();
    again.stop();
    assertThat(rows("m2")).as("a.json is not read a second time").containsExactly("[13]");
  }

  @Test
  void aDeletedSinkLogWithTheNewestCommitIsRefusedInsteadOfHidingCommittedRows() throws IOException {
    Path in = dir.resolve("in");
    Path out = dir.resolve("out");
    writeJson(in, "a.json", 0, 10);
    StreamingQuery q = fileToFile(in, out);
    q.processAllAvailable();
    writeJson(in, "b.json", 10, 20);
    q.processAllAvailable();
    q.stop();
    assertThat(session.read().schema("id INT").json(out.toString()).count()).isEqualTo(20);

    deleteRecursively(out.resolve("_sluice_metadata"));
    Files.delete(cp.resolve("commits/1"));
    assertRefused(() -> {
      StreamingQuery again = fileToFile(in, out);
      again.processAllAvailable();
    }, "_sluice_metadata", "batch");
  }

  @Test
  void aDeletedSinkLogIsRefusedAtTheNextBatch() throws IOException {
    Path in = dir.resolve("in");
    Path out = dir.resolve("out");
    writeJson(in, "a.json", 0, 10);
    StreamingQuery q = fileToFile(in, out);
    q.processAllAvailable();
    q.stop();
    deleteRecursively(out.resolve("_sluice_metadata"));
    writeJson(in, "b.json", 10, 20);
    assertRefused(() -> {
      StreamingQuery again = fileToFile(in, out);
      again.processAllAvailable();
    }, "_sluice_metadata");
  }

  private StreamingQuery fileToFile(Path in, Path out) {
    return session.readStream().schema("id INT").json(in.toString()).writeStream().format("json")
        .option("checkpointLocation", cp.toString()).start(out.toString());
  }

  private static void deleteRecursively(Path p) throws IOException {
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(x);
      }
    }
  }

  @Test
  void refusalsAreCheckpointExceptionsNamingTheFix() throws IOException {
    runThreeBatches();
    Files.delete(cp.resolve("metadata"));
    assertThatThrownBy(() -> start(countsPerKey(), "again")).isInstanceOf(CheckpointException.class)
        .hasMessageContaining("new checkpointLocation");
  }
}
