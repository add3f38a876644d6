package dev.sluice.state;

import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * The default state store provider when a query has a checkpoint: the in-memory map, plus on every
 * commit a delta file {@code <version>.delta} (the batch's puts and removes) written atomically
 * before the version becomes visible, and every {@code minDeltasForSnapshot} versions a full
 * snapshot {@code <version>.snapshot}. Loading version v reads the newest snapshot at or below v and
 * replays the deltas after it. Files start with a magic number and a format version and end with a
 * CRC32; a file that does not check out is refused with a message naming it.
 */
public final class CheckpointedStateStoreProvider extends InMemoryStateStoreProvider {
  static final int MAGIC = 0x534c5354; // "SLST"
  static final int FORMAT_VERSION = 1;

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
      throw new SluiceException(ErrorClass.INTERNAL_ERROR, e, "Cannot list state directory " + dir + ": " + e.getMessage());
    }
  }

  @Override
  protected void persistDelta(long newVersion, Map<StateKey, Object[]> puts, Set<StateKey> removes) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeInt(puts.size() + removes.size());
      for (StateKey k : removes) {
        out.writeByte(2);
        RowCodec.writeRow(out, k.values());
      }
      for (Map.Entry<StateKey, Object[]> e : puts.entrySet()) {
        out.writeByte(1);
        RowCodec.writeRow(out, e.getKey().values());
        RowCodec.writeRow(out, e.getValue());
      }
      out.flush();
      writeFile(dir.resolve(newVersion + ".delta"), bytes.toByteArray());
      if (newVersion % minDeltasForSnapshot == 0) {
        writeSnapshot(newVersion, puts, removes);
        cleanOldFiles(newVersion);
      }
    } catch (IOException e) {
      throw new SluiceException(ErrorClass.INTERNAL_ERROR, e, "Cannot write state version " + newVersion + " to "
          + dir + ": " + e.getMessage());
    }
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

  private void writeSnapshot(long version, Map<StateKey, Object[]> puts, Set<StateKey> removes) throws IOException {
    Map<StateKey, Object[]> all = new HashMap<>(committedView());
    removes.forEach(all::remove);
    all.putAll(puts);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(all.size());
    for (Map.Entry<StateKey, Object[]> e : all.entrySet()) {
      out.writeByte(1);
      RowCodec.writeRow(out, e.getKey().values());
      RowCodec.writeRow(out, e.getValue());
    }
    out.flush();
    writeFile(dir.resolve(version + ".snapshot"), bytes.toByteArray());
  }

  private static void writeFile(Path target, byte[] body) throws IOException {
    Files.createDirectories(target.getParent());
    CRC32 crc = new CRC32();
    crc.update(body);
    ByteArrayOutputStream all = new ByteArrayOutputStream(body.length + 16);
    DataOutputStream out = new DataOutputStream(all);
    out.writeInt(MAGIC);
    out.writeInt(FORMAT_VERSION);
    out.write(body);
    out.writeLong(crc.getValue());
    out.flush();
    AtomicFiles.write(target, all.toByteArray());
  }

  private static void readFile(Path f, Map<StateKey, Object[]> data) {
    byte[] all;
    try {
      all = Files.readAllBytes(f);
    } catch (IOException e) {
      throw corrupt(f, "cannot be read: " + e.getMessage());
    }
    if (all.length < 16) {
      throw corrupt(f, "is truncated (" + all.length + " bytes)");
    }
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(all));
      int magic = in.readInt();
      if (magic != MAGIC) {
        throw corrupt(f, "is corrupt: it is not a Sluice state file (bad magic number)");
      }
      int version = in.readInt();
      if (version != FORMAT_VERSION) {
        throw corrupt(f, "has format version " + version + ", but this Sluice reads version " + FORMAT_VERSION
            + "; it was written by a newer or incompatible Sluice");
      }
      CRC32 crc = new CRC32();
      crc.update(all, 8, all.length - 16);
      long stored = java.nio.ByteBuffer.wrap(all, all.length - 8, 8).getLong();
      if (crc.getValue() != stored) {
        throw corrupt(f, "is corrupt (checksum mismatch)");
      }
      int n = in.readInt();
      for (int i = 0; i < n; i++) {
        int op = in.readByte();
        Object[] key = RowCodec.readRow(in);
        if (op == 1) {
          data.put(new StateKey(key), RowCodec.readRow(in));
        } else if (op == 2) {
          data.remove(new StateKey(key));
        } else {
          throw corrupt(f, "contains an unknown record type " + op);
        }
      }
    } catch (IOException e) {
      throw corrupt(f, "is corrupt: " + e.getMessage());
    }
  }

  private static SluiceException corrupt(Path f, String what) {
    return new dev.sluice.errors.CheckpointException(f, "the state file " + what);
  }
}
