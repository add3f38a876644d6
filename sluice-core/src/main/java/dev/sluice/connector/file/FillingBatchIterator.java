package dev.sluice.connector.file;

import dev.sluice.vector.ColumnBatch;
import java.util.NoSuchElementException;

/**
 * A file's batches produced one {@link #fill()} at a time: the iteration every line-based reader
 * (json, csv, text) shares. A reader implements {@code fill()}, which closes its file when it returns
 * null at the end, and {@link #close()}, which calls {@link #finish()} so nothing more is read.
 */
public abstract class FillingBatchIterator implements FileBatchIterator {
  private ColumnBatch next;
  private boolean finished;

  /** The next batch of at most the batch size, or null when the file has no more rows. */
  protected abstract ColumnBatch fill();

  /** Ends the iteration: {@link #hasNext()} is false from now on. */
  protected final void finish() {
    finished = true;
    next = null;
  }

  @Override
  public final boolean hasNext() {
    if (next == null && !finished) {
      next = fill();
      finished = next == null;
    }
    return next != null;
  }

  @Override
  public final ColumnBatch next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    ColumnBatch b = next;
    next = null;
    return b;
  }
}
