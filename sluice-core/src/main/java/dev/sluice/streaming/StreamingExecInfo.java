package dev.sluice.streaming;

import dev.sluice.state.StateStoreRegistry;

/**
 * The micro-batch a plan runs for: its id, the event-time watermarks it runs with, the output mode,
 * and where stateful operators find their state stores. Late input is judged against the previous
 * batch's watermark and state is evicted with this batch's watermark, as in Spark.
 *
 * <p>An operator downstream of a stream-stream join sees the watermark shifted back by the join's
 * time range ({@code watermarkShiftMicros} &lt;= 0): the join can still emit rows that old.
 */
public record StreamingExecInfo(long batchId, long watermarkForLateEventsMicros, long watermarkForEvictionMicros,
    String outputMode, StateStoreRegistry stateStores, long batchTimestampMicros, long watermarkShiftMicros) {

  public StreamingExecInfo(long batchId, long watermarkForLateEventsMicros, long watermarkForEvictionMicros,
      String outputMode, StateStoreRegistry stateStores, long batchTimestampMicros) {
    this(batchId, watermarkForLateEventsMicros, watermarkForEvictionMicros, outputMode, stateStores,
        batchTimestampMicros, 0);
  }

  /** The same batch seen by an operator whose input may lag the global watermark by {@code -shift}. */
  public StreamingExecInfo shifted(long shift) {
    if (shift == 0) {
      return this;
    }
    return new StreamingExecInfo(batchId, watermarkForLateEventsMicros + shift, watermarkForEvictionMicros + shift,
        outputMode, stateStores, batchTimestampMicros, watermarkShiftMicros + shift);
  }

  /** A new global watermark as this operator sees it. */
  public long shift(long globalWatermarkMicros) {
    return globalWatermarkMicros + watermarkShiftMicros;
  }
}
