package dev.sluice.connector;

import dev.sluice.types.StructType;
import java.util.List;

/**
 * A streaming source that can replay any range of its data by offset. The engine calls it from the
 * query's single driver thread; {@link InputPartition#read()} may run on worker threads.
 *
 * <p>Protocol per micro-batch: {@link #latestOffset} to learn the end of the next batch, the engine
 * writes {@code (start, end)} to the offset log, then {@link #planInputPartitions} reads exactly
 * that range, and after the batch commits {@link #commit} lets the source discard data up to end.
 */
public interface Source {
  StructType schema();

  /** The offset before the first row, or null if the source starts at its first {@link #latestOffset}. */
  Offset initialOffset();

  /**
   * The end offset of the next batch starting at {@code start} (null start: from the beginning),
   * honouring {@code limit}; returns {@code start} (or null) when there is no new data.
   */
  Offset latestOffset(Offset start, ReadLimit limit);

  /**
   * The newest offset available, for progress reports only ({@code latestOffset} of a source), when
   * the batch was limited by the read limit; null when the source does not know it cheaply. Must not
   * change what the next {@link #latestOffset} returns.
   */
  default Offset reportLatestOffset(Offset start) {
    return latestOffset(start, ReadLimit.ALL);
  }

  /** The default read limit from the source's options; {@link ReadLimit#ALL} when unlimited. */
  default ReadLimit defaultReadLimit() {
    return ReadLimit.ALL;
  }

  /** Partitions reading the rows after {@code start} (exclusive; null = from the beginning) up to {@code end}. */
  List<InputPartition> planInputPartitions(Offset start, Offset end);

  /** Parses an offset this source wrote with {@link Offset#json()}. */
  Offset deserializeOffset(String json);

  /** The data up to {@code end} is committed and will not be requested again. */
  default void commit(Offset end) {}

  /** Called when an AvailableNow trigger starts: fix the end of the data to read now. */
  default void prepareForTriggerAvailableNow() {}

  /** Releases resources; the query is stopping. */
  default void stop() {}

  /** Short description for progress reports, e.g. {@code MemoryStream[value]}. */
  default String description() {
    return getClass().getSimpleName();
  }

  /** Extra source metrics for progress reports (e.g. avgOffsetsBehindLatest); empty by default. */
  default java.util.Map<String, String> metrics(Offset latestConsumed) {
    return java.util.Map.of();
  }
}
