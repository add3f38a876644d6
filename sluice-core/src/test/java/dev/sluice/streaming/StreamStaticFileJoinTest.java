package dev.sluice.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.DataFrame;
import dev.sluice.api.MemoryStream;
import dev.sluice.api.Session;
import dev.sluice.api.streaming.StreamingQuery;
import dev.sluice.types.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stream joined with a folder of files sees the files as they are at each micro-batch. */
class StreamStaticFileJoinTest {

  private static void addFile(Path folder, String name, String jsonLines) throws Exception {
    Path tmp = folder.resolveSibling("." + name);
    Files.writeString(tmp, jsonLines);
    Files.move(tmp, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
  }

  @Test
  void theStaticFileSideIsReadAgainForEveryBatch(@TempDir Path dir) throws Exception {
    Path users = Files.createDirectories(dir.resolve("users"));
    addFile(users, "part-0.json", "{\"id\": 1, \"name\": \"ann\"}\n");
    try (Session session = Session.builder().config("sluice.sql.shuffle.partitions", "2").getOrCreate()) {
      DataFrame names = session.read().schema("id INT, name STRING").json(users.toString());
      MemoryStream clicks = MemoryStream.create(session, "user INT, page STRING");
      DataFrame joined = clicks.toDF().join(names, clicks.toDF().col("user").equalTo(names.col("id")), "left_outer")
          .select("user", "page", "name");
      StreamingQuery q = joined.writeStream().format("memory").queryName("clicks_named")
          .option("checkpointLocation", dir.resolve("ckpt").toString()).start();
      clicks.addData(Row.of(1, "home"), Row.of(2, "cart"));
      q.processAllAvailable();
      addFile(users, "part-1.json", "{\"id\": 2, \"name\": \"bob\"}\n");
      clicks.addData(Row.of(2, "pay"));
      q.processAllAvailable();
      q.stop();
      List<Row> rows = session.sql("SELECT * FROM clicks_named ORDER BY page").collectAsList();
      // The first batch ran before bob's file existed; the second sees it.
      assertThat(rows).containsExactly(Row.of(2, "cart", null), Row.of(1, "home", "ann"), Row.of(2, "pay", "bob"));
    }
  }
}
