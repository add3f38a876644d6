package dev.sluice.testkit;

import dev.sluice.api.DataFrame;
import dev.sluice.api.DataStreamWriter;
import dev.sluice.api.MemoryStream;
import dev.sluice.api.Session;
import dev.sluice.api.streaming.OutputMode;
import dev.sluice.api.streaming.StreamingQuery;
import dev.sluice.api.streaming.StreamingQueryException;
import dev.sluice.api.streaming.StreamingQueryProgress;
import dev.sluice.api.streaming.Trigger;
import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import dev.sluice.types.Row;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Tests a streaming query as a story of steps, like Spark's {@code StreamTest}: add data, let the
 * query process it, check what the sink holds, stop, restart from the checkpoint, check again.
 *
 * <pre>{@code
 * import static dev.sluice.testkit.StreamTest.*;
 *
 * MemoryStream events = MemoryStream.create(session, "word STRING, n INT");
 * DataFrame counts = events.toDF().groupBy("word").count();
 * StreamTest.of(session, counts, OutputMode.UPDATE).run(
 *     addData(events, Row.of("a", 1), Row.of("b", 2)),
 *     checkAnswer(Row.of("a", 1L), Row.of("b", 1L)),
 *     addData(events, Row.of("a", 3)),
 *     checkLastBatch(Row.of("a", 2L)),
 *     stopStream(),
 *     addData(events, Row.of("a", 4)),
 *     startStream(),                       // resumes from the checkpoint: the count continues
 *     checkLastBatch(Row.of("a", 3L)));
 * }</pre>
 *
 * <h2>How a run goes</h2>
 * <ul>
 *   <li>The query starts before the first step (unless the first step is {@link #startStream()}),
 *       writing with {@code foreachBatch} to a sink this class owns, with the configured output
 *       mode, trigger and checkpoint (by default a fresh temporary folder, deleted after the run).
 *   <li><b>The sink</b> keeps every batch's rows by batch id across restarts. A batch id it has
 *       already received (a batch replayed after a restart) is ignored, so replays do not count
 *       twice. In complete mode the <em>answer</em> is the last batch; in append and update mode it
 *       is every row received.
 *   <li><b>Waiting.</b> Steps that look at the query or the sink ({@code checkAnswer},
 *       {@code checkLastBatch}, {@code assertOnQuery}, {@code execute}, {@code expectFailure}) first
 *       wait until the query has processed what it can: with the default trigger that is
 *       {@link StreamingQuery#processAllAvailable()}; with a processing-time trigger the query runs on
 *       a {@link StreamManualClock} and the step waits until no trigger is due at the clock's current
 *       time (data added after the latest trigger waits for the next {@link #advanceManualClock}).
 *       {@code advanceManualClock} itself waits until the query is idle, moves the clock, and waits
 *       until the triggers now due have run.
 *   <li><b>The last step.</b> {@code checkLastBatch} compares the rows of the batches that arrived
 *       during the latest processing step that produced any (in complete mode, the last of them).
 *       Several {@code addData} steps without a check in between may be processed in one batch or in
 *       several; they then form one step.
 *   <li><b>Comparison.</b> Rows compare as multisets (or in order with the {@code ...Ordered}
 *       variants). Doubles are equal within a relative tolerance ({@link #withRelativeTolerance},
 *       default 1e-9), decimals by value. Value types must match: a {@code count} is a {@code Long},
 *       so expect {@code Row.of("a", 1L)}.
 *   <li><b>Failures of the query.</b> When the query fails, the next step that observes it fails
 *       with the query's exception as the cause, unless that step is {@code expectFailure(...)}.
 *       ({@code addData} does not observe the query.) After {@code expectFailure} the query counts as
 *       stopped and {@code startStream()} may restart it.
 *   <li>At the end of the run, passing or failing, the query is stopped, so no thread is left behind.
 * </ul>
 *
 * <h2>Failure messages</h2>
 * A failed step throws {@link AssertionError} whose message holds the step reached (its number and
 * description), the list of all steps with {@code =>} marking that step, the expected and actual rows
 * (with what is missing and what is unexpected), the sink's whole content by batch, the query's plan
 * ({@link StreamingQuery#explainString()}), its last progress as JSON, and the query's exception
 * with its stack trace, if any. The query's exception (or the exception of a failing
 * {@code assertOnQuery}/{@code execute} function) is also the {@link AssertionError}'s cause.
 *
 * <p><b>Thread-safety:</b> not thread-safe. Configure and {@link #run} a {@code StreamTest} from one
 * thread. Each {@code run} call is independent (a fresh sink; a fresh temporary checkpoint unless one
 * was set with {@link #withCheckpoint}). {@link Step}s are immutable and may be shared.
 */
public final class StreamTest {
  private final Session session;
  private final DataFrame df;
  private final OutputMode outputMode;
  private Path checkpoint;
  private Trigger trigger;
  private Duration timeout = Duration.ofSeconds(30);
  private double tolerance = 1e-9;

  private StreamTest(Session session, DataFrame df, OutputMode outputMode) {
    this.session = Objects.requireNonNull(session, "session");
    this.df = Objects.requireNonNull(df, "df");
    this.outputMode = Objects.requireNonNull(outputMode, "outputMode");
  }

  /**
   * A test of the streaming DataFrame {@code df} written in {@code outputMode}.
   *
   * @throws NullPointerException when an argument is null
   * @throws IllegalArgumentException when {@code df} is not streaming (it must read a stream, e.g. a
   *     {@link MemoryStream}), or belongs to another session
   */
  public static StreamTest of(Session session, DataFrame df, OutputMode outputMode) {
    StreamTest t = new StreamTest(session, df, outputMode);
    if (df.session() != session) {
      throw new IllegalArgumentException("The DataFrame belongs to another session than the one given to "
          + "StreamTest.of; build it from the same session");
    }
    if (!df.isStreaming()) {
      throw new IllegalArgumentException("StreamTest needs a streaming DataFrame (one that reads a stream such as "
          + "MemoryStream.toDF()), but this one is a batch DataFrame: " + df.logicalPlan().treeString());
    }
    return t;
  }

  /**
   * Uses this checkpoint folder instead of a fresh temporary one; it is not deleted after the run, so a
   * later run can resume from it.
   */
  public StreamTest withCheckpoint(Path dir) {
    this.checkpoint = Objects.requireNonNull(dir, "dir");
    return this;
  }

  /** {@link #withCheckpoint(Path)} with a path string. */
  public StreamTest withCheckpoint(String dir) {
    return withCheckpoint(Paths.get(dir));
  }

  /**
   * Runs the query with this trigger. A {@code ProcessingTime} trigger with a positive interval runs
   * on a {@link StreamManualClock} starting at 0, moved only by {@link #advanceManualClock} steps.
   */
  public StreamTest withTrigger(Trigger trigger) {
    this.trigger = Objects.requireNonNull(trigger, "trigger");
    return this;
  }

  /**
   * How long a step waits for the query (processing, a trigger, stopping) before it fails. Default
   * 30 seconds.
   *
   * @throws IllegalArgumentException when not positive
   */
  public StreamTest withTimeout(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("The timeout must be positive, got " + timeout);
    }
    this.timeout = timeout;
    return this;
  }

  /**
   * The relative tolerance for comparing doubles: {@code |a - e| <= tolerance * max(|a|, |e|)}.
   * Default 1e-9; 0 demands exact equality.
   *
   * @throws IllegalArgumentException when negative or NaN
   */
  public StreamTest withRelativeTolerance(double tolerance) {
    if (!(tolerance >= 0)) {
      throw new IllegalArgumentException("The tolerance must be >= 0, got " + tolerance);
    }
    this.tolerance = tolerance;
    return this;
  }

  /**
   * Runs the steps (see the class comment), then stops the query.
   *
   * @throws AssertionError when a step fails; its message describes the run (see the class comment)
   * @throws UncheckedIOException when the temporary checkpoint folder cannot be created
   */
  public void run(Step... steps) {
    run(Arrays.asList(steps));
  }

  /** {@link #run(Step...)} with a list. */
  public void run(List<Step> steps) {
    new Run(List.copyOf(steps)).execute();
  }

  // ================================================================== steps

  /**
   * One step of a test. Immutable; create steps with the static methods of {@link StreamTest}.
   * Thread-safe.
   */
  public static final class Step {
    private final String description;
    private final Action action;

    private Step(String description, Action action) {
      this.description = description;
      this.action = action;
    }

    /** What the step does, as shown in failure messages. */
    public String description() {
      return description;
    }

    @Override
    public String toString() {
      return description;
    }
  }

  /**
   * Code run against the query by {@link #execute}, on the thread that called {@link #run}, after the
   * query has processed the available data. It may throw anything: the step then fails with an
   * {@link AssertionError} whose cause is what it threw. Implementations need not be thread-safe.
   */
  @FunctionalInterface
  public interface QueryAction {
    void accept(StreamingQuery query) throws Exception;
  }

  /** Appends the rows to the stream as one block (one offset); does not wait for the query. */
  public static Step addData(MemoryStream stream, Row... rows) {
    return addData(stream, Arrays.asList(rows));
  }

  /** {@link #addData(MemoryStream, Row...)} with a list. */
  public static Step addData(MemoryStream stream, List<Row> rows) {
    Objects.requireNonNull(stream, "stream");
    List<Row> copy = List.copyOf(rows);
    return new Step("AddData to " + stream + ": " + rowsText(copy), new Action.AddData(stream, copy));
  }

  /** Waits for processing, then checks that the sink's answer holds exactly these rows, in any order. */
  public static Step checkAnswer(Row... expected) {
    return check("CheckAnswer", Arrays.asList(expected), false, false);
  }

  /** {@link #checkAnswer(Row...)} with a list. */
  public static Step checkAnswer(List<Row> expected) {
    return check("CheckAnswer", expected, false, false);
  }

  /** Like {@link #checkAnswer(Row...)}, but the rows must also come in this order. */
  public static Step checkAnswerOrdered(Row... expected) {
    return check("CheckAnswerOrdered", Arrays.asList(expected), false, true);
  }

  /**
   * Waits for processing, then checks that the batches of the last processing step wrote exactly
   * these rows, in any order (in complete mode: that its last batch did).
   */
  public static Step checkLastBatch(Row... expected) {
    return check("CheckLastBatch", Arrays.asList(expected), true, false);
  }

  /** {@link #checkLastBatch(Row...)} with a list. */
  public static Step checkLastBatch(List<Row> expected) {
    return check("CheckLastBatch", expected, true, false);
  }

  /** Like {@link #checkLastBatch(Row...)}, but the rows must also come in this order. */
  public static Step checkLastBatchOrdered(Row... expected) {
    return check("CheckLastBatchOrdered", Arrays.asList(expected), true, true);
  }

  private static Step check(String name, List<Row> expected, boolean lastBatch, boolean ordered) {
    List<Row> copy = List.copyOf(expected);
    return new Step(name + ": " + rowsText(copy), new Action.Check(copy, lastBatch, ordered));
  }

  /** Stops the query gracefully (the batch in progress finishes). Fails when no query is running. */
  public static Step stopStream() {
    return new Step("StopStream", new Action.Stop());
  }

  /**
   * Starts the query again with the configured trigger; it resumes from the checkpoint, writing to
   * the same sink. Fails when the query is running.
   */
  public static Step startStream() {
    return new Step("StartStream", new Action.Start(null));
  }

  /** Starts the query again with another trigger (see {@link #startStream()}). */
  public static Step startStream(Trigger trigger) {
    Objects.requireNonNull(trigger, "trigger");
    return new Step("StartStream(trigger=" + trigger + ")", new Action.Start(trigger));
  }

  /**
   * Moves the manual clock of a processing-time trigger forward: waits until the query is idle,
   * advances the clock by {@code ms}, and waits until the triggers now due have run. With the query
   * stopped it only moves the clock.
   *
   * @throws IllegalArgumentException when {@code ms} is negative
   */
  public static Step advanceManualClock(long ms) {
    if (ms < 0) {
      throw new IllegalArgumentException("advanceManualClock needs a non-negative time, got " + ms);
    }
    return new Step("AdvanceManualClock(" + ms + ")", new Action.Advance(ms));
  }

  /** Waits for the query to fail, with any exception. */
  public static Step expectFailure() {
    return new Step("ExpectFailure", new Action.ExpectFailure(t -> true, "any failure"));
  }

  /**
   * Waits for the query to fail with an exception of this class somewhere in the cause chain of its
   * {@link StreamingQueryException}.
   */
  public static Step expectFailure(Class<? extends Throwable> type) {
    Objects.requireNonNull(type, "type");
    return new Step("ExpectFailure(" + type.getSimpleName() + ")",
        new Action.ExpectFailure(t -> chain(t).anyMatch(type::isInstance), "an exception of class " + type.getName()));
  }

  /**
   * Waits for the query to fail with a {@link SluiceException} of this error class somewhere in the
   * cause chain (the {@code STREAM_FAILED} wrapper itself does not count, unless asked for).
   */
  public static Step expectFailure(ErrorClass errorClass) {
    Objects.requireNonNull(errorClass, "errorClass");
    return new Step("ExpectFailure(" + errorClass + ")", new Action.ExpectFailure(
        t -> chain(t).anyMatch(x -> x instanceof SluiceException s && s.errorClass() == errorClass
            && (errorClass == ErrorClass.STREAM_FAILED || !(x instanceof StreamingQueryException))),
        "a SluiceException with error class " + errorClass));
  }

  /**
   * Waits for the query to fail with an exception for which {@code matcher} is true; the matcher gets
   * the original failure (the cause of the {@link StreamingQueryException}).
   */
  public static Step expectFailure(Predicate<Throwable> matcher, String description) {
    Objects.requireNonNull(matcher, "matcher");
    return new Step("ExpectFailure(" + description + ")", new Action.ExpectFailure(
        t -> matcher.test(t instanceof StreamingQueryException && t.getCause() != null ? t.getCause() : t),
        description));
  }

  /**
   * Waits for processing, then checks {@code condition} on the query (the running one, or the last
   * one if it was stopped); fails with {@code message} when it is false or throws.
   */
  public static Step assertOnQuery(Predicate<StreamingQuery> condition, String message) {
    Objects.requireNonNull(condition, "condition");
    return new Step("AssertOnQuery(" + message + ")", new Action.AssertOnQuery(condition, message));
  }

  /**
   * Waits for processing, then runs {@code action} on the query (the running one, or the last one if
   * it was stopped); the step fails when it throws.
   */
  public static Step execute(QueryAction action) {
    return execute("Execute", action);
  }

  /** {@link #execute(QueryAction)} with a description for failure messages. */
  public static Step execute(String description, QueryAction action) {
    Objects.requireNonNull(action, "action");
    return new Step("Execute(" + description + ")", new Action.Execute(action));
  }

  private static Stream<Throwable> chain(Throwable t) {
    List<Throwable> out = new ArrayList<>();
    for (Throwable x = t; x != null && !out.contains(x); x = x.getCause()) {
      out.add(x);
    }
    return out.stream();
  }

  private static String rowsText(List<Row> rows) {
    if (rows.isEmpty()) {
      return "(no rows)";
    }
    StringBuilder sb = new StringBuilder();
    int shown = Math.min(rows.size(), 10);
    for (int i = 0; i < shown; i++) {
      sb.append(i > 0 ? ", " : "").append(rows.get(i));
    }
    if (rows.size() > shown) {
      sb.append(", ... (").append(rows.size()).append(" rows)");
    }
    return sb.toString();
  }

  /** What a step does. */
  private sealed interface Action {
    record AddData(MemoryStream stream, List<Row> rows) implements Action {}

    record Check(List<Row> expected, boolean lastBatch, boolean ordered) implements Action {}

    record Stop() implements Action {}

    record Start(Trigger trigger) implements Action {}

    record Advance(long ms) implements Action {}

    record ExpectFailure(Predicate<Throwable> matcher, String what) implements Action {}

    record AssertOnQuery(Predicate<StreamingQuery> condition, String message) implements Action {}

    record Execute(QueryAction action) implements Action {}
  }

  // ================================================================== a run

  /** The state of one {@link #run}: the query, the sink, the clock, the step reached. */
  private final class Run {
    private final List<Step> steps;
    private final boolean implicitStart;
    private final BatchRecorder sink = new BatchRecorder(outputMode);
    private final long timeoutMs = timeout.toMillis();
    private Path checkpointDir;
    private boolean ownsCheckpoint;
    private StreamManualClock clock;
    /** The latest started query, running or not. */
    private StreamingQuery query;
    /** Whether the DSL considers {@link #query} running (started, not stopped, not ended). */
    private boolean running;
    /** Whether the clock drives {@link #query}'s trigger. */
    private boolean clockAttached;
    /** Whether {@link #query}'s failure was expected by an expectFailure step. */
    private boolean failureExpected;
    private Trigger currentTrigger;
    /** Index of the step being run: 0 is the implicit start, 1..n the steps. */
    private int current;
    private ExecutorService waiter;

    Run(List<Step> steps) {
      this.steps = steps;
      this.implicitStart = steps.isEmpty() || !(steps.get(0).action instanceof Action.Start);
    }

    void execute() {
      Throwable failure = null;
      try {
        if (checkpoint != null) {
          checkpointDir = checkpoint;
        } else {
          checkpointDir = Files.createTempDirectory("sluice-streamtest-");
          ownsCheckpoint = true;
        }
        if (implicitStart) {
          current = 0;
          start(trigger);
        }
        for (int i = 0; i < steps.size(); i++) {
          current = i + 1;
          perform(steps.get(i));
        }
      } catch (IOException e) {
        failure = e;
        throw new UncheckedIOException("Could not create a temporary checkpoint folder", e);
      } catch (RuntimeException | Error e) {
        failure = e;
        throw e;
      } finally {
        cleanup(failure);
      }
    }

    private void perform(Step step) {
      Action action = step.action;
      if (action instanceof Action.AddData a) {
        a.stream().addData(a.rows());
      } else if (action instanceof Action.Check c) {
        check(c);
      } else if (action instanceof Action.Stop) {
        stop();
      } else if (action instanceof Action.Start s) {
        start(s.trigger() != null ? s.trigger() : trigger);
      } else if (action instanceof Action.Advance a) {
        advance(a.ms());
      } else if (action instanceof Action.ExpectFailure f) {
        expectFailure(f);
      } else if (action instanceof Action.AssertOnQuery a) {
        StreamingQuery q = observe();
        boolean ok;
        try {
          ok = a.condition().test(q);
        } catch (RuntimeException | AssertionError e) {
          throw failure("the condition \"" + a.message() + "\" threw " + e, e, "");
        }
        if (!ok) {
          throw failure("the condition \"" + a.message() + "\" is false", null, "");
        }
      } else if (action instanceof Action.Execute x) {
        StreamingQuery q = observe();
        try {
          x.action().accept(q);
        } catch (Exception | AssertionError e) {
          throw failure("the action threw " + e, e, "");
        }
        if (running && !query.isActive()) {
          running = false;
        }
      } else {
        throw new IllegalStateException("Unknown step " + step);
      }
    }

    // ---------------------------------------------------------------- step implementations

    private void start(Trigger t) {
      if (running && query.isActive()) {
        throw failure("startStream: the query is already running; add stopStream() before it", null, "");
      }
      failIfQueryFailed();
      boolean useClock = t instanceof Trigger.ProcessingTimeTrigger pt && pt.intervalMs() > 0;
      if (useClock && clock == null) {
        clock = new StreamManualClock();
      }
      BatchRecorder recorder = sink;
      DataStreamWriter w = df.writeStream()
          .foreachBatch((batch, batchId) -> recorder.add(batchId, batch.collectAsList()))
          .outputMode(outputMode)
          .option("checkpointLocation", checkpointDir.toString());
      if (t != null) {
        w.trigger(t);
      }
      if (useClock) {
        clock.resetWaitState();
        w.clock(clock);
      }
      currentTrigger = t;
      try {
        query = w.start();
      } catch (RuntimeException e) {
        running = false;
        throw failure("the query did not start: " + e, e, "");
      }
      running = true;
      failureExpected = false;
      clockAttached = useClock;
      if (useClock) {
        // Let the trigger due at start run, so that what follows does not race with it.
        awaitIdleOnClock("the first trigger after the start");
      }
    }

    private void check(Action.Check c) {
      observe();
      List<Row> actual = c.lastBatch() ? sink.lastStepRows() : sink.answer();
      RowComparison.Diff d = RowComparison.compare(c.expected(), actual, tolerance, c.ordered());
      if (d.matches()) {
        return;
      }
      StringBuilder sb = new StringBuilder();
      String what = c.lastBatch() ? "last step, batches " + sink.lastStepBatchIds() : "sink's answer";
      sb.append("== Expected rows (").append(c.expected().size()).append(") ==\n")
          .append(RowComparison.lines(c.expected(), !c.ordered()));
      sb.append("== Actual rows of the ").append(what).append(" (").append(actual.size()).append(") ==\n")
          .append(RowComparison.lines(actual, !c.ordered()));
      if (d.orderProblem() != null) {
        sb.append("== Order ==\n").append(d.orderProblem()).append('\n');
      }
      if (!d.missing().isEmpty()) {
        sb.append("== Missing (expected, not found) ==\n").append(RowComparison.lines(d.missing(), true));
      }
      if (!d.unexpected().isEmpty()) {
        sb.append("== Unexpected (found, not expected) ==\n").append(RowComparison.lines(d.unexpected(), true));
      }
      String hints = RowComparison.typeHints(d);
      if (!hints.isEmpty()) {
        sb.append("== Value types differ ==\n").append(hints);
      }
      String problem = c.lastBatch() ? "the last batch holds other rows than expected"
          : "the sink holds other rows than expected";
      throw failure(problem, null, sb.toString());
    }

    private void stop() {
      if (!running) {
        throw failure("stopStream: no query is running", null, "");
      }
      failIfQueryFailed();
      stopQuery();
    }

    private void advance(long ms) {
      if (clock == null) {
        throw failure("advanceManualClock needs a processing-time trigger with an interval, e.g. "
            + "withTrigger(Trigger.ProcessingTime(1000)), whose query then runs on a manual clock", null, "");
      }
      if (!running) {
        clock.advance(ms);
        return;
      }
      failIfQueryFailed();
      if (!clockAttached) {
        throw failure("advanceManualClock: the running query's trigger (" + currentTrigger
            + ") does not use the manual clock", null, "");
      }
      awaitIdleOnClock("the query to wait on the clock before advancing it");
      failIfQueryFailed();
      clock.advance(ms);
      // Do not report a failure here: it belongs to the next step, which may expect it.
      awaitIdleOnClock("the triggers due at time " + clock.millis());
      sink.markStep();
    }

    private void expectFailure(Action.ExpectFailure f) {
      if (query == null) {
        throw failure("expectFailure: no query has been started", null, "");
      }
      if (failureExpected) {
        throw failure("expectFailure: the query's failure was already expected by an earlier step and it has "
            + "not been restarted", null, "");
      }
      if (running) {
        awaitProcessed();
      }
      StreamingQueryException e = query.exception();
      if (e == null) {
        throw failure("expected the query to fail with " + f.what() + ", but it "
            + (query.isActive() ? "processed all available data and is still running" : "ended without failing"),
            null, "");
      }
      if (!f.matcher().test(e)) {
        throw failure("expected the query to fail with " + f.what() + ", but it failed with " + rootDescription(e), e,
            "");
      }
      failureExpected = true;
      running = false;
      awaitTerminated();
    }

    /** Waits for processing and returns the query to look at; fails when the query failed. */
    private StreamingQuery observe() {
      failIfQueryFailed();
      if (running) {
        awaitProcessed();
        failIfQueryFailed();
      }
      if (query == null) {
        throw failure("no query has been started", null, "");
      }
      return query;
    }

    // ---------------------------------------------------------------- waiting

    /** Waits until the running query has processed what it can now; then ends the processing step. */
    private void awaitProcessed() {
      if (clockAttached) {
        awaitIdleOnClock("the triggers due at time " + clock.millis());
      } else {
        StreamingQuery q = query;
        if (!callWithTimeout(() -> {
          try {
            q.processAllAvailable();
          } catch (StreamingQueryException e) {
            // Reported through q.exception() by the caller.
          }
        })) {
          throw failure("timed out after " + timeoutMs + " ms in processAllAvailable(): the query did not "
              + "process the available data in time", null, "");
        }
      }
      if (!query.isActive()) {
        running = false;
      }
      sink.markStep();
    }

    private void awaitIdleOnClock(String what) {
      StreamingQuery q = query;
      boolean idle;
      try {
        idle = clock.awaitWaitingForFuture(() -> !q.isActive(), timeoutMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw failure("interrupted while waiting for " + what, e, "");
      }
      if (!idle && q.isActive()) {
        throw failure("timed out after " + timeoutMs + " ms waiting for " + what + " (" + clock + ")", null, "");
      }
      if (!q.isActive()) {
        awaitTerminated();
        running = false;
      }
    }

    /** Waits until a query that ended has released its resources (a restart may reuse them). */
    private void awaitTerminated() {
      StreamingQuery q = query;
      callWithTimeout(() -> {
        try {
          q.awaitTermination();
        } catch (StreamingQueryException e) {
          // expected or reported elsewhere
        }
      });
    }

    private void stopQuery() {
      StreamingQuery q = query;
      running = false;
      if (!callWithTimeout(q::stop)) {
        throw failure("timed out after " + timeoutMs + " ms waiting for the query to stop", null, "");
      }
    }

    /** Runs {@code r} on a helper thread; false when it did not finish within the timeout. */
    private boolean callWithTimeout(Runnable r) {
      if (waiter == null) {
        waiter = Executors.newSingleThreadExecutor(task -> {
          Thread t = new Thread(task, "sluice-streamtest-waiter");
          t.setDaemon(true);
          return t;
        });
      }
      Future<?> f = waiter.submit(r);
      try {
        f.get(timeoutMs, TimeUnit.MILLISECONDS);
        return true;
      } catch (TimeoutException e) {
        f.cancel(true);
        return false;
      } catch (InterruptedException e) {
        f.cancel(true);
        Thread.currentThread().interrupt();
        throw failure("interrupted while waiting for the query", e, "");
      } catch (java.util.concurrent.ExecutionException e) {
        throw failure("waiting for the query threw " + e.getCause(), e.getCause(), "");
      }
    }

    private void failIfQueryFailed() {
      if (query != null && !failureExpected) {
        StreamingQueryException e = query.exception();
        if (e != null) {
          running = false;
          throw failure("the query failed: " + rootDescription(e)
              + " (if that is expected, make expectFailure(...) the next step)", e, "");
        }
      }
    }

    private void cleanup(Throwable failure) {
      List<Throwable> problems = new ArrayList<>();
      try {
        if (query != null && query.isActive()) {
          StreamingQuery q = query;
          running = false;
          if (!callWithTimeout(q::stop)) {
            problems.add(new AssertionError("The query " + q + " did not stop within " + timeoutMs
                + " ms after the stream test; its thread may be left running"));
          }
        }
      } catch (RuntimeException | AssertionError e) {
        problems.add(e);
      } finally {
        if (waiter != null) {
          waiter.shutdownNow();
        }
        if (ownsCheckpoint) {
          deleteQuietly(checkpointDir);
        }
      }
      if (problems.isEmpty()) {
        return;
      }
      if (failure != null) {
        problems.forEach(failure::addSuppressed);
      } else {
        Throwable first = problems.get(0);
        if (first instanceof AssertionError ae) {
          throw ae;
        }
        throw (RuntimeException) first;
      }
    }

    // ---------------------------------------------------------------- failure messages

    private AssertionError failure(String problem, Throwable cause, String details) {
      int total = steps.size();
      String stepText = current == 0 ? "the implicit StartStream before step 1"
          : "step " + current + " of " + total + ": " + steps.get(current - 1).description();
      StringBuilder sb = new StringBuilder();
      sb.append("Stream test failed at ").append(stepText).append('\n').append(problem).append("\n\n");
      sb.append("== Steps ==\n");
      if (implicitStart) {
        sb.append(current == 0 ? "=> " : "   ").append(String.format("%2d: ", 0)).append("StartStream (implicit)\n");
      }
      for (int i = 0; i < total; i++) {
        sb.append(current == i + 1 ? "=> " : "   ").append(String.format("%2d: ", i + 1))
            .append(steps.get(i).description()).append('\n');
      }
      sb.append(details);
      sb.append("== Sink (output mode ").append(outputMode.sparkName()).append(", ").append(sink.numBatches())
          .append(" batches) ==\n").append(sink.dump());
      StreamingQuery q = query;
      sb.append("== Query ==\n");
      if (q == null) {
        sb.append("(not started)\n");
      } else {
        sb.append(q).append(" active=").append(q.isActive()).append(", status=").append(q.status())
            .append(", trigger=").append(currentTrigger == null ? "default" : currentTrigger);
        if (clock != null) {
          sb.append(", clock=").append(clock);
        }
        sb.append('\n');
        String plan = q.explainString();
        sb.append("== Plan ==\n").append(plan == null || plan.isEmpty() ? "(no batch has run yet)\n" : plan);
        if (plan != null && !plan.isEmpty() && !plan.endsWith("\n")) {
          sb.append('\n');
        }
        StreamingQueryProgress p = q.lastProgress();
        sb.append("== Last progress ==\n").append(p == null ? "(none)" : p.prettyJson()).append('\n');
        StreamingQueryException e = q.exception();
        sb.append("== Query exception ==\n");
        if (e == null) {
          sb.append("(none)\n");
        } else {
          StringWriter w = new StringWriter();
          e.printStackTrace(new PrintWriter(w));
          sb.append(w);
        }
      }
      AssertionError err = new AssertionError(sb.toString());
      if (cause != null) {
        err.initCause(cause);
      }
      return err;
    }
  }

  private static String rootDescription(Throwable e) {
    Throwable t = e instanceof StreamingQueryException && e.getCause() != null ? e.getCause() : e;
    return t.getClass().getName() + ": " + t.getMessage();
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // best effort: a leftover temporary folder is harmless
        }
      });
    } catch (IOException | UncheckedIOException e) {
      // best effort
    }
  }
}
