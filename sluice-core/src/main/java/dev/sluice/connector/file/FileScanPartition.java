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

  @Override
  public Iterator<ColumnBatch> read() {
    boolean ignoreMissing = table.options().getBoolean("ignoreMissingFiles", false);
    return new FileBatchIterator() {
      private int next;
      private Iterator<ColumnBatch> current = Collections.emptyIterator();
      private FileStatus file;
      private Object[] partValues;

      @Override
      public boolean hasNext() {
        while (true) {
          try {
            if (current.hasNext()) {
              return true;
            }
          } catch (UncheckedIOException e) {
            throw failed(file, e.getCause());
          }
          if (next >= files.size()) {
            return false;
          }
          file = files.get(next++);
          partValues = table.partitionValues(file);
          try {
            current = table.format().read(table.fs(), file, table.dataSchema(), plan.requiredData(), plan.filters(),
                table.formatContext());
          } catch (FileNotFoundException | NoSuchFileException e) {
            if (!ignoreMissing) {
              throw new SluiceException(ErrorClass.FAILED_READ_FILE, e, file.path(), "the file does not exist any more;"
                  + " files must not be removed from the folder before they are read (or set ignoreMissingFiles)");
            }
            current = Collections.emptyIterator();
          } catch (IOException e) {
            throw failed(file, e);
          }
        }
      }

      @Override
      public ColumnBatch next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        ColumnBatch b;
        try {
          b = current.next();
        } catch (UncheckedIOException e) {
          throw failed(file, e.getCause());
        }
        return arrange(b, partValues);
      }

      /** Closes the file being read, when the task ends before its end. */
      @Override
      public void close() {
        next = files.size();
        Iterator<ColumnBatch> open = current;
        current = Collections.emptyIterator();
        if (open instanceof AutoCloseable c) {
          try {
            c.close();
          } catch (Exception e) {
            // the task is over; nothing more is read from the file
          }
        }
      }
    };
  }

  private static SluiceException failed(FileStatus file, IOException e) {
    return new SluiceException(ErrorClass.FAILED_READ_FILE, e, file == null ? "?" : file.path(), e.toString());
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
