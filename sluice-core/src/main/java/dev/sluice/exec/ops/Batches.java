package dev.sluice.exec.ops;

import dev.sluice.types.DataType;
import dev.sluice.vector.ColumnBatch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/** Iterator helpers for operators. */
public final class Batches {
  private Batches() {}

  public static Iterator<ColumnBatch> empty() {
    return Collections.emptyIterator();
  }

  /** Maps each batch; drops batches the function turns into null or empty. */
  public static Iterator<ColumnBatch> map(Iterator<ColumnBatch> in, Function<ColumnBatch, ColumnBatch> f) {
    return new Iterator<>() {
      private ColumnBatch next;

      @Override
      public boolean hasNext() {
        while (next == null && in.hasNext()) {
          ColumnBatch b = f.apply(in.next());
          if (b != null && b.numRows() > 0) {
            next = b;
          }
        }
        return next != null;
      }

      @Override
      public ColumnBatch next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        ColumnBatch b = next;
        next = null;
        return b;
      }
    };
  }

  public static List<ColumnBatch> drain(Iterator<ColumnBatch> it) {
    List<ColumnBatch> out = new ArrayList<>();
    while (it.hasNext()) {
      ColumnBatch b = it.next();
      if (b.numRows() > 0) {
        out.add(b);
      }
    }
    return out;
  }

  /** All batches concatenated into one. */
  public static ColumnBatch concatAll(List<DataType> types, Iterator<ColumnBatch> it) {
    return ColumnBatch.concat(types, drain(it));
  }

  /** Re-chunks small batches into batches of about {@code target} rows. */
  public static Iterator<ColumnBatch> coalesce(List<DataType> types, List<ColumnBatch> batches, int target) {
    List<ColumnBatch> out = new ArrayList<>();
    List<ColumnBatch> pending = new ArrayList<>();
    int rows = 0;
    for (ColumnBatch b : batches) {
      if (b.numRows() == 0) {
        continue;
      }
      if (b.numRows() >= target && pending.isEmpty()) {
        out.add(b);
        continue;
      }
      pending.add(b);
      rows += b.numRows();
      if (rows >= target) {
        out.add(ColumnBatch.concat(types, pending));
        pending = new ArrayList<>();
        rows = 0;
      }
    }
    if (!pending.isEmpty()) {
      out.add(ColumnBatch.concat(types, pending));
    }
    return out.iterator();
  }
}
