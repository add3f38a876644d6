package dev.sluice.connector.file;

import static dev.sluice.api.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.Session;
import dev.sluice.api.streaming.StreamingQuery;
import dev.sluice.errors.SluiceException;
import dev.sluice.types.Row;
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
 * The streaming file sink in each text format with its options (partitionBy, maxRecordsPerFile,
 * compression), through a stop and a restart from the checkpoint: files appear batch by batch, each
 * row once, and a reader of the folder sees them.
 */
class FileStreamSinkTest {
  @TempDir
  Path dir;
  Session session;
  Path in;
  StreamedFolder folder;
  int fileNo;

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

  private void arrive(String content) throws IOException {
    folder.arrive("f" + (fileNo++) + ".json", content);
  }

  private static String rows(int from, int to) {
    StringBuilder sb = new StringBuilder();
    for (int i = from; i < to; i++) {
      sb.append("{\"id\":").append(i).append(",\"k\":\"").append(i % 2 == 0 ? "even" : "odd").append("\"}\n");
    }
    return sb.toString();
  }

  private StreamingQuery start(String format, Path out, Path cp) {
    return session.readStream().schema("id INT, k STRING").json(in.toString()).select(col("id"), col("k"))
        .writeStream().format(format).partitionBy("k").option("maxRecordsPerFile", 3)
        .option("compression", "gzip").option("checkpointLocation", cp.toString()).start(out.toString());
  }

  private static List<Path> dataFiles(Path out) throws IOException {
    try (Stream<Path> s = Files.walk(out)) {
      return s.filter(Files::isRegularFile).filter(p -> !p.toString().contains("_sluice_metadata")).sorted().toList();
    }
  }

  private List<String> ids(Path out) {
    List<String> got = new ArrayList<>();
    for (Row r : session.read().schema("id INT, k STRING").csv(out.toString()).collectAsList()) {
      got.add(r.get(0) + "/" + r.get(1));
    }
    got.sort(null);
    return got;
  }

  private static List<String> expected(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(i + "/" + (i % 2 == 0 ? "even" : "odd"));
    }
    out.sort(null);
    return out;
  }

  @Test
  void csvSinkWithPartitionsFileSizeLimitAndGzipAcrossARestart() throws IOException {
    Path out = dir.resolve("out");
    Path cp = dir.resolve("cp");
    arrive(rows(0, 10));
    StreamingQuery q = start("csv", out, cp);
    q.processAllAvailable();
    assertThat(ids(out)).isEqualTo(expected(10));
    q.stop();
    List<Path> first = dataFiles(out);
    // 5 rows per partition folder, at most 3 per file: 2 files in each of the 2 folders, all gzip.
    assertThat(first).hasSize(4).allMatch(p -> p.getFileName().toString().endsWith(".csv.gz"))
        .allMatch(p -> p.getParent().getFileName().toString().matches("k=(even|odd)"));
    arrive(rows(10, 14));
    StreamingQuery q2 = start("csv", out, cp);
    q2.processAllAvailable();
    q2.stop();
    assertThat(ids(out)).isEqualTo(expected(14));
    assertThat(dataFiles(out)).hasSize(6).containsAll(first); // new files beside the old ones
    assertThat(out.resolve("_sluice_metadata/0")).exists();
    assertThat(out.resolve("_sluice_metadata/1")).exists();
  }

  @Test
  void textSinkWritesOneLinePerRowAcrossARestart() throws IOException {
    Path out = dir.resolve("out");
    Path cp = dir.resolve("cp");
    arrive("{\"id\":1}\n{\"id\":2}\n");
    StreamingQuery q = session.readStream().schema("id INT").json(in.toString())
        .select(col("id").cast("string").alias("value")).writeStream().format("text")
        .option("checkpointLocation", cp.toString()).start(out.toString());
    q.processAllAvailable();
    q.stop();
    arrive("{\"id\":3}\n");
    StreamingQuery q2 = session.readStream().schema("id INT").json(in.toString())
        .select(col("id").cast("string").alias("value")).writeStream().format("text")
        .option("checkpointLocation", cp.toString()).start(out.toString());
    q2.processAllAvailable();
    q2.stop();
    StringBuilder all = new StringBuilder();
    for (Path p : dataFiles(out)) {
      all.append(Files.readString(p));
    }
    assertThat(all.toString().lines().sorted().toList()).containsExactly("1", "2", "3");
  }

  @Test
  void fileSinkRefusesUpdateAndCompleteModesWithAMessage() {
    for (String mode : List.of("update", "complete")) {
      assertThatThrownBy(() -> session.readStream().format("rate").load().groupBy().count().writeStream()
          .format("csv").outputMode(mode).option("checkpointLocation", dir.resolve("cp-" + mode).toString())
          .start(dir.resolve("o").toString()))
          .isInstanceOf(SluiceException.class).hasMessageContaining("append").hasMessageContaining(mode);
    }
    assertThat(session.streams().active()).isEmpty();
  }
}
