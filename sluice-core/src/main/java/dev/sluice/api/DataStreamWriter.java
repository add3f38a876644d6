package dev.sluice.api;

import dev.sluice.api.internals.QueryExecution;
import dev.sluice.api.streaming.OutputMode;
import dev.sluice.api.streaming.StreamingQuery;
import dev.sluice.api.streaming.Trigger;
import dev.sluice.conf.Options;
import dev.sluice.conf.SluiceConf;
import dev.sluice.connector.QueryableSink;
import dev.sluice.connector.Sink;
import dev.sluice.connector.SinkBatch;
import dev.sluice.connector.SinkContext;
import dev.sluice.connector.SinkProvider;
import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import dev.sluice.fs.FilePaths;
import dev.sluice.plan.analysis.UnsupportedOperationChecker;
import dev.sluice.plan.logical.LocalRelation;
import dev.sluice.streaming.Clock;
import dev.sluice.streaming.StreamExecution;
import dev.sluice.types.Row;
import dev.sluice.types.StructType;
import dev.sluice.types.Values;
import dev.sluice.vector.ColumnBatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a streaming query: where results go ({@code format}, {@code foreach}, {@code foreachBatch}),
 * the output mode, the trigger and the checkpoint location.
 */
public final class DataStreamWriter {
  // A holder, so SLF4J is bound when something is first logged, not on the way to the first batch:
  // binding opens every jar on the class path to look for a provider.
  private static final class Log {
    static final Logger LOG = LoggerFactory.getLogger(DataStreamWriter.class);
  }

  private final DataFrame df;
  private String format = "console";
  private OutputMode outputMode = OutputMode.APPEND;
  private Trigger trigger = Trigger.ProcessingTime(0);
  private String queryName;
  private final Map<String, String> options = new LinkedHashMap<>();
  private Supplier<ForeachWriter> foreachWriter;
  private BiConsumer<DataFrame, Long> foreachBatch;
  private Clock clock = Clock.SYSTEM;

  DataStreamWriter(DataFrame df) {
    this.df = df;
  }

  public DataStreamWriter format(String format) {
    this.format = format;
    return this;
  }

  public DataStreamWriter outputMode(OutputMode mode) {
    this.outputMode = mode;
    return this;
  }

  /** "append", "update" or "complete". */
  public DataStreamWriter outputMode(String mode) {
    return outputMode(OutputMode.fromString(mode));
  }

  public DataStreamWriter trigger(Trigger trigger) {
    this.trigger = trigger;
    return this;
  }

  public DataStreamWriter queryName(String name) {
    this.queryName = name;
    return this;
  }

  public DataStreamWriter option(String key, String value) {
    options.put(key, value);
    return this;
  }

  public DataStreamWriter option(String key, long value) {
    return option(key, Long.toString(value));
  }

  public DataStreamWriter option(String key, boolean value) {
    return option(key, Boolean.toString(value));
  }

  public DataStreamWriter options(Map<String, String> opts) {
    options.putAll(opts);
    return this;
  }

  /** Writes rows with a {@link ForeachWriter} created per partition and batch by {@code factory}. */
  public DataStreamWriter foreach(Supplier<ForeachWriter> factory) {
    this.foreachWriter = factory;
    this.format = "foreach";
    return this;
  }

  /** Calls {@code fn(batchDataFrame, batchId)} for every micro-batch; the DataFrame is a batch DataFrame. */
  public DataStreamWriter foreachBatch(BiConsumer<DataFrame, Long> fn) {
    this.foreachBatch = fn;
    this.format = "foreachBatch";
    return this;
  }

  /** Uses another clock for processing-time triggers (tests advance a ManualClock). */
  public DataStreamWriter clock(Clock clock) {
    this.clock = clock;
    return this;
  }

  public StreamingQuery start(String path) {
    option("path", path);
    return start();
  }

  public StreamingQuery start() {
    Session session = df.session();
    String mode = outputMode.sparkName();
    UnsupportedOperationChecker.checkForStreaming(df.logicalPlan(), mode);
    if (queryName != null && session.streams().activeByName(queryName) != null) {
      throw new SluiceException(ErrorClass.QUERY_ALREADY_ACTIVE, "`" + queryName + "`");
    }
    StructType schema = df.schema();
    String checkpoint = checkpointLocation(session);
    SluiceConf conf = session.sluiceConf();
    // The sink is created while the query starts, once the query id is known (read from the checkpoint).
    java.util.concurrent.atomic.AtomicReference<StreamExecution> started = new java.util.concurrent.atomic.AtomicReference<>();
    java.util.function.Function<StructType, Sink> sinkFactory =
        s -> createSink(session, s, mode, started.get().id().toString());
    StreamExecution exec = new StreamExecution(new StreamExecution.Spec(queryName, df.logicalPlan(),
        p -> QueryExecution.optimize(p, conf), sinkFactory, schema, outputMode, trigger, checkpoint, conf,
        session.pool(), session.listenerBus(), clock, session.streams()::terminated));
    started.set(exec);
    stopOrRefuseActiveRun(session, exec);
    session.streams().register(exec);
    try {
      exec.start();
    } catch (RuntimeException e) {
      session.streams().terminated(exec);
      throw e;
    }
    if (exec.sink() instanceof QueryableSink sink && queryName != null) {
      session.catalog().register(queryName, asStream -> {
        List<Object[]> rows = sink.internalRows();
        ColumnBatch b = ColumnBatch.fromRows(schema.types(), rows);
        return new LocalRelation(Session.attributes(schema), List.of(b), false, queryName);
      });
    }
    return exec;
  }

  /**
   * Two runs of one query (one checkpoint) must not run at once: they would both write its logs and
   * state. As Spark's {@code stopActiveRunOnRestart} (default true), the new run stops the old one;
   * with it false, the start is refused.
   */
  private static void stopOrRefuseActiveRun(Session session, StreamExecution exec) {
    StreamingQuery old = session.streams().get(exec.id());
    if (old == null) {
      return;
    }
    if (!session.sluiceConf().get(SluiceConf.STOP_ACTIVE_RUN_ON_RESTART)) {
      throw new SluiceException(ErrorClass.QUERY_RUN_ALREADY_ACTIVE, exec.id(), old.runId(),
          SluiceConf.STOP_ACTIVE_RUN_ON_RESTART.key());
    }
    Log.LOG.warn("Stopping existing streaming query [id={}, runId={}], as a new run is being started.", exec.id(),
        old.runId());
    old.stop();
  }

  /**
   * The checkpoint folder: a local path, a {@code file:} URI, or a URI of any file system Sluice can
   * open ({@code hdfs://}, {@code s3a://}, ... with the sluice-hadoop module; an unknown scheme is
   * refused when the query starts, naming the module to add).
   */
  private String checkpointLocation(Session session) {
    String loc = options.get("checkpointLocation");
    if (loc == null) {
      String root = session.sluiceConf().get(SluiceConf.CHECKPOINT_LOCATION);
      if (root != null) {
        if (queryName == null) {
          throw new AnalysisException(ErrorClass.MISSING_OPTION, "streaming query", "queryName",
              "with " + SluiceConf.CHECKPOINT_LOCATION.key() + " set, a query needs a name to find its checkpoint "
                  + "folder; call queryName(\"...\") or option(\"checkpointLocation\", ...)");
        }
        loc = FilePaths.join(root, queryName);
      }
    }
    if (loc == null) {
      boolean transientSink = foreachWriter == null && foreachBatch == null && format != null
          && session.connectors().findSink(format).map(SinkProvider::transientOutput).orElse(false);
      if (!transientSink) {
        Log.LOG.warn("Query {} has no checkpointLocation: it will not resume after a restart. Set "
            + "option(\"checkpointLocation\", dir) to make it recoverable.", queryName);
      }
      return null;
    }
    return loc;
  }

  private Sink createSink(Session session, StructType schema, String mode, String queryId) {
    if (foreachWriter != null) {
      return new ForeachSink(foreachWriter, schema);
    }
    if (foreachBatch != null) {
      return new ForeachBatchSink(session, foreachBatch, schema);
    }
    SinkProvider p = session.connectors().sink(format);
    ConnectorOptions.checkSink(format, p.optionNames(), options);
    return p.createSink(new SinkContext(new Options(options), schema, mode, queryName, session.sluiceConf().getAll(),
        queryId));
  }

  /** Runs a {@link ForeachWriter} per partition, in parallel on the worker pool. */
  static final class ForeachSink implements Sink {
    private final Supplier<ForeachWriter> factory;
    private final StructType schema;

    ForeachSink(Supplier<ForeachWriter> factory, StructType schema) {
      this.factory = factory;
      this.schema = schema;
    }

    @Override
    public void addBatch(long batchId, SinkBatch data) {
      List<Future<?>> tasks = new ArrayList<>();
      for (int p = 0; p < data.numPartitions(); p++) {
        final int partition = p;
        List<ColumnBatch> batches = data.partitions().get(p);
        tasks.add(data.executor().submit(() -> writePartition(partition, batchId, batches)));
      }
      for (Future<?> f : tasks) {
        try {
          f.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted while writing batch " + batchId, e);
        } catch (java.util.concurrent.ExecutionException e) {
          Throwable c = e.getCause();
          if (c instanceof RuntimeException re) {
            throw re;
          }
          throw new IllegalStateException("ForeachWriter failed: " + c, c);
        }
      }
    }

    private void writePartition(int partition, long batchId, List<ColumnBatch> batches) {
      ForeachWriter w = factory.get();
      if (!w.open(partition, batchId)) {
        w.close(null);
        return;
      }
      try {
        for (ColumnBatch b : batches) {
          for (int i = 0; i < b.numRows(); i++) {
            Row r = Values.externalRow(b.row(i), schema);
            w.process(r);
          }
        }
      } catch (RuntimeException | Error e) {
        w.close(e);
        throw e;
      }
      w.close(null);
    }

    @Override
    public String description() {
      return "ForeachSink";
    }
  }

  /** Hands each micro-batch to a user function as a batch DataFrame. */
  static final class ForeachBatchSink implements Sink {
    private final Session session;
    private final BiConsumer<DataFrame, Long> fn;
    private final StructType schema;

    ForeachBatchSink(Session session, BiConsumer<DataFrame, Long> fn, StructType schema) {
      this.session = session;
      this.fn = fn;
      this.schema = schema;
    }

    @Override
    public void addBatch(long batchId, SinkBatch data) {
      List<ColumnBatch> all = new ArrayList<>();
      data.partitions().forEach(all::addAll);
      LocalRelation rel = new LocalRelation(Session.attributes(schema), all, false, "batch " + batchId);
      fn.accept(DataFrame.ofPlan(session, rel), batchId);
    }

    @Override
    public String description() {
      return "ForeachBatchSink";
    }
  }

  /**
   * For file sinks: writes the rows of each batch into one folder per value of these columns
   * ({@code col=value/...}); the columns are not stored in the files.
   */
  public DataStreamWriter partitionBy(String... columns) {
    return option("partitionBy", String.join(",", columns));
  }
}
