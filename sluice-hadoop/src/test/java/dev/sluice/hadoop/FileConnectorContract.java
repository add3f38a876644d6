package dev.sluice.hadoop;

import static dev.sluice.api.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.DataFrame;
import dev.sluice.api.Session;
import dev.sluice.api.streaming.StreamingQuery;
import dev.sluice.api.streaming.Trigger;
import dev.sluice.fs.FilePaths;
import dev.sluice.fs.FileSystem;
import dev.sluice.fs.FileSystems;
import dev.sluice.types.Row;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every distributed file system must do for the file connector, run against a real server:
 * batch writes and reads in json, csv and parquet with partitions, a stream whose source folder and
 * sink folder are on the server, a replayed sink batch, and write-once log entries.
 */
abstract class FileConnectorContract {
  /** A fresh folder URI on the server, e.g. hdfs://127.0.0.1:port/test-3. */
  abstract String folder(String name);

  abstract Session session();

  static List<String> sorted(DataFrame df) {
    List<String> out = new ArrayList<>();
    for (Row r : df.collectAsList()) {
      out.add(r.toString());
    }
    out.sort(null);
    return out;
  }

  FileSystem fs(String path) {
    return FileSystems.get(path, session().conf().getAll());
  }

  @Test
  void batchRoundTrips() {
    Session s = session();
    DataFrame df = s.createDataFrame(List.of(Row.of(1, "a", "x"), Row.of(2, "b", "y"), Row.of(3, "c", "x")),
        "id INT, s STRING, p STRING");
    for (String format : List.of("json", "csv", "parquet")) {
      String out = folder("batch-" + format);
      df.write().format(format).partitionBy("p").option("header", "true").save(out);
      DataFrame back = s.read().format(format).schema("id INT, s STRING, p STRING").option("header", "true").load(out);
      assertThat(sorted(back)).as(format).containsExactly("[1,a,x]", "[2,b,y]", "[3,c,x]");
      assertThat(sorted(back.filter(col("p").equalTo("x")).select("id"))).as(format).containsExactly("[1]", "[3]");
    }
  }

  @Test
  void streamFromAndToTheServer(@TempDir Path local) throws Exception {
    Session s = session();
    String in = folder("stream-in");
    String out = folder("stream-out");
    FileSystem fs = fs(in);
    fs.mkdirs(in);
    arrive(fs, in, "a.json", "{\"id\":1,\"k\":\"x\"}\n{\"id\":2,\"k\":\"y\"}\n");
    String cp = local.resolve("cp").toString();
    StreamingQuery q = s.readStream().schema("id INT, k STRING").json(in).writeStream().format("parquet")
        .partitionBy("k").option("checkpointLocation", cp).trigger(Trigger.AvailableNow()).start(out);
    q.awaitTermination(60_000);
    arrive(fs, in, "b.json", "{\"id\":3,\"k\":\"x\"}\n");
    StreamingQuery q2 = s.readStream().schema("id INT, k STRING").json(in).writeStream().format("parquet")
        .partitionBy("k").option("checkpointLocation", cp).trigger(Trigger.AvailableNow()).start(out);
    q2.awaitTermination(60_000);
    assertThat(fs.exists(FilePaths.join(out, "_sluice_metadata/0"))).isTrue();
    assertThat(fs.exists(FilePaths.join(out, "_sluice_metadata/1"))).isTrue();
    assertThat(sorted(s.read().parquet(out).select("id", "k"))).containsExactly("[1,x]", "[2,y]", "[3,x]");
  }

  @Test
  void writeOnceEntries() throws Exception {
    String dir = folder("once");
    FileSystem fs = fs(dir);
    String entry = FilePaths.join(dir, "0");
    assertThat(fs.createAtomically(entry, "first".getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThat(fs.createAtomically(entry, "second".getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThat(new String(fs.readAll(entry), StandardCharsets.UTF_8)).isEqualTo("first");
    assertThat(fs.list(dir)).extracting(st -> st.name()).containsExactly("0");
  }

  /**
   * Atomic streams (checkpoint files): a file appears whole on close, a cancelled one never appears,
   * overwrite replaces in one step, and without overwrite an existing file is refused.
   */
  @Test
  void atomicStreams() throws Exception {
    String dir = folder("atomic");
    FileSystem fs = fs(dir);
    String f = FilePaths.join(dir, "state/1.delta");
    FileSystem.AtomicOutputStream out = fs.createAtomic(f, false);
    out.write("half".getBytes(StandardCharsets.UTF_8));
    assertThat(fs.exists(f)).as("visible before close").isFalse();
    out.close();
    assertThat(new String(fs.readAll(f), StandardCharsets.UTF_8)).isEqualTo("half");

    FileSystem.AtomicOutputStream cancelled = fs.createAtomic(FilePaths.join(dir, "state/2.delta"), true);
    cancelled.write(new byte[1 << 20]);
    cancelled.cancel();
    assertThat(fs.exists(FilePaths.join(dir, "state/2.delta"))).as("cancelled file").isFalse();

    fs.writeAtomically(f, "whole".getBytes(StandardCharsets.UTF_8), true);
    assertThat(new String(fs.readAll(f), StandardCharsets.UTF_8)).isEqualTo("whole");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> fs.writeAtomically(f, new byte[1], false))
        .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
    assertThat(new String(fs.readAll(f), StandardCharsets.UTF_8)).isEqualTo("whole");
    // No temporary files are left visible to readers of the folder.
    assertThat(fs.list(FilePaths.join(dir, "state"))).extracting(st -> st.name()).containsExactly("1.delta");
  }

  @Test
  void replayedSinkBatchAddsNothing() {
    Session s = session();
    String out = folder("replay");
    var provider = new dev.sluice.connector.file.JsonProvider();
    var schema = s.parseSchema("v INT");
    Map<String, String> conf = s.conf().getAll();
    var sink = provider.createSink(new dev.sluice.connector.SinkContext(new dev.sluice.conf.Options(
        Map.of("path", out)), schema, "append", null, conf));
    for (long id : new long[] {0, 0, 1}) {
      var b = dev.sluice.vector.ColumnBatch.fromRows(schema.types(), List.<Object[]>of(new Object[] {(int) id}));
      sink.addBatch(id, new dev.sluice.connector.SinkBatch(schema, List.of(List.of(b)),
          java.util.concurrent.ForkJoinPool.commonPool()));
    }
    assertThat(sorted(s.read().schema("v INT").json(out))).containsExactly("[0]", "[1]");
  }

  /** Writes a file under a hidden name and renames it into the folder (the writers' contract). */
  static void arrive(FileSystem fs, String dir, String name, String content) throws Exception {
    String tmp = FilePaths.join(dir, "_tmp-" + name);
    try (OutputStream o = fs.create(tmp, true)) {
      o.write(content.getBytes(StandardCharsets.UTF_8));
    }
    assertThat(fs.rename(tmp, FilePaths.join(dir, name))).isTrue();
  }
}
