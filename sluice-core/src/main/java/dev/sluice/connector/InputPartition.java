package dev.sluice.connector;

import dev.sluice.vector.ColumnBatch;
import java.util.Iterator;

/**
 * One slice of a source's data for one micro-batch (or one batch scan), read by one task. Reading it
 * twice must return the same rows: a replayed micro-batch reads the same partitions again.
 */
public interface InputPartition {
  /**
   * The rows of this partition, in batches whose columns follow the source schema. An iterator that
   * holds a resource (a connection, an open file) implements {@link AutoCloseable}: the engine closes
   * it when the task reading it ends, also when the task stops before the end (a LIMIT) or fails.
   */
  Iterator<ColumnBatch> read();
}
