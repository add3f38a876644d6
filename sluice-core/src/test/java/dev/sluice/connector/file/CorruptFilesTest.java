package dev.sluice.connector.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.Session;
import dev.sluice.api.streaming.StreamingQuery;
import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import dev.sluice.util.Warnings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file that cannot be read (garbage where gzip is expected, a gzip file cut short) fails the read
 * with FAILED_READ_FILE naming the file; with {@code ignoreCorruptFiles} (the option, or the session
 * conf {@code spark.sql.files.ignoreCorruptFiles}) it is skipped with a warning naming it, as in Spark:
 * the rows read before the corruption are kept, the rest of the file is skipped, other files are read.
 */
class CorruptFilesTest {
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

  static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(b)) {
      g.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return b.toByteArray();
  }

  private Path folder() throws IOException {
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(in.resolve("good.json"), "{\"a\":1}\n{\"a\":2}\n");
    Files.write(in.resolve("garbage.json.gz"), "this is not gzip at all".getBytes(StandardCharsets.UTF_8));
    return in;
  }

  @Test
  void aGarbageGzipFileFailsNamingItOrIsSkipped() throws IOException {
    Path in = folder();
    assertThatThrownBy(() -> session.read().schema("a INT").json(in.toString()).collectAsList())
        .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.FAILED_READ_FILE))
        .hasMessageContaining("garbage.json.gz");
    try (Warnings.Capture w = Warnings.capture()) {
      assertThat(session.read().schema("a INT").option("ignoreCorruptFiles", "true").json(in.toString()).count())
          .isEqualTo(2);
      assertThat(w.messages()).anySatisfy(m -> assertThat(m).contains("garbage.json.gz").contains("corrupt"));
    }
  }

  @Test
  void theSessionConfSkipsCorruptFilesUnderBothNames() throws IOException {
    Path in = folder();
    session.conf().set("spark.sql.files.ignoreCorruptFiles", "true");
    assertThat(session.read().schema("a INT").json(in.toString()).count()).isEqualTo(2);
    assertThat(session.read().text(in.toString()).count()).isEqualTo(2);
    // The option wins over the conf.
    assertThatThrownBy(() -> session.read().schema("a INT").option("ignoreCorruptFiles", "false")
        .json(in.toString()).collectAsList()).hasMessageContaining("FAILED_READ_FILE");
    session.conf().set("sluice.sql.files.ignoreCorruptFiles", "false");
    assertThatThrownBy(() -> session.read().text(in.toString()).collectAsList())
        .hasMessageContaining("FAILED_READ_FILE").hasMessageContaining("garbage.json.gz");
  }

  @Test
  void aTruncatedGzipFileKeepsTheRowsBeforeTheCut() throws IOException {
    Path in = Files.createDirectories(dir.resolve("in"));
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      sb.append("{\"a\":").append(i).append("}\n");
    }
    byte[] whole = gzip(sb.toString());
    Files.write(in.resolve("cut.json.gz"), Arrays.copyOf(whole, whole.length / 2));
    Files.write(in.resolve("fine.csv.gz"), gzip("1\n2\n"));
    assertThatThrownBy(() -> session.read().schema("a INT").json(in.toString()).collectAsList())
        .hasMessageContaining("FAILED_READ_FILE").hasMessageContaining("cut.json.gz");
    long n = session.read().schema("a INT").option("ignoreCorruptFiles", "true").json(in.toString())
        .where("a IS NOT NULL").count();
    assertThat(n).isBetween(1L, 19_999L);
    assertThat(session.read().schema("a INT").option("ignoreCorruptFiles", "true").csv(in.toString())
        .where("a IS NOT NULL").count()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void schemaInferenceNamesTheCorruptFileOrSkipsIt() throws IOException {
    Path in = folder();
    assertThatThrownBy(() -> session.read().json(in.toString()))
        .hasMessageContaining("FAILED_READ_FILE").hasMessageContaining("garbage.json.gz");
    assertThatThrownBy(() -> session.read().option("inferSchema", "true").csv(in.toString()))
        .hasMessageContaining("FAILED_READ_FILE").hasMessageContaining("garbage.json.gz");
    assertThat(session.read().option("ignoreCorruptFiles", "true").json(in.toString()).schema().toDDL())
        .isEqualTo("a BIGINT");
  }

  @Test
  void aStreamSkipsACorruptFileWithIgnoreCorruptFiles() throws IOException {
    StreamedFolder f = new StreamedFolder(dir, System.currentTimeMillis() - 3_600_000L);
    f.arrive("a.json", "{\"a\":1}\n");
    Files.write(dir.resolve("bad"), "not gzip".getBytes(StandardCharsets.UTF_8));
    StreamingQuery q = session.readStream().schema("a INT").option("ignoreCorruptFiles", "true").json(f.in.toString())
        .writeStream().format("memory").queryName("s").option("checkpointLocation", dir.resolve("cp").toString())
        .start();
    try {
      q.processAllAvailable();
      Files.move(dir.resolve("bad"), f.in.resolve("b.json.gz"));
      f.arrive("c.json", "{\"a\":3}\n");
      q.processAllAvailable();
      assertThat(StreamedFolder.rows(session, "s")).containsExactly("[1]", "[3]");
    } finally {
      q.stop();
    }
    StreamingQuery strict = session.readStream().schema("a INT").json(f.in.toString())
        .writeStream().format("memory").queryName("t").option("checkpointLocation", dir.resolve("cp2").toString())
        .start();
    assertThatThrownBy(strict::processAllAvailable).hasMessageContaining("FAILED_READ_FILE")
        .hasMessageContaining("b.json.gz");
  }
}
