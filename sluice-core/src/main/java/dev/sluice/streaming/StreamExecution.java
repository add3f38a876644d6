package dev.sluice.streaming;

import dev.sluice.api.streaming.OutputMode;
import dev.sluice.api.streaming.StreamingQuery;
import dev.sluice.api.streaming.StreamingQueryException;
import dev.sluice.api.streaming.StreamingQueryListener;
import dev.sluice.api.streaming.StreamingQueryProgress.SinkProgress;
import dev.sluice.api.streaming.StreamingQueryProgress.SourceProgress;
import dev.sluice.api.streaming.StreamingQueryProgress.StateOperatorProgress;
import dev.sluice.api.streaming.StreamingQueryProgress;
import dev.sluice.api.streaming.StreamingQueryStatus;
import dev.sluice.api.streaming.Trigger;
import dev.sluice.conf.ConfigEntry;
import dev.sluice.conf.SluiceConf;
import dev.sluice.connector.InputPartition;
import dev.sluice.connector.Offset;
import dev.sluice.connector.ReadLimit;
import dev.sluice.connector.Sink;
import dev.sluice.connector.SinkBatch;
import dev.sluice.connector.Source;
import dev.sluice.connector.SourceContext;
import dev.sluice.errors.CheckpointException;
import dev.sluice.exec.ExecContext;
import dev.sluice.exec.PhysicalPlan;
import dev.sluice.exec.QueryExecutor;
import dev.sluice.exec.ops.SourceScanExec;
import dev.sluice.fs.FileStatus;
import dev.sluice.plan.expr.CurrentTime;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.StreamingRelation;
import dev.sluice.plan.logical.StreamingScanRelation;
import dev.sluice.state.CheckpointFileManager;
import dev.sluice.state.StateStoreProvider;
import dev.sluice.state.StateStoreProviders;
import dev.sluice.state.StateStoreRegistry;
import dev.sluice.streaming.checkpoint.CommitLog;
import dev.sluice.streaming.checkpoint.OffsetLog;
import dev.sluice.streaming.checkpoint.QueryMetadata;
import dev.sluice.streaming.ops.EventTimeWatermarkExec;
import dev.sluice.streaming.ops.StatefulOperator;
import dev.sluice.types.StructType;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a streaming query as a sequence of micro-batches on its own thread.
 *
 * <p>The protocol for batch N, which makes recovery exact:
 * <pre>
 *   1. ask each source for its latest offset (within its rate limit)         -> end offsets
 *   2. write offsets/N: end offsets, the watermark and timestamp N runs with  (write-ahead)
 *   3. run the incremental plan over the rows in (start, end], reading and
 *      writing version N of the state stores
 *   4. hand the result to the sink with batch id N
 *   5. commit the state stores (version N+1)
 *   6. write commits/N with the watermark for batch N+1
 *   7. let the sources discard the data up to N's end offsets (only now: a crash before 6 replays
 *      batch N, which must find its data again, e.g. files a file source's cleanSource would move)
 * </pre>
 * On restart:
 * <pre>
 *   latest offsets entry | latest commit entry | action
 *   none                 | none                | start at batch 0 from the sources' initial offsets
 *   N                    | N                   | continue with batch N+1 from N's end offsets
 *   N                    | N-1                 | re-run batch N with exactly its logged offsets
 *   anything else        |                     | refuse: the checkpoint is inconsistent
 * </pre>
 * When the watermark moved and a stateful operator would emit or evict because of it, a batch
 * without new data runs right away (Spark's no-data micro-batch).
 */
public final class StreamExecution implements StreamingQuery {
  // A holder, so SLF4J is bound when something is first logged, not on the way to the first batch:
  // binding opens every jar on the class path to look for a provider.
  private static final class Log {
    static final Logger LOG = LoggerFactory.getLogger(StreamExecution.class);
  }
  /** Spark's progress time format; in a holder so a new JVM builds it only when the first report needs it. */
  private static final class Iso {
    static final DateTimeFormatter MILLIS =
        DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  }

  /** Everything needed to start a query. */
  public record Spec(String name, LogicalPlan analyzedPlan, Function<LogicalPlan, LogicalPlan> optimizer,
      Function<StructType, Sink> sinkFactory, StructType outputSchema, OutputMode outputMode, Trigger trigger,
      String checkpoint, SluiceConf conf, ExecutorService pool, ListenerBus bus, Clock clock,
      java.util.function.Consumer<StreamExecution> onTerminate) {}

  private final Spec spec;
  private final UUID id;
  private final UUID runId = QueryIds.random();
  private final SluiceConf conf;
  private final Clock clock;
  /** The checkpoint's files (local, HDFS, S3, ...), or null without a checkpoint. */
  private final CheckpointFileManager checkpoint;
  private final OffsetLog offsetLog;
  private final CommitLog commitLog;
  private final Object waker = new Object();
  private final CountDownLatch terminated = new CountDownLatch(1);
  private final Deque<StreamingQueryProgress> recent = new ArrayDeque<>();
  private final int maxRecent;

  private Thread thread;
  private volatile boolean stopRequested;
  private volatile StreamingQueryException exception;
  private volatile StreamingQueryStatus status = new StreamingQueryStatus("Initializing sources", false, false);
  private volatile String lastExplain = "";

  // state of the loop (query thread only, except where noted)
  private LogicalPlan optimizedPlan;
  private final List<StreamingRelation> relations = new ArrayList<>();
  private final List<Source> sources = new ArrayList<>();
  private Offset[] startOffsets;
  private Sink sink;
  private StateStoreRegistry stateStores;
  private long lastBatchId = -1;
  private long batchWatermark;
  private long previousBatchWatermark;
  private final Map<Integer, Long> watermarkByOperator = new HashMap<>();
  private boolean noDataBatchPending;
  private long lastTriggerStartMillis = -1;
  private OffsetLog.Entry pendingReplay;

  /** nanoTime at which the latest trigger that found nothing to do started (guarded by this). */
  private long idleCheckStartedNanos = Long.MIN_VALUE;
  /** Clock time of the last progress or idle event; MIN_VALUE until the first trigger. */
  private volatile long lastNoExecutionEventMillis = Long.MIN_VALUE;
  private final long idleEventIntervalMs;

  public StreamExecution(Spec spec) {
    this.spec = spec;
    this.conf = spec.conf().copy();
    this.clock = spec.clock();
    this.maxRecent = (int) (long) conf.get(SluiceConf.NUM_RECENT_PROGRESS);
    this.idleEventIntervalMs = conf.get(SluiceConf.NO_DATA_PROGRESS_EVENT_INTERVAL_MS);
    if (spec.checkpoint() != null) {
      this.checkpoint = CheckpointFileManager.forLocation(spec.checkpoint(), conf.getAll());
      this.id = QueryMetadata.loadOrCreate(checkpoint);
      this.offsetLog = new OffsetLog(checkpoint, checkpoint.path("offsets"));
      this.commitLog = new CommitLog(checkpoint, checkpoint.path("commits"));
    } else {
      this.checkpoint = null;
      this.id = QueryIds.random();
      this.offsetLog = null;
      this.commitLog = null;
    }
  }

  /** Starts the query thread; returns once the sources are created (errors there are thrown here). */
  public void start() {
    initialize();
    Instant startedAt = Instant.now();
    spec.bus().postAndWait(l -> l.onQueryStarted(new StreamingQueryListener.QueryStartedEvent(id, runId,
        spec.name(), Iso.MILLIS.format(startedAt))));
    thread = new Thread(this::runLoop, "sluice-stream-" + (spec.name() != null ? spec.name() : id.toString()));
    thread.setDaemon(true);
    thread.start();
  }

  // ------------------------------------------------------------------ initialization and recovery

  private void initialize() {
    recoverConfFromCheckpoint();
    optimizedPlan = spec.optimizer().apply(spec.analyzedPlan());
    List<Integer> seen = new ArrayList<>();
    optimizedPlan.foreach(p -> {
      if (p instanceof StreamingRelation r && !seen.contains(r.id())) {
        seen.add(r.id());
        relations.add(r);
      }
    });
    try {
      for (int i = 0; i < relations.size(); i++) {
        StreamingRelation r = relations.get(i);
        String meta = checkpoint == null ? null : checkpoint.path("sources", Integer.toString(i));
        SourceContext ctx = new SourceContext(r.context().options(), r.context().userSchema(), conf.getAll(), meta);
        sources.add(r.provider().createSource(ctx));
      }
      startOffsets = new Offset[sources.size()];
      StateStoreRegistryFactory f = new StateStoreRegistryFactory(checkpoint, conf);
      stateStores = new StateStoreRegistry(f::create);
      recoverOffsets();
      preloadState();
      sink = spec.sinkFactory().apply(spec.outputSchema());
    } catch (RuntimeException e) {
      sources.forEach(StreamExecution::stopQuietly);
      throw e;
    }
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

  private void recoverConfFromCheckpoint() {
    if (offsetLog == null) {
      return;
    }
    Optional<Long> latest = offsetLog.latestBatchId();
    if (latest.isPresent()) {
      OffsetLog.Entry e = offsetLog.read(latest.get());
      for (Map.Entry<ConfigEntry<?>, String> c : CHECKPOINTED_CONF) {
        String key = c.getKey().key();
        String stored = e.conf().get(key);
        if (stored == null) {
          continue; // a checkpoint from before the setting was recorded
        }
        String now = conf.getRaw(key);
        if (now != null && !now.trim().equalsIgnoreCase(stored.trim())) {
          Log.LOG.warn("{} is {} in the checkpoint; using it instead of {} because {}", key, stored, now,
              c.getValue());
        }
        conf.set(key, stored);
      }
    }
  }

  private void recoverOffsets() {
    if (offsetLog == null) {
      return;
    }
    Optional<Long> latestOffsets = offsetLog.latestBatchId();
    Optional<Long> latestCommit = commitLog.latestBatchId();
    if (latestOffsets.isEmpty()) {
      if (latestCommit.isPresent()) {
        throw new CheckpointException(commitLog.file(latestCommit.get()),
            "there is a commit for batch " + latestCommit.get() + " but no offsets entry for it");
      }
      return;
    }
    long n = latestOffsets.get();
    OffsetLog.Entry entry = offsetLog.read(n);
    checkSourceCount(entry, n);
    if (latestCommit.isPresent() && latestCommit.get() == n) {
      // Batch n finished: continue after it.
      setStartOffsets(entry);
      lastBatchId = n;
      batchWatermark = commitLog.readNextWatermark(n);
      previousBatchWatermark = entry.watermarkMicros();
      return;
    }
    if ((latestCommit.isEmpty() && n == 0) || (latestCommit.isPresent() && latestCommit.get() == n - 1)) {
      // Batch n was planned but not committed: replay it with the same offsets.
      if (n > 0) {
        OffsetLog.Entry prev = offsetLog.read(n - 1);
        checkSourceCount(prev, n - 1);
        setStartOffsets(prev);
        previousBatchWatermark = prev.watermarkMicros();
      }
      lastBatchId = n - 1;
      batchWatermark = entry.watermarkMicros();
      pendingReplay = entry;
      return;
    }
    throw new CheckpointException(offsetLog.file(n), "the latest offsets entry is batch " + n
        + " but the latest commit is " + latestCommit.map(String::valueOf).orElse("none")
        + "; entries are missing in between");
  }

  /**
   * Loads the state the next batch will read, at start: a missing, truncated or corrupt state file
   * refuses the start with a message naming it, and the loaded stores are reused by the first batch.
   */
  private void preloadState() {
    if (checkpoint == null) {
      return;
    }
    String stateDir = checkpoint.path("state");
    long version = lastBatchId + 1;
    try {
      for (FileStatus op : checkpoint.list(stateDir)) {
        if (!op.isDirectory() || !op.name().matches("\\d+")) {
          continue;
        }
        long opId = Long.parseLong(op.name());
        for (FileStatus part : checkpoint.list(checkpoint.resolve(stateDir, op.name()))) {
          if (!part.isDirectory() || !part.name().matches("\\d+")) {
            continue;
          }
          int partition = Integer.parseInt(part.name());
          List<String> names = new ArrayList<>();
          // Named stores (a join's "left" and "right") are sub-folders named by a plain word.
          for (FileStatus sub : checkpoint.list(checkpoint.resolve(stateDir, op.name(), part.name()))) {
            if (sub.isDirectory() && sub.name().matches("[A-Za-z][A-Za-z0-9_]*")) {
              names.add(sub.name());
            }
          }
          if (names.isEmpty()) {
            names.add("default");
          }
          for (String name : names) {
            stateStores.provider(new dev.sluice.state.StateStoreId(opId, partition, name)).getStore(version).abort();
          }
        }
      }
    } catch (java.io.IOException e) {
      throw new CheckpointException(stateDir, "it cannot be listed (" + e.getMessage() + ")");
    }
  }

  private void checkSourceCount(OffsetLog.Entry e, long batch) {
    if (e.sourceOffsets().size() != sources.size()) {
      throw new CheckpointException(offsetLog.file(batch), "it records " + e.sourceOffsets().size()
          + " sources but this query reads " + sources.size()
          + "; the checkpoint belongs to a query with a different set of sources");
    }
  }

  private void setStartOffsets(OffsetLog.Entry e) {
    for (int i = 0; i < sources.size(); i++) {
      String json = e.sourceOffsets().get(i);
      startOffsets[i] = json == null ? null : sources.get(i).deserializeOffset(json);
    }
  }

  // ------------------------------------------------------------------ the loop

  private void runLoop() {
    try {
      if (spec.trigger() instanceof Trigger.AvailableNowTrigger) {
        sources.forEach(Source::prepareForTriggerAvailableNow);
      }
      if (clock instanceof ManualClock mc) {
        mc.setStopCheck(() -> stopRequested);
      }
      boolean once = spec.trigger() instanceof Trigger.OnceTrigger;
      boolean availableNow = spec.trigger() instanceof Trigger.AvailableNowTrigger;
      long interval = spec.trigger() instanceof Trigger.ProcessingTimeTrigger pt ? pt.intervalMs() : 0;
      while (!stopRequested) {
        long triggerStart = clock.millis();
        long checkStartNanos = System.nanoTime();
        status = new StreamingQueryStatus("Getting offsets from sources", false, true);
        boolean ran = runOneTrigger(triggerStart, once);
        if (!ran) {
          synchronized (this) {
            idleCheckStartedNanos = checkStartNanos;
            notifyAll();
          }
          status = new StreamingQueryStatus("Waiting for data to arrive", false, false);
          postIdleEventIfDue(triggerStart);
        }
        if (once || (availableNow && !ran)) {
          break;
        }
        if (stopRequested) {
          break;
        }
        if (interval > 0) {
          status = new StreamingQueryStatus("Waiting for next trigger", ran, false);
          long next = triggerStart + interval;
          while (!stopRequested && clock.millis() < next) {
            clock.waitUntil(next, waker);
          }
        } else if (!ran && !noDataBatchPending) {
          long delay = conf.get(SluiceConf.POLLING_DELAY_MS);
          synchronized (waker) {
            if (!stopRequested) {
              waker.wait(Math.max(1, delay));
            }
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Throwable t) {
      exception = new StreamingQueryException(spec.name(), id.toString(), runId.toString(), t);
      Log.LOG.error("Query {} [id = {}, runId = {}] terminated with error", spec.name(), id, runId, t);
    } finally {
      cleanup();
    }
  }

  /**
   * As Spark's ProgressReporter.updateIdleness: onQueryIdle is posted once the query has had no data
   * for {@code noDataProgressEventInterval}, then at most once per interval, not on every empty poll
   * (which, with the default trigger, would be a hundred events a second).
   */
  private void postIdleEventIfDue(long triggerStartMillis) {
    long now = clock.millis();
    if (now - idleEventIntervalMs >= lastNoExecutionEventMillis) {
      if (lastNoExecutionEventMillis > Long.MIN_VALUE) {
        Instant idleAt = Instant.ofEpochMilli(triggerStartMillis);
        spec.bus().post(l -> l.onQueryIdle(new StreamingQueryListener.QueryIdleEvent(id, runId,
            Iso.MILLIS.format(idleAt))));
      }
      lastNoExecutionEventMillis = now;
    }
  }

  private void cleanup() {
    sources.forEach(StreamExecution::stopQuietly);
    try {
      if (sink != null) {
        sink.close();
      }
    } catch (RuntimeException e) {
      Log.LOG.warn("Closing the sink failed", e);
    }
    if (stateStores != null) {
      stateStores.close();
    }
    status = new StreamingQueryStatus("Stopped", false, false);
    String err = exception == null ? null : exception.getMessage();
    spec.bus().post(l -> l.onQueryTerminated(new StreamingQueryListener.QueryTerminatedEvent(id, runId, err)));
    // Leave the session's active queries before stop() returns, so the same name can start again at once.
    if (spec.onTerminate() != null) {
      spec.onTerminate().accept(this);
    }
    terminated.countDown();
    synchronized (this) {
      notifyAll();
    }
  }

  private static void stopQuietly(Source s) {
    try {
      s.stop();
    } catch (RuntimeException e) {
      Log.LOG.warn("Stopping source {} failed", s.description(), e);
    }
  }

  /** Plans and runs the next batch if there is one; returns whether a batch ran. */
  private boolean runOneTrigger(long triggerStartMillis, boolean once) {
    long t0 = System.nanoTime();
    Map<String, Long> durations = new LinkedHashMap<>();
    if (pendingReplay != null) {
      OffsetLog.Entry e = pendingReplay;
      pendingReplay = null;
      Offset[] ends = new Offset[sources.size()];
      for (int i = 0; i < ends.length; i++) {
        String json = e.sourceOffsets().get(i);
        ends[i] = json == null ? null : sources.get(i).deserializeOffset(json);
      }
      Log.LOG.info("Replaying batch {} of query {} with its logged offsets", e.batchId(), id);
      durations.put("latestOffset", 0L);
      durations.put("walCommit", 0L);
      runBatch(e.batchId(), ends, e.timestampMicros(), durations, t0, triggerStartMillis, ends);
      return true;
    }
    Offset[] ends = new Offset[sources.size()];
    Offset[] latest = new Offset[sources.size()];
    boolean hasData = false;
    for (int i = 0; i < sources.size(); i++) {
      Source s = sources.get(i);
      Offset start = startOffsets[i];
      ReadLimit limit = once ? ReadLimit.ALL : s.defaultReadLimit();
      Offset end = s.latestOffset(start, limit);
      latest[i] = limit.isAll() ? end : s.reportLatestOffset(start);
      ends[i] = end;
      if (end != null && !end.equals(start) && !(start == null && end.equals(s.initialOffset()))) {
        hasData = true;
      } else {
        ends[i] = start;
      }
    }
    durations.put("latestOffset", ms(System.nanoTime() - t0));
    boolean noData = !hasData && noDataBatchPending && conf.get(SluiceConf.NO_DATA_MICRO_BATCHES);
    if (!hasData && !noData) {
      return false;
    }
    long batchId = lastBatchId + 1;
    long ts = clock.millis() * 1000L;
    long walStart = System.nanoTime();
    if (offsetLog != null) {
      List<String> offs = new ArrayList<>();
      for (Offset o : ends) {
        offs.add(o == null ? null : o.json());
      }
      Map<String, String> logged = new LinkedHashMap<>();
      for (Map.Entry<ConfigEntry<?>, String> c : CHECKPOINTED_CONF) {
        // shuffle partitions has no fixed default (the number of cores): log the value in effect
        logged.put(c.getKey().key(), c.getKey() == SluiceConf.SHUFFLE_PARTITIONS
            ? Integer.toString(conf.shufflePartitions()) : String.valueOf(conf.get(c.getKey())));
      }
      offsetLog.write(new OffsetLog.Entry(batchId, batchWatermark, ts, logged, offs));
    }
    durations.put("walCommit", ms(System.nanoTime() - walStart));
    runBatch(batchId, ends, ts, durations, t0, triggerStartMillis, latest);
    return true;
  }

  private void runBatch(long batchId, Offset[] ends, long timestampMicros, Map<String, Long> durations, long t0,
      long triggerStartMillis, Offset[] latest) {
    status = new StreamingQueryStatus("Processing new data", true, true);
    long planStart = System.nanoTime();
    // 1. The plan of this batch: each source's offset range in place of its relation.
    Map<Integer, Integer> indexById = new HashMap<>();
    for (int i = 0; i < relations.size(); i++) {
      indexById.put(relations.get(i).id(), i);
    }
    long getBatchNanos = 0;
    Map<Integer, List<InputPartition>> partitions = new HashMap<>();
    for (int i = 0; i < sources.size(); i++) {
      long g = System.nanoTime();
      Offset start = startOffsets[i];
      Offset end = ends[i];
      boolean any = end != null && !end.equals(start);
      partitions.put(i, !any ? List.of() : sources.get(i) instanceof dev.sluice.connector.SupportsPushDown.PrunableSource ps
          ? ps.planInputPartitions(start, end, requiredSchema(relations.get(i)), pushedFilters(relations.get(i).id()))
          : sources.get(i).planInputPartitions(start, end));
      getBatchNanos += System.nanoTime() - g;
    }
    LogicalPlan batchPlan = optimizedPlan.transformUp(p -> {
      if (p instanceof StreamingRelation r) {
        int i = indexById.get(r.id());
        Source s = sources.get(i);
        StructType read = s instanceof dev.sluice.connector.SupportsPushDown.PrunableSource ? requiredSchema(r) : s.schema();
        return new StreamingScanRelation(i, s.description(), r.output(), read, partitions.get(i));
      }
      return null;
    }).transformAllExpressions(e -> e instanceof CurrentTime ct ? ct.at(timestampMicros) : null);
    StreamingExecInfo info = new StreamingExecInfo(batchId, previousBatchWatermarkFor(batchId), batchWatermark,
        spec.outputMode().sparkName(), stateStores, timestampMicros);
    StreamingPlanner planner = new StreamingPlanner(conf.shufflePartitions(), conf.executorThreads(),
        conf.batchSize(), info, spec.outputMode());
    PhysicalPlan physical = planner.plan(batchPlan);
    lastExplain = "== Optimized Logical Plan ==\n" + optimizedPlan.treeString() + "\n== Physical Plan (batch "
        + batchId + ") ==\n" + physical.treeString();
    durations.put("queryPlanning", ms(System.nanoTime() - planStart - getBatchNanos));
    durations.put("getBatch", ms(getBatchNanos));
    // 2. Run it and hand the result to the sink.
    long addStart = System.nanoTime();
    List<StatefulOperator> stateful = planner.statefulOperators();
    if (!stateSchemaChecked) {
      checkStateSchema(stateful);
      stateSchemaChecked = true;
    }
    long outputRows;
    try {
      ExecContext ctx = new ExecContext(spec.pool(), conf);
      List<List<dev.sluice.vector.ColumnBatch>> result = QueryExecutor.execute(physical, ctx);
      SinkBatch data = new SinkBatch(spec.outputSchema(), result, spec.pool());
      outputRows = data.numRows();
      sink.addBatch(batchId, data);
    } catch (RuntimeException | Error e) {
      stateful.forEach(StatefulOperator::abortState);
      throw e;
    }
    durations.put("addBatch", ms(System.nanoTime() - addStart));
    // 3. Commit: state, the commit log, then the sources (which may discard data a replay would need).
    long commitStart = System.nanoTime();
    stateful.forEach(StatefulOperator::commitState);
    long usedWatermark = batchWatermark;
    long newWatermark = nextWatermark(planner.watermarks());
    if (commitLog != null) {
      commitLog.write(batchId, newWatermark);
      purgeOldLogs(batchId);
    }
    for (int i = 0; i < sources.size(); i++) {
      Offset start = startOffsets[i];
      startOffsets[i] = ends[i];
      if (ends[i] != null && !ends[i].equals(start)) {
        sources.get(i).commit(ends[i]);
      }
    }
    durations.put("commitOffsets", ms(System.nanoTime() - commitStart));
    lastBatchId = batchId;
    previousBatchWatermark = usedWatermark;
    batchWatermark = newWatermark;
    noDataBatchPending = false;
    if (newWatermark > usedWatermark) {
      for (StatefulOperator op : stateful) {
        if (op.shouldRunAnotherBatch(newWatermark)) {
          noDataBatchPending = true;
        }
      }
    }
    durations.put("triggerExecution", ms(System.nanoTime() - t0));
    reportProgress(batchId, triggerStartMillis, durations, planner, stateful, usedWatermark, outputRows, ends, latest);
  }

  private boolean stateSchemaChecked;

  /**
   * The translatable conjuncts of the filter right above a stream, which its source may use to skip
   * data; none when the stream appears more than once in the plan (a branch without the filter needs
   * every row).
   */
  private List<dev.sluice.connector.SourceFilter> pushedFilters(int relationId) {
    List<dev.sluice.connector.SourceFilter> out = new ArrayList<>();
    int[] uses = new int[1];
    optimizedPlan.foreach(p -> {
      if (p instanceof StreamingRelation r && r.id() == relationId) {
        uses[0]++;
      } else if (p instanceof dev.sluice.plan.logical.Filter f) {
        LogicalPlan below = f.child();
        while (below instanceof dev.sluice.plan.logical.SubqueryAlias sa) {
          below = sa.child();
        }
        if (below instanceof StreamingRelation r && r.id() == relationId) {
          out.addAll(dev.sluice.exec.FilterTranslation.translate(f.condition()));
        }
      }
    });
    return uses[0] == 1 ? out : List.of();
  }

  /** The columns a streaming relation's scan reads (the optimizer narrowed its output to them). */
  private static StructType requiredSchema(StreamingRelation r) {
    StructType s = new StructType();
    for (dev.sluice.plan.expr.AttributeReference a : r.output()) {
      s = s.add(a.name(), a.dataType(), a.nullable());
    }
    return s;
  }

  /**
   * Refuses a checkpoint whose state was written by a query of another shape (other grouping keys,
   * other stateful operators), and records the shape on first use.
   */
  private void checkStateSchema(List<StatefulOperator> ops) {
    if (checkpoint == null) {
      return;
    }
    String stateDir = checkpoint.path("state");
    for (StatefulOperator op : ops) {
      String meta = checkpoint.resolve(stateDir, Long.toString(op.operatorId()), "_metadata");
      String want = "v1\n" + op.stateSchema() + "\n";
      try {
        if (checkpoint.exists(meta)) {
          String have = new String(checkpoint.read(meta), java.nio.charset.StandardCharsets.UTF_8);
          if (!have.startsWith("v1\n")) {
            throw new CheckpointException(meta, "it has an unknown format version (first line '"
                + have.lines().findFirst().orElse("") + "')");
          }
          if (!have.equals(want)) {
            throw new CheckpointException(meta, "the state of stateful operator " + op.operatorId() + " was written by "
                + "a query keeping [" + have.substring(3).strip() + "] but this query keeps [" + op.stateSchema()
                + "]; the query's grouping keys, aggregates or stateful operators changed since the checkpoint "
                + "was made");
          }
        } else if (!checkpoint.createAtomic(meta, want.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
          throw new CheckpointException(meta, "it appeared while this query started; is another query using the "
              + "same checkpointLocation?");
        }
      } catch (java.io.IOException e) {
        throw new CheckpointException(meta, "it cannot be read or written (" + e.getMessage() + ")");
      }
    }
    try {
      for (FileStatus d : checkpoint.list(stateDir)) {
        String n = d.name();
        if (d.isDirectory() && n.matches("\\d+") && Long.parseLong(n) >= ops.size()
            && checkpoint.exists(checkpoint.resolve(stateDir, n, "_metadata"))) {
          throw new CheckpointException(checkpoint.resolve(stateDir, n, "_metadata"), "the checkpoint has state for "
              + "stateful operator " + n + " but this query has only " + ops.size() + " stateful operator(s); the "
              + "query's shape changed since the checkpoint was made");
        }
      }
    } catch (java.io.IOException e) {
      throw new CheckpointException(stateDir, "it cannot be listed (" + e.getMessage() + ")");
    }
  }

  private long previousBatchWatermarkFor(long batchId) {
    return batchId == 0 ? batchWatermark : previousBatchWatermark;
  }

  /** The watermark for the next batch: each input's max event time minus its delay, combined by policy. */
  private long nextWatermark(List<EventTimeWatermarkExec> nodes) {
    if (nodes.isEmpty()) {
      return batchWatermark;
    }
    for (EventTimeWatermarkExec w : nodes) {
      if (w.stats().count() > 0) {
        // Spark's delayMs: the delay truncated to whole milliseconds, like the statistics.
        long candidate = w.stats().max() - w.delayMicros() / 1000 * 1000;
        Long prev = watermarkByOperator.get(w.watermarkId());
        if (prev == null || candidate > prev) {
          watermarkByOperator.put(w.watermarkId(), candidate);
        }
      } else {
        watermarkByOperator.putIfAbsent(w.watermarkId(), 0L);
      }
    }
    boolean max = "max".equals(conf.get(SluiceConf.MULTIPLE_WATERMARK_POLICY));
    long global = max ? Long.MIN_VALUE : Long.MAX_VALUE;
    for (long v : watermarkByOperator.values()) {
      global = max ? Math.max(global, v) : Math.min(global, v);
    }
    return Math.max(global, batchWatermark);
  }

  private void purgeOldLogs(long batchId) {
    long keep = conf.get(SluiceConf.MIN_BATCHES_TO_RETAIN);
    long minToKeep = batchId - keep + 1;
    if (minToKeep > 0 && batchId % 10 == 0) {
      offsetLog.purgeBefore(minToKeep);
      commitLog.purgeBefore(minToKeep);
    }
  }

  private void reportProgress(long batchId, long triggerStartMillis, Map<String, Long> durations,
      StreamingPlanner planner, List<StatefulOperator> stateful, long usedWatermark, long outputRows, Offset[] ends,
      Offset[] latest) {
    long[] rowsBySource = new long[sources.size()];
    List<SourceScanExec> scans = planner.scans();
    for (int k = 0; k < scans.size(); k++) {
      rowsBySource[planner.scanSourceIds().get(k)] += scans.get(k).rowsRead();
    }
    long numInput = 0;
    for (long r : rowsBySource) {
      numInput += r;
    }
    double execSeconds = Math.max(durations.getOrDefault("triggerExecution", 0L), 1) / 1000.0;
    double sinceLast = lastTriggerStartMillis < 0 ? 0 : (triggerStartMillis - lastTriggerStartMillis) / 1000.0;
    lastTriggerStartMillis = triggerStartMillis;
    double inputRate = sinceLast > 0 ? numInput / sinceLast : 0.0;
    double processedRate = numInput / execSeconds;
    List<SourceProgress> sp = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      Source s = sources.get(i);
      sp.add(new SourceProgress(s.description(), null, json(ends[i]), json(latest[i]), rowsBySource[i],
          sinceLast > 0 ? rowsBySource[i] / sinceLast : 0.0, rowsBySource[i] / execSeconds, s.metrics(ends[i])));
    }
    List<StateOperatorProgress> ops = new ArrayList<>();
    for (StatefulOperator op : stateful) {
      ops.add(op.progress());
    }
    Map<String, String> eventTime = new LinkedHashMap<>();
    List<EventTimeWatermarkExec> wms = planner.watermarks();
    if (!wms.isEmpty()) {
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      double sum = 0;
      long count = 0;
      for (EventTimeWatermarkExec w : wms) {
        if (w.stats().count() > 0) {
          min = Math.min(min, w.stats().min());
          max = Math.max(max, w.stats().max());
          sum += (double) w.stats().avg() * w.stats().count();
          count += w.stats().count();
        }
      }
      if (count > 0) {
        eventTime.put("avg", iso((long) (sum / count)));
        eventTime.put("max", iso(max));
        eventTime.put("min", iso(min));
      }
      eventTime.put("watermark", iso(usedWatermark));
    }
    StreamingQueryProgress p = new StreamingQueryProgress(id, runId, spec.name(),
        Iso.MILLIS.format(Instant.ofEpochMilli(triggerStartMillis)), batchId,
        durations.getOrDefault("triggerExecution", 0L), numInput, inputRate, processedRate, durations, eventTime, ops,
        fixStartOffsets(sp), new SinkProgress(sink.description(), outputRows, Map.of()));
    synchronized (recent) {
      recent.addLast(p);
      while (recent.size() > maxRecent) {
        recent.removeFirst();
      }
    }
    lastNoExecutionEventMillis = clock.millis();
    spec.bus().post(l -> l.onQueryProgress(new StreamingQueryListener.QueryProgressEvent(p)));
  }

  private String[] previousEnds;

  /** Fills in each source's start offset (the previous batch's end). */
  private List<SourceProgress> fixStartOffsets(List<SourceProgress> sp) {
    List<SourceProgress> out = new ArrayList<>();
    for (int i = 0; i < sp.size(); i++) {
      SourceProgress s = sp.get(i);
      String start = previousEnds == null ? null : previousEnds[i];
      out.add(new SourceProgress(s.description(), start, s.endOffset(), s.latestOffset(), s.numInputRows(),
          s.inputRowsPerSecond(), s.processedRowsPerSecond(), s.metrics()));
    }
    previousEnds = new String[sp.size()];
    for (int i = 0; i < sp.size(); i++) {
      previousEnds[i] = sp.get(i).endOffset();
    }
    return out;
  }

  private static String json(Offset o) {
    return o == null ? null : o.json();
  }

  private static String iso(long micros) {
    return Iso.MILLIS.format(Instant.ofEpochMilli(Math.floorDiv(micros, 1000)));
  }

  private static long ms(long nanos) {
    return nanos / 1_000_000;
  }

  // ------------------------------------------------------------------ StreamingQuery

  @Override
  public UUID id() {
    return id;
  }

  @Override
  public UUID runId() {
    return runId;
  }

  @Override
  public String name() {
    return spec.name();
  }

  @Override
  public boolean isActive() {
    return terminated.getCount() > 0;
  }

  @Override
  public void stop() {
    stopRequested = true;
    synchronized (waker) {
      waker.notifyAll();
    }
    if (clock instanceof ManualClock mc) {
      synchronized (mc) {
        mc.notifyAll();
      }
    }
    if (thread != null && Thread.currentThread() != thread) {
      try {
        terminated.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void awaitTermination() throws StreamingQueryException {
    try {
      terminated.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (exception != null) {
      throw exception;
    }
  }

  @Override
  public boolean awaitTermination(long timeoutMs) throws StreamingQueryException {
    boolean done;
    try {
      done = terminated.await(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      done = false;
    }
    if (exception != null) {
      throw exception;
    }
    return done;
  }

  @Override
  public void processAllAvailable() {
    long requested = System.nanoTime();
    synchronized (this) {
      while (isActive() && idleCheckStartedNanos < requested) {
        try {
          wait(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
    if (exception != null) {
      throw exception;
    }
  }

  @Override
  public StreamingQueryException exception() {
    return exception;
  }

  @Override
  public StreamingQueryStatus status() {
    return status;
  }

  @Override
  public StreamingQueryProgress lastProgress() {
    synchronized (recent) {
      return recent.peekLast();
    }
  }

  @Override
  public List<StreamingQueryProgress> recentProgress() {
    synchronized (recent) {
      return List.copyOf(recent);
    }
  }

  @Override
  public String explainString() {
    return lastExplain;
  }

  /** The sink instance (tests and the memory-sink view). */
  public Sink sink() {
    return sink;
  }

  public long lastBatchId() {
    return lastBatchId;
  }

  /** The watermark the next batch will run with, in micros. */
  public long currentWatermarkMicros() {
    return batchWatermark;
  }

  @Override
  public String toString() {
    return "StreamingQuery[name=" + spec.name() + ", id=" + id + ", runId=" + runId + "]";
  }

  /** Gives each stateful operator partition its store folder and the configured provider. */
  private static final class StateStoreRegistryFactory {
    private final CheckpointFileManager checkpoint;
    private final SluiceConf conf;

    StateStoreRegistryFactory(CheckpointFileManager checkpoint, SluiceConf conf) {
      this.checkpoint = checkpoint;
      this.conf = conf;
    }

    StateStoreProvider create(dev.sluice.state.StateStoreId id) {
      String dir = null;
      if (checkpoint != null) {
        dir = checkpoint.path("state", Long.toString(id.operatorId()), Integer.toString(id.partitionId()));
        if (!"default".equals(id.storeName())) {
          dir = checkpoint.resolve(dir, id.storeName());
        }
      }
      return StateStoreProviders.create(conf.get(SluiceConf.STATE_STORE_PROVIDER), checkpoint, dir, conf);
    }
  }
}
