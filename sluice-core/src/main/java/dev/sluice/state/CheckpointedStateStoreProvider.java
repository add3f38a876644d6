package dev.sluice.state;

import dev.sluice.errors.CheckpointException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The default state store provider when a query has a checkpoint: the in-memory map, plus on every
 * commit a delta file {@code <version>.delta} (the batch's puts and removes) written atomically
 * before the version becomes visible, and every {@code minDeltasForSnapshot} versions a full
 * snapshot {@code <version>.snapshot}. Loading version v reads the newest snapshot at or below v and
 * replays the deltas after it. Files start with a magic number and a format version and end with a
 * CRC32; a file that does not check out is refused with a message naming it. All files go through
 * the {@link CheckpointFileManager}, so the checkpoint may be local, on HDFS or on S3.
 */
public final class CheckpointedStateStoreProvider extends InMemoryStateStoreProvider {
  private final CheckpointFileManager files;
  private final String dir;
  private final int minDeltasForSnapshot;
  private final long versionsToRetain;
  private boolean loaded;

  /**
   * @param dir this store's folder in the checkpoint ({@code state/<op>/<partition>[/<name>]})
   * @param versionsToRetain how many recent versions must stay loadable (minBatchesToRetain); older
   *     delta and snapshot files are deleted
   */
  public CheckpointedStateStoreProvider(CheckpointFileManager files, String dir, int minDeltasForSnapshot,
      long versionsToRetain) {
    this(files, dir, minDeltasForSnapshot, versionsToRetain, defaultBudget());
  }

  /** As above, with the memory budget of the in-memory state (see {@link InMemoryStateStoreProvider}). */
  public CheckpointedStateStoreProvider(CheckpointFileManager files, String dir, int minDeltasForSnapshot,
      long versionsToRetain, long memoryBudget) {
    super(memoryBudget);
    this.files = files;
    this.dir = dir;
    this.minDeltasForSnapshot = Math.max(1, minDeltasForSnapshot);
    this.versionsToRetain = Math.max(1, versionsToRetain);
  }

  @Override
  public synchronized StateStore getStore(long version) {
    if (!loaded || version != committedVersion()) {
      load(version);
      loaded = true;
    }
    return super.getStore(version);
  }

  private String file(long version, String suffix) {
    return files.resolve(dir, version + suffix);
  }

  private void load(long version) {
    Map<StateKey, Object[]> data = new HashMap<>();
    if (version > 0) {
      TreeSet<Long> snapshots = new TreeSet<>();
      TreeSet<Long> deltas = new TreeSet<>();
      listFiles(snapshots, deltas);
      Long snap = snapshots.floor(version);
      long from = 1;
      if (snap != null) {
        readFile(file(snap, ".snapshot"), data);
        from = snap + 1;
      }
      for (long v = from; v <= version; v++) {
        String f = file(v, ".delta");
        if (!deltas.contains(v)) {
          throw new CheckpointException(f, "it is missing, so state version " + version
              + " cannot be rebuilt (the state checkpoint is incomplete)");
        }
        readFile(f, data);
      }
    }
    reset(version, data);
  }

  /** One listing of the folder (one request on HDFS or S3) gives every snapshot and delta version. */
  private void listFiles(Set<Long> snapshots, Set<Long> deltas) {
    try {
      for (String n : files.listNames(dir)) {
        try {
          if (n.endsWith(".snapshot")) {
            snapshots.add(Long.parseLong(n.substring(0, n.length() - ".snapshot".length())));
          } else if (n.endsWith(".delta")) {
            deltas.add(Long.parseLong(n.substring(0, n.length() - ".delta".length())));
          }
        } catch (NumberFormatException e) {
          // not ours
        }
      }
    } catch (IOException e) {
      throw new CheckpointException(dir, "the state folder cannot be listed (" + e.getMessage() + ")");
    }
  }

  @Override
  protected void persistDelta(long newVersion, Map<StateKey, Object[]> puts, Set<StateKey> removes) {
    String writing = file(newVersion, ".delta");
    try {
      StateFiles.write(files, writing, entries(puts), keys(removes), puts.size() + removes.size());
      if (newVersion % minDeltasForSnapshot == 0) {
        Map<StateKey, Object[]> all = new HashMap<>(committedView());
        removes.forEach(all::remove);
        all.putAll(puts);
        writing = file(newVersion, ".snapshot");
        StateFiles.write(files, writing, entries(all), java.util.List.of(), all.size());
        cleanOldFiles(newVersion);
      }
    } catch (IOException e) {
      // A write failure (a full disk), not an unusable checkpoint: name the file and say so.
      throw new dev.sluice.errors.SluiceException(dev.sluice.errors.ErrorClass.CHECKPOINT_WRITE_FAILED, e, writing,
          "state version " + newVersion + " cannot be written (" + e + ")");
    }
  }

  private static Iterable<Map.Entry<Object[], Object[]>> entries(Map<StateKey, Object[]> m) {
    return () -> m.entrySet().stream()
        .map(e -> (Map.Entry<Object[], Object[]>) new java.util.AbstractMap.SimpleEntry<>(e.getKey().values(),
            e.getValue())).iterator();
  }

  private static Iterable<Object[]> keys(Set<StateKey> s) {
    return () -> s.stream().map(StateKey::values).iterator();
  }

  private void readFile(String f, Map<StateKey, Object[]> data) {
    StateFiles.read(files, f, (k, v) -> data.put(new StateKey(k), v), k -> data.remove(new StateKey(k)));
  }

  /**
   * Deletes files no longer needed to load any of the newest {@code versionsToRetain} versions: those
   * older than the newest snapshot at or below the oldest version to keep.
   */
  private void cleanOldFiles(long latest) {
    long oldestToKeep = latest - versionsToRetain + 1;
    if (oldestToKeep <= 1) {
      return;
    }
    TreeSet<Long> snapshots = new TreeSet<>();
    TreeSet<Long> deltas = new TreeSet<>();
    listFiles(snapshots, deltas);
    Long base = snapshots.floor(oldestToKeep);
    if (base == null) {
      return;
    }
    try {
      for (long v : snapshots.headSet(base)) {
        files.delete(file(v, ".snapshot"));
      }
      for (long v : deltas.headSet(base, true)) {
        files.delete(file(v, ".delta"));
      }
    } catch (IOException e) {
      // Leftover files are harmless; the next snapshot retries.
    }
  }
}
