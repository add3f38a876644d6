package dev.sluice.connector.file;

import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import dev.sluice.fs.FilePaths;
import dev.sluice.fs.FileStatus;
import dev.sluice.fs.FileSystem;
import dev.sluice.util.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The files a file stream has taken, in the source's metadata folder of the checkpoint
 * ({@code <checkpoint>/sources/<n>/}): entry {@code <id>} lists the files of the source's offset
 * {@code id} (one micro-batch), written once before the offset is returned to the engine, so a
 * restart neither reads a file twice nor skips one. Every {@value #COMPACT_INTERVAL}th entry also
 * writes {@code <id>.compact} with every file seen so far (less those older than
 * {@code maxFileAge}), so a restart reads one compaction and a few entries, not the whole history.
 *
 * <p>Format: the line {@code v1}, then one JSON object per file: {@code {"rel":..., "size":...,
 * "modificationTime":...}} with the path relative to the source folder, or {@code "path"} with the
 * whole path for a file outside it (and in entries written before relative paths were logged).
 */
final class FileSourceLog {
  static final int COMPACT_INTERVAL = 10;

  private final FileSystem fs;
  private final String dir;
  private final String root;

  /**
   * @param root the source folder: files under it are logged by their path relative to it, so a
   *     checkpoint moved together with its input folder still knows which files it read
   */
  FileSourceLog(FileSystem fs, String dir, String root) {
    this.fs = fs;
    this.dir = dir;
    this.root = root;
  }

  String dir() {
    return dir;
  }

  /** Entry ids, and whether each has a compaction. */
  TreeMap<Long, Boolean> ids() throws IOException {
    TreeMap<Long, Boolean> out = new TreeMap<>();
    for (FileStatus s : fs.list(dir)) {
      String n = s.name();
      boolean compact = n.endsWith(".compact");
      String id = compact ? n.substring(0, n.length() - ".compact".length()) : n;
      if (!id.isEmpty() && id.chars().allMatch(Character::isDigit)) {
        long v = Long.parseLong(id);
        out.merge(v, compact, (a, b) -> a || b);
      }
    }
    return out;
  }

  /** The file of log entry {@code id}. */
  String path(long id) {
    return FilePaths.join(dir, Long.toString(id));
  }

  void write(long id, List<FileStatus> files) throws IOException {
    if (!fs.createAtomically(path(id), encode(files))) {
      throw new SluiceException(ErrorClass.CHECKPOINT_UNUSABLE, path(id), "the file source log already has an entry "
          + id + "; is another query using the same checkpoint?");
    }
  }

  void writeCompaction(long id, Collection<FileStatus> all) throws IOException {
    fs.createAtomically(path(id) + ".compact", encode(all));
  }

  List<FileStatus> read(long id) throws IOException {
    return decode(path(id));
  }

  List<FileStatus> readCompaction(long id) throws IOException {
    return decode(path(id) + ".compact");
  }

  private byte[] encode(Collection<FileStatus> files) throws IOException {
    StringBuilder sb = new StringBuilder("v1\n");
    for (FileStatus f : files) {
      Map<String, Object> m = new LinkedHashMap<>();
      String rel = root == null ? null : FilePaths.relativize(root, f.path());
      if (rel != null) {
        m.put("rel", rel);
      } else {
        m.put("path", f.path());
      }
      m.put("size", f.length());
      m.put("modificationTime", f.modificationTime());
      sb.append(Json.write(m)).append('\n');
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private List<FileStatus> decode(String p) throws IOException {
    String text = new String(fs.readAll(p), StandardCharsets.UTF_8);
    String[] lines = text.split("\n");
    if (lines.length == 0 || !lines[0].equals("v1")) {
      throw new SluiceException(ErrorClass.CHECKPOINT_UNUSABLE, p, "it is not a file source log entry (version line "
          + "'v1' missing)");
    }
    List<FileStatus> out = new ArrayList<>(lines.length);
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      try {
        Map<String, Object> m = Json.parseObject(lines[i]);
        String path = m.containsKey("rel") ? FilePaths.join(root, Json.getString(m, "rel")) : Json.getString(m, "path");
        out.add(new FileStatus(path, false, Json.getLong(m, "size"), Json.getLong(m, "modificationTime")));
      } catch (IllegalArgumentException e) {
        throw new SluiceException(ErrorClass.CHECKPOINT_UNUSABLE, p, "line " + (i + 1) + " is not valid (" + e.getMessage()
            + ")");
      }
    }
    return out;
  }
}
