package dev.sluice.connector.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.Session;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A read that stops before the end of its files (LIMIT) closes them when its task ends. */
class FileReadersCloseTest {
  @TempDir
  Path dir;

  private static long openFilesUnder(Path folder) throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.filter(fd -> {
        try {
          return Files.readSymbolicLink(fd).startsWith(folder);
        } catch (IOException e) {
          return false; // closed while listing
        }
      }).count();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"json", "csv", "text"})
  void aLimitedReadLeavesNoFileOpen(String format) throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs /proc");
    Path in = dir.resolve("in");
    Files.createDirectories(in);
    for (int f = 0; f < 4; f++) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < 50; i++) {
        sb.append(format.equals("json") ? "{\"v\":" + i + "}" : Integer.toString(i)).append('\n');
      }
      Files.writeString(in.resolve("part-" + f + "." + format), sb.toString());
    }
    // Batches of 2 rows: LIMIT 1 stops each task after its first batch, in the middle of a file.
    try (Session session = Session.builder().config("sluice.sql.execution.batchSize", "2")
        .config("sluice.sql.shuffle.partitions", "2").getOrCreate()) {
      var reader = session.read().format(format);
      if (!format.equals("text")) {
        reader = reader.schema("v INT");
      }
      for (int run = 0; run < 5; run++) {
        assertThat(reader.load(in.toString()).limit(1).collectAsList()).hasSize(1);
      }
    }
    assertThat(openFilesUnder(dir)).as("files under the input folder still open").isZero();
  }

  @Test
  void aFullReadClosesItsFilesToo() throws IOException {
    Path in = dir.resolve("full");
    Files.createDirectories(in);
    Files.writeString(in.resolve("a.json"), "{\"v\":1}\n{\"v\":2}\n");
    try (Session session = Session.builder().getOrCreate()) {
      assertThat(session.read().format("json").schema("v INT").load(in.toString()).count()).isEqualTo(2);
    }
    assertThat(openFilesUnder(dir)).isZero();
  }
}
