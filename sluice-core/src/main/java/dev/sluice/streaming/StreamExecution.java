package dev.sluice.streaming;

import dev.sluice.api.streaming.OutputMode;
import dev.sluice.api.streaming.StreamingQuery;
import dev.sluice.api.streaming.StreamingQueryException;
import dev.sluice.api.streaming.StreamingQueryListener;
import dev.sluice.api.streaming.StreamingQueryProgress;
import dev.sluice.api.streaming.StreamingQueryStatus;
import dev.sluice.api.streaming.Trigger;
import dev.sluice.conf.SluiceConf;
import dev.sluice.connector.Offset;
import dev.sluice.connector.ReadLimit;
import dev.sluice.connector.Sink;
import dev.sluice.connector.SinkBatch;
import dev.sluice.connector.Source;
import dev.sluice.connector.SourceContext;
import dev.sluice.exec.ExecContext;
import dev.sluice.exec.PhysicalPlan;
import dev.sluice.exec.QueryExecutor;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.StreamingRelation;
import dev.sluice.state.StateStoreId;
import dev.sluice.state.StateStoreProvider;
import dev.sluice.state.StateStoreProviders;
import dev.sluice.state.StateStoreRegistry;
import dev.sluice.streaming.checkpoint.OffsetLog;
import dev.sluice.streaming.ops.StatefulOperator;
import dev.sluice.types.StructType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 *
 * <p>This class is the loop and the query's lifecycle; its parts are {@link QueryCheckpoint} (the
 * logs, recovery and the refusal of inconsistent checkpoints), {@link IncrementalExecution} (the plan
 * of one batch), {@link WatermarkTracker} (event time) and {@link ProgressReporter} (progress and
 * listener events).
 */
public final class StreamExecution implements StreamingQuery {
  // A holder, so SLF4J is bound when something is first logged, not on the way to the first batch:
  // binding opens every jar on the class path to look for a provider.
  private static final class Log {
    static final Logger LOG = LoggerFactory.getLogger(StreamExecution.class);
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
  /** The checkpoint location, or null for a query without one. */
  private final QueryCheckpoint checkpoint;
  private final ProgressReporter progress;
  private final Object waker = new Object();
  private final CountDownLatch terminated = new CountDownLatch(1);

  private Thread thread;
  private volatile boolean stopRequested;
  private volatile StreamingQueryException exception;
  private volatile StreamingQueryStatus status = new StreamingQueryStatus("Initializing sources", false, false);
  private volatile String lastExplain = "";

  // state of the loop (query thread only, except where noted)
  private final List<Source> sources = new ArrayList<>();
  private List<String> sourceKinds = List.of();
  private IncrementalExecution incremental;
  private WatermarkTracker watermarks;
  private Offset[] startOffsets;
  private Sink sink;
  private StateStoreRegistry stateStores;
  private volatile long lastBatchId = -1;
  private boolean noDataBatchPending;
  private OffsetLog.Entry pendingReplay;

  /** nanoTime at which the latest trigger that found nothing to do started (guarded by this). */
  private long idleCheckStartedNanos = Long.MIN_VALUE;

  public StreamExecution(Spec spec) {
    this.spec = spec;
    this.conf = spec.conf().copy();
    this.clock = spec.clock();
    this.checkpoint = spec.checkpoint() == null ? null : new QueryCheckpoint(spec.checkpoint(), conf);
    this.id = checkpoint == null ? QueryIds.random() : checkpoint.id();
    this.progress = new ProgressReporter(id, runId, spec.name(), spec.bus(), clock,
        (int) (long) conf.get(SluiceConf.NUM_RECENT_PROGRESS), conf.get(SluiceConf.NO_DATA_PROGRESS_EVENT_INTERVAL_MS));
  }

  /** Starts the query thread; returns once the sources are created (errors there are thrown here). */
  public void start() {
    initialize();
    Instant startedAt = Instant.now();
    spec.bus().postAndWait(l -> l.onQueryStarted(new StreamingQueryListener.QueryStartedEvent(id, runId,
        spec.name(), ProgressReporter.format(startedAt))));
    thread = new Thread(this::runLoop, "sluice-stream-" + (spec.name() != null ? spec.name() : id.toString()));
    thread.setDaemon(true);
    thread.start();
  }

  // ------------------------------------------------------------------ initialization and recovery

  /**
   * Everything a start checks comes before anything is written to the checkpoint: its lock, the
   * kinds of source, the offsets the sources resume from, the state's shape; only then does a new
   * checkpoint get its id and a stateful operator its state schema, so that a refused start leaves
   * the checkpoint as it was and the query it belongs to can still resume.
   */
  private void initialize() {
    if (checkpoint != null) {
      checkpoint.open(runId, spec.name(), conf);
    }
    try {
      if (checkpoint != null) {
        checkpoint.restoreConf(conf);
      }
      LogicalPlan optimizedPlan = spec.optimizer().apply(spec.analyzedPlan());
      List<StreamingRelation> relations = IncrementalExecution.streams(optimizedPlan);
      if (checkpoint != null) {
        checkpoint.checkSources(sourceKinds(relations));
      }
      for (int i = 0; i < relations.size(); i++) {
        StreamingRelation r = relations.get(i);
        String meta = checkpoint == null ? null : checkpoint.sourceMetadata(i);
        SourceContext ctx = new SourceContext(r.context().options(), r.context().userSchema(), conf.getAll(), meta);
        sources.add(r.provider().createSource(ctx));
      }
      sourceKinds = sourceKinds(relations);
      incremental = new IncrementalExecution(optimizedPlan, relations, sources, conf, spec.outputMode());
      watermarks = new WatermarkTracker(conf.get(SluiceConf.MULTIPLE_WATERMARK_POLICY));
      startOffsets = new Offset[sources.size()];
      stateStores = new StateStoreRegistry(this::createStateStoreProvider);
      if (checkpoint != null) {
        QueryCheckpoint.Resume resume = checkpoint.resume(sources.size());
        if (resume.startFrom() != null) {
          startOffsets = offsets(resume.startFrom());
        }
        if (resume.replay() != null) {
          offsets(resume.replay()); // readable by these sources, or refused now
        }
        lastBatchId = resume.lastBatchId();
        watermarks.restore(resume.watermark(), resume.previousWatermark());
        pendingReplay = resume.replay();
        // The stateful operators of this query, from a plan of the next batch over no data.
        List<StatefulOperator> stateful = incremental.plan(lastBatchId + 1, startOffsets, startOffsets, 0,
            watermarks.previousFor(lastBatchId + 1), watermarks.current(), stateStores).planner().statefulOperators();
        checkpoint.checkStateSchema(stateful, conf.get(SluiceConf.STATE_SCHEMA_CHECK));
        checkpoint.preloadState(lastBatchId + 1, stateStores);
        checkpoint.recordMetadata();
      }
      sink = spec.sinkFactory().apply(spec.outputSchema());
    } catch (RuntimeException e) {
      sources.forEach(StreamExecution::stopQuietly);
      if (stateStores != null) {
        stateStores.close();
      }
      if (checkpoint != null) {
        checkpoint.close();
      }
      throw e;
    }
  }

  private static List<String> sourceKinds(List<StreamingRelation> relations) {
    List<String> kinds = new ArrayList<>();
    for (StreamingRelation r : relations) {
      kinds.add(r.provider().shortName());
    }
    return kinds;
  }

  /** The offsets an offset-log entry records, read back by each source (refused when one cannot read its own). */
  private Offset[] offsets(OffsetLog.Entry e) {
    Offset[] out = new Offset[sources.size()];
    for (int i = 0; i < out.length; i++) {
      String json = e.sourceOffsets().get(i);
      try {
        out[i] = json == null ? null : sources.get(i).deserializeOffset(json);
      } catch (RuntimeException ex) {
        throw new dev.sluice.errors.CheckpointException(checkpoint.offsetsFile(e.batchId()), "the offset " + json
            + " of source " + i + " cannot be read by this query's " + sourceKinds.get(i) + " source ("
            + ex.getMessage() + "); the checkpoint belongs to a query reading another source");
      }
    }
    return out;
  }

  /** Gives each stateful operator partition its store folder and the configured provider. */
  private StateStoreProvider createStateStoreProvider(StateStoreId store) {
    return StateStoreProviders.create(conf.get(SluiceConf.STATE_STORE_PROVIDER),
        checkpoint == null ? null : checkpoint.files(), checkpoint == null ? null : checkpoint.stateDir(store), conf);
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
          progress.idle(triggerStart);
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
      if (t instanceof dev.sluice.errors.SluiceException) {
        // An error for the user (bad input, a refused checkpoint): its message says it all, the trace is noise.
        Log.LOG.error("Query {} [id = {}, runId = {}] terminated with error: {}", spec.name(), id, runId,
            t.getMessage());
        Log.LOG.debug("Stack trace of the error that terminated query {}", id, t);
      } else {
        Log.LOG.error("Query {} [id = {}, runId = {}] terminated with error", spec.name(), id, runId, t);
      }
    } finally {
      cleanup();
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
    if (checkpoint != null) {
      checkpoint.close();
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
      Offset[] ends = offsets(e);
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
    if (checkpoint != null) {
      List<String> offs = new ArrayList<>();
      for (Offset o : ends) {
        offs.add(o == null ? null : o.json());
      }
      checkpoint.writeOffsets(batchId, watermarks.current(), ts, sourceKinds, offs, conf);
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
    IncrementalExecution.Planned planned = incremental.plan(batchId, startOffsets, ends, timestampMicros,
        watermarks.previousFor(batchId), watermarks.current(), stateStores);
    PhysicalPlan physical = planned.physical();
    StreamingPlanner planner = planned.planner();
    lastExplain = planned.explain();
    durations.put("queryPlanning", ms(System.nanoTime() - planStart - planned.getBatchNanos()));
    durations.put("getBatch", ms(planned.getBatchNanos()));
    // 2. Run it and hand the result to the sink.
    long addStart = System.nanoTime();
    List<StatefulOperator> stateful = planner.statefulOperators();
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
    long usedWatermark = watermarks.current();
    long newWatermark = watermarks.next(planner.watermarks());
    if (checkpoint != null) {
      checkpoint.commit(batchId, newWatermark, conf.get(SluiceConf.MIN_BATCHES_TO_RETAIN));
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
    watermarks.advance(newWatermark);
    noDataBatchPending = false;
    if (newWatermark > usedWatermark) {
      for (StatefulOperator op : stateful) {
        if (op.shouldRunAnotherBatch(newWatermark)) {
          noDataBatchPending = true;
        }
      }
    }
    durations.put("triggerExecution", ms(System.nanoTime() - t0));
    progress.report(new ProgressReporter.BatchOutcome(batchId, triggerStartMillis, durations, sources, planner,
        stateful, usedWatermark, outputRows, ends, latest, sink));
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
    return progress.last();
  }

  @Override
  public List<StreamingQueryProgress> recentProgress() {
    return progress.recent();
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
    return watermarks == null ? 0 : watermarks.current();
  }

  @Override
  public String toString() {
    return "StreamingQuery[name=" + spec.name() + ", id=" + id + ", runId=" + runId + "]";
  }
}
