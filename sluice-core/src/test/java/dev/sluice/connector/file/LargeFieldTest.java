package dev.sluice.connector.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.Session;
import dev.sluice.errors.SluiceException;
import dev.sluice.types.Row;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A valid record is never malformed because a field is large: a 50 MB string (beyond Jackson's
 * default 20,000,000-character limit) reads in every parse mode, in the json and csv formats and in
 * the JSON functions. The one structural limit left (JSON nesting depth) is an option, and going past
 * it is an error naming the option, never a silently dropped record.
 */
class LargeFieldTest {
  static final int BIG = 50 * 1024 * 1024;

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

  /** Writes prefix, BIG times 'x', suffix, without building the whole text in memory. */
  private Path writeBig(String name, String prefix, String suffix) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    byte[] chunk = new byte[1 << 20];
    Arrays.fill(chunk, (byte) 'x');
    try (OutputStream out = Files.newOutputStream(p)) {
      out.write(prefix.getBytes(StandardCharsets.UTF_8));
      for (int i = 0; i < BIG / chunk.length; i++) {
        out.write(chunk);
      }
      out.write(suffix.getBytes(StandardCharsets.UTF_8));
    }
    return p;
  }

  @Test
  void jsonRecordWithA50MbFieldIsNotMalformed() throws IOException {
    writeBig("in/a.json", "{\"a\":1,\"s\":\"", "\"}\n{\"a\":2,\"s\":\"y\"}\n");
    for (String mode : List.of("DROPMALFORMED", "PERMISSIVE", "FAILFAST")) {
      List<Row> rows = session.read().schema("a INT, s STRING").option("mode", mode)
          .json(dir.resolve("in").toString()).selectExpr("a", "length(s)").collectAsList();
      assertThat(rows).as(mode).extracting(r -> r.get(0) + ":" + r.get(1)).containsExactlyInAnyOrder("1:" + BIG, "2:1");
    }
  }

  @Test
  void schemaInferenceOfA50MbFieldFindsNoCorruptRecord() throws IOException {
    writeBig("in/a.json", "{\"a\":1,\"s\":\"", "\"}\n");
    assertThat(session.read().json(dir.resolve("in").toString()).schema().toDDL()).isEqualTo("a BIGINT, s STRING");
    writeBig("c/a.csv", "a,s\n1,", "\n");
    assertThat(session.read().option("header", "true").option("inferSchema", "true").csv(dir.resolve("c").toString())
        .schema().toDDL()).isEqualTo("a INT, s STRING");
  }

  @Test
  void multiLineJsonWithA50MbField() throws IOException {
    writeBig("in/a.json", "{\"a\":1,\n \"s\":\"", "\"}");
    List<Row> rows = session.read().schema("a INT, s STRING").option("mode", "DROPMALFORMED")
        .option("multiLine", "true").json(dir.resolve("in").toString()).selectExpr("a", "length(s)").collectAsList();
    assertThat(rows).extracting(r -> r.get(0) + ":" + r.get(1)).containsExactly("1:" + BIG);
  }

  @Test
  void csvRecordWithA50MbFieldIsNotMalformed() throws IOException {
    writeBig("in/a.csv", "1,", "\n2,y\n");
    List<Row> rows = session.read().schema("a INT, s STRING").option("mode", "DROPMALFORMED")
        .csv(dir.resolve("in").toString()).selectExpr("a", "length(s)").collectAsList();
    assertThat(rows).extracting(r -> r.get(0) + ":" + r.get(1)).containsExactlyInAnyOrder("1:" + BIG, "2:1");
    writeBig("q/a.csv", "1,\"", "\"\n");
    rows = session.read().schema("a INT, s STRING").option("mode", "FAILFAST").option("multiLine", "true")
        .csv(dir.resolve("q").toString()).selectExpr("a", "length(s)").collectAsList();
    assertThat(rows).extracting(r -> r.get(0) + ":" + r.get(1)).containsExactly("1:" + BIG);
  }

  @Test
  void jsonFunctionsOnA50MbField() throws IOException {
    writeBig("in/a.txt", "{\"a\":1,\"s\":\"", "\"}\n");
    List<Row> rows = session.read().text(dir.resolve("in").toString())
        .selectExpr("length(from_json(value, 'a INT, s STRING', map('mode', 'FAILFAST')).s)",
            "length(get_json_object(value, '$.s'))")
        .collectAsList();
    assertThat(rows).extracting(r -> r.get(0) + ":" + r.get(1)).containsExactly(BIG + ":" + BIG);
  }

  @Test
  void aNumberWithThousandsOfDigitsIsNotMalformed() throws IOException {
    String digits = "1" + "0".repeat(5000);
    Files.createDirectories(dir.resolve("in"));
    Files.writeString(dir.resolve("in/a.json"), "{\"d\":" + digits + ",\"k\":\"" + "k".repeat(60_000) + "\"}\n");
    List<Row> rows = session.read().schema("d DOUBLE").option("mode", "DROPMALFORMED")
        .json(dir.resolve("in").toString()).collectAsList();
    assertThat(rows).hasSize(1);
    // A field name longer than Jackson's default 50,000 is a valid name too.
    Files.writeString(dir.resolve("in/a.json"), "{\"" + "n".repeat(60_000) + "\":1}\n");
    assertThat(session.read().schema("a INT").option("mode", "DROPMALFORMED").json(dir.resolve("in").toString())
        .collectAsList()).hasSize(1);
  }

  @Test
  void nestingBeyondTheLimitNamesTheOption() throws IOException {
    Files.createDirectories(dir.resolve("in"));
    int depth = 1500;
    Files.writeString(dir.resolve("in/a.json"), "{\"a\":" + "[".repeat(depth) + "]".repeat(depth) + "}\n");
    assertThatThrownBy(() -> session.read().schema("a STRING").option("mode", "DROPMALFORMED")
        .json(dir.resolve("in").toString()).collectAsList())
        .isInstanceOf(SluiceException.class).hasMessageContaining("maxNestingDepth");
    List<Row> rows = session.read().schema("a STRING").option("maxNestingDepth", "2000")
        .json(dir.resolve("in").toString()).collectAsList();
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).get(0).toString()).startsWith("[[[");
  }
}
