package dev.sluice.state.rocksdb;

import dev.sluice.conf.SluiceConf;
import dev.sluice.errors.CheckpointException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import dev.sluice.state.BufferedStateStore;
import dev.sluice.state.RowCodec;
import dev.sluice.state.StateFiles;
import dev.sluice.state.StateKey;
import dev.sluice.state.StateStore;
import dev.sluice.state.StateStoreProvider;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.rocksdb.Checkpoint;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * State kept in RocksDB on local disk, for state larger than the heap. Select it with
 * {@code sluice.sql.streaming.stateStore.providerClass=rocksdb} (or this class's name).
 *
 * <p>Durability uses a changelog: every commit first writes the batch's puts and removes as
 * {@code <version>.delta} in the checkpoint (the same format as the default provider), then applies
 * them to the local database; every {@code minDeltasForSnapshot} versions a RocksDB checkpoint of the
 * database is copied to {@code <version>.rocksdb/} in the checkpoint. Loading version v restores the
 * newest copy at or below v into a fresh local directory and replays the changelogs after it.
 * Without a query checkpoint the database lives only in a temporary directory.
 */
public final class RocksDbStateStoreProvider implements StateStoreProvider {
  static {
    RocksDB.loadLibrary();
  }

  private final Path checkpointDir;
  private final int minDeltasForSnapshot;
  private final long versionsToRetain;
  private final Path localRoot;
  private Path localDir;
  private RocksDB db;
  private Options options;
  private long committedVersion = -1;
  private long keyCount;

  /** The constructor the engine calls: the operator partition's checkpoint folder (null: none) and the conf. */
  public RocksDbStateStoreProvider(Path checkpointDir, SluiceConf conf) {
    this.checkpointDir = checkpointDir;
    this.minDeltasForSnapshot = Math.max(1, conf.get(SluiceConf.MIN_DELTAS_FOR_SNAPSHOT));
    this.versionsToRetain = Math.max(1, conf.get(SluiceConf.MIN_BATCHES_TO_RETAIN));
    this.localRoot = Path.of(System.getProperty("java.io.tmpdir"), "sluice-rocksdb-" + UUID.randomUUID());
  }

  @Override
  public synchronized StateStore getStore(long version) {
    if (db == null || version != committedVersion) {
      load(version);
    }
    return new Store(version);
  }

  @Override
  public synchronized long latestNumKeys() {
    return keyCount;
  }

  @Override
  public synchronized void close() {
    closeDb();
    deleteRecursively(localRoot);
  }

  private void closeDb() {
    if (db != null) {
      db.close();
      db = null;
    }
    if (options != null) {
      options.close();
      options = null;
    }
  }

  // ------------------------------------------------------------------ loading

  private void load(long version) {
    closeDb();
    localDir = localRoot.resolve("v" + version + "-" + System.nanoTime());
    try {
      Files.createDirectories(localDir);
      long base = 0;
      keyCount = 0;
      if (checkpointDir != null && version > 0) {
        TreeSet<Long> snapshots = versions(".rocksdb");
        Long snap = snapshots.floor(version);
        if (snap != null) {
          Path src = checkpointDir.resolve(snap + ".rocksdb");
          copyDir(src, localDir);
          keyCount = readCount(src);
          base = snap;
        }
      }
      options = new Options().setCreateIfMissing(true);
      db = RocksDB.open(options, localDir.toString());
      if (checkpointDir != null) {
        for (long v = base + 1; v <= version; v++) {
          Path delta = checkpointDir.resolve(v + ".delta");
          if (!Files.exists(delta)) {
            throw new CheckpointException(delta, "it is missing, so state version " + version
                + " cannot be rebuilt (the state checkpoint is incomplete)");
          }
          Map<StateKey, Object[]> puts = new HashMap<>();
          Set<StateKey> removes = new HashSet<>();
          StateFiles.read(delta, (k, val) -> {
            removes.remove(new StateKey(k));
            puts.put(new StateKey(k), val);
          }, k -> {
            puts.remove(new StateKey(k));
            removes.add(new StateKey(k));
          });
          apply(puts, removes);
        }
      }
      committedVersion = version;
    } catch (RocksDBException e) {
      throw new SluiceException(ErrorClass.INTERNAL_ERROR, e, "RocksDB cannot open state in " + localDir + ": "
          + e.getMessage());
    } catch (IOException e) {
      throw new CheckpointException(checkpointDir, "the RocksDB state cannot be restored (" + e.getMessage() + ")");
    }
  }

  private TreeSet<Long> versions(String suffix) {
    TreeSet<Long> out = new TreeSet<>();
    if (checkpointDir == null || !Files.isDirectory(checkpointDir)) {
      return out;
    }
    try (Stream<Path> s = Files.list(checkpointDir)) {
      s.forEach(p -> {
        String n = p.getFileName().toString();
        if (n.endsWith(suffix) && n.substring(0, n.length() - suffix.length()).matches("\\d+")) {
          out.add(Long.parseLong(n.substring(0, n.length() - suffix.length())));
        }
      });
    } catch (IOException e) {
      throw new CheckpointException(checkpointDir, "the state folder cannot be listed (" + e.getMessage() + ")");
    }
    return out;
  }

  private static long readCount(Path snapshot) throws IOException {
    Path f = snapshot.resolve("_sluice_count");
    if (!Files.exists(f)) {
      throw new CheckpointException(f, "it is missing from the RocksDB state snapshot (incomplete copy)");
    }
    try {
      return Long.parseLong(Files.readString(f, StandardCharsets.UTF_8).trim());
    } catch (NumberFormatException e) {
      throw new CheckpointException(f, "it is corrupt (not a number)");
    }
  }

  // ------------------------------------------------------------------ writing

  /** Applies a version's changes to the database, keeping the key count exact. */
  private void apply(Map<StateKey, Object[]> puts, Set<StateKey> removes) throws RocksDBException {
    try (WriteBatch batch = new WriteBatch(); WriteOptions wo = new WriteOptions().setDisableWAL(true)) {
      for (StateKey k : removes) {
        byte[] key = encode(k.values());
        if (db.get(key) != null) {
          keyCount--;
        }
        batch.delete(key);
      }
      for (Map.Entry<StateKey, Object[]> e : puts.entrySet()) {
        byte[] key = encode(e.getKey().values());
        if (db.get(key) == null) {
          keyCount++;
        }
        batch.put(key, encode(e.getValue()));
      }
      db.write(wo, batch);
    }
  }

  private synchronized void commit(long newVersion, Map<StateKey, Object[]> puts, Set<StateKey> removes) {
    try {
      if (checkpointDir != null) {
        List<Map.Entry<Object[], Object[]>> entries = new ArrayList<>();
        puts.forEach((k, v) -> entries.add(new AbstractMap.SimpleEntry<>(k.values(), v)));
        List<Object[]> keys = removes.stream().map(StateKey::values).toList();
        StateFiles.write(checkpointDir.resolve(newVersion + ".delta"), entries, keys, puts.size() + removes.size());
      }
      apply(puts, removes);
      committedVersion = newVersion;
      if (checkpointDir != null && newVersion % minDeltasForSnapshot == 0) {
        snapshot(newVersion);
      }
    } catch (RocksDBException e) {
      throw new SluiceException(ErrorClass.INTERNAL_ERROR, e, "RocksDB failed to commit state version " + newVersion
          + ": " + e.getMessage());
    } catch (IOException e) {
      throw new CheckpointException(checkpointDir, "state version " + newVersion + " cannot be written ("
          + e.getMessage() + ")");
    }
  }

  /** Copies a consistent RocksDB checkpoint of the database into the query checkpoint. */
  private void snapshot(long version) throws RocksDBException, IOException {
    Path local = localRoot.resolve("snap-" + version + "-" + System.nanoTime());
    try (Checkpoint cp = Checkpoint.create(db)) {
      cp.createCheckpoint(local.toString());
    }
    Files.writeString(local.resolve("_sluice_count"), Long.toString(keyCount), StandardCharsets.UTF_8);
    Path tmp = checkpointDir.resolve("." + version + ".rocksdb.tmp-" + System.nanoTime());
    copyDir(local, tmp);
    Path target = checkpointDir.resolve(version + ".rocksdb");
    deleteRecursively(target);
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    deleteRecursively(local);
    cleanOld(version);
  }

  private void cleanOld(long latest) {
    long oldestToKeep = latest - versionsToRetain + 1;
    if (oldestToKeep <= 1) {
      return;
    }
    Long base = versions(".rocksdb").floor(oldestToKeep);
    if (base == null) {
      return;
    }
    for (long v : versions(".rocksdb").headSet(base)) {
      deleteRecursively(checkpointDir.resolve(v + ".rocksdb"));
    }
    for (long v : versions(".delta").headSet(base, true)) {
      try {
        Files.deleteIfExists(checkpointDir.resolve(v + ".delta"));
      } catch (IOException e) {
        // retried after the next snapshot
      }
    }
  }

  // ------------------------------------------------------------------ encoding and files

  static byte[] encode(Object[] row) {
    try {
      ByteArrayOutputStream b = new ByteArrayOutputStream(64);
      RowCodec.writeRow(new DataOutputStream(b), normalize(row));
      return b.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** -0.0 and 0.0 are one key, as they are one group. */
  private static Object[] normalize(Object[] row) {
    for (int i = 0; i < row.length; i++) {
      if (row[i] instanceof Double d && d == 0.0 && Double.doubleToRawLongBits(d) != 0) {
        Object[] copy = row.clone();
        copy[i] = 0.0;
        return copy;
      }
    }
    return row;
  }

  static Object[] decode(byte[] bytes) {
    try {
      return RowCodec.readRow(new DataInputStream(new ByteArrayInputStream(bytes)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void copyDir(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> s = Files.list(from)) {
      for (Path f : s.toList()) {
        Files.copy(f, to.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  private static void deleteRecursively(Path p) {
    if (p == null || !Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(x);
      }
    } catch (IOException e) {
      // best effort
    }
  }

  // ------------------------------------------------------------------ the store of one batch

  private final class Store extends BufferedStateStore {
    Store(long version) {
      super(version);
    }

    @Override
    protected Object[] committedGet(StateKey key) {
      synchronized (RocksDbStateStoreProvider.this) {
        try {
          byte[] b = db.get(encode(key.values()));
          return b == null ? null : decode(b);
        } catch (RocksDBException e) {
          throw new SluiceException(ErrorClass.INTERNAL_ERROR, e, "RocksDB read failed: " + e.getMessage());
        }
      }
    }

    @Override
    protected Iterator<Map.Entry<Object[], Object[]>> committedEntries() {
      List<Map.Entry<Object[], Object[]>> out = new ArrayList<>();
      synchronized (RocksDbStateStoreProvider.this) {
        try (RocksIterator it = db.newIterator()) {
          for (it.seekToFirst(); it.isValid(); it.next()) {
            out.add(new AbstractMap.SimpleEntry<>(decode(it.key()), decode(it.value())));
          }
        }
      }
      return out.iterator();
    }

    @Override
    protected long committedCount() {
      synchronized (RocksDbStateStoreProvider.this) {
        return keyCount;
      }
    }

    @Override
    protected void commitChanges(long newVersion, Map<StateKey, Object[]> puts, Set<StateKey> removes) {
      RocksDbStateStoreProvider.this.commit(newVersion, puts, removes);
    }

    @Override
    public long memoryBytes() {
      synchronized (RocksDbStateStoreProvider.this) {
        try {
          return db.getLongProperty("rocksdb.cur-size-all-mem-tables")
              + db.getLongProperty("rocksdb.estimate-table-readers-mem") + 120L * puts.size();
        } catch (RocksDBException e) {
          return 0;
        }
      }
    }
  }
}
