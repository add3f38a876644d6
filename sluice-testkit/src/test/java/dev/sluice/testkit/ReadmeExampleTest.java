package dev.sluice.testkit;

import static dev.sluice.testkit.StreamTest.addData;
import static dev.sluice.testkit.StreamTest.assertOnQuery;
import static dev.sluice.testkit.StreamTest.checkAnswer;
import static dev.sluice.testkit.StreamTest.checkLastBatch;
import static dev.sluice.testkit.StreamTest.startStream;
import static dev.sluice.testkit.StreamTest.stopStream;

import dev.sluice.api.DataFrame;
import dev.sluice.api.MemoryStream;
import dev.sluice.api.Session;
import dev.sluice.api.streaming.OutputMode;
import dev.sluice.types.Row;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example of sluice-testkit/README.md, kept compiling and passing. */
class ReadmeExampleTest {
  static Session session;

  @BeforeAll
  static void setUp() {
    session = Session.builder().config("sluice.sql.shuffle.partitions", "2").getOrCreate();
  }

  @AfterAll
  static void tearDown() {
    session.close();
  }

  @Test
  void countsContinueAfterARestart(@TempDir Path checkpoint) {
    MemoryStream events = MemoryStream.create(session, "word STRING, n INT");
    DataFrame counts = events.toDF().groupBy("word").count();
    StreamTest.of(session, counts, OutputMode.UPDATE).withCheckpoint(checkpoint).run(
        addData(events, Row.of("a", 1), Row.of("b", 2)),
        checkAnswer(Row.of("a", 1L), Row.of("b", 1L)),      // everything the sink received, any order
        addData(events, Row.of("a", 3)),
        checkLastBatch(Row.of("a", 2L)),                    // what the last processing step wrote
        stopStream(),
        addData(events, Row.of("a", 4)),
        startStream(),                                      // resumes from the checkpoint
        checkLastBatch(Row.of("a", 3L)),
        assertOnQuery(q -> q.lastProgress().numInputRows() == 1, "one new row"));
  }
}
