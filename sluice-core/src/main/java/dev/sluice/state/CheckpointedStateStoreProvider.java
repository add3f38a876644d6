package dev.sluice.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The default state store provider when a query has a checkpoint: the in-memory map, plus on every
 * commit a delta file {@code <version>.delta} (the batch's puts and removes) written atomically
 * before the version becomes visible, and every {@code minDeltasForSnapshot} versions a full
 * snapshot {@code <version>.snapshot}. Loading version v reads the newest snapshot at or below v and
 * replays the deltas after it. Files start with a magic number and a format version and end with a
 * CRC32; a file that does not check out is refused with a message naming it.
 */
public final class CheckpointedStateStoreProvider extends InMemoryStateStoreProvider {
  private final Path dir;
  private final int minDeltasForSnapshot;
  private final long versionsToRetain;
  private boolean loaded;

  public CheckpointedStateStoreProvider(Path dir, int minDeltasForSnapshot) {
    this(dir, minDeltasForSnapshot, 100);
  }

  /**
   * @param versionsToRetain how many recent versions must stay loadable (minBatchesToRetain); older
   *     delta and snapshot files are deleted
   */
  public CheckpointedStateStoreProvider(Path dir, int minDeltasForSnapshot, long versionsToRetain) {
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

  private void load(long version) {
    Map<StateKey, Object[]> data = new HashMap<>();
    if (version > 0) {
      TreeSet<Long> snapshots = new TreeSet<>();
      TreeSet<Long> deltas = new TreeSet<>();
      listFiles(snapshots, deltas);
      Long snap = snapshots.floor(version);
      long from = 1;
      if (snap != null) {
        readFile(dir.resolve(snap + ".snapshot"), data);
        from = snap + 1;
      }
      for (long v = from; v <= version; v++) {
        Path f = dir.resolve(v + ".delta");
        if (!Files.exists(f)) {
          throw new dev.sluice.errors.CheckpointException(f, "it is missing, so state version " + version
              + " cannot be rebuilt (the state checkpoint is incomplete)");
        }
        readFile(f, data);
      }
    }
    reset(version, data);
  }

  private void listFiles(Set<Long> snapshots, Set<Long> deltas) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> s = Files.list(dir)) {
      s.forEach(p -> {
        String n = p.getFileName().toString();
        try {
          if (n.endsWith(".snapshot")) {
            snapshots.add(Long.parseLong(n.substring(0, n.length() - ".snapshot".length())));
          } else if (n.endsWith(".delta")) {
            deltas.add(Long.parseLong(n.substring(0, n.length() - ".delta".length())));
          }
        } catch (NumberFormatException e) {
          // not ours
        }
      });
    } catch (IOException e) {
      throw new dev.sluice.errors.CheckpointException(dir, "the state folder cannot be listed (" + e.getMessage() + ")");
    }
  }

  @Override
  protected void persistDelta(long newVersion, Map<StateKey, Object[]> puts, Set<StateKey> removes) {
    try {
      StateFiles.write(dir.resolve(newVersion + ".delta"), entries(puts), keys(removes), puts.size() + removes.size());
      if (newVersion % minDeltasForSnapshot == 0) {
        Map<StateKey, Object[]> all = new HashMap<>(committedView());
        removes.forEach(all::remove);
        all.putAll(puts);
        StateFiles.write(dir.resolve(newVersion + ".snapshot"), entries(all), java.util.List.of(), all.size());
        cleanOldFiles(newVersion);
      }
    } catch (IOException e) {
      throw new dev.sluice.errors.CheckpointException(dir.resolve(newVersion + ".delta"),
          "state version " + newVersion + " cannot be written (" + e.getMessage() + ")");
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

  private static void readFile(Path f, Map<StateKey, Object[]> data) {
    StateFiles.read(f, (k, v) -> data.put(new StateKey(k), v), k -> data.remove(new StateKey(k)));
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
        Files.deleteIfExists(dir.resolve(v + ".snapshot"));
      }
      for (long v : deltas.headSet(base, true)) {
        Files.deleteIfExists(dir.resolve(v + ".delta"));
      }
    } catch (IOException e) {
      // Leftover files are harmless; the next snapshot retries.
    }
  }

}
