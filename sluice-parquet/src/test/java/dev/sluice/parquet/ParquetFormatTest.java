package dev.sluice.parquet;

import static dev.sluice.api.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.DataFrame;
import dev.sluice.api.Session;
import dev.sluice.api.streaming.StreamingQuery;
import dev.sluice.conf.Options;
import dev.sluice.connector.SourceFilter;
import dev.sluice.connector.file.FormatContext;
import dev.sluice.fs.FileStatus;
import dev.sluice.fs.LocalFileSystem;
import dev.sluice.types.Row;
import dev.sluice.types.StructType;
import dev.sluice.vector.ColumnBatch;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parquet: every type, nesting, codecs, dictionaries, column pruning and row-group skipping by filters. */
class ParquetFormatTest {
  static final String ALL = "b BOOLEAN, i INT, l BIGINT, d DOUBLE, s STRING, dt DATE, ts TIMESTAMP, "
      + "d1 DECIMAL(5,2), d2 DECIMAL(15,3), d3 DECIMAL(30,4), bin BINARY, arr ARRAY<INT>, m MAP<STRING, BIGINT>, "
      + "st STRUCT<x: INT, inner: STRUCT<y: STRING, z: ARRAY<STRING>>>";

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

  private DataFrame allTypes() {
    List<Row> rows = List.of(
        Row.of(true, 1, 10L, 1.5, "a", LocalDate.of(2024, 5, 1), Instant.parse("2024-05-01T10:00:00.123456Z"),
            new BigDecimal("123.45"), new BigDecimal("-123456789012.345"), new BigDecimal("12345678901234567890.1234"),
            new byte[] {1, 2, 3}, List.of(1, 2), Map.of("k", 5L), Row.of(7, Row.of("y", List.of("p", "q")))),
        Row.of(null, null, null, null, null, null, null, null, null, null, null, null, null, null),
        Row.of(false, -5, Long.MIN_VALUE, Double.NaN, "", LocalDate.of(1969, 12, 31), Instant.EPOCH,
            new BigDecimal("-0.01"), new BigDecimal("0.000"), new BigDecimal("-1.0000"), new byte[0],
            java.util.Arrays.asList(3, null), Map.of(), Row.of(null, Row.of(null, List.of()))));
    return session.createDataFrame(rows, ALL);
  }

  @Test
  void everyTypeRoundTripsWithEachCodec() throws IOException {
    DataFrame df = allTypes();
    for (String codec : List.of("snappy", "zstd", "gzip", "none")) {
      Path out = dir.resolve(codec);
      df.write().option("compression", codec).parquet(out.toString());
      DataFrame back = session.read().parquet(out.toString());
      assertThat(back.schema().toDDL()).isEqualTo(df.schema().toDDL());
      assertThat(back.collectAsList()).containsExactlyInAnyOrderElementsOf(df.collectAsList());
      Path file = dataFile(out);
      try (ParquetFileReader r = open(file)) {
        CompressionCodecName expected = codec.equals("none") ? CompressionCodecName.UNCOMPRESSED
            : CompressionCodecName.fromConf(codec.toUpperCase());
        assertThat(r.getRowGroups().get(0).getColumns().get(0).getCodec()).isEqualTo(expected);
      }
    }
  }

  @Test
  void repeatedValuesAreDictionaryEncoded() throws IOException {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      rows.add(Row.of(i, "city-" + (i % 7)));
    }
    session.createDataFrame(rows, "id INT, city STRING").write().parquet(dir.resolve("o").toString());
    try (ParquetFileReader r = open(dataFile(dir.resolve("o")))) {
      ColumnChunkMetaData city = r.getRowGroups().get(0).getColumns().get(1);
      assertThat(city.getEncodings()).containsAnyOf(Encoding.PLAIN_DICTIONARY, Encoding.RLE_DICTIONARY);
    }
    DataFrame back = session.read().parquet(dir.resolve("o").toString());
    assertThat(back.filter(col("city").equalTo("city-3")).count()).isEqualTo(1429);
  }

  @Test
  void onlyTheNeededColumnsAreReadAndRowGroupsAreSkippedByFilters() throws IOException {
    StructType data = session.parseSchema("id INT, s STRING, d DOUBLE");
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      rows.add(new Object[] {i, "v" + i, (double) i});
    }
    // One file with small row groups: ids in order, so each row group covers a range of ids.
    Files.createDirectories(dir.resolve("o"));
    Path file = dir.resolve("o/part-0.parquet");
    FormatContext wctx = new FormatContext(new Options(Map.of("parquet.block.size", "65536")), ZoneOffset.UTC, 4096);
    try (var w = new ParquetFileFormat().createWriter(LocalFileSystem.INSTANCE, file.toString(), data, wctx)) {
      ColumnBatch b = ColumnBatch.fromRows(data.types(), rows);
      for (int i = 0; i < b.numRows(); i++) {
        w.write(b, i);
      }
    }
    int groups;
    try (ParquetFileReader r = open(file)) {
      groups = r.getRowGroups().size();
    }
    assertThat(groups).isGreaterThan(3);
    ParquetFileFormat f = new ParquetFileFormat();
    StructType required = session.parseSchema("s STRING");
    FormatContext ctx = new FormatContext(new Options(Map.of()), ZoneOffset.UTC, 4096);
    FileStatus st = LocalFileSystem.INSTANCE.stat(file.toString());
    long all = 0;
    Iterator<ColumnBatch> it = f.read(LocalFileSystem.INSTANCE, st, data, required, List.of(), ctx);
    while (it.hasNext()) {
      ColumnBatch b = it.next();
      assertThat(b.numColumns()).isEqualTo(1);
      all += b.numRows();
    }
    assertThat(all).isEqualTo(20_000);
    long filtered = 0;
    it = f.read(LocalFileSystem.INSTANCE, st, data, required,
        List.of(new SourceFilter.GreaterThanOrEqual("id", 19_990)), ctx);
    while (it.hasNext()) {
      filtered += it.next().numRows();
    }
    assertThat(filtered).isLessThan(20_000 / 2).isGreaterThanOrEqualTo(10);
    // End to end the filter still applies to every row.
    DataFrame q = session.read().parquet(dir.resolve("o").toString()).filter(col("id").geq(19_990)).select("s");
    assertThat(q.count()).isEqualTo(10);
  }

  @Test
  void partitionedWriteAndStreamReadAndStreamingSink() throws IOException {
    DataFrame df = session.createDataFrame(List.of(Row.of(1, "x"), Row.of(2, "y"), Row.of(3, "x")), "id INT, k STRING");
    df.write().partitionBy("k").parquet(dir.resolve("in").toString());
    StreamingQuery q = session.readStream().schema("id INT, k STRING").parquet(dir.resolve("in").toString())
        .filter(col("id").gt(1)).writeStream().format("parquet").option("compression", "zstd")
        .option("checkpointLocation", dir.resolve("cp").toString()).start(dir.resolve("out").toString());
    q.processAllAvailable();
    q.stop();
    List<String> got = new ArrayList<>();
    session.read().parquet(dir.resolve("out").toString()).collectAsList().forEach(r -> got.add(r.toString()));
    got.sort(null);
    assertThat(got).containsExactly("[2,y]", "[3,x]");
  }

  @Test
  void streamingSinkUsesTheCodecAndResumesFromItsCheckpoint() throws IOException {
    Path in = Files.createDirectories(dir.resolve("sin"));
    Path out = dir.resolve("sout");
    String cp = dir.resolve("scp").toString();
    Files.writeString(in.resolve("a.json"), "{\"id\":1,\"st\":{\"x\":1,\"y\":\"a\"}}\n");
    String ddl = "id BIGINT, st STRUCT<x: INT, y: STRING>";
    StreamingQuery q = session.readStream().schema(ddl).json(in.toString()).writeStream().format("parquet")
        .option("compression", "gzip").option("checkpointLocation", cp).start(out.toString());
    q.processAllAvailable();
    q.stop();
    Files.writeString(dir.resolve(".b"), "{\"id\":2,\"st\":{\"x\":2,\"y\":\"b\"}}\n");
    Files.move(dir.resolve(".b"), in.resolve("b.json"));
    StreamingQuery q2 = session.readStream().schema(ddl).json(in.toString()).writeStream().format("parquet")
        .option("compression", "gzip").option("checkpointLocation", cp).start(out.toString());
    q2.processAllAvailable();
    q2.stop();
    List<String> got = new ArrayList<>();
    session.read().parquet(out.toString()).collectAsList().forEach(r -> got.add(r.toString()));
    got.sort(null);
    assertThat(got).containsExactly("[1,[1,a]]", "[2,[2,b]]");
    try (Stream<Path> s = Files.list(out)) {
      List<Path> files = s.filter(p -> p.toString().endsWith(".parquet")).toList();
      assertThat(files).hasSize(2);
      for (Path f : files) {
        try (ParquetFileReader r = open(f)) {
          assertThat(r.getRowGroups().get(0).getColumns().get(0).getCodec()).isEqualTo(CompressionCodecName.GZIP);
        }
      }
    }
  }

  @Test
  void intervalsCannotBeWritten() {
    assertThatThrownBy(() -> session.sql("SELECT INTERVAL '1' DAY AS i").write().parquet(dir.resolve("x").toString()))
        .hasMessageContaining("does not support the column i");
  }

  private static Path dataFile(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
  }

  @Test
  void aColumnStoredInAnotherTypeIsAClearErrorNotACrash() {
    String path = dir.resolve("typed").toString();
    session.createDataFrame(List.of(Row.of("1", 2)), "c1 STRING, c2 INT").write().format("parquet").save(path);
    // Widening is fine: INT read as BIGINT.
    assertThat(session.read().format("parquet").schema("c2 BIGINT").load(path).collectAsList())
        .containsExactly(Row.of(2L));
    assertThatThrownBy(() -> session.read().format("parquet").schema("c1 INT, c2 INT").load(path).collectAsList())
        .isInstanceOf(dev.sluice.errors.SluiceException.class)
        .hasMessageContaining("Parquet column cannot be converted: column c1 is STRING in the file but INT");
  }

  private static ParquetFileReader open(Path p) throws IOException {
    return ParquetFileReader.open(HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(p.toUri()),
        new org.apache.hadoop.conf.Configuration()));
  }
}
