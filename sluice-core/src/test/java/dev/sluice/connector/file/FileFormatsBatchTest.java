package dev.sluice.connector.file;

import static dev.sluice.api.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.DataFrame;
import dev.sluice.api.Session;
import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import dev.sluice.types.Row;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batch reads and writes of the json, csv and text formats: options, schemas, malformed records, partitions. */
class FileFormatsBatchTest {
  @TempDir
  Path dir;
  Session session;

  @BeforeEach
  void setUp() {
    session = Session.builder().config("sluice.sql.shuffle.partitions", "2").getOrCreate();
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

  static List<String> sorted(DataFrame df) {
    List<String> out = new ArrayList<>();
    for (Row r : df.collectAsList()) {
      List<String> vs = new ArrayList<>();
      for (int i = 0; i < r.size(); i++) {
        vs.add(String.valueOf(r.get(i)));
      }
      out.add("[" + String.join(", ", vs) + "]");
    }
    out.sort(null);
    return out;
  }

  // ------------------------------------------------------------------ json

  @Test
  void jsonLinesInferSchemaSortedByNameWithNestedTypes() throws IOException {
    write("in/a.json", "{\"name\":\"ann\",\"age\":31,\"tags\":[\"x\"],\"addr\":{\"city\":\"Oslo\"}}\n"
        + "{\"name\":\"bob\",\"age\":2.5}\n\n");
    DataFrame df = session.read().json(dir.resolve("in").toString());
    assertThat(df.schema().toDDL()).isEqualTo(
        "addr STRUCT<city: STRING>, age DOUBLE, name STRING, tags ARRAY<STRING>");
    assertThat(sorted(df.select(col("name"), col("age"), col("addr.city")))).containsExactly(
        "[ann, 31.0, Oslo]", "[bob, 2.5, null]");
  }

  @Test
  void jsonWithSchemaAllTypesRoundTrip() throws IOException {
    String ddl = "b BOOLEAN, i INT, l BIGINT, d DOUBLE, s STRING, dt DATE, ts TIMESTAMP, dec DECIMAL(10,2), "
        + "bin BINARY, arr ARRAY<INT>, m MAP<STRING, BIGINT>, st STRUCT<x: INT, y: STRING>";
    write("in/a.json", "{\"b\":true,\"i\":1,\"l\":9000000000,\"d\":1.5,\"s\":\"hi\",\"dt\":\"2024-05-01\","
        + "\"ts\":\"2024-05-01T10:00:00.123Z\",\"dec\":12.345,\"bin\":\"AQI=\",\"arr\":[1,null,3],\"m\":{\"k\":7},"
        + "\"st\":{\"x\":5,\"y\":\"z\"}}\n{\"i\":null}\n");
    DataFrame df = session.read().schema(ddl).json(dir.resolve("in").toString());
    List<Row> rows = df.collectAsList();
    assertThat(rows).hasSize(2);
    Row r = rows.get(0).isNullAt(0) ? rows.get(1) : rows.get(0);
    assertThat(r.getBoolean(0)).isTrue();
    assertThat(r.getLong(2)).isEqualTo(9_000_000_000L);
    assertThat(r.getDate(5)).isEqualTo(LocalDate.of(2024, 5, 1));
    assertThat(r.getTimestamp(6)).isEqualTo(Instant.parse("2024-05-01T10:00:00.123Z"));
    assertThat(r.getDecimal(7)).isEqualTo(new BigDecimal("12.35"));
    assertThat((byte[]) r.get(8)).containsExactly(1, 2);
    // write and read back: the same rows
    df.write().json(dir.resolve("out").toString());
    DataFrame back = session.read().schema(ddl).json(dir.resolve("out").toString());
    assertThat(back.collectAsList()).containsExactlyInAnyOrderElementsOf(df.collectAsList());
    assertThat(Files.exists(dir.resolve("out/_SUCCESS"))).isTrue();
  }

  @Test
  void jsonPermissiveKeepsGoodFieldsAndTheRawLine() throws IOException {
    write("in/a.json", "{\"a\":1,\"b\":\"x\"}\n{\"a\":\"oops\",\"b\":\"y\"}\n{broken\n");
    DataFrame df = session.read().schema("a INT, b STRING, _corrupt_record STRING")
        .json(dir.resolve("in").toString());
    assertThat(sorted(df)).containsExactly("[1, x, null]", "[null, null, {broken]",
        "[null, y, {\"a\":\"oops\",\"b\":\"y\"}]");
    DataFrame dropped = session.read().schema("a INT, b STRING").option("mode", "DROPMALFORMED")
        .json(dir.resolve("in").toString());
    assertThat(sorted(dropped)).containsExactly("[1, x]");
    assertThatThrownBy(() -> session.read().schema("a INT, b STRING").option("mode", "FAILFAST")
        .json(dir.resolve("in").toString()).collectAsList())
        .isInstanceOf(SluiceException.class)
        .hasMessageContaining("MALFORMED_RECORD_IN_PARSING").hasMessageContaining("a.json, line 2");
  }

  @Test
  void jsonInferenceAddsTheCorruptColumnForMalformedRecords() throws IOException {
    write("in/a.json", "{\"a\":1}\nnot json\n");
    DataFrame df = session.read().json(dir.resolve("in").toString());
    assertThat(df.schema().fieldNames()).containsExactly("a", "_corrupt_record");
    assertThat(sorted(df)).containsExactly("[1, null]", "[null, not json]");
  }

  @Test
  void jsonMultiLine() throws IOException {
    write("in/a.json", "[\n {\"a\": 1},\n {\"a\": 2}\n]\n");
    write("in/b.json", "{\n \"a\": 3\n}\n");
    DataFrame df = session.read().option("multiLine", true).json(dir.resolve("in").toString());
    assertThat(sorted(df)).containsExactly("[1]", "[2]", "[3]");
  }

  // ------------------------------------------------------------------ csv

  @Test
  void csvHeaderInferSchemaAndOptions() throws IOException {
    write("in/a.csv", "id;name;score;day;at\n1;\"a;b\";1.5;2024-05-01;2024-05-01 10:00:00\n"
        + "2;NA;2;2024-05-02;2024-05-02 11:30:00\n");
    DataFrame df = session.read().option("header", true).option("sep", ";").option("inferSchema", true)
        .option("nullValue", "NA").csv(dir.resolve("in").toString());
    assertThat(df.schema().toDDL()).isEqualTo("id INT, name STRING, score DOUBLE, day DATE, at TIMESTAMP");
    assertThat(sorted(df.select("id", "name", "score"))).containsExactly("[1, a;b, 1.5]", "[2, null, 2.0]");
  }

  @Test
  void csvWithoutHeaderHasNumberedStringColumns() throws IOException {
    write("in/a.csv", "1,x\n2,y\n");
    DataFrame df = session.read().csv(dir.resolve("in").toString());
    assertThat(df.schema().toDDL()).isEqualTo("_c0 STRING, _c1 STRING");
  }

  @Test
  void csvMalformedRecordsFollowTheMode() throws IOException {
    write("in/a.csv", "1,x\nzz,y\n3\n");
    String ddl = "a INT, b STRING, _corrupt_record STRING";
    DataFrame df = session.read().schema(ddl).csv(dir.resolve("in").toString());
    assertThat(sorted(df)).containsExactly("[1, x, null]", "[3, null, 3]", "[null, y, zz,y]");
    assertThat(sorted(session.read().schema("a INT, b STRING").option("mode", "DROPMALFORMED")
        .csv(dir.resolve("in").toString()))).containsExactly("[1, x]");
    assertThatThrownBy(() -> session.read().schema("a INT, b STRING").option("mode", "FAILFAST")
        .csv(dir.resolve("in").toString()).collectAsList()).isInstanceOf(SluiceException.class)
        .satisfies(e -> assertThat(((SluiceException) e).errorClass()).isEqualTo(ErrorClass.MALFORMED_RECORD_IN_PARSING))
        .hasMessageContaining("line 2");
  }

  @Test
  void csvRoundTripWithQuotesNullsAndDates() throws IOException {
    DataFrame df = session.createDataFrame(List.of(Row.of(1, "say \"hi\", ok", LocalDate.of(2024, 1, 2)),
        Row.of(2, null, null)), "id INT, s STRING, d DATE");
    df.write().option("header", true).option("dateFormat", "dd/MM/yyyy").csv(dir.resolve("out").toString());
    DataFrame back = session.read().schema("id INT, s STRING, d DATE").option("header", true)
        .option("dateFormat", "dd/MM/yyyy").csv(dir.resolve("out").toString());
    assertThat(sorted(back)).isEqualTo(sorted(df));
  }

  // ------------------------------------------------------------------ text

  @Test
  void textReadsLinesAndWritesOneColumn() throws IOException {
    write("in/a.txt", "one\ntwo\r\nthree");
    DataFrame df = session.read().text(dir.resolve("in").toString());
    assertThat(df.schema().toDDL()).isEqualTo("value STRING");
    assertThat(sorted(df)).containsExactly("[one]", "[three]", "[two]");
    df.write().text(dir.resolve("out").toString());
    assertThat(sorted(session.read().text(dir.resolve("out").toString()))).containsExactly("[one]", "[three]", "[two]");
    assertThatThrownBy(() -> session.createDataFrame(List.of(Row.of(1, 2)), "a INT, b INT").write()
        .text(dir.resolve("bad").toString())).hasMessageContaining("single STRING column");
  }

  // ------------------------------------------------------------------ layout

  @Test
  void partitionByWritesFoldersAndReadingDiscoversThem() throws IOException {
    DataFrame df = session.createDataFrame(List.of(Row.of(1, "a", "x/y"), Row.of(2, "b", "x/y"), Row.of(3, "c", null)),
        "id INT, s STRING, p STRING");
    df.write().partitionBy("p").option("maxRecordsPerFile", 1).json(dir.resolve("out").toString());
    try (Stream<Path> s = Files.list(dir.resolve("out"))) {
      assertThat(s.map(p -> p.getFileName().toString()).sorted().toList())
          .containsExactly("_SUCCESS", "p=__HIVE_DEFAULT_PARTITION__", "p=x%2Fy");
    }
    try (Stream<Path> s = Files.list(dir.resolve("out/p=x%2Fy"))) {
      assertThat(s.count()).isEqualTo(2); // maxRecordsPerFile
    }
    DataFrame back = session.read().json(dir.resolve("out").toString());
    assertThat(back.schema().toDDL()).isEqualTo("id BIGINT, s STRING, p STRING");
    assertThat(sorted(back)).containsExactly("[1, a, x/y]", "[2, b, x/y]", "[3, c, null]");
    assertThat(sorted(back.filter(col("p").equalTo("x/y")).select("id"))).containsExactly("[1]", "[2]");
  }

  @Test
  void saveModes() throws IOException {
    DataFrame df = session.createDataFrame(List.of(Row.of(1)), "a INT");
    String out = dir.resolve("out").toString();
    df.write().json(out);
    assertThatThrownBy(() -> df.write().json(out)).isInstanceOf(SluiceException.class)
        .hasMessageContaining("PATH_ALREADY_EXISTS");
    df.write().mode("append").json(out);
    assertThat(session.read().json(out).count()).isEqualTo(2);
    df.write().mode("overwrite").json(out);
    assertThat(session.read().json(out).count()).isEqualTo(1);
    df.write().mode("ignore").json(out);
    assertThat(session.read().json(out).count()).isEqualTo(1);
  }

  @Test
  void missingPathAndGlobFilterAndHiddenFiles() throws IOException {
    assertThatThrownBy(() -> session.read().json(dir.resolve("nope").toString())).isInstanceOf(SluiceException.class)
        .hasMessageContaining("PATH_NOT_FOUND");
    write("in/a.json", "{\"a\":1}\n");
    write("in/b.txt", "{\"a\":2}\n");
    write("in/.hidden.json", "{\"a\":3}\n");
    write("in/_tmp.json", "{\"a\":4}\n");
    write("in/sub/c.json", "{\"a\":5}\n");
    assertThat(sorted(session.read().json(dir.resolve("in").toString()))).containsExactly("[1]", "[2]", "[5]");
    assertThat(sorted(session.read().option("pathGlobFilter", "*.json").json(dir.resolve("in").toString())))
        .containsExactly("[1]", "[5]");
  }

  @Test
  void gzipCompression() throws IOException {
    DataFrame df = session.createDataFrame(List.of(Row.of(1), Row.of(2)), "a INT");
    df.write().option("compression", "gzip").csv(dir.resolve("out").toString());
    try (Stream<Path> s = Files.list(dir.resolve("out"))) {
      assertThat(s.anyMatch(p -> p.toString().endsWith(".csv.gz"))).isTrue();
    }
    assertThat(sorted(session.read().schema("a INT").csv(dir.resolve("out").toString()))).containsExactly("[1]", "[2]");
  }

  @Test
  void sqlCreateTableUsingJson() throws IOException {
    write("in/a.json", "{\"a\":1,\"b\":\"x\"}\n{\"a\":2,\"b\":\"y\"}\n");
    session.sql("CREATE TABLE t (a INT, b STRING) USING json OPTIONS (path '" + dir.resolve("in") + "')");
    assertThat(sorted(session.sql("SELECT b FROM t WHERE a > 1"))).containsExactly("[y]");
    session.sql("CREATE TABLE o USING csv OPTIONS (path '" + dir.resolve("out") + "', header 'true')");
    session.sql("INSERT INTO o SELECT a, b FROM t");
    assertThat(sorted(session.read().option("header", true).csv(dir.resolve("out").toString())))
        .containsExactly("[1, x]", "[2, y]");
  }
}
