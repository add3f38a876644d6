package dev.sluice.connector;

import dev.sluice.vector.ColumnBatch;
import java.util.Iterator;

/**
 * One slice of a source's data for one micro-batch (or one batch scan), read by one task. Reading it
 * twice must return the same rows: a replayed micro-batch reads the same partitions again.
 */
public interface InputPartition {
  /** The rows of this partition, in batches whose columns follow the source schema. */
  Iterator<ColumnBatch> read();
}
