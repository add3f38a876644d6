package dev.sluice.exec;

import dev.sluice.state.StateStoreRegistry;

/**
 * The micro-batch a plan runs for: its id, the event-time watermarks it runs with, the output mode,
 * and where stateful operators find their state stores. Late input is judged against the previous
 * batch's watermark and state is evicted with this batch's watermark, as in Spark.
 */
public record StreamingExecInfo(long batchId, long watermarkForLateEventsMicros, long watermarkForEvictionMicros,
    String outputMode, StateStoreRegistry stateStores, long batchTimestampMicros) {}
