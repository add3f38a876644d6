package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.streaming.StreamingQuery;
import dev.sluice.connector.QueryableSink;
import dev.sluice.connector.Sink;
import dev.sluice.connector.SinkBatch;
import dev.sluice.connector.SinkContext;
import dev.sluice.connector.SinkProvider;
import dev.sluice.types.Row;
import dev.sluice.vector.ColumnBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Any sink that can hand back its rows ({@link QueryableSink}) is queryable as a table named after the
 * query while the query runs, as the memory sink is: the writer does not special-case a format name.
 */
class QueryableSinkTest {
  Session session;
  /** Rows every sink of the "collecting" format has received, across runs of the query. */
  final List<Object[]> received = new ArrayList<>();

  @BeforeEach
  void setUp() {
    session = Session.builder().config("sluice.sql.shuffle.partitions", "2").getOrCreate();
    session.connectors().registerSink(new SinkProvider() {
      @Override
      public String shortName() {
        return "collecting";
      }

      @Override
      public Sink createSink(SinkContext ctx) {
        return new QueryableSink() {
          @Override
          public void addBatch(long batchId, SinkBatch data) {
            synchronized (received) {
              for (List<ColumnBatch> p : data.partitions()) {
                for (ColumnBatch b : p) {
                  received.addAll(b.rows());
                }
              }
            }
          }

          @Override
          public List<Object[]> internalRows() {
            synchronized (received) {
              return new ArrayList<>(received);
            }
          }
        };
      }
    });
  }

  @AfterEach
  void tearDown() {
    session.close();
  }

  @Test
  void aQueryableSinksOutputIsATableNamedAfterTheQueryAcrossARestart(@TempDir Path dir) {
    MemoryStream in = MemoryStream.create(session, "n INT, s STRING");
    in.addData(Row.of(1, "a"), Row.of(2, null));
    String checkpoint = dir.resolve("cp").toString();
    StreamingQuery first = in.toDF().where("n > 0").writeStream().format("collecting").queryName("collected")
        .option("checkpointLocation", checkpoint).start();
    first.processAllAvailable();
    assertThat(session.sql("SELECT n, s FROM collected ORDER BY n").collectAsList())
        .containsExactly(Row.of(1, "a"), Row.of(2, null));
    first.stop();

    in.addData(Row.of(-1, "dropped"), Row.of(3, "c"));
    StreamingQuery second = in.toDF().where("n > 0").writeStream().format("collecting").queryName("collected")
        .option("checkpointLocation", checkpoint).start();
    second.processAllAvailable();
    second.stop();
    assertThat(session.sql("SELECT count(*), sum(n) FROM collected").collectAsList())
        .containsExactly(Row.of(3L, 6L));
  }
}
