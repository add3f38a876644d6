package dev.sluice.streaming.checkpoint;

import dev.sluice.errors.CheckpointException;
import dev.sluice.state.CheckpointFileManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A folder of one text file per batch id ({@code <dir>/<batchId>}), each beginning with a format
 * version line {@code v1}. Entries are write-once: each is written atomically through the
 * {@link CheckpointFileManager} (whole or not at all, on local disks, HDFS and S3 alike) and never
 * replaced; finding an entry already there means another query writes to the same checkpoint.
 */
public class BatchLog {
  public static final int VERSION = 1;
  protected final CheckpointFileManager files;
  protected final String dir;

  public BatchLog(CheckpointFileManager files, String dir) {
    this.files = files;
    this.dir = dir;
  }

  public String dir() {
    return dir;
  }

  public String file(long batchId) {
    return files.resolve(dir, Long.toString(batchId));
  }

  /** Writes the lines after the version line. */
  protected void writeLines(long batchId, List<String> lines) {
    StringBuilder sb = new StringBuilder("v").append(VERSION).append('\n');
    for (String l : lines) {
      sb.append(l).append('\n');
    }
    boolean created;
    try {
      created = files.createAtomic(file(batchId), sb.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new CheckpointException(file(batchId), "it cannot be written (" + e.getMessage() + ")");
    }
    if (!created) {
      throw new CheckpointException(file(batchId), "it already exists, so batch " + batchId + " was logged by "
          + "another run; is another query using the same checkpointLocation?");
    }
  }

  /** The lines after the version line; checks the version. */
  protected List<String> readLines(long batchId) {
    String f = file(batchId);
    List<String> lines;
    try {
      lines = new String(files.read(f), StandardCharsets.UTF_8).lines().toList();
    } catch (NoSuchFileException e) {
      throw new CheckpointException(f, "it is missing");
    } catch (IOException e) {
      throw new CheckpointException(f, "it cannot be read (" + e.getMessage() + ")");
    }
    if (lines.isEmpty()) {
      throw new CheckpointException(f, "it is empty (truncated)");
    }
    String v = lines.get(0).trim();
    if (!v.matches("v\\d+")) {
      throw new CheckpointException(f, "it does not start with a format version line like 'v1' (found '"
          + abbreviate(v) + "'); the file is corrupt");
    }
    int version = Integer.parseInt(v.substring(1));
    if (version > VERSION) {
      throw new CheckpointException(f, "its format version is " + version + " but this Sluice reads up to version "
          + VERSION + "; it was written by a newer Sluice");
    }
    return new ArrayList<>(lines.subList(1, lines.size()));
  }

  static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }

  /** Batch ids present, ascending. */
  public TreeSet<Long> batchIds() {
    TreeSet<Long> ids = new TreeSet<>();
    try {
      for (String n : files.listNames(dir)) {
        if (n.matches("\\d+")) {
          ids.add(Long.parseLong(n));
        }
      }
    } catch (IOException e) {
      throw new CheckpointException(dir, "the folder cannot be listed (" + e.getMessage() + ")");
    }
    return ids;
  }

  public Optional<Long> latestBatchId() {
    TreeSet<Long> ids = batchIds();
    return ids.isEmpty() ? Optional.empty() : Optional.of(ids.last());
  }

  /** Deletes entries with ids below {@code minToKeep} (minBatchesToRetain), on any file system. */
  public void purgeBefore(long minToKeep) {
    for (long id : batchIds()) {
      if (id < minToKeep) {
        try {
          files.delete(file(id));
        } catch (IOException e) {
          // retried at the next purge
        }
      }
    }
  }
}
