package dev.sluice.streaming;

import dev.sluice.api.DataFrame;
import dev.sluice.api.MemoryStream;
import dev.sluice.api.internals.QueryExecution;
import dev.sluice.api.streaming.OutputMode;
import dev.sluice.conf.SluiceConf;
import dev.sluice.connector.Offset;
import dev.sluice.connector.Source;
import dev.sluice.connector.SourceContext;
import dev.sluice.connector.builtin.MemorySource;
import dev.sluice.exec.ExecContext;
import dev.sluice.exec.QueryExecutor;
import dev.sluice.plan.analysis.UnsupportedOperationChecker;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.StreamingRelation;
import dev.sluice.state.StateStoreProviders;
import dev.sluice.state.StateStoreRegistry;
import dev.sluice.streaming.checkpoint.OffsetLog;
import dev.sluice.streaming.ops.StatefulOperator;
import dev.sluice.types.Row;
import dev.sluice.types.StructType;
import dev.sluice.types.Values;
import dev.sluice.vector.ColumnBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A test harness for one stateful operator, after Hazelcast Jet's {@code TestSupport}: a scenario is
 * a list of input batches, each with the watermark it runs with and the rows it must emit, and the
 * harness runs it three ways and demands the same answer from all of them:
 * <ol>
 *   <li><b>straight through</b>: one micro-batch per input batch, the state stores kept open between
 *       batches (the warm path of a running query);
 *   <li><b>restored after every row</b>: every input row is its own micro-batch, with its own state
 *       version, and after each one the harness commits, throws away the operator, its state stores
 *       and the checkpoint handle, and restores a fresh operator from the checkpoint on disk (the
 *       offset and commit logs, the state files, through the configured state store provider), as a
 *       restarted query does. The rows a row-batch emits are folded into the answer of the input batch
 *       by the output mode: appended (append), the last result table (complete), or upserted by the
 *       result's key columns (update, {@link #keyedBy}).
 *   <li><b>replayed after a crash before every commit</b> (unless {@link #withoutReplays}): as the
 *       restored run, but every row-batch first runs and commits its state, then the run "crashes"
 *       before the commit log is written (the crash point between state commit and commit log in
 *       {@link StreamExecution}); a fresh operator restored from the checkpoint replays the batch from
 *       the offset log, reloading the state version before it and writing that batch's state files
 *       again. Only the replay's output counts, as a sink idempotent by batch id keeps it.
 * </ol>
 *
 * <p><b>What is driven.</b> The query given to {@link #of} must contain exactly one stateful operator
 * (or, for the watermark operator, only a {@code withWatermark}). Each micro-batch is planned by the
 * engine's own incremental planner ({@link IncrementalExecution}, {@link StreamingPlanner}), so the
 * operator is built exactly as in a running query, with its stateless neighbours (the partial and final
 * aggregate around a streaming aggregation, the shuffle by its keys, projections): an aggregation's own
 * input and output are aggregation buffers, and a specification in buffers would not read. What the
 * harness controls is everything the micro-batch loop otherwise does: batch ids and state versions,
 * the watermark the operator runs with, the output mode, the offset and commit logs, commit of the
 * operator's state, and restore. No {@link StreamExecution}, trigger, thread or sink is involved.
 *
 * <p><b>Watermarks.</b> By default the watermark is a parameter: {@link #watermark} sets the one a batch
 * runs with (it evicts and emits with it; its late rows are judged against the previous batch's, as in
 * the engine). When a batch is split into rows, the watermark stays at the previous batch's value until
 * the batch's last row, which runs with the batch's watermark: every row-batch is then a micro-batch the
 * engine could have run, and only the last one evicts. With {@link #deriveWatermark} the watermark comes
 * from the query's {@code withWatermark} through the engine's {@link WatermarkTracker}; the restore then
 * happens after every <i>batch</i>, because the watermark is computed from a whole batch's event times:
 * splitting a batch into rows would move it between the rows and make rows late that are not late in the
 * batch, so the split run would be another query rather than the same one restored.
 *
 * <p>Outputs are compared as multisets unless {@link #ordered} says the operator promises an order.
 * Not thread-safe; one scenario per harness.
 */
public final class OperatorHarness {
  /** The two ways a scenario runs. */
  public enum Run {
    STRAIGHT("straight through"),
    RESTORED("restored after every row"),
    /** Restored after every row, and every row-batch run twice: once up to a crash before its commit, then replayed. */
    REPLAYED("replayed after a crash before every commit");

    private final String description;

    Run(String description) {
      this.description = description;
    }
  }

  private final DataFrame query;
  private final StructType schema;
  private final LogicalPlan analyzed;
  private final List<StreamingRelation> relations;
  private final List<StructType> sourceSchemas = new ArrayList<>();
  private final Map<MemoryStream, Integer> streams = new LinkedHashMap<>();
  private OutputMode mode = OutputMode.APPEND;
  private List<String> keyedBy;
  private boolean ordered;
  private String stateStore = "memory";
  private int statePartitions = 2;
  private int snapshotEvery = 3;
  private boolean deriveWatermark;
  private boolean replays = true;
  private Path dir;
  private final List<Step> steps = new ArrayList<>();

  /** One input batch of the scenario: rows per stream in the order given, its watermark, what it must emit. */
  private static final class Step {
    final List<Integer> streamOfRow = new ArrayList<>();
    final List<Object[]> rows = new ArrayList<>();
    Long watermark;
    List<Row> expected;
    Long expectedWatermark;
    Long expectedStateRows;
    Long expectedDropped;
  }

  /** What one micro-batch emitted and ran with. */
  private record MicroBatch(long batchId, long lateWatermark, long watermark, long nextWatermark, List<Row> output,
      long stateRows, long droppedAsLate, boolean asksForAnotherBatch, String plan) {}

  private OperatorHarness(DataFrame query) {
    if (!query.isStreaming()) {
      throw new IllegalArgumentException("The harness drives a streaming operator; the query reads no stream");
    }
    this.query = query;
    this.schema = query.schema();
    this.analyzed = query.logicalPlan();
    this.relations = IncrementalExecution.streams(QueryExecution.optimize(analyzed, query.session().sluiceConf()));
    for (StreamingRelation r : relations) {
      // The rows a source produces have all of its columns, whatever the query reads of them.
      sourceSchemas.add(r.provider().schema(r.context()));
    }
  }

  /** A harness for the one stateful operator of {@code query}, a query over {@link MemoryStream}s. */
  public static OperatorHarness of(DataFrame query) {
    return new OperatorHarness(query);
  }

  public OperatorHarness outputMode(String m) {
    this.mode = OutputMode.fromString(m);
    return this;
  }

  /** Update mode: the result columns that identify a result row (the grouping keys), to fold row-batches. */
  public OperatorHarness keyedBy(String... columns) {
    this.keyedBy = List.of(columns);
    return this;
  }

  /** The operator promises the order of its output (arrival order): compare outputs as lists. */
  public OperatorHarness ordered() {
    this.ordered = true;
    return this;
  }

  /** The state store provider by short name: "memory" (the default) or "rocksdb". */
  public OperatorHarness stateStore(String shortName) {
    this.stateStore = shortName;
    return this;
  }

  /** The operator's state partitions (sluice.sql.shuffle.partitions); 2 unless set. */
  public OperatorHarness statePartitions(int n) {
    this.statePartitions = n;
    return this;
  }

  /** A state snapshot every n versions (deltas in between); 3 unless set, so restores read both. */
  public OperatorHarness snapshotEvery(int n) {
    this.snapshotEvery = n;
    return this;
  }

  /** Where the runs keep their checkpoints (a folder per run); a temporary folder unless set. */
  public OperatorHarness checkpointsIn(Path folder) {
    this.dir = folder;
    return this;
  }

  /** The watermark comes from the query's withWatermark (the engine's tracker), and restores follow every batch. */
  public OperatorHarness deriveWatermark() {
    this.deriveWatermark = true;
    return this;
  }

  /** Applies settings given as a function, so a subclass of a specification can change them all at once. */
  public OperatorHarness configure(java.util.function.UnaryOperator<OperatorHarness> settings) {
    return settings.apply(this);
  }

  /** Skips the third run (replayed after a crash before every commit), which runs unless this is called. */
  public OperatorHarness withoutReplays() {
    this.replays = false;
    return this;
  }

  // ------------------------------------------------------------------ the scenario

  /** A new input batch with rows of the query's only stream. */
  public OperatorHarness batch(Row... rows) {
    if (relations.size() != 1) {
      throw new IllegalArgumentException("The query reads " + relations.size() + " streams; name the stream: "
          + "batch(stream, rows...)");
    }
    steps.add(new Step());
    return add(0, rows);
  }

  /** A new input batch with rows of {@code stream}. */
  public OperatorHarness batch(MemoryStream stream, Row... rows) {
    steps.add(new Step());
    return and(stream, rows);
  }

  /** More rows of the current batch, for {@code stream} (they follow the batch's earlier rows). */
  public OperatorHarness and(MemoryStream stream, Row... rows) {
    return add(streamIndex(stream), rows);
  }

  /** A new input batch of column batches (internal values in the stream's schema) for {@code stream}. */
  public OperatorHarness batch(MemoryStream stream, ColumnBatch... batches) {
    steps.add(new Step());
    int s = streamIndex(stream);
    for (ColumnBatch b : batches) {
      for (Object[] r : b.rows()) {
        current().streamOfRow.add(s);
        current().rows.add(r);
      }
    }
    return this;
  }

  /** A new input batch without rows (a no-data batch, to let a new watermark evict). */
  public OperatorHarness noData() {
    steps.add(new Step());
    return this;
  }

  /** The watermark the current batch runs with (it evicts with it); later batches keep it unless set. */
  public OperatorHarness watermark(Instant w) {
    if (deriveWatermark) {
      throw new IllegalStateException("The watermark is derived from the query's withWatermark; use expectWatermark");
    }
    current().watermark = micros(w);
    return this;
  }

  /** The rows the current batch emits. */
  public OperatorHarness expect(Row... rows) {
    current().expected = List.of(rows);
    return this;
  }

  /** With {@link #deriveWatermark}: the watermark the batch after the current one runs with. */
  public OperatorHarness expectWatermark(Instant w) {
    current().expectedWatermark = micros(w);
    return this;
  }

  /** The rows the operator keeps in state after the current batch (its progress' numRowsTotal). */
  public OperatorHarness expectStateRows(long n) {
    current().expectedStateRows = n;
    return this;
  }

  /** The input rows the operator dropped as late in the current batch (numRowsDroppedByWatermark). */
  public OperatorHarness expectDroppedAsLate(long n) {
    current().expectedDropped = n;
    return this;
  }

  private OperatorHarness add(int stream, Row... rows) {
    StructType s = sourceSchemas.get(stream);
    for (Row r : rows) {
      current().streamOfRow.add(stream);
      current().rows.add(Values.internalRow(r, s));
    }
    return this;
  }

  private Step current() {
    if (steps.isEmpty()) {
      throw new IllegalStateException("Start a batch first: batch(...) or noData()");
    }
    return steps.get(steps.size() - 1);
  }

  private int streamIndex(MemoryStream stream) {
    return streams.computeIfAbsent(stream, ms -> {
      List<StreamingRelation> found = ms.toDF().logicalPlan().collect(StreamingRelation.class);
      for (int i = 0; i < relations.size(); i++) {
        if (!found.isEmpty() && relations.get(i).id() == found.get(0).id()) {
          return i;
        }
      }
      throw new IllegalArgumentException(ms + " is not read by the query");
    });
  }

  private static long micros(Instant w) {
    return w.getEpochSecond() * 1_000_000L + w.getNano() / 1000;
  }

  // ------------------------------------------------------------------ running

  /** What the two runs did, for checks beyond the expected rows. */
  /**
   * What the runs did: micro-batches whose output counted (a replayed batch's first attempt does not),
   * restores per run, and the straight run's output per input batch.
   */
  public record Report(Map<Run, Integer> microBatches, Map<Run, Integer> restores, List<List<Row>> outputPerBatch) {}

  /**
   * Runs the scenario straight through, restored after every row (or batch) and replayed, and fails
   * with the run, the batch, its input and the expected and actual rows where a run emits something
   * else than expected, or where a run differs from the straight one.
   */
  public Report run() {
    UnsupportedOperationChecker.checkForStreaming(analyzed, mode.sparkName());
    if (!steps.isEmpty() && steps.get(0).watermark != null && steps.get(0).watermark != 0) {
      throw new IllegalArgumentException("The first batch runs with watermark 0, as in the engine; set a watermark "
          + "from the second batch on");
    }
    if (mode == OutputMode.UPDATE && keyedBy == null && producesAggregate()) {
      throw new IllegalArgumentException("Update mode over an aggregation: say which result columns are the key "
          + "(keyedBy), so the row-batches of the restored run can be folded into the batch's update");
    }
    Path root = dir;
    boolean temp = root == null;
    try {
      if (temp) {
        root = Files.createTempDirectory("sluice-harness-");
      }
      ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "harness-task");
        t.setDaemon(true);
        return t;
      });
      try {
        Execution straight = new Execution(Run.STRAIGHT, root.resolve("straight"), pool);
        List<List<Row>> a = straight.runAll();
        check(Run.STRAIGHT, a, straight);
        Map<Run, Integer> microBatches = new java.util.EnumMap<>(Run.class);
        Map<Run, Integer> restores = new java.util.EnumMap<>(Run.class);
        microBatches.put(Run.STRAIGHT, straight.microBatches.size());
        for (Run other : replays ? List.of(Run.RESTORED, Run.REPLAYED) : List.of(Run.RESTORED)) {
          Execution exec = new Execution(other, root.resolve(other.name().toLowerCase(java.util.Locale.ROOT)), pool);
          List<List<Row>> b = exec.runAll();
          check(other, b, exec);
          compareRuns(a, b, exec);
          if (exec.restores == 0 && exec.microBatches.size() > 1) {
            throw new AssertionError("The " + other.description + " run never restored");
          }
          microBatches.put(other, exec.microBatches.size());
          restores.put(other, exec.restores);
        }
        return new Report(microBatches, restores, a);
      } finally {
        pool.shutdownNow();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (temp && root != null) {
        deleteQuietly(root);
      }
    }
  }

  private boolean producesAggregate() {
    return !analyzed.collect(dev.sluice.plan.logical.Aggregate.class).isEmpty();
  }

  /** One run of the scenario over its own checkpoint folder. */
  private final class Execution {
    final Run run;
    final Path location;
    final ExecutorService pool;
    final SluiceConf conf;
    final List<MicroBatch> microBatches = new ArrayList<>();
    /** Per step, the indices of its micro-batches. */
    final List<List<Integer>> stepBatches = new ArrayList<>();
    int restores;
    // The engine pieces a query start creates; thrown away on every restore.
    QueryCheckpoint checkpoint;
    IncrementalExecution incremental;
    List<Source> sources;
    WatermarkTracker tracker;
    StateStoreRegistry stateStores;
    Offset[] startOffsets;
    long lastBatchId = -1;
    boolean schemaVerified;
    /** The offsets entry of a batch that ran but did not commit, to run again (REPLAYED). */
    OffsetLog.Entry pendingReplay;
    /** Where the streams stood when this run started: its "initial offsets". */
    Offset[] baseOffsets;

    Execution(Run run, Path location, ExecutorService pool) {
      this.run = run;
      this.location = location;
      this.pool = pool;
      this.conf = query.session().sluiceConf().copy();
      conf.set(SluiceConf.STATE_STORE_PROVIDER.key(), stateStore);
      conf.set(SluiceConf.SHUFFLE_PARTITIONS.key(), Integer.toString(statePartitions));
      conf.set(SluiceConf.MIN_DELTAS_FOR_SNAPSHOT.key(), Integer.toString(snapshotEvery));
    }

    /** As a query start: the checkpoint, where to resume, the watermark, fresh sources and state stores. */
    void open() {
      checkpoint = new QueryCheckpoint(location.toString(), conf);
      checkpoint.restoreConf(conf);
      LogicalPlan optimized = QueryExecution.optimize(analyzed, conf);
      List<StreamingRelation> rel = IncrementalExecution.streams(optimized);
      sources = new ArrayList<>();
      for (int i = 0; i < rel.size(); i++) {
        StreamingRelation r = rel.get(i);
        sources.add(r.provider().createSource(new SourceContext(r.context().options(), r.context().userSchema(),
            conf.getAll(), checkpoint.sourceMetadata(i))));
      }
      incremental = new IncrementalExecution(optimized, rel, sources, conf, mode);
      tracker = new WatermarkTracker(conf.get(SluiceConf.MULTIPLE_WATERMARK_POLICY));
      stateStores = new StateStoreRegistry(id -> StateStoreProviders.create(conf.get(SluiceConf.STATE_STORE_PROVIDER),
          checkpoint.files(), checkpoint.stateDir(id), conf));
      startOffsets = new Offset[sources.size()];
      QueryCheckpoint.Resume resume = checkpoint.resume(sources.size());
      pendingReplay = resume.replay();
      if (pendingReplay != null && run != Run.REPLAYED) {
        throw new AssertionError("The harness found batch " + (resume.lastBatchId() + 1) + " planned but not "
            + "committed; it commits every batch it runs");
      }
      if (resume.startFrom() != null) {
        OffsetLog.Entry e = resume.startFrom();
        for (int i = 0; i < sources.size(); i++) {
          String json = e.sourceOffsets().get(i);
          startOffsets[i] = json == null ? null : sources.get(i).deserializeOffset(json);
        }
      } else {
        // This run's rows follow whatever the streams got before it started (the other runs' rows).
        if (baseOffsets == null) {
          baseOffsets = new Offset[sources.size()];
          for (int i = 0; i < sources.size(); i++) {
            baseOffsets[i] = sources.get(i).latestOffset(null, dev.sluice.connector.ReadLimit.ALL);
          }
        }
        startOffsets = baseOffsets.clone();
      }
      lastBatchId = resume.lastBatchId();
      tracker.restore(resume.watermark(), resume.previousWatermark());
      checkpoint.preloadState(lastBatchId + 1, stateStores);
      schemaVerified = false;
    }

    /** As a query stop: everything but the checkpoint on disk is dropped. */
    void close() {
      if (stateStores != null) {
        stateStores.close();
      }
      checkpoint = null;
      incremental = null;
      sources = null;
      tracker = null;
      stateStores = null;
    }

    /** One micro-batch to run: the step it belongs to, which of its rows, the watermark it runs with. */
    record Planned(int step, List<Integer> rows, long watermark) {}

    /**
     * The micro-batches of the run. Straight: one per step, running with the step's watermark. Restored
     * (explicit watermarks): one per row; a step's row-batches keep the previous step's watermark but the
     * last, which runs with the step's own.
     */
    List<Planned> schedule() {
      List<Planned> out = new ArrayList<>();
      long previous = 0;
      for (int s = 0; s < steps.size(); s++) {
        Step step = steps.get(s);
        long wm = step.watermark == null ? previous : step.watermark;
        if (wm < previous) {
          throw new IllegalArgumentException("Batch " + (s + 1) + ": the watermark never moves back ("
              + instant(wm) + " after " + instant(previous) + ")");
        }
        int n = step.rows.size();
        if (run != Run.STRAIGHT && !deriveWatermark && n > 1) {
          for (int j = 0; j < n; j++) {
            out.add(new Planned(s, List.of(j), j == n - 1 ? wm : previous));
          }
        } else {
          out.add(new Planned(s, rangeOf(n), wm));
        }
        previous = wm;
      }
      return out;
    }

    List<List<Row>> runAll() {
      List<Planned> schedule = schedule();
      open();
      try {
        for (int k = 0; k < schedule.size(); k++) {
          Planned p = schedule.get(k);
          if (!deriveWatermark && tracker.current() != p.watermark()) {
            throw new AssertionError(where(run, p.step(), "micro-batch " + (lastBatchId + 1) + " should run with "
                + "watermark " + instant(p.watermark()) + " but the checkpoint restored " + instant(tracker.current())));
          }
          long next = k + 1 < schedule.size() ? schedule.get(k + 1).watermark() : p.watermark();
          while (stepBatches.size() <= p.step()) {
            stepBatches.add(new ArrayList<>());
          }
          if (run == Run.REPLAYED) {
            // The first attempt commits its state but crashes before the commit log: its output is lost.
            microBatch(steps.get(p.step()), p.rows(), p.step(), next, false);
            microBatches.remove(microBatches.size() - 1);
            close();
            open();
            restores++;
            if (pendingReplay == null) {
              throw new AssertionError(where(run, p.step(), "the checkpoint does not ask to replay batch "
                  + (lastBatchId + 1)));
            }
          }
          stepBatches.get(p.step()).add(microBatch(steps.get(p.step()), p.rows(), p.step(), next, true));
          if (run != Run.STRAIGHT) {
            close();
            open();
            restores++;
          }
        }
      } finally {
        close();
      }
      List<List<Row>> out = new ArrayList<>();
      for (List<Integer> ids : stepBatches) {
        out.add(fold(ids));
      }
      return out;
    }

    /** Runs one micro-batch of {@code rows} of step {@code s}; returns its index. */
    int microBatch(Step step, List<Integer> rows, int s, long explicitNext, boolean writeCommit) {
      long batchId = lastBatchId + 1;
      long ts = (s + 1) * 1_000_000L;
      Offset[] ends = startOffsets.clone();
      long late = tracker.previousFor(batchId);
      long wm = tracker.current();
      if (pendingReplay != null) {
        // A replay runs exactly the offsets its entry logged.
        for (int src = 0; src < sources.size(); src++) {
          String json = pendingReplay.sourceOffsets().get(src);
          ends[src] = json == null ? null : sources.get(src).deserializeOffset(json);
        }
        ts = pendingReplay.timestampMicros();
        pendingReplay = null;
      } else {
        for (int src = 0; src < sources.size(); src++) {
          List<Object[]> mine = new ArrayList<>();
          for (int r : rows) {
            if (step.streamOfRow.get(r) == src) {
              mine.add(step.rows.get(r));
            }
          }
          if (!mine.isEmpty()) {
            ends[src] = addData(src, mine);
          }
        }
        List<String> offs = new ArrayList<>();
        for (Offset o : ends) {
          offs.add(o == null ? null : o.json());
        }
        checkpoint.writeOffsets(batchId, wm, ts, List.of(), offs, conf);
      }
      IncrementalExecution.Planned planned = incremental.plan(batchId, startOffsets, ends, ts, late, wm, stateStores);
      StreamingPlanner planner = planned.planner();
      List<StatefulOperator> stateful = planner.statefulOperators();
      if (stateful.size() > 1 || (stateful.isEmpty() && planner.watermarks().isEmpty())) {
        throw new IllegalArgumentException("The harness drives one stateful operator; this query has "
            + stateful.size() + ":\n" + planned.physical().treeString());
      }
      if (!schemaVerified) {
        checkpoint.checkStateSchema(stateful, true);
        schemaVerified = true;
      }
      List<Row> output = new ArrayList<>();
      try {
        List<List<ColumnBatch>> result = QueryExecutor.execute(planned.physical(), new ExecContext(pool, conf));
        for (List<ColumnBatch> partition : result) {
          for (ColumnBatch b : partition) {
            for (int i = 0; i < b.numRows(); i++) {
              output.add(Values.externalRow(b.row(i), schema));
            }
          }
        }
      } catch (RuntimeException | Error e) {
        stateful.forEach(StatefulOperator::abortState);
        throw new AssertionError(where(run, s, "micro-batch " + batchId + " failed: " + e) + "\n"
            + planned.physical().treeString(), e);
      }
      stateful.forEach(StatefulOperator::commitState);
      long stateRows = stateful.isEmpty() ? 0 : stateful.get(0).progress().numRowsTotal();
      long dropped = stateful.isEmpty() ? 0 : stateful.get(0).progress().numRowsDroppedByWatermark();
      long next = deriveWatermark ? tracker.next(planner.watermarks()) : explicitNext;
      // What the engine asks before it runs a batch without new data (noDataMicroBatches).
      boolean another = next > wm && !stateful.isEmpty() && stateful.get(0).shouldRunAnotherBatch(next);
      if (writeCommit) {
        checkpoint.commit(batchId, next, conf.get(SluiceConf.MIN_BATCHES_TO_RETAIN));
      }
      tracker.advance(next);
      startOffsets = ends;
      lastBatchId = batchId;
      microBatches.add(new MicroBatch(batchId, late, wm, next, output, stateRows, dropped, another,
          planned.physical().treeString()));
      return microBatches.size() - 1;
    }

    /** Appends rows to the stream as one block (one offset step), as MemoryStream.addData does. */
    Offset addData(int src, List<Object[]> rows) {
      if (!(sources.get(src) instanceof MemorySource m)) {
        throw new IllegalArgumentException("The harness feeds MemoryStreams; source " + src + " is "
            + sources.get(src).description());
      }
      return m.addBatches(List.of(ColumnBatch.fromRows(sourceSchemas.get(src).types(), rows)));
    }

    /** The answer of one input batch from the outputs of its micro-batches, by output mode. */
    List<Row> fold(List<Integer> ids) {
      if (ids.size() == 1) {
        return microBatches.get(ids.get(0)).output();
      }
      if (mode == OutputMode.COMPLETE) {
        return microBatches.get(ids.get(ids.size() - 1)).output();
      }
      if (mode == OutputMode.UPDATE && keyedBy != null) {
        int[] keys = keyedBy.stream().mapToInt(schema::indexOf).toArray();
        Map<List<Object>, Row> table = new LinkedHashMap<>();
        for (int id : ids) {
          for (Row r : microBatches.get(id).output()) {
            List<Object> k = new ArrayList<>();
            for (int c : keys) {
              k.add(r.get(c));
            }
            table.put(k, r);
          }
        }
        return new ArrayList<>(table.values());
      }
      List<Row> all = new ArrayList<>();
      for (int id : ids) {
        all.addAll(microBatches.get(id).output());
      }
      return all;
    }

    String describe(int s) {
      List<Integer> ids = stepBatches.size() > s ? stepBatches.get(s) : List.of();
      StringBuilder sb = new StringBuilder();
      if (!ids.isEmpty()) {
        MicroBatch first = microBatches.get(ids.get(0));
        MicroBatch lastMb = microBatches.get(ids.get(ids.size() - 1));
        sb.append("  micro-batch").append(ids.size() > 1 ? "es " + first.batchId() + ".." + lastMb.batchId()
            : " " + first.batchId());
        sb.append(", watermark ").append(instant(lastMb.watermark())).append(" (late rows: at or below ")
            .append(instant(first.lateWatermark())).append(")\n");
        if (ids.size() > 1) {
          sb.append("  output per row-batch, folded as ").append(foldName()).append(":\n");
          for (int id : ids) {
            MicroBatch m = microBatches.get(id);
            sb.append("    ").append(m.batchId()).append(": ").append(m.output()).append('\n');
          }
        }
      }
      sb.append("  input: ").append(inputOf(s)).append('\n');
      return sb.toString();
    }
  }

  private String foldName() {
    return switch (mode) {
      case APPEND -> "append (all rows)";
      case COMPLETE -> "complete (the last result table)";
      case UPDATE -> keyedBy == null ? "update (all rows)" : "update (last row per key " + keyedBy + ")";
    };
  }

  private String inputOf(int s) {
    Step step = steps.get(s);
    if (step.rows.isEmpty()) {
      return "(no rows)";
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < step.rows.size(); i++) {
      int src = step.streamOfRow.get(i);
      Row r = Values.externalRow(step.rows.get(i), sourceSchemas.get(src));
      out.add((relations.size() > 1 ? sourceLabel(src) + ":" : "") + r);
    }
    return String.join(", ", out);
  }

  private String sourceLabel(int src) {
    for (Map.Entry<MemoryStream, Integer> e : streams.entrySet()) {
      if (e.getValue() == src) {
        return e.getKey().toString();
      }
    }
    return "stream " + src;
  }

  private static String instant(long micros) {
    return micros == 0 ? "0 (none yet)" : Instant.EPOCH.plusNanos(micros * 1000).toString();
  }

  private static List<Integer> rangeOf(int n) {
    List<Integer> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(i);
    }
    return out;
  }

  private String where(Run run, int s, String what) {
    String how = run == Run.RESTORED && deriveWatermark ? "restored after every batch"
        : run == Run.REPLAYED && deriveWatermark ? "replayed after a crash before every batch's commit"
        : run.description;
    return "Operator harness, " + how + ", batch " + (s + 1) + " of " + steps.size() + ": " + what;
  }

  private void check(Run run, List<List<Row>> actual, Execution exec) {
    for (int s = 0; s < steps.size(); s++) {
      Step step = steps.get(s);
      if (step.expected != null) {
        String diff = difference(step.expected, actual.get(s));
        if (diff != null) {
          throw new AssertionError(where(run, s, "wrong output") + "\n" + exec.describe(s) + diff + lastPlan(exec));
        }
      }
      List<Integer> ids = exec.stepBatches.get(s);
      MicroBatch last = exec.microBatches.get(ids.get(ids.size() - 1));
      if (step.expectedStateRows != null && last.stateRows() != step.expectedStateRows) {
        throw new AssertionError(where(run, s, "wrong state size") + "\n" + exec.describe(s)
            + "  expected " + step.expectedStateRows + " rows in state after the batch, found " + last.stateRows());
      }
      long dropped = ids.stream().mapToLong(i -> exec.microBatches.get(i).droppedAsLate()).sum();
      if (step.expectedDropped != null && dropped != step.expectedDropped) {
        throw new AssertionError(where(run, s, "wrong number of late rows") + "\n" + exec.describe(s)
            + "  expected " + step.expectedDropped + " input rows dropped as late, found " + dropped);
      }
      if (run == Run.STRAIGHT && s > 0 && step.rows.isEmpty()) {
        List<Integer> before = exec.stepBatches.get(s - 1);
        MicroBatch previous = exec.microBatches.get(before.get(before.size() - 1));
        boolean acts = !last.output().isEmpty() || last.stateRows() != previous.stateRows();
        if (acts && last.watermark() > previous.watermark() && !previous.asksForAnotherBatch()) {
          throw new AssertionError(where(run, s, "a batch the engine would not run") + "\n" + exec.describe(s)
              + "  this batch has no new rows and emits or evicts with the new watermark, but the operator of the "
              + "batch before said no further batch was needed (shouldRunAnotherBatch(" + instant(last.watermark())
              + ") was false), so a query would wait for new rows to do it");
        }
      }
      if (step.expectedWatermark != null) {
        if (last.nextWatermark() != step.expectedWatermark) {
          throw new AssertionError(where(run, s, "wrong watermark") + "\n" + exec.describe(s)
              + "  expected the next batch to run with watermark " + instant(step.expectedWatermark) + "\n"
              + "  but it runs with                          " + instant(last.nextWatermark()));
        }
      }
    }
  }

  private void compareRuns(List<List<Row>> straight, List<List<Row>> restored, Execution exec) {
    for (int s = 0; s < steps.size(); s++) {
      String diff = difference(straight.get(s), restored.get(s));
      if (diff != null) {
        throw new AssertionError(where(exec.run, s, "differs from the straight run (expected = straight)")
            + "\n" + exec.describe(s) + diff + lastPlan(exec));
      }
    }
  }

  private static String lastPlan(Execution exec) {
    if (exec.microBatches.isEmpty()) {
      return "";
    }
    return "  plan of the last micro-batch:\n" + exec.microBatches.get(exec.microBatches.size() - 1).plan()
        .lines().map(l -> "    " + l).collect(Collectors.joining("\n"));
  }

  /** Null when equal; else the rows expected, actual, missing and unexpected. */
  private String difference(List<Row> expected, List<Row> actual) {
    if (ordered ? expected.equals(actual) : counts(expected).equals(counts(actual))) {
      return null;
    }
    Map<Row, Integer> missing = counts(expected);
    Map<Row, Integer> extra = counts(actual);
    for (Row r : actual) {
      if (missing.merge(r, -1, Integer::sum) <= 0) {
        missing.remove(r);
      }
    }
    for (Row r : expected) {
      if (extra.containsKey(r) && extra.merge(r, -1, Integer::sum) <= 0) {
        extra.remove(r);
      }
    }
    missing.values().removeIf(c -> c <= 0);
    String label = "  expected (" + (ordered ? "in order" : "in any order") + "): ";
    return label + show(expected) + "\n"
        + String.format("%-" + label.length() + "s", "  actual:") + show(actual) + "\n"
        + (missing.isEmpty() && extra.isEmpty() ? "  (same rows, other order)\n"
            : "  missing: " + expand(missing) + "\n  unexpected: " + expand(extra) + "\n");
  }

  private String show(List<Row> rows) {
    List<Row> shown = ordered ? rows : rows.stream().sorted(Comparator.comparing(Row::toString)).toList();
    return shown.toString();
  }

  private static List<Row> expand(Map<Row, Integer> m) {
    List<Row> out = new ArrayList<>();
    m.forEach((r, c) -> {
      for (int i = 0; i < c; i++) {
        out.add(r);
      }
    });
    out.sort(Comparator.comparing(Row::toString));
    return out;
  }

  private static Map<Row, Integer> counts(List<Row> rows) {
    Map<Row, Integer> m = new HashMap<>();
    for (Row r : rows) {
      m.merge(r, 1, Integer::sum);
    }
    return m;
  }

  private static void deleteQuietly(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // a temporary folder; the OS cleans it
        }
      });
    } catch (IOException e) {
      // idem
    }
  }
}
