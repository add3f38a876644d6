package dev.sluice.connector.file;

import dev.sluice.vector.ColumnBatch;
import java.util.Iterator;

/**
 * The batches of one file being read, holding the open file until the last batch or {@link #close()}:
 * a reader stopped early (a LIMIT, a failure in a later operator) is closed by the task that read it
 * (see {@link dev.sluice.connector.InputPartition#read()}), so no file stays open. Closing twice, or
 * after the end, does nothing.
 */
public interface FileBatchIterator extends Iterator<ColumnBatch>, AutoCloseable {
  @Override
  void close();
}
