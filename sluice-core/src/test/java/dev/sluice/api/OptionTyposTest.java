package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.streaming.StreamingQuery;
import dev.sluice.util.Warnings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A misspelled option or configuration is not silently ignored: Sluice warns, naming the key and the
 * nearest one it knows (Spark says nothing). Correct keys, keys in another case, and namespaced keys
 * passed through to other systems (fs.*, sluice.hadoop.*) give no warning.
 */
class OptionTyposTest {
  @TempDir
  Path dir;
  Session session;
  Warnings.Capture warnings;

  @BeforeEach
  void setUp() {
    warnings = Warnings.capture();
    session = Session.builder().config("sluice.sql.shuffle.partitions", "1").getOrCreate();
  }

  @AfterEach
  void tearDown() {
    session.close();
    warnings.close();
  }

  private List<String> mentioning(String key) {
    return warnings.messages().stream().filter(m -> m.contains("'" + key + "'")).toList();
  }

  @Test
  void aTypoInASourceOptionNamesTheNearestOption() {
    session.readStream().format("rate").option("rowsPerSecnd", "5").load();
    assertThat(mentioning("rowsPerSecnd")).singleElement().satisfies(m -> assertThat(m)
        .contains("rate").contains("'rowsPerSecond'"));
  }

  @Test
  void fileFormatOptionsAndSinkOptions() throws Exception {
    Files.writeString(Files.createDirectories(dir.resolve("in")).resolve("a.json"), "{\"a\":1}\n");
    session.read().schema("a INT").option("mulitLine", "true").option("MODE", "PERMISSIVE")
        .option("fs.s3a.endpoint", "x").json(dir.resolve("in").toString()).collectAsList();
    assertThat(mentioning("mulitLine")).singleElement().satisfies(m -> assertThat(m).contains("'multiLine'"));
    assertThat(mentioning("MODE")).isEmpty();
    assertThat(mentioning("fs.s3a.endpoint")).isEmpty();

    session.read().option("heder", "true").csv(dir.resolve("in").toString());
    assertThat(mentioning("heder")).singleElement().satisfies(m -> assertThat(m).contains("'header'"));

    StreamingQuery q = session.readStream().format("rate").option("rowsPerSecond", "1").load().writeStream()
        .format("console").option("numRow", "3").start();
    q.stop();
    assertThat(mentioning("numRow")).singleElement().satisfies(m -> assertThat(m).contains("'numRows'"));
    assertThat(mentioning("rowsPerSecond")).isEmpty();
  }

  @Test
  void aTypoInASessionConfNamesTheNearestKeyInTheSpellingUsed() {
    Session s = Session.builder().config("sluice.sql.shuffle.partitons", "4").getOrCreate();
    try {
      assertThat(mentioning("sluice.sql.shuffle.partitons")).singleElement()
          .satisfies(m -> assertThat(m).contains("'sluice.sql.shuffle.partitions'"));
      s.conf().set("spark.sql.ansi.enabeld", "false");
      assertThat(mentioning("spark.sql.ansi.enabeld")).singleElement()
          .satisfies(m -> assertThat(m).contains("'spark.sql.ansi.enabled'"));
      // Known keys, keys other layers read, and namespaces handed on give no warning.
      s.conf().set("spark.sql.shuffle.partitions", "2");
      s.conf().set("sluice.sql.files.ignoreCorruptFiles", "true");
      s.conf().set("sluice.hadoop.fs.s3a.endpoint", "x");
      s.conf().set("spark.master", "local[2]");
      assertThat(warnings.messages()).hasSize(2);
    } finally {
      s.close();
    }
  }
}
