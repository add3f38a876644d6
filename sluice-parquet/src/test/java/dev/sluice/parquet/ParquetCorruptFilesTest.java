package dev.sluice.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.Session;
import dev.sluice.api.streaming.StreamingQuery;
import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import dev.sluice.types.Row;
import dev.sluice.util.Warnings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Corrupt Parquet files (zero bytes, a real file cut short, garbage, a file whose pages are
 * damaged) fail a read with FAILED_READ_FILE naming the file, never a raw parquet-java exception; with
 * {@code ignoreCorruptFiles} they are skipped with a warning, in batch reads, schema inference and
 * file streams.
 */
class ParquetCorruptFilesTest {
  @TempDir
  Path dir;
  Session session;
  Path good;
  long goodRows;

  @BeforeEach
  void setUp() throws IOException {
    session = Session.builder().config("sluice.sql.shuffle.partitions", "1").getOrCreate();
    session.range(0, 1000).selectExpr("id", "CAST(id AS STRING) AS s").write().option("compression", "none")
        .parquet(dir.resolve("w").toString());
    try (Stream<Path> s = Files.list(dir.resolve("w"))) {
      good = s.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
    goodRows = session.read().parquet(good.toString()).count();
    assertThat(goodRows).isGreaterThan(100);
  }

  @AfterEach
  void tearDown() {
    session.close();
  }

  /** A folder with one good file and one corrupt file {@code bad.parquet} of the given kind. */
  private Path folder(String kind) throws IOException {
    Path in = Files.createDirectories(dir.resolve("in-" + kind));
    Files.copy(good, in.resolve("good.parquet"));
    Files.write(in.resolve("bad.parquet"), corrupt(kind));
    return in;
  }

  private byte[] corrupt(String kind) throws IOException {
    byte[] bytes = Files.readAllBytes(good);
    return switch (kind) {
      case "empty" -> new byte[0];
      case "truncated" -> Arrays.copyOf(bytes, bytes.length / 2);
      case "garbage" -> "PAR1 this is not parquet, only text that starts with the magic PAR1".getBytes();
      case "damaged" -> {
        // Footer intact, data pages overwritten: fails while reading rows, not while opening.
        byte[] b = bytes.clone();
        for (int i = 4; i < b.length / 3; i++) {
          b[i] = (byte) 0x7f;
        }
        yield b;
      }
      default -> throw new IllegalArgumentException(kind);
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"empty", "truncated", "garbage", "damaged"})
  void aCorruptFileFailsTheReadNamingTheFile(String kind) throws IOException {
    Path in = folder(kind);
    assertThatThrownBy(() -> session.read().schema("id BIGINT, s STRING").parquet(in.toString()).collectAsList())
        .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.FAILED_READ_FILE))
        .hasMessageContaining("bad.parquet").hasMessageContaining("ignoreCorruptFiles");
  }

  @ParameterizedTest
  @ValueSource(strings = {"empty", "truncated", "garbage", "damaged"})
  void ignoreCorruptFilesSkipsItWithAWarning(String kind) throws IOException {
    Path in = folder(kind);
    try (Warnings.Capture w = Warnings.capture()) {
      List<Row> rows = session.read().schema("id BIGINT, s STRING").option("ignoreCorruptFiles", "true")
          .parquet(in.toString()).collectAsList();
      // The good file whole; of a damaged file at most the rows before the damage.
      assertThat((long) rows.size()).isBetween(goodRows, 2 * goodRows - 1);
      assertThat(w.messages()).anySatisfy(m -> assertThat(m).contains("bad.parquet"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"empty", "truncated", "garbage"})
  void schemaInferenceNamesTheCorruptFileOrSkipsIt(String kind) throws IOException {
    Path in = Files.createDirectories(dir.resolve("only-" + kind));
    Files.write(in.resolve("a-bad.parquet"), corrupt(kind));
    Files.copy(good, in.resolve("b-good.parquet"));
    if (!kind.equals("empty")) { // a zero-byte file holds no schema and is passed over when inferring
      assertThatThrownBy(() -> session.read().parquet(in.toString()))
          .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.FAILED_READ_FILE))
          .hasMessageContaining("a-bad.parquet");
    }
    session.conf().set("spark.sql.files.ignoreCorruptFiles", "true");
    assertThat(session.read().parquet(in.toString()).schema().toDDL()).isEqualTo("id BIGINT NOT NULL, s STRING");
    assertThat(session.read().parquet(in.toString()).count()).isEqualTo(goodRows);
  }

  @Test
  void aStreamFailsNamingTheFileOrSkipsIt() throws IOException {
    Path in = Files.createDirectories(dir.resolve("stream"));
    Files.copy(good, in.resolve("1.parquet"));
    Path cp = dir.resolve("cp");
    StreamingQuery q = session.readStream().schema("id BIGINT, s STRING").parquet(in.toString())
        .writeStream().format("memory").queryName("strict").option("checkpointLocation", cp.toString()).start();
    q.processAllAvailable();
    Path staged = dir.resolve("staged");
    Files.write(staged, corrupt("truncated"));
    Files.move(staged, in.resolve("2.parquet"), StandardCopyOption.ATOMIC_MOVE);
    assertThatThrownBy(q::processAllAvailable).hasMessageContaining("FAILED_READ_FILE")
        .hasMessageContaining("2.parquet");
    assertThat(q.isActive()).isFalse();

    StreamingQuery lenient = session.readStream().schema("id BIGINT, s STRING").option("ignoreCorruptFiles", "true")
        .parquet(in.toString()).writeStream().format("memory").queryName("lenient")
        .option("checkpointLocation", dir.resolve("cp2").toString()).start();
    try {
      lenient.processAllAvailable();
      Files.copy(good, staged);
      Files.move(staged, in.resolve("3.parquet"), StandardCopyOption.ATOMIC_MOVE);
      lenient.processAllAvailable();
      assertThat(session.table("lenient").count()).isEqualTo(2 * goodRows);
      assertThat(lenient.exception()).isNull();
    } finally {
      lenient.stop();
    }
  }

  static List<String> names(List<Row> rows) {
    List<String> out = new ArrayList<>();
    rows.forEach(r -> out.add(String.valueOf(r.get(0))));
    return out;
  }
}
