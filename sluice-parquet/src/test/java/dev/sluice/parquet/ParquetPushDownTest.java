package dev.sluice.parquet;

import static dev.sluice.api.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.DataFrame;
import dev.sluice.api.Session;
import dev.sluice.api.streaming.StreamingQuery;
import dev.sluice.conf.Options;
import dev.sluice.connector.file.FormatContext;
import dev.sluice.fs.LocalFileSystem;
import dev.sluice.types.Row;
import dev.sluice.types.StructType;
import dev.sluice.vector.ColumnBatch;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Column pruning and row-group skipping reach the Parquet reader from a query, in a batch read and
 * in a stream. The proof: the bytes the query must not read are overwritten with garbage (the
 * footer stays intact), so a reader that read them would fail.
 */
class ParquetPushDownTest {
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

  /**
   * One uncompressed file of 20,000 rows (id ascending, so each row group covers a range of ids) in
   * small row groups; then every chunk of column {@code d}, and every chunk of the first row group,
   * is overwritten with garbage. Returns the folder.
   */
  private Path damagedFile(String name) throws IOException {
    StructType schema = session.parseSchema("id INT, s STRING, d DOUBLE");
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      rows.add(new Object[] {i, "v" + i, (double) i});
    }
    Path folder = Files.createDirectories(dir.resolve(name));
    Path file = folder.resolve("part-0.parquet");
    FormatContext ctx = new FormatContext(new Options(Map.of("parquet.block.size", "65536", "compression", "none",
        "parquet.enable.dictionary", "false")), ZoneOffset.UTC, 4096);
    try (var w = new ParquetFileFormat().createWriter(LocalFileSystem.INSTANCE, file.toString(), schema, ctx)) {
      ColumnBatch b = ColumnBatch.fromRows(schema.types(), rows);
      for (int i = 0; i < b.numRows(); i++) {
        w.write(b, i);
      }
    }
    List<BlockMetaData> groups;
    try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(
        new org.apache.hadoop.fs.Path(file.toUri()), new org.apache.hadoop.conf.Configuration()))) {
      groups = r.getRowGroups();
    }
    assertThat(groups.size()).isGreaterThan(3);
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      for (int g = 0; g < groups.size(); g++) {
        for (ColumnChunkMetaData c : groups.get(g).getColumns()) {
          if (g == 0 || c.getPath().toDotString().equals("d")) {
            byte[] junk = new byte[(int) c.getTotalSize()];
            Arrays.fill(junk, (byte) 0xFF);
            raf.seek(c.getStartingPos());
            raf.write(junk);
          }
        }
      }
    }
    return folder;
  }

  @Test
  void aBatchQueryReadsOnlyItsColumnsAndTheRowGroupsItsFilterNeeds() throws IOException {
    Path folder = damagedFile("b");
    DataFrame all = session.read().parquet(folder.toString());
    // Reading everything touches the garbage: the damage is real.
    assertThatThrownBy(all::collectAsList).isNotNull();
    DataFrame q = all.filter(col("id").geq(19_990)).select("s");
    List<String> got = new ArrayList<>();
    q.collectAsList().forEach(r -> got.add(r.getString(0)));
    got.sort(null);
    assertThat(got).hasSize(10).first().isEqualTo("v19990");
    // The filter is still applied to every row of the row groups read.
    assertThat(all.filter(col("id").gt(15_000).and(col("id").lt(15_003))).select("id", "s").count()).isEqualTo(2);
  }

  @Test
  void aStreamReadsOnlyItsColumnsAndTheRowGroupsItsFilterNeeds() throws IOException {
    Path folder = damagedFile("s");
    StreamingQuery q = session.readStream().schema("id INT, s STRING, d DOUBLE").parquet(folder.toString())
        .filter(col("id").geq(19_990)).select("s").writeStream().format("memory").queryName("p")
        .option("checkpointLocation", dir.resolve("cp").toString()).start();
    q.processAllAvailable();
    q.stop();
    assertThat(session.table("p").count()).isEqualTo(10);
  }

  @Test
  void aStreamUsedTwiceIsNotFilteredForTheBranchWithoutTheFilter() throws IOException {
    session.createDataFrame(List.of(Row.of(1), Row.of(2), Row.of(3)), "id INT").write()
        .parquet(dir.resolve("u").toString());
    DataFrame s = session.readStream().schema("id INT").parquet(dir.resolve("u").toString());
    // id > 100 rules out the file's only row group; the other branch still needs all of it.
    StreamingQuery q = s.filter(col("id").gt(100)).union(s).writeStream().format("memory").queryName("u")
        .option("checkpointLocation", dir.resolve("cpu").toString()).start();
    q.processAllAvailable();
    q.stop();
    assertThat(session.table("u").count()).isEqualTo(3);
  }
}
