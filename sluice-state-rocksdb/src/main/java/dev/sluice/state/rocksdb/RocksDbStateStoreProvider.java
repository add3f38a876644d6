package dev.sluice.state.rocksdb;

import dev.sluice.conf.SluiceConf;
import dev.sluice.errors.CheckpointException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import dev.sluice.state.BufferedStateStore;
import dev.sluice.state.CheckpointFileManager;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State kept in RocksDB on local disk, for state larger than the heap. Select it with
 * {@code sluice.sql.streaming.stateStore.providerClass=rocksdb} (or this class's name).
 *
 * <p>The live database is always in a local working directory (under {@code java.io.tmpdir});
 * the query checkpoint, which may be local, on HDFS or on S3, only receives copies, all through the
 * {@link CheckpointFileManager}. Durability uses a changelog: every commit first writes the batch's
 * puts and removes as {@code <version>.delta} in the checkpoint (the same format as the default
 * provider), then applies them to the local database; every {@code minDeltasForSnapshot} versions a
 * RocksDB checkpoint of the database is copied file by file to {@code <version>.rocksdb/} in the
 * checkpoint, and its key count {@code _sluice_count} is written last: a snapshot folder without it
 * is an interrupted copy and is ignored (no file system needs an atomic folder rename for this, so
 * it works on S3). Loading version v copies the newest complete snapshot at or below v into a fresh
 * local directory and replays the changelogs after it. Without a query checkpoint the database
 * lives only in the working directory.
 */
public final class RocksDbStateStoreProvider implements StateStoreProvider {
  private static final Logger LOG = LoggerFactory.getLogger(RocksDbStateStoreProvider.class);

  static {
    RocksDB.loadLibrary();
  }

  private static final int MULTI_GET_CHUNK = 4096;
  /** Marks a complete snapshot copy; holds the number of keys. Written last. */
  static final String COUNT_FILE = "_sluice_count";

  private final CheckpointFileManager files;
  private final String checkpointDir;
  private final int minDeltasForSnapshot;
  private final long versionsToRetain;
  private final Path localRoot;
  private Path localDir;
  private RocksDB db;
  private Options options;
  private long committedVersion = -1;
  private long keyCount;

  /**
   * The constructor the engine calls: the checkpoint's files and the operator partition's folder in
   * it (both null without a checkpoint), and the conf.
   */
  public RocksDbStateStoreProvider(CheckpointFileManager files, String checkpointDir, SluiceConf conf) {
    this.files = checkpointDir == null ? null : files;
    this.checkpointDir = checkpointDir;
    this.minDeltasForSnapshot = Math.max(1, conf.get(SluiceConf.MIN_DELTAS_FOR_SNAPSHOT));
    this.versionsToRetain = Math.max(1, conf.get(SluiceConf.MIN_BATCHES_TO_RETAIN));
    this.localRoot = Path.of(System.getProperty("java.io.tmpdir"), "sluice-rocksdb-" + UUID.randomUUID());
  }

  /** State checkpointed in a local folder (null: none). */
  public RocksDbStateStoreProvider(Path checkpointDir, SluiceConf conf) {
    this(checkpointDir == null ? null : CheckpointFileManager.local(checkpointDir),
        checkpointDir == null ? null : checkpointDir.toAbsolutePath().toString(), conf);
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
    String restoredFrom = null;
    try {
      Files.createDirectories(localDir);
      long base = 0;
      keyCount = 0;
      TreeSet<Long> deltas = new TreeSet<>();
      if (checkpointDir != null && version > 0) {
        TreeSet<Long> snapshots = new TreeSet<>();
        listVersions(snapshots, deltas);
        Long snap = newestCompleteSnapshot(snapshots, version);
        if (snap != null) {
          restoredFrom = snapshotDir(snap);
          restore(restoredFrom, localDir);
          keyCount = readCount(restoredFrom);
          base = snap;
        }
      }
      options = new Options().setCreateIfMissing(true);
      db = RocksDB.open(options, localDir.toString());
      restoredFrom = null;
      if (checkpointDir != null) {
        for (long v = base + 1; v <= version; v++) {
          String delta = file(v + ".delta");
          if (!deltas.contains(v)) {
            throw new CheckpointException(delta, "it is missing, so state version " + version
                + " cannot be rebuilt (the state checkpoint is incomplete)");
          }
          Map<StateKey, Object[]> puts = new HashMap<>();
          Set<StateKey> removes = new HashSet<>();
          StateFiles.read(files, delta, (k, val) -> {
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
      if (restoredFrom != null) {
        throw new CheckpointException(restoredFrom, "RocksDB cannot open the state snapshot copied from it ("
            + e.getMessage() + "); a file of it is corrupt or missing");
      }
      throw new SluiceException(ErrorClass.INTERNAL_ERROR, e, "RocksDB cannot open state in " + localDir + ": "
          + e.getMessage());
    } catch (IOException e) {
      throw new CheckpointException(checkpointDir, "the RocksDB state cannot be restored (" + e.getMessage() + ")");
    }
  }

  private String file(String name) {
    return files.resolve(checkpointDir, name);
  }

  private String snapshotDir(long version) {
    return file(version + ".rocksdb");
  }

  /** The snapshot ({@code <v>.rocksdb/}) and delta versions in the checkpoint folder: one listing. */
  private void listVersions(Set<Long> snapshots, Set<Long> deltas) {
    try {
      for (String n : files.listNames(checkpointDir)) {
        if (n.endsWith(".rocksdb") && n.substring(0, n.length() - ".rocksdb".length()).matches("\\d+")) {
          snapshots.add(Long.parseLong(n.substring(0, n.length() - ".rocksdb".length())));
        } else if (n.endsWith(".delta") && n.substring(0, n.length() - ".delta".length()).matches("\\d+")) {
          deltas.add(Long.parseLong(n.substring(0, n.length() - ".delta".length())));
        }
      }
    } catch (IOException e) {
      throw new CheckpointException(checkpointDir, "the state folder cannot be listed (" + e.getMessage() + ")");
    }
  }

  /** The newest snapshot at or below {@code version} whose copy completed (its count file exists). */
  private Long newestCompleteSnapshot(TreeSet<Long> snapshots, long version) throws IOException {
    for (long v : snapshots.headSet(version, true).descendingSet()) {
      if (files.exists(files.resolve(snapshotDir(v), COUNT_FILE))) {
        return v;
      }
      LOG.warn("Ignoring the state snapshot {}: its copy was interrupted ({} is missing)", snapshotDir(v), COUNT_FILE);
    }
    return null;
  }

  /** Copies a snapshot's files from the checkpoint into a local directory for RocksDB to open. */
  private void restore(String snapshot, Path local) throws IOException {
    for (String name : files.listNames(snapshot)) {
      if (!name.equals(COUNT_FILE)) {
        files.copyToLocal(files.resolve(snapshot, name), local.resolve(name));
      }
    }
  }

  private long readCount(String snapshot) throws IOException {
    String f = files.resolve(snapshot, COUNT_FILE);
    try {
      return Long.parseLong(new String(files.read(f), StandardCharsets.UTF_8).trim());
    } catch (NumberFormatException e) {
      throw new CheckpointException(f, "it is corrupt (not a number)");
    }
  }

  // ------------------------------------------------------------------ writing

  /** Applies a version's changes to the database, keeping the key count exact. */
  private void apply(Map<StateKey, Object[]> puts, Set<StateKey> removes) throws RocksDBException {
    try (WriteBatch batch = new WriteBatch(); WriteOptions wo = new WriteOptions().setDisableWAL(true)) {
      List<byte[]> removed = new ArrayList<>(removes.size());
      for (StateKey k : removes) {
        byte[] key = encode(k.values());
        removed.add(key);
        batch.delete(key);
      }
      keyCount -= countExisting(removed);
      List<byte[]> written = new ArrayList<>(puts.size());
      for (Map.Entry<StateKey, Object[]> e : puts.entrySet()) {
        byte[] key = encode(e.getKey().values());
        written.add(key);
        batch.put(key, encode(e.getValue()));
      }
      keyCount += written.size() - countExisting(written);
      db.write(wo, batch);
    }
  }

  /**
   * How many of these keys the database holds now, looked up in chunks with one native call each
   * (a lookup per key costs a JNI crossing per key: most of a large version's apply time).
   */
  private long countExisting(List<byte[]> keys) throws RocksDBException {
    long n = 0;
    for (int from = 0; from < keys.size(); from += MULTI_GET_CHUNK) {
      for (byte[] v : db.multiGetAsList(keys.subList(from, Math.min(keys.size(), from + MULTI_GET_CHUNK)))) {
        if (v != null) {
          n++;
        }
      }
    }
    return n;
  }

  private synchronized void commit(long newVersion, Map<StateKey, Object[]> puts, Set<StateKey> removes) {
    try {
      if (checkpointDir != null) {
        List<Map.Entry<Object[], Object[]>> entries = new ArrayList<>();
        puts.forEach((k, v) -> entries.add(new AbstractMap.SimpleEntry<>(k.values(), v)));
        List<Object[]> keys = removes.stream().map(StateKey::values).toList();
        StateFiles.write(files, file(newVersion + ".delta"), entries, keys, puts.size() + removes.size());
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

  /**
   * Copies a consistent RocksDB checkpoint of the database into the query checkpoint, file by file
   * (each atomically), then writes the count file that marks the copy complete. A snapshot of the
   * same version from an earlier run (a replayed batch) is removed first, count file first, so an
   * interrupted copy is never taken for a complete one.
   */
  private void snapshot(long version) throws RocksDBException, IOException {
    Path local = localRoot.resolve("snap-" + version + "-" + System.nanoTime());
    try (Checkpoint cp = Checkpoint.create(db)) {
      cp.createCheckpoint(local.toString());
    }
    String target = snapshotDir(version);
    removeSnapshot(target);
    List<Path> localFiles;
    try (Stream<Path> s = Files.list(local)) {
      localFiles = s.sorted().toList();
    }
    for (Path f : localFiles) {
      files.copyFromLocal(f, files.resolve(target, f.getFileName().toString()));
    }
    files.writeAtomic(files.resolve(target, COUNT_FILE), Long.toString(keyCount).getBytes(StandardCharsets.UTF_8));
    deleteRecursively(local);
    cleanOld(version);
  }

  private void removeSnapshot(String dir) throws IOException {
    if (files.exists(dir)) {
      files.delete(files.resolve(dir, COUNT_FILE));
      files.deleteRecursively(dir);
    }
  }

  private void cleanOld(long latest) {
    long oldestToKeep = latest - versionsToRetain + 1;
    if (oldestToKeep <= 1) {
      return;
    }
    TreeSet<Long> snapshots = new TreeSet<>();
    TreeSet<Long> deltas = new TreeSet<>();
    listVersions(snapshots, deltas);
    Long base;
    try {
      base = newestCompleteSnapshot(snapshots, oldestToKeep);
    } catch (IOException e) {
      return; // retried after the next snapshot
    }
    if (base == null) {
      return;
    }
    try {
      for (long v : snapshots.headSet(base)) {
        removeSnapshot(snapshotDir(v));
      }
      for (long v : deltas.headSet(base, true)) {
        files.delete(file(v + ".delta"));
      }
    } catch (IOException e) {
      // retried after the next snapshot
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
