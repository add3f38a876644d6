package dev.sluice.hadoop;

import static dev.sluice.api.functions.count;
import static dev.sluice.api.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.DataFrame;
import dev.sluice.api.MemoryStream;
import dev.sluice.api.Session;
import dev.sluice.api.streaming.StreamingQuery;
import dev.sluice.api.streaming.StreamingQueryException;
import dev.sluice.api.streaming.Trigger;
import dev.sluice.errors.CheckpointException;
import dev.sluice.fs.FilePaths;
import dev.sluice.fs.FileStatus;
import dev.sluice.fs.FileSystem;
import dev.sluice.fs.FileSystems;
import dev.sluice.types.Row;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a streaming checkpoint on a distributed file system must do, run against a real server:
 * a stateful query checkpointed there processes data, stops, restarts from the checkpoint and goes
 * on with exact results (with the default and the RocksDB state store); old files are cleaned by
 * minBatchesToRetain; a damaged checkpoint file is refused by name; the file source remembers the
 * files it read in the checkpoint's {@code sources/0/} folder.
 */
abstract class CheckpointContract {
  /** A fresh folder URI on the server. */
  abstract String folder(String name);

  /** A session that reaches the server. */
  abstract Session.Builder session();

  static FileSystem fs(Session s, String path) {
    return FileSystems.get(path, s.sluiceConf().getAll());
  }

  static List<String> rows(Session s, String table) {
    List<String> out = new ArrayList<>();
    for (Row r : s.table(table).collectAsList()) {
      out.add(r.toString());
    }
    out.sort(null);
    return out;
  }

  static List<String> names(FileSystem fs, String dir) throws Exception {
    List<String> out = new ArrayList<>();
    for (FileStatus st : fs.list(dir)) {
      out.add(st.name());
    }
    out.sort(null);
    return out;
  }

  static DataFrame totalsPerKey(MemoryStream events) {
    return events.toDF().groupBy("k").agg(count("*").alias("n"), sum("v").alias("s"));
  }

  static StreamingQuery startTotals(DataFrame totals, String name, String checkpoint) {
    return totals.writeStream().outputMode("complete").format("memory").queryName(name)
        .option("checkpointLocation", checkpoint).start();
  }

  @Test
  void anAggregationRestartsFromTheCheckpoint() throws Exception {
    aggregationRestartsFromTheCheckpoint("memory");
  }

  @Test
  void anAggregationWithRocksDbStateRestartsFromTheCheckpoint() throws Exception {
    aggregationRestartsFromTheCheckpoint("rocksdb");
  }

  /**
   * The server has no locks: a lease file keeps a second run (another session, as another process
   * would be) off the checkpoint while the first runs, and is gone when it stops.
   */
  @Test
  void aSecondRunIsRefusedWhileTheFirstHoldsTheLease() throws Exception {
    String cp = folder("cp");
    try (Session s = session().getOrCreate(); Session other = session().getOrCreate()) {
      MemoryStream events = MemoryStream.create(s, "k STRING, v INT");
      StreamingQuery q = startTotals(totalsPerKey(events), "leased", cp);
      events.addData(Row.of("a", 1));
      q.processAllAvailable();
      FileSystem fs = fs(s, cp);
      assertThat(new String(fs.readAll(FilePaths.join(cp, "lock")), StandardCharsets.UTF_8))
          .contains(q.runId().toString()).contains("expires");

      MemoryStream otherEvents = MemoryStream.create(other, "k STRING, v INT");
      assertThatThrownBy(() -> startTotals(totalsPerKey(otherEvents), "second", cp))
          .isInstanceOf(CheckpointException.class).hasMessageContaining("lease")
          .hasMessageContaining(q.runId().toString());
      events.addData(Row.of("a", 2));
      q.processAllAvailable();
      assertThat(rows(s, "leased")).containsExactly("[a,2,3]");
      q.stop();
      assertThat(fs.exists(FilePaths.join(cp, "lock"))).as("released at stop").isFalse();

      StreamingQuery again = startTotals(totalsPerKey(events), "again", cp);
      events.addData(Row.of("a", 10));
      again.processAllAvailable();
      again.stop();
      assertThat(rows(s, "again")).containsExactly("[a,3,13]");
    }
  }

  @Test
  void theFileSourceLogIsKeptInTheCheckpoint() throws Exception {
    fileSourceRemembersItsFilesInTheCheckpoint(folder("in"));
  }

  @Test
  void theFileSourceLogOfLocalFilesIsKeptInTheCheckpoint(@TempDir Path tmp) throws Exception {
    fileSourceRemembersItsFilesInTheCheckpoint(localFolder(tmp, "in"));
  }

  /** A count and sum per key over three batches, stopped, restarted from the checkpoint, continued. */
  void aggregationRestartsFromTheCheckpoint(String stateStore) throws Exception {
    String cp = folder("cp");
    try (Session s = session().config("sluice.sql.streaming.stateStore.providerClass", stateStore)
        .config("sluice.sql.streaming.stateStore.minDeltasForSnapshot", "2").getOrCreate()) {
      MemoryStream events = MemoryStream.create(s, "k STRING, v INT");
      DataFrame totals = totalsPerKey(events);

      StreamingQuery q = startTotals(totals, "first", cp);
      events.addData(Row.of("a", 1), Row.of("b", 2));
      q.processAllAvailable();
      assertThat(rows(s, "first")).containsExactly("[a,1,1]", "[b,1,2]");
      events.addData(Row.of("a", 3));
      q.processAllAvailable();
      events.addData(Row.of("c", 5), Row.of("a", 1));
      q.processAllAvailable();
      assertThat(rows(s, "first")).containsExactly("[a,3,5]", "[b,1,2]", "[c,1,5]");
      q.stop();

      FileSystem fs = fs(s, cp);
      for (String f : List.of("metadata", "offsets/2", "commits/2", "state/0/_metadata")) {
        assertThat(fs.exists(FilePaths.join(cp, f))).as(f + " on the server").isTrue();
      }

      events.addData(Row.of("b", 10), Row.of("d", 1)); // arrives while the query is stopped
      StreamingQuery again = startTotals(totals, "second", cp);
      again.processAllAvailable();
      assertThat(rows(s, "second")).containsExactly("[a,3,5]", "[b,2,12]", "[c,1,5]", "[d,1,1]");
      assertThat(again.lastProgress().batchId()).isEqualTo(3);
      assertThat(again.lastProgress().stateOperators().get(0).numRowsTotal()).isEqualTo(4);
      events.addData(Row.of("a", 100));
      again.processAllAvailable();
      assertThat(rows(s, "second")).containsExactly("[a,4,105]", "[b,2,12]", "[c,1,5]", "[d,1,1]");
      again.stop();
    }
  }

  /** The RocksDB state is copied to the server as complete snapshots, and a restart restores from one. */
  @Test
  void rocksDbSnapshotsAreOnTheServer() throws Exception {
    String cp = folder("cp");
    try (Session s = session().config("sluice.sql.streaming.stateStore.providerClass", "rocksdb")
        .config("sluice.sql.streaming.stateStore.minDeltasForSnapshot", "2").getOrCreate()) {
      MemoryStream events = MemoryStream.create(s, "k STRING, v INT");
      DataFrame totals = totalsPerKey(events);
      StreamingQuery q = startTotals(totals, "rocks1", cp);
      for (int i = 0; i < 4; i++) {
        events.addData(Row.of("k" + (i % 3), i));
        q.processAllAvailable();
      }
      q.stop();
      FileSystem fs = fs(s, cp);
      // Versions 1..4 of each partition: snapshots at 2 and 4, each with its completion mark.
      String part = FilePaths.join(cp, "state/0/0");
      assertThat(names(fs, part)).contains("1.delta", "2.delta", "2.rocksdb", "3.delta", "4.delta", "4.rocksdb");
      assertThat(names(fs, FilePaths.join(part, "4.rocksdb"))).contains("_sluice_count", "CURRENT");

      events.addData(Row.of("k0", 10));
      StreamingQuery again = startTotals(totals, "rocks2", cp); // restores version 4 from 4.rocksdb
      again.processAllAvailable();
      again.stop();
      assertThat(rows(s, "rocks2")).containsExactly("[k0,3,13]", "[k1,1,1]", "[k2,1,2]");
    }
  }

  /** minBatchesToRetain: old log entries and state files are deleted on the server too. */
  @Test
  void oldFilesAreCleanedOnTheServer() throws Exception {
    String cp = folder("cp");
    try (Session s = session().config("sluice.sql.shuffle.partitions", "1")
        .config("sluice.sql.streaming.minBatchesToRetain", "3")
        .config("sluice.sql.streaming.stateStore.minDeltasForSnapshot", "2").getOrCreate()) {
      MemoryStream events = MemoryStream.create(s, "k STRING, v INT");
      DataFrame totals = totalsPerKey(events);
      StreamingQuery q = startTotals(totals, "kept1", cp);
      for (int i = 0; i < 12; i++) {
        events.addData(Row.of("k" + (i % 3), 1));
        q.processAllAvailable();
      }
      q.stop();
      FileSystem fs = fs(s, cp);
      // Logs are purged every 10 batches: at batch 10, everything before batch 8.
      assertThat(names(fs, FilePaths.join(cp, "offsets"))).containsExactly("10", "11", "8", "9");
      assertThat(names(fs, FilePaths.join(cp, "commits"))).containsExactly("10", "11", "8", "9");
      // State: versions 10..12 stay loadable from the snapshot at 10 and the deltas after it.
      assertThat(names(fs, FilePaths.join(cp, "state/0/0")))
          .containsExactly("10.snapshot", "11.delta", "12.delta", "12.snapshot");

      events.addData(Row.of("k0", 1));
      StreamingQuery again = startTotals(totals, "kept2", cp);
      again.processAllAvailable();
      again.stop();
      assertThat(rows(s, "kept2")).containsExactly("[k0,5,5]", "[k1,4,4]", "[k2,4,4]");
    }
  }

  /** Three batches of a stateful query, so that every kind of checkpoint file exists. */
  private void runThreeBatches(Session s, MemoryStream events, String cp) {
    StreamingQuery q = startTotals(totalsPerKey(events), "before" + System.nanoTime(), cp);
    for (int i = 0; i < 3; i++) {
      events.addData(Row.of("a", i), Row.of("b" + i, i));
      q.processAllAvailable();
    }
    q.stop();
  }

  private static void expectRefusal(Runnable restart, String file, String problem) {
    assertThatThrownBy(restart::run).satisfies(e -> {
      Throwable t = e instanceof StreamingQueryException ? e.getCause() : e;
      assertThat(t).isInstanceOf(CheckpointException.class);
      assertThat(((CheckpointException) t).file()).isEqualTo(file);
      assertThat(t.getMessage()).contains(file).containsIgnoringCase(problem).contains("never silently resets");
    });
  }

  /** A state delta damaged on the server (its checksum no longer matches) stops the restart. */
  @Test
  void aGarbledStateFileIsRefused() throws Exception {
    String cp = folder("cp");
    try (Session s = session().config("sluice.sql.streaming.stateStore.minDeltasForSnapshot", "10").getOrCreate()) {
      MemoryStream events = MemoryStream.create(s, "k STRING, v INT");
      runThreeBatches(s, events, cp);
      FileSystem fs = fs(s, cp);
      String delta = FilePaths.join(cp, "state/0/1/3.delta");
      byte[] b = fs.readAll(delta);
      b[b.length / 2] ^= 0x5a;
      fs.writeAtomically(delta, b, true);
      expectRefusal(() -> startTotals(totalsPerKey(events), "after", cp).processAllAvailable(), delta,
          "checksum mismatch");
    }
  }

  /** An offset log entry truncated on the server stops the restart. */
  @Test
  void aTruncatedOffsetLogEntryIsRefused() throws Exception {
    String cp = folder("cp");
    try (Session s = session().getOrCreate()) {
      MemoryStream events = MemoryStream.create(s, "k STRING, v INT");
      runThreeBatches(s, events, cp);
      FileSystem fs = fs(s, cp);
      String entry = FilePaths.join(cp, "offsets/2");
      fs.writeAtomically(entry, new byte[0], true);
      expectRefusal(() -> startTotals(totalsPerKey(events), "after", cp).processAllAvailable(), entry,
          "empty (truncated)");
    }
  }

  /**
   * A file stream whose files are at {@code input} (on the server or a local folder) and whose
   * checkpoint is on the server: the files it took are listed in the checkpoint's source log, so a
   * restart reads only the files that arrived since.
   */
  void fileSourceRemembersItsFilesInTheCheckpoint(String input) throws Exception {
    String cp = folder("cp");
    try (Session s = session().getOrCreate()) {
      FileSystem in = fs(s, input);
      in.mkdirs(input);
      FileConnectorContract.arrive(in, input, "a.json", "{\"id\":1,\"k\":\"x\"}\n{\"id\":2,\"k\":\"y\"}\n");
      StreamingQuery q = s.readStream().schema("id INT, k STRING").json(input).writeStream().format("memory")
          .queryName("files1").option("checkpointLocation", cp).trigger(Trigger.AvailableNow()).start();
      q.awaitTermination(60_000);
      assertThat(rows(s, "files1")).containsExactly("[1,x]", "[2,y]");
      FileSystem cpFs = fs(s, cp);
      String log = FilePaths.join(cp, "sources/0/0");
      assertThat(cpFs.exists(log)).as("source log entry on the server").isTrue();
      assertThat(new String(cpFs.readAll(log), StandardCharsets.UTF_8)).startsWith("v1\n").contains("a.json");

      FileConnectorContract.arrive(in, input, "b.json", "{\"id\":3,\"k\":\"x\"}\n");
      StreamingQuery again = s.readStream().schema("id INT, k STRING").json(input).writeStream().format("memory")
          .queryName("files2").option("checkpointLocation", cp).trigger(Trigger.AvailableNow()).start();
      again.awaitTermination(60_000);
      assertThat(rows(s, "files2")).as("only the file that arrived since").containsExactly("[3,x]");
      assertThat(new String(cpFs.readAll(FilePaths.join(cp, "sources/0/1")), StandardCharsets.UTF_8))
          .contains("b.json").doesNotContain("a.json");
    }
  }

  /** A local folder for input files, as a string path. */
  static String localFolder(Path tmp, String name) throws Exception {
    return Files.createDirectories(tmp.resolve(name)).toString();
  }
}
