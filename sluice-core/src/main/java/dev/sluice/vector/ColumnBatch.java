package dev.sluice.vector;

import dev.sluice.types.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * The unit of data that physical operators exchange: {@code numRows} rows stored as one
 * {@link ColumnVector} per column. Immutable.
 */
public final class ColumnBatch {
  private final ColumnVector[] columns;
  private final int numRows;

  public ColumnBatch(ColumnVector[] columns, int numRows) {
    this.columns = columns;
    this.numRows = numRows;
  }

  public static ColumnBatch empty(List<DataType> types) {
    ColumnVector[] cols = new ColumnVector[types.size()];
    for (int i = 0; i < cols.length; i++) {
      cols[i] = VectorBuilder.create(types.get(i), 0).build();
    }
    return new ColumnBatch(cols, 0);
  }

  /** A batch from internal row values. */
  public static ColumnBatch fromRows(List<DataType> types, List<Object[]> rows) {
    VectorBuilder[] builders = new VectorBuilder[types.size()];
    for (int c = 0; c < builders.length; c++) {
      builders[c] = VectorBuilder.create(types.get(c), rows.size());
    }
    for (Object[] row : rows) {
      for (int c = 0; c < builders.length; c++) {
        builders[c].append(row[c]);
      }
    }
    ColumnVector[] cols = new ColumnVector[builders.length];
    for (int c = 0; c < cols.length; c++) {
      cols[c] = builders[c].build();
    }
    return new ColumnBatch(cols, rows.size());
  }

  public int numRows() {
    return numRows;
  }

  public int numColumns() {
    return columns.length;
  }

  public ColumnVector column(int i) {
    return columns[i];
  }

  public ColumnVector[] columns() {
    return columns.clone();
  }

  /** The internal values of row i. */
  public Object[] row(int i) {
    Object[] out = new Object[columns.length];
    for (int c = 0; c < columns.length; c++) {
      out[c] = columns[c].get(i);
    }
    return out;
  }

  public List<Object[]> rows() {
    List<Object[]> out = new ArrayList<>(numRows);
    for (int i = 0; i < numRows; i++) {
      out.add(row(i));
    }
    return out;
  }

  public ColumnBatch gather(int[] indices, int n) {
    ColumnVector[] out = new ColumnVector[columns.length];
    for (int c = 0; c < columns.length; c++) {
      out[c] = columns[c].gather(indices, n);
    }
    return new ColumnBatch(out, n);
  }

  public ColumnBatch slice(int from, int length) {
    if (from == 0 && length == numRows) {
      return this;
    }
    int[] idx = new int[length];
    for (int i = 0; i < length; i++) {
      idx[i] = from + i;
    }
    return gather(idx, length);
  }

  /** A batch with the chosen columns, in that order (vectors are shared). */
  public ColumnBatch project(int[] ordinals) {
    ColumnVector[] out = new ColumnVector[ordinals.length];
    for (int i = 0; i < ordinals.length; i++) {
      out[i] = columns[ordinals[i]];
    }
    return new ColumnBatch(out, numRows);
  }

  public long estimatedBytes() {
    long b = 16;
    for (ColumnVector c : columns) {
      b += c.estimatedBytes();
    }
    return b;
  }

  public static ColumnBatch concat(List<DataType> types, List<ColumnBatch> batches) {
    List<ColumnBatch> nonEmpty = new ArrayList<>();
    for (ColumnBatch b : batches) {
      if (b.numRows > 0) {
        nonEmpty.add(b);
      }
    }
    if (nonEmpty.isEmpty()) {
      return empty(types);
    }
    if (nonEmpty.size() == 1) {
      return nonEmpty.get(0);
    }
    int total = 0;
    for (ColumnBatch b : nonEmpty) {
      total += b.numRows;
    }
    ColumnVector[] out = new ColumnVector[types.size()];
    for (int c = 0; c < out.length; c++) {
      List<ColumnVector> parts = new ArrayList<>(nonEmpty.size());
      for (ColumnBatch b : nonEmpty) {
        parts.add(b.columns[c]);
      }
      out[c] = ColumnVector.concat(types.get(c), parts);
    }
    return new ColumnBatch(out, total);
  }
}
