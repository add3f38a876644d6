package dev.sluice.api;

import dev.sluice.types.Row;

/**
 * Writes a streaming query's rows with your own code, one writer instance per partition per batch,
 * in parallel. For each partition: {@link #open} (return false to skip the partition, e.g. because
 * this {@code epochId} was already written), {@link #process} per row, then {@link #close} with the
 * error that stopped processing (or null). A writer is used by one thread at a time.
 *
 * <p>The writer is created fresh for each partition and batch by the factory passed to
 * {@code foreach}; {@code epochId} is the batch id, identical when a batch is replayed after a
 * failure, so writers can make their output idempotent.
 */
public abstract class ForeachWriter {
  public abstract boolean open(long partitionId, long epochId);

  public abstract void process(Row row);

  public abstract void close(Throwable errorOrNull);
}
