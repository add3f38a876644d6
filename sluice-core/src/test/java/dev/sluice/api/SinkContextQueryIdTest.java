package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.streaming.StreamingQuery;
import dev.sluice.connector.Sink;
import dev.sluice.connector.SinkBatch;
import dev.sluice.connector.SinkContext;
import dev.sluice.connector.SinkProvider;
import dev.sluice.types.Row;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sink learns the id of the query that writes to it, stable across restarts from the same
 * checkpoint, so a transactional sink can name its transactions after it; batch writes get none.
 */
class SinkContextQueryIdTest {
  Session session;
  final List<SinkContext> contexts = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    session = Session.builder().config("sluice.sql.shuffle.partitions", "2").getOrCreate();
    session.connectors().registerSink(new SinkProvider() {
      @Override
      public String shortName() {
        return "recording";
      }

      @Override
      public Sink createSink(SinkContext ctx) {
        contexts.add(ctx);
        return (long batchId, SinkBatch data) -> { };
      }
    });
  }

  @AfterEach
  void tearDown() {
    session.close();
  }

  @Test
  void streamingSinkGetsTheQueryIdWhichSurvivesARestart(@TempDir Path dir) {
    MemoryStream in = MemoryStream.create(session, "n INT");
    in.addData(Row.of(1));
    String checkpoint = dir.resolve("cp").toString();
    StreamingQuery first = in.toDF().writeStream().format("recording").option("checkpointLocation", checkpoint).start();
    first.processAllAvailable();
    first.stop();
    StreamingQuery second = in.toDF().writeStream().format("recording").option("checkpointLocation", checkpoint).start();
    second.stop();
    assertThat(contexts).hasSize(2);
    assertThat(contexts.get(0).queryId()).isEqualTo(first.id().toString());
    assertThat(contexts.get(1).queryId()).isEqualTo(first.id().toString()).isEqualTo(second.id().toString());
  }

  @Test
  void batchWriteHasNoQueryId() {
    session.createDataFrame(List.of(Row.of(1)), "n INT").write().format("recording").save();
    assertThat(contexts).hasSize(1);
    assertThat(contexts.get(0).queryId()).isNull();
  }
}
