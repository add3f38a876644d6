package dev.sluice.api.streaming;

import java.util.List;
import java.util.UUID;

/**
 * A handle to a running streaming query. Thread-safe: any thread may stop it or wait for it.
 */
public interface StreamingQuery {
  /** Stable id: the same across restarts from the same checkpoint. */
  UUID id();

  /** Id of this run; changes at every start. */
  UUID runId();

  /** The query name, or null. */
  String name();

  boolean isActive();

  /**
   * Stops the query: the batch in progress finishes (so the checkpoint stays consistent), then the
   * query thread ends. Returns when it has ended.
   */
  void stop();

  /** Waits until the query ends; rethrows its failure as {@link StreamingQueryException}. */
  void awaitTermination() throws StreamingQueryException;

  /** Waits at most {@code timeoutMs}; returns whether the query ended. */
  boolean awaitTermination(long timeoutMs) throws StreamingQueryException;

  /**
   * Blocks until all data available in the sources at the time of the call has been processed and
   * committed (including the no-data batches it triggers). For tests.
   */
  void processAllAvailable();

  /** The failure that ended the query, or null. */
  StreamingQueryException exception();

  StreamingQueryStatus status();

  /** The latest progress report, or null before the first batch. */
  StreamingQueryProgress lastProgress();

  /** Recent progress reports, oldest first (at most sluice.sql.streaming.numRecentProgressUpdates). */
  List<StreamingQueryProgress> recentProgress();

  /** The plans of the latest batch (logical, optimized, physical). */
  String explainString();
}
