package dev.sluice.streaming.ops;

import dev.sluice.api.streaming.StreamingQueryProgress.StateOperatorProgress;

/**
 * A physical operator that keeps state across micro-batches in state stores. The engine commits
 * its stores after the sink accepted the batch, and asks it for its progress metrics.
 */
public interface StatefulOperator {
  /** Stable id of the operator within the query (its position among stateful operators). */
  long operatorId();

  /** Commits the state stores this batch opened (makes version batchId+1). */
  void commitState();

  /** Discards this batch's state changes. */
  void abortState();

  StateOperatorProgress progress();

  /**
   * What the operator keeps in state (operator kind, key and value types). Written to the checkpoint
   * with its first state; a restart with a different description means the query's shape changed.
   */
  String stateSchema();

  /**
   * What the state means beyond its types, which a restart must keep too: the aggregate functions
   * whose buffers the state holds ({@code count} and {@code sum} both keep a bigint). Empty when the
   * types say it all. Checkpoints written before it was recorded are checked by their types only.
   */
  default String stateMeaning() {
    return "";
  }

  /** Whether the operator may emit or evict something if the watermark moves to {@code newWatermark}. */
  boolean shouldRunAnotherBatch(long newWatermarkMicros);
}
