package dev.sluice.connector.file;

import dev.sluice.api.Session;
import dev.sluice.types.Row;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The folder a file stream reads in a test, fed the way writers of a streamed folder must feed it:
 * each file is written beside the folder, then renamed in. Files get increasing modification times,
 * one second apart from {@code base}, unless a test gives one.
 */
final class StreamedFolder {
  final Path in;
  private final Path staging;
  private final long base;
  private int fileNo;

  StreamedFolder(Path dir, long base) throws IOException {
    this.in = Files.createDirectories(dir.resolve("in"));
    this.staging = dir;
    this.base = base;
  }

  /** Moves a new file {@code sub} (a path under the folder) in, with the next modification time. */
  Path arrive(String sub, String content) throws IOException {
    return arrive(sub, content, base + (fileNo + 1) * 1000L);
  }

  /** Moves a new file {@code sub} (a path under the folder) in, with the given modification time. */
  Path arrive(String sub, String content, long mtime) throws IOException {
    Path target = in.resolve(sub);
    Files.createDirectories(target.getParent());
    Path tmp = staging.resolve(".staging-" + (fileNo++));
    Files.writeString(tmp, content, StandardCharsets.UTF_8);
    Files.setLastModifiedTime(tmp, FileTime.fromMillis(mtime));
    return Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The rows of a table (a memory sink) as sorted strings. */
  static List<String> rows(Session session, String table) {
    List<String> out = new ArrayList<>();
    for (Row r : session.table(table).collectAsList()) {
      out.add(r.toString());
    }
    out.sort(null);
    return out;
  }
}
