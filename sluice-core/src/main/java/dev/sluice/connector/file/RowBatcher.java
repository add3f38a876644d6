package dev.sluice.connector.file;

import dev.sluice.types.StructType;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;
import dev.sluice.vector.VectorBuilder;

/** Collects rows of internal values into column batches of at most {@code batchSize} rows. */
public final class RowBatcher {
  private final StructType schema;
  private final int batchSize;
  private VectorBuilder[] builders;
  private int rows;

  public RowBatcher(StructType schema, int batchSize) {
    this.schema = schema;
    this.batchSize = Math.max(1, batchSize);
    reset();
  }

  private void reset() {
    builders = new VectorBuilder[schema.size()];
    for (int i = 0; i < builders.length; i++) {
      builders[i] = VectorBuilder.create(schema.field(i).dataType(), Math.min(batchSize, 1024));
    }
    rows = 0;
  }

  public void add(Object[] row) {
    for (int i = 0; i < builders.length; i++) {
      builders[i].append(row[i]);
    }
    rows++;
  }

  public VectorBuilder builder(int i) {
    return builders[i];
  }

  /** Counts a row appended column by column through {@link #builder}. */
  public void rowAdded() {
    rows++;
  }

  public boolean isFull() {
    return rows >= batchSize;
  }

  public int size() {
    return rows;
  }

  /** The rows collected so far as a batch, and starts a new one. */
  public ColumnBatch flush() {
    ColumnVector[] cols = new ColumnVector[builders.length];
    for (int i = 0; i < cols.length; i++) {
      cols[i] = builders[i].build();
    }
    ColumnBatch b = new ColumnBatch(cols, rows);
    reset();
    return b;
  }
}
