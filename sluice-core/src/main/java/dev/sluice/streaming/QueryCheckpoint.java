package dev.sluice.streaming;

import dev.sluice.conf.ConfigEntry;
import dev.sluice.conf.SluiceConf;
import dev.sluice.errors.CheckpointException;
import dev.sluice.fs.FileStatus;
import dev.sluice.state.CheckpointFileManager;
import dev.sluice.state.StateStoreId;
import dev.sluice.state.StateStoreRegistry;
import dev.sluice.streaming.checkpoint.CheckpointLock;
import dev.sluice.streaming.checkpoint.CommitLog;
import dev.sluice.streaming.checkpoint.OffsetLog;
import dev.sluice.streaming.checkpoint.QueryMetadata;
import dev.sluice.streaming.ops.StatefulOperator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A query's checkpoint location: its id ({@code metadata}), the write-ahead offset log, the commit
 * log, the state folders and the settings the checkpoint keeps. Reading it back decides where a
 * restarted query resumes (see {@link StreamExecution} for the protocol); anything inconsistent —
 * a commit without offsets, gaps, another number of sources, state of another shape — is refused
 * with a {@link CheckpointException} naming the file, before anything is written.
 */
final class QueryCheckpoint {
  // A holder, so SLF4J is bound when something is first logged.
  private static final class Log {
    static final Logger LOG = LoggerFactory.getLogger(QueryCheckpoint.class);
  }

  /**
   * Settings a checkpoint was made with and keeps, as Spark keeps them in its offset log: on restart
   * the checkpoint's value wins over the session's (with a warning when they differ), because the
   * stored state and watermark depend on it. Each with the reason given in the warning.
   */
  private static final List<Map.Entry<ConfigEntry<?>, String>> CHECKPOINTED_CONF = List.of(
      Map.entry(SluiceConf.SHUFFLE_PARTITIONS, "state is partitioned by it"),
      Map.entry(SluiceConf.MULTIPLE_WATERMARK_POLICY, "the stored watermark was computed with it"),
      Map.entry(SluiceConf.STATE_STORE_PROVIDER, "the stored state was written by that provider"));

  private final CheckpointFileManager files;
  private final UUID id;
  /** Whether {@code metadata} is still to be written (a new checkpoint), once the start checked out. */
  private final boolean metadataMissing;
  private final OffsetLog offsetLog;
  private final CommitLog commitLog;
  private CheckpointLock lock;

  /** Reads the query id, if the checkpoint has one; writes nothing. */
  QueryCheckpoint(String location, SluiceConf conf) {
    this.files = CheckpointFileManager.forLocation(location, conf.getAll());
    Optional<UUID> stored = QueryMetadata.load(files);
    this.metadataMissing = stored.isEmpty();
    this.id = stored.orElseGet(QueryIds::random);
    this.offsetLog = new OffsetLog(files, files.path("offsets"));
    this.commitLog = new CommitLog(files, files.path("commits"));
  }

  /**
   * The first step of a start: takes the checkpoint's lock (refusing the start when another run holds
   * it), and refuses a checkpoint that has logs or state but no {@code metadata}: the query id is
   * lost, and a new one would, among other things, give an exactly-once sink new transaction ids, so
   * that a replayed batch is written twice.
   */
  void open(UUID runId, String queryName, SluiceConf conf) {
    lock = CheckpointLock.acquire(files, conf.get(SluiceConf.CHECKPOINT_LOCK_MODE), runId.toString(), queryName,
        conf.get(SluiceConf.CHECKPOINT_LEASE_DURATION_MS));
    try {
      if (metadataMissing && (offsetLog.latestBatchId().isPresent() || commitLog.latestBatchId().isPresent()
          || files.exists(files.path("state")))) {
        throw new CheckpointException(files.path("metadata"), "it is missing, but the checkpoint has offsets, commits "
            + "or state of earlier batches; without it the query id is lost (a new id would change the "
            + "transactional ids of an exactly-once sink and write replayed batches twice)");
      }
    } catch (IOException e) {
      close();
      throw new CheckpointException(files.root(), "it cannot be read (" + e.getMessage() + ")");
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** The last step of a start that checked out: a new checkpoint gets its {@code metadata}. */
  void recordMetadata() {
    if (metadataMissing && !QueryMetadata.create(files, id)) {
      throw new CheckpointException(files.path("metadata"), "it appeared while this query started; is another query "
          + "using the same checkpointLocation?");
    }
  }

  /** Throws when this run no longer holds the checkpoint (its lease was taken over): nothing more is written. */
  void checkHeld() {
    if (lock != null) {
      lock.checkHeld();
    }
  }

  /** Lets other runs have the checkpoint. */
  void close() {
    if (lock != null) {
      lock.close();
      lock = null;
    }
  }

  /**
   * Refuses a query whose sources are of other kinds than the ones the checkpoint's latest batch
   * read (their offsets would not mean anything to them), before any source is created.
   */
  void checkSources(List<String> kinds) {
    Optional<Long> latest = offsetLog.latestBatchId();
    if (latest.isEmpty()) {
      return;
    }
    OffsetLog.Entry e = offsetLog.read(latest.get());
    if (e.sourceOffsets().size() != kinds.size()) {
      throw new CheckpointException(offsetLog.file(latest.get()), "it records " + e.sourceOffsets().size()
          + " source(s)" + (e.sourceKinds().isEmpty() ? "" : " " + e.sourceKinds()) + " but this query reads "
          + kinds.size() + " " + kinds + "; the checkpoint belongs to a query with a different set of sources");
    }
    if (!e.sourceKinds().isEmpty() && !e.sourceKinds().equals(kinds)) {
      throw new CheckpointException(offsetLog.file(latest.get()), "it records offsets of the sources " + e.sourceKinds()
          + " but this query reads " + kinds + "; the checkpoint belongs to a query reading other kinds of source");
    }
  }

  /** The offsets file of a batch, named in errors about its content. */
  String offsetsFile(long batchId) {
    return offsetLog.file(batchId);
  }

  /** The query id the checkpoint was created with. */
  UUID id() {
    return id;
  }

  CheckpointFileManager files() {
    return files;
  }

  /** The folder where source {@code index} keeps its own metadata (a file source's seen files). */
  String sourceMetadata(int index) {
    return files.path("sources", Integer.toString(index));
  }

  /** The folder of one state store. */
  String stateDir(StateStoreId store) {
    String dir = files.path("state", Long.toString(store.operatorId()), Integer.toString(store.partitionId()));
    return "default".equals(store.storeName()) ? dir : files.resolve(dir, store.storeName());
  }

  /** Puts the checkpoint's kept settings into {@code conf}, warning where the session asked for others. */
  void restoreConf(SluiceConf conf) {
    Optional<Long> latest = offsetLog.latestBatchId();
    if (latest.isEmpty()) {
      return;
    }
    OffsetLog.Entry e = offsetLog.read(latest.get());
    for (Map.Entry<ConfigEntry<?>, String> c : CHECKPOINTED_CONF) {
      String key = c.getKey().key();
      String stored = e.conf().get(key);
      if (stored == null) {
        continue; // a checkpoint from before the setting was recorded
      }
      String now = conf.getRaw(key);
      if (now != null && !now.trim().equalsIgnoreCase(stored.trim())) {
        Log.LOG.warn("{} is {} in the checkpoint; using it instead of {} because {}", key, stored, now, c.getValue());
      }
      conf.set(key, stored);
    }
  }

  /**
   * Where a (re)started query resumes: the last finished batch, the offsets entry whose end offsets
   * the next batch starts from (null: the sources' initial offsets), the watermark the next batch runs
   * with and its predecessor's, and the entry of a batch to re-run with exactly its logged offsets.
   */
  record Resume(long lastBatchId, OffsetLog.Entry startFrom, long watermark, long previousWatermark,
      OffsetLog.Entry replay) {
    static final Resume FRESH = new Resume(-1, null, 0, 0, null);
  }

  Resume resume(int sources) {
    Optional<Long> latestOffsets = offsetLog.latestBatchId();
    Optional<Long> latestCommit = commitLog.latestBatchId();
    if (latestOffsets.isEmpty()) {
      if (latestCommit.isPresent()) {
        throw new CheckpointException(commitLog.file(latestCommit.get()),
            "there is a commit for batch " + latestCommit.get() + " but no offsets entry for it");
      }
      return Resume.FRESH;
    }
    long n = latestOffsets.get();
    OffsetLog.Entry entry = read(n, sources);
    if (latestCommit.isPresent() && latestCommit.get() == n) {
      // Batch n finished: continue after it.
      return new Resume(n, entry, commitLog.readNextWatermark(n), entry.watermarkMicros(), null);
    }
    if ((latestCommit.isEmpty() && n == 0) || (latestCommit.isPresent() && latestCommit.get() == n - 1)) {
      // Batch n was planned but not committed: replay it with the same offsets.
      OffsetLog.Entry prev = n > 0 ? read(n - 1, sources) : null;
      return new Resume(n - 1, prev, entry.watermarkMicros(), prev == null ? 0 : prev.watermarkMicros(), entry);
    }
    throw new CheckpointException(offsetLog.file(n), "the latest offsets entry is batch " + n
        + " but the latest commit is " + latestCommit.map(String::valueOf).orElse("none")
        + "; entries are missing in between");
  }

  private OffsetLog.Entry read(long batch, int sources) {
    OffsetLog.Entry e = offsetLog.read(batch);
    if (e.sourceOffsets().size() != sources) {
      throw new CheckpointException(offsetLog.file(batch), "it records " + e.sourceOffsets().size()
          + " sources but this query reads " + sources
          + "; the checkpoint belongs to a query with a different set of sources");
    }
    return e;
  }

  /**
   * Loads the state version the next batch will read, at start: a missing, truncated or corrupt
   * state file refuses the start with a message naming it, and the loaded stores are reused by the
   * first batch.
   */
  void preloadState(long version, StateStoreRegistry stores) {
    String stateDir = files.path("state");
    try {
      for (FileStatus op : files.list(stateDir)) {
        if (!op.isDirectory() || !op.name().matches("\\d+")) {
          continue;
        }
        long opId = Long.parseLong(op.name());
        for (FileStatus part : files.list(files.resolve(stateDir, op.name()))) {
          if (!part.isDirectory() || !part.name().matches("\\d+")) {
            continue;
          }
          int partition = Integer.parseInt(part.name());
          List<String> names = new ArrayList<>();
          // Named stores (a join's "left" and "right") are sub-folders named by a plain word.
          for (FileStatus sub : files.list(files.resolve(stateDir, op.name(), part.name()))) {
            if (sub.isDirectory() && sub.name().matches("[A-Za-z][A-Za-z0-9_]*")) {
              names.add(sub.name());
            }
          }
          if (names.isEmpty()) {
            names.add("default");
          }
          for (String name : names) {
            stores.provider(new StateStoreId(opId, partition, name)).getStore(version).abort();
          }
        }
      }
    } catch (IOException e) {
      throw new CheckpointException(stateDir, "it cannot be listed (" + e.getMessage() + ")");
    }
  }

  /**
   * Refuses a checkpoint whose state was written by a query of another shape (other grouping keys,
   * other stateful operators), and records the shape on first use.
   */
  void checkStateSchema(List<StatefulOperator> ops, boolean check) {
    String stateDir = files.path("state");
    for (StatefulOperator op : ops) {
      String opDir = files.resolve(stateDir, Long.toString(op.operatorId()));
      String meta = files.resolve(opDir, "_metadata");
      String typesOnly = "v1\n" + op.stateSchema() + "\n";
      String want = op.stateMeaning().isEmpty() ? typesOnly
          : "v1\n" + op.stateSchema() + " " + op.stateMeaning() + "\n";
      try {
        if (!check) {
          files.writeAtomic(meta, want.getBytes(StandardCharsets.UTF_8));
          continue;
        }
        if (!files.exists(meta) && files.exists(opDir) && !files.list(opDir).isEmpty()) {
          throw new CheckpointException(meta, "it is missing, but stateful operator " + op.operatorId() + " has state "
              + "in " + opDir + "; the state's shape cannot be checked against this query's [" + op.stateSchema()
              + "]. Restore the file; or, only if the query is unchanged since the state was written, start once "
              + "with " + SluiceConf.STATE_SCHEMA_CHECK.key() + "=false to write it again");
        }
        if (files.exists(meta)) {
          String have = new String(files.read(meta), StandardCharsets.UTF_8);
          if (!have.startsWith("v1\n")) {
            throw new CheckpointException(meta, "it has an unknown format version (first line '"
                + have.lines().findFirst().orElse("") + "')");
          }
          if (!have.equals(want) && !have.equals(typesOnly)) {
            throw new CheckpointException(meta, "the state of stateful operator " + op.operatorId() + " was written by "
                + "a query keeping [" + have.substring(3).strip() + "] but this query keeps ["
                + want.substring(3).strip() + "]; the query's grouping keys, aggregates or stateful operators changed since the checkpoint "
                + "was made");
          }
        } else if (!files.createAtomic(meta, want.getBytes(StandardCharsets.UTF_8))) {
          throw new CheckpointException(meta, "it appeared while this query started; is another query using the "
              + "same checkpointLocation?");
        }
      } catch (IOException e) {
        throw new CheckpointException(meta, "it cannot be read or written (" + e.getMessage() + ")");
      }
    }
    try {
      for (FileStatus d : files.list(stateDir)) {
        String n = d.name();
        if (d.isDirectory() && n.matches("\\d+") && Long.parseLong(n) >= ops.size()
            && files.exists(files.resolve(stateDir, n, "_metadata"))) {
          throw new CheckpointException(files.resolve(stateDir, n, "_metadata"), "the checkpoint has state for "
              + "stateful operator " + n + " but this query has only " + ops.size() + " stateful operator(s); the "
              + "query's shape changed since the checkpoint was made");
        }
      }
    } catch (IOException e) {
      throw new CheckpointException(stateDir, "it cannot be listed (" + e.getMessage() + ")");
    }
  }

  /** Step 2 of a batch: the write-ahead entry with its end offsets, watermark, timestamp and kept settings. */
  void writeOffsets(long batchId, long watermark, long timestampMicros, List<String> sourceKinds,
      List<String> endOffsets, SluiceConf conf) {
    checkHeld();
    Map<String, String> logged = new LinkedHashMap<>();
    for (Map.Entry<ConfigEntry<?>, String> c : CHECKPOINTED_CONF) {
      // shuffle partitions has no fixed default (the number of cores): log the value in effect
      logged.put(c.getKey().key(), c.getKey() == SluiceConf.SHUFFLE_PARTITIONS
          ? Integer.toString(conf.shufflePartitions()) : String.valueOf(conf.get(c.getKey())));
    }
    offsetLog.write(new OffsetLog.Entry(batchId, watermark, timestampMicros, logged, sourceKinds, endOffsets));
  }

  /** Step 6 of a batch: the commit with the next batch's watermark; old log entries go every tenth batch. */
  void commit(long batchId, long nextWatermark, long minBatchesToRetain) {
    checkHeld();
    commitLog.write(batchId, nextWatermark);
    long minToKeep = batchId - minBatchesToRetain + 1;
    if (minToKeep > 0 && batchId % 10 == 0) {
      offsetLog.purgeBefore(minToKeep);
      commitLog.purgeBefore(minToKeep);
    }
  }
}
