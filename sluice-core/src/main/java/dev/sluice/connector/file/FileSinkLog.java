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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The commit log of a file sink, in {@code <output>/_sluice_metadata}: one write-once file per
 * micro-batch, named by the batch id, listing the data files that batch committed (paths relative
 * to the output folder). Every {@value #COMPACT_INTERVAL}th batch also writes {@code <id>.compact}
 * with all files so far, so readers need not open every entry.
 *
 * <p>Protocol of a batch: write the data files (new names, never replacing anything), then write
 * the batch's entry. The entry's existence is the commit: a batch replayed after a crash finds its
 * entry and writes nothing; a crash before the entry leaves data files that no entry lists, which
 * readers ignore. Readers that find this folder read only the files the entries list.
 *
 * <p>Entry format: the line {@code v1}, then one JSON object per file:
 * {@code {"path":"k=v/part-00000-<uuid>.c000.json","size":123,"modificationTime":1700000000000}}.
 */
public final class FileSinkLog {
  public static final String DIR = "_sluice_metadata";
  static final int COMPACT_INTERVAL = 10;

  /** A committed data file, its path relative to the output folder. */
  public record SinkFile(String path, long size, long modificationTime) {}

  private final FileSystem fs;
  private final String root;
  private final String dir;

  public FileSinkLog(FileSystem fs, String outputRoot) {
    this.fs = fs;
    this.root = FilePaths.stripSlash(outputRoot);
    this.dir = FilePaths.join(root, DIR);
  }

  public String dir() {
    return dir;
  }

  /** Whether the folder was written by a streaming file sink (then only logged files are data). */
  public static boolean exists(FileSystem fs, String outputRoot) throws IOException {
    FileStatus s = fs.stat(FilePaths.join(FilePaths.stripSlash(outputRoot), DIR));
    return s != null && s.isDirectory();
  }

  public void create() throws IOException {
    fs.mkdirs(dir);
  }

  /** Batch ids with an entry, and whether each is a compaction. */
  private TreeMap<Long, Boolean> entries() throws IOException {
    TreeMap<Long, Boolean> out = new TreeMap<>();
    for (FileStatus s : fs.list(dir)) {
      String n = s.name();
      boolean compact = n.endsWith(".compact");
      String id = compact ? n.substring(0, n.length() - ".compact".length()) : n;
      if (!id.isEmpty() && id.chars().allMatch(Character::isDigit)) {
        out.merge(Long.parseLong(id), compact, (a, b) -> a || b);
      }
    }
    return out;
  }

  /** The newest committed batch id, or -1. */
  public long latestBatchId() throws IOException {
    TreeMap<Long, Boolean> e = entries();
    return e.isEmpty() ? -1 : e.lastKey();
  }

  public boolean isCommitted(long batchId) throws IOException {
    return fs.exists(entryPath(batchId)) || fs.exists(entryPath(batchId) + ".compact");
  }

  private String entryPath(long batchId) {
    return FilePaths.join(dir, Long.toString(batchId));
  }

  /** Commits a batch; false when an entry for it exists already (it was committed before). */
  public boolean commit(long batchId, List<SinkFile> files) throws IOException {
    boolean written = fs.createAtomically(entryPath(batchId), encode(files));
    if (written && (batchId + 1) % COMPACT_INTERVAL == 0) {
      // The compaction is an optimization for readers: the deltas stay, so losing it loses nothing.
      List<SinkFile> all = allFiles();
      fs.createAtomically(entryPath(batchId) + ".compact", encode(all));
    }
    return written;
  }

  /** Every committed file: the newest compaction plus the entries after it. */
  public List<SinkFile> allFiles() throws IOException {
    TreeMap<Long, Boolean> e = entries();
    Map<String, SinkFile> files = new LinkedHashMap<>();
    Long compact = null;
    for (Map.Entry<Long, Boolean> x : e.descendingMap().entrySet()) {
      if (x.getValue()) {
        compact = x.getKey();
        break;
      }
    }
    if (compact != null) {
      for (SinkFile f : read(entryPath(compact) + ".compact")) {
        files.put(f.path(), f);
      }
    }
    for (long id : e.keySet()) {
      if (compact == null || id > compact) {
        for (SinkFile f : read(entryPath(id))) {
          files.put(f.path(), f);
        }
      }
    }
    return new ArrayList<>(files.values());
  }

  /** The files of the entries with ids in (afterId, latest], each entry read once; for streams reading the folder. */
  public List<SinkFile> filesAfter(long afterId, long[] newestRead) throws IOException {
    List<SinkFile> out = new ArrayList<>();
    long newest = afterId;
    for (long id : entries().keySet()) {
      if (id > afterId) {
        out.addAll(read(entryPath(id)));
        newest = Math.max(newest, id);
      }
    }
    newestRead[0] = newest;
    return out;
  }

  /** The absolute path of a logged file. */
  public String resolve(SinkFile f) {
    return FilePaths.join(root, f.path());
  }

  private static byte[] encode(List<SinkFile> files) throws IOException {
    StringBuilder sb = new StringBuilder("v1\n");
    for (SinkFile f : files) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("path", f.path());
      m.put("size", f.size());
      m.put("modificationTime", f.modificationTime());
      sb.append(Json.write(m)).append('\n');
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private List<SinkFile> read(String path) throws IOException {
    String text = new String(fs.readAll(path), StandardCharsets.UTF_8);
    List<SinkFile> out = new ArrayList<>();
    String[] lines = text.split("\n");
    if (lines.length == 0 || !lines[0].equals("v1")) {
      throw new SluiceException(ErrorClass.CHECKPOINT_UNUSABLE, path, "it is not a file sink log entry (version "
          + "line 'v1' missing)");
    }
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      try {
        Map<String, Object> m = Json.parseObject(lines[i]);
        out.add(new SinkFile(Json.getString(m, "path"), Json.getLong(m, "size"), Json.getLong(m, "modificationTime")));
      } catch (IllegalArgumentException e) {
        throw new SluiceException(ErrorClass.CHECKPOINT_UNUSABLE, path, "line " + (i + 1) + " is not a valid file "
            + "entry (" + e.getMessage() + ")");
      }
    }
    return out;
  }
}
