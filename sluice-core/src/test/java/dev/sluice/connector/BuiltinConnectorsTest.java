package dev.sluice.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.DataFrame;
import dev.sluice.api.MemoryStream;
import dev.sluice.api.Session;
import dev.sluice.api.streaming.StreamingQuery;
import dev.sluice.connector.builtin.ConsoleSinkProvider.ConsoleSink;
import dev.sluice.errors.SluiceException;
import dev.sluice.types.Row;
import dev.sluice.types.StructType;
import dev.sluice.vector.ColumnBatch;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BuiltinConnectorsTest {
  Session session;

  @BeforeEach
  void setUp() {
    session = Session.builder().config("sluice.sql.shuffle.partitions", "2").getOrCreate();
  }

  @AfterEach
  void tearDown() {
    session.close();
  }

  @Test
  void rateSourceProducesConsecutiveValuesWithTimestamps() throws Exception {
    DataFrame rate = session.readStream().format("rate").option("rowsPerSecond", 50).option("numPartitions", 3).load();
    assertThat(rate.schema().fieldNames()).containsExactly("timestamp", "value");
    StreamingQuery q = rate.writeStream().format("memory").queryName("ticks").start();
    long deadline = System.currentTimeMillis() + 10_000;
    while (session.table("ticks").count() < 100 && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    q.stop();
    List<Row> rows = session.table("ticks").orderBy("value").collectAsList();
    assertThat(rows.size()).isGreaterThanOrEqualTo(100);
    for (int i = 0; i < rows.size(); i++) {
      assertThat(rows.get(i).getLong(1)).isEqualTo(i);
    }
    assertThat(rows.get(rows.size() - 1).getTimestamp(0)).isAfterOrEqualTo(rows.get(0).getTimestamp(0));
    assertThatThrownBy(() -> session.readStream().format("rate").option("rowsPerSecond", -1).load()
        .writeStream().format("memory").queryName("bad").start()).isInstanceOf(SluiceException.class)
        .hasMessageContaining("rowsPerSecond");
  }

  @Test
  void socketSourceReadsLinesFromAServer() throws Exception {
    ExecutorService ex = Executors.newSingleThreadExecutor();
    try (ServerSocket server = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Future<Socket> accepted = ex.submit(server::accept);
      DataFrame lines = session.readStream().format("socket").option("host", "127.0.0.1")
          .option("port", server.getLocalPort()).option("includeTimestamp", true).load();
      assertThat(lines.schema().fieldNames()).containsExactly("value", "timestamp");
      StreamingQuery q = lines.writeStream().format("memory").queryName("lines").start();
      try (Socket client = accepted.get(); Writer w = new OutputStreamWriter(client.getOutputStream(),
          StandardCharsets.UTF_8)) {
        w.write("hello\nworld\n");
        w.flush();
        long deadline = System.currentTimeMillis() + 10_000;
        while (session.table("lines").count() < 2 && System.currentTimeMillis() < deadline) {
          Thread.sleep(20);
        }
        assertThat(session.table("lines").select("value").collectAsList())
            .containsExactlyInAnyOrder(Row.of("hello"), Row.of("world"));
        // includeTimestamp: each line carries the time it was received.
        for (Row r : session.table("lines").collectAsList()) {
          assertThat(r.getTimestamp(1)).isBetween(java.time.Instant.now().minusSeconds(60), java.time.Instant.now());
        }
      }
      q.stop();
    } finally {
      ex.shutdownNow();
    }
    assertThatThrownBy(() -> session.readStream().format("socket").option("host", "127.0.0.1").option("port", 1)
        .load().writeStream().format("memory").queryName("nope").start())
        .hasMessageContaining("cannot connect");
  }

  @Test
  void consoleSinkPrintsABatchHeaderAndATable() {
    StructType schema = session.parseSchema("word STRING, n INT");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ConsoleSink sink = new ConsoleSink(20, true, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    ColumnBatch b = ColumnBatch.fromRows(schema.types(), List.of(new Object[] {"apple", 1}, new Object[] {null, 22}));
    sink.addBatch(7, new SinkBatch(schema, List.of(List.of(b)), null));
    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("""
        -------------------------------------------
        Batch: 7
        -------------------------------------------
        +-----+---+
        | word|  n|
        +-----+---+
        |apple|  1|
        | NULL| 22|
        +-----+---+

        """);
  }

  @Test
  void unknownFormatsListTheKnownOnes() {
    assertThatThrownBy(() -> session.readStream().format("kafkaa").load())
        .isInstanceOf(SluiceException.class).hasMessageContaining("kafkaa").hasMessageContaining("rate");
    MemoryStream m = MemoryStream.create(session, "a INT");
    assertThatThrownBy(() -> m.toDF().writeStream().format("nosuch").start())
        .hasMessageContaining("nosuch").hasMessageContaining("console");
  }
}
