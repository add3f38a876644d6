package dev.sluice.connector.file;

import dev.sluice.connector.InputPartition;
import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import dev.sluice.fs.FileStatus;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Reads a list of files of a {@link FileTable} one after the other, adding the partition columns
 * of each file's folder and arranging the columns as the scan requires. Reading it again reads the
 * same files again.
 */
final class FileScanPartition implements InputPartition {
  private final FileTable table;
  private final FileTable.ReadPlan plan;
  private final List<FileStatus> files;

  FileScanPartition(FileTable table, FileTable.ReadPlan plan, List<FileStatus> files) {
    this.table = table;
    this.plan = plan;
    this.files = files;
  }

  List<FileStatus> files() {
    return files;
  }

  /**
   * The batches of the files, one file after the other. A file that cannot be read fails the read with
   * FAILED_READ_FILE naming it, or under {@code ignoreCorruptFiles} is skipped from the point of
   * failure on with a warning (see {@link CorruptFiles}); a file gone since it was listed fails, or is
   * skipped under {@code ignoreMissingFiles}.
   */
  @Override
  public Iterator<ColumnBatch> read() {
    boolean ignoreMissing = table.options().getBoolean("ignoreMissingFiles", false);
    boolean ignoreCorrupt = CorruptFiles.ignore(table.formatContext());
    return new FileBatchIterator() {
      private int next;
      private Iterator<ColumnBatch> current = Collections.emptyIterator();
      private FileStatus file;
      private Object[] partValues;
      private ColumnBatch pending;

      @Override
      public boolean hasNext() {
        while (pending == null) {
          try {
            if (current.hasNext()) {
              pending = current.next();
              return true;
            }
          } catch (RuntimeException e) {
            skipOrThrow(e);
            continue;
          }
          if (next >= files.size()) {
            return false;
          }
          file = files.get(next++);
          partValues = table.partitionValues(file);
          try {
            current = table.format().read(table.fs(), file, table.dataSchema(), plan.requiredData(), plan.filters(),
                table.formatContext());
          } catch (IOException | RuntimeException e) {
            skipOrThrow(e);
          }
        }
        return true;
      }

      /** Skips the rest of the current file after {@code e}, or throws the error to raise. */
      private void skipOrThrow(Exception e) {
        Throwable cause = e instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : e;
        String path = file == null ? "?" : file.path();
        closeCurrent();
        if (cause instanceof FileNotFoundException || cause instanceof NoSuchFileException) {
          if (!ignoreMissing) {
            throw new SluiceException(ErrorClass.FAILED_READ_FILE, cause, path, "the file does not exist any more;"
                + " files must not be removed from the folder before they are read (or set ignoreMissingFiles)");
          }
          return;
        }
        if (!CorruptFiles.isReadFailure(e)) {
          throw (RuntimeException) e;
        }
        if (!ignoreCorrupt) {
          throw CorruptFiles.failed(path, cause);
        }
        CorruptFiles.skipped(path, cause);
      }

      private void closeCurrent() {
        Iterator<ColumnBatch> open = current;
        current = Collections.emptyIterator();
        if (open instanceof AutoCloseable c) {
          try {
            c.close();
          } catch (Exception e) {
            // nothing more is read from the file
          }
        }
      }

      @Override
      public ColumnBatch next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        ColumnBatch b = pending;
        pending = null;
        return arrange(b, partValues);
      }

      /** Closes the file being read, when the task ends before its end. */
      @Override
      public void close() {
        next = files.size();
        pending = null;
        closeCurrent();
      }
    };
  }

  private ColumnBatch arrange(ColumnBatch data, Object[] partValues) {
    int[] source = plan.source();
    boolean identity = source.length == data.numColumns();
    for (int i = 0; i < source.length && identity; i++) {
      identity = source[i] == i;
    }
    if (identity) {
      return data;
    }
    int n = data.numRows();
    ColumnVector[] cols = new ColumnVector[source.length];
    for (int i = 0; i < source.length; i++) {
      if (source[i] >= 0) {
        cols[i] = data.column(source[i]);
      } else {
        int p = -1 - source[i];
        cols[i] = ColumnVector.constant(plan.required().field(i).dataType(), partValues[p], n);
      }
    }
    return new ColumnBatch(cols, n);
  }
}
