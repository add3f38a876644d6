package dev.sluice.connector.file;

import static dev.sluice.connector.file.FileFormatsBatchTest.sorted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.DataFrame;
import dev.sluice.api.Session;
import dev.sluice.api.streaming.StreamingQuery;
import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import dev.sluice.types.Row;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Format options whose effect a round trip alone cannot show (an option ignored on both the write
 * and the read still round-trips), so each is checked against the text in the files; and the
 * malformed-record modes on broken files, FAILFAST naming the file, the line and the reason.
 */
class FileFormatOptionsTest {
  @TempDir
  Path dir;
  Session session;

  @BeforeEach
  void setUp() {
    session = Session.builder().config("sluice.sql.shuffle.partitions", "2")
        .config("sluice.sql.session.timeZone", "UTC").getOrCreate();
  }

  @AfterEach
  void tearDown() {
    session.close();
  }

  private Path write(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  /** The text of the data files of an output folder, in name order. */
  private static String text(Path folder) throws IOException {
    try (Stream<Path> s = Files.walk(folder)) {
      List<Path> files = s.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().startsWith("_") && !p.getFileName().toString().startsWith("."))
          .sorted().toList();
      StringBuilder sb = new StringBuilder();
      for (Path p : files) {
        sb.append(Files.readString(p));
      }
      return sb.toString();
    }
  }

  @Test
  void csvQuoteAndEscape() throws IOException {
    write("q/a.csv", "1,'a,b'\n2,'it\\'s'\n");
    DataFrame q = session.read().schema("id INT, s STRING").option("quote", "'").csv(dir.resolve("q").toString());
    assertThat(sorted(q)).containsExactly("[1, a,b]", "[2, it's]");
    write("e/a.csv", "1,\"say #\"hi#\", ok\"\n");
    DataFrame e = session.read().schema("id INT, s STRING").option("escape", "#").csv(dir.resolve("e").toString());
    assertThat(sorted(e)).containsExactly("[1, say \"hi\", ok]");
    // Writing uses them too.
    session.createDataFrame(List.of(Row.of(1, "a,b"), Row.of(2, "it's")), "id INT, s STRING").write()
        .option("quote", "'").option("escape", "#").csv(dir.resolve("out").toString());
    assertThat(text(dir.resolve("out")).lines().sorted().toList()).containsExactly("1,'a,b'", "2,'it#'s'");
    assertThat(sorted(session.read().schema("id INT, s STRING").option("quote", "'").option("escape", "#")
        .csv(dir.resolve("out").toString()))).containsExactly("[1, a,b]", "[2, it's]");
  }

  @Test
  void csvHeaderDateFormatTimestampFormatAndNullValueInTheFiles() throws IOException {
    DataFrame df = session.createDataFrame(List.of(
        Row.of(1, LocalDate.of(2024, 1, 2), Instant.parse("2024-05-01T10:30:00Z"), "x"),
        Row.of(2, null, null, null)), "id INT, d DATE, t TIMESTAMP, s STRING");
    df.write().option("header", true).option("dateFormat", "dd/MM/yyyy").option("timestampFormat", "dd/MM/yyyy HH:mm")
        .option("nullValue", "NA").option("sep", "|").csv(dir.resolve("out").toString());
    List<String> lines = text(dir.resolve("out")).lines().toList();
    assertThat(lines).contains("id|d|t|s", "1|02/01/2024|01/05/2024 10:30|x", "2|NA|NA|NA");
    DataFrame back = session.read().schema("id INT, d DATE, t TIMESTAMP, s STRING").option("header", true)
        .option("dateFormat", "dd/MM/yyyy").option("timestampFormat", "dd/MM/yyyy HH:mm").option("nullValue", "NA")
        .option("sep", "|").csv(dir.resolve("out").toString());
    assertThat(sorted(back)).containsExactly("[1, 2024-01-02, 2024-05-01T10:30:00Z, x]", "[2, null, null, null]");
    // A timestamp not in the format is malformed, not guessed.
    write("bad/a.csv", "1,2024-05-01T10:30:00Z\n");
    assertThat(sorted(session.read().schema("id INT, t TIMESTAMP").option("timestampFormat", "dd/MM/yyyy HH:mm")
        .csv(dir.resolve("bad").toString()))).containsExactly("[1, null]");
  }

  @Test
  void permissiveWithoutTheCorruptColumnKeepsTheRowWithNulls() throws IOException {
    write("j/a.json", "{\"a\":1,\"b\":\"x\"}\n{broken\n{\"a\":\"oops\",\"b\":\"y\"}\n");
    assertThat(sorted(session.read().schema("a INT, b STRING").json(dir.resolve("j").toString())))
        .containsExactly("[1, x]", "[null, null]", "[null, y]");
    write("c/a.csv", "1,x\nzz,y\n");
    assertThat(sorted(session.read().schema("a INT, b STRING").csv(dir.resolve("c").toString())))
        .containsExactly("[1, x]", "[null, y]");
    // The corrupt column may have another name.
    assertThat(sorted(session.read().schema("a INT, b STRING, bad STRING").option("columnNameOfCorruptRecord", "bad")
        .csv(dir.resolve("c").toString()))).containsExactly("[1, x, null]", "[null, y, zz,y]");
  }

  @Test
  void jsonLinesThatAreNotObjectsAreCorruptUnlessAnArrayOfObjects() throws IOException {
    write("n/a.json", "5\n[{\"a\":1},{\"a\":2}]\n\"text\"\n{\"a\":3}\n");
    assertThat(sorted(session.read().schema("a INT, _corrupt_record STRING").json(dir.resolve("n").toString())))
        .containsExactly("[1, null]", "[2, null]", "[3, null]", "[null, \"text\"]", "[null, 5]");
  }

  @Test
  void multiLineJsonMalformedFileGoesWholeToTheCorruptColumn() throws IOException {
    write("m/good.json", "[\n {\"a\": 1},\n {\"a\": 2}\n]\n");
    write("m/bad.json", "{\n \"a\": 3,\n");
    assertThat(sorted(session.read().schema("a INT, _corrupt_record STRING").option("multiLine", true)
        .json(dir.resolve("m").toString()))).containsExactly("[1, null]", "[2, null]", "[null, {\n \"a\": 3,\n]");
    assertThatThrownBy(() -> session.read().schema("a INT").option("multiLine", true).option("mode", "FAILFAST")
        .json(dir.resolve("m").toString()).collectAsList()).hasMessageContaining("MALFORMED_RECORD_IN_PARSING")
        .hasMessageContaining("bad.json");
  }

  @Test
  void failFastNamesTheFileTheLineAndTheReason() throws IOException {
    write("j/good.json", "{\"a\":1}\n");
    write("j/broken.json", "{\"a\":1}\n{\"a\":2}\n{\"a\":\"three\"}\n");
    assertThatThrownBy(() -> session.read().schema("a INT").option("mode", "FAILFAST")
        .json(dir.resolve("j").toString()).collectAsList())
        .isInstanceOf(SluiceException.class)
        .satisfies(e -> assertThat(((SluiceException) e).errorClass()).isEqualTo(ErrorClass.MALFORMED_RECORD_IN_PARSING))
        .hasMessageContaining("broken.json, line 3").hasMessageContaining("three")
        .hasMessageContaining("INT");
    write("c/broken.csv", "1,x\n2,y\nnot-a-number,z\n");
    assertThatThrownBy(() -> session.read().schema("a INT, b STRING").option("mode", "FAILFAST")
        .csv(dir.resolve("c").toString()).collectAsList())
        .isInstanceOf(SluiceException.class)
        .hasMessageContaining("broken.csv, line 3").hasMessageContaining("not-a-number").hasMessageContaining("INT");
  }

  @Test
  void failFastStopsAStreamAndNamesTheFile() throws IOException {
    Path in = Files.createDirectories(dir.resolve("in"));
    write("in/a.json", "{\"a\":1}\n");
    StreamingQuery q = session.readStream().schema("a INT").option("mode", "FAILFAST").json(in.toString())
        .writeStream().format("memory").queryName("ff").option("checkpointLocation", dir.resolve("cp").toString())
        .start();
    q.processAllAvailable();
    assertThat(session.table("ff").count()).isEqualTo(1);
    write(".tmp", "{\"a\":2}\n{\"a\":[]}\n");
    Files.move(dir.resolve(".tmp"), in.resolve("b.json"));
    assertThatThrownBy(q::processAllAvailable).hasMessageContaining("MALFORMED_RECORD_IN_PARSING")
        .hasMessageContaining("b.json, line 2");
    assertThat(q.isActive()).isFalse();
    assertThat(q.exception()).hasMessageContaining("b.json, line 2");
    // DROPMALFORMED on the same checkpoint goes on past the bad record.
    StreamingQuery q2 = session.readStream().schema("a INT").option("mode", "DROPMALFORMED").json(in.toString())
        .writeStream().format("memory").queryName("ff2").option("checkpointLocation", dir.resolve("cp").toString())
        .start();
    q2.processAllAvailable();
    q2.stop();
    assertThat(sorted(session.table("ff2"))).containsExactly("[2]");
  }

  @Test
  void textAndCsvCompressionOnWriteAndRead() throws IOException {
    DataFrame df = session.createDataFrame(List.of(Row.of("one"), Row.of("two")), "value STRING");
    df.write().option("compression", "deflate").text(dir.resolve("t").toString());
    try (Stream<Path> s = Files.list(dir.resolve("t"))) {
      assertThat(s.map(p -> p.getFileName().toString()).collect(Collectors.toList()))
          .anyMatch(n -> n.endsWith(".txt.deflate"));
    }
    assertThat(sorted(session.read().text(dir.resolve("t").toString()))).containsExactly("[one]", "[two]");
    assertThatThrownBy(() -> df.write().option("compression", "brotli9").text(dir.resolve("x").toString()))
        .hasMessageContaining("compression");
  }
}
