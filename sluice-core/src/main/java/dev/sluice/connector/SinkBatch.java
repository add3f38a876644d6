package dev.sluice.connector;

import dev.sluice.types.Row;
import dev.sluice.types.StructType;
import dev.sluice.types.Values;
import dev.sluice.vector.ColumnBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * The rows one micro-batch hands to a sink: the query result for this batch under the output mode
 * (new rows for append, changed rows for update, the whole result for complete), split in partitions
 * that a sink may write in parallel on {@link #executor()}.
 */
public final class SinkBatch {
  private final StructType schema;
  private final List<List<ColumnBatch>> partitions;
  private final ExecutorService executor;

  public SinkBatch(StructType schema, List<List<ColumnBatch>> partitions, ExecutorService executor) {
    this.schema = schema;
    this.partitions = partitions;
    this.executor = executor;
  }

  public StructType schema() {
    return schema;
  }

  public List<List<ColumnBatch>> partitions() {
    return partitions;
  }

  public int numPartitions() {
    return partitions.size();
  }

  /** The engine's worker pool, for sinks that write partitions in parallel. */
  public ExecutorService executor() {
    return executor;
  }

  public long numRows() {
    long n = 0;
    for (List<ColumnBatch> p : partitions) {
      for (ColumnBatch b : p) {
        n += b.numRows();
      }
    }
    return n;
  }

  /** All rows, in partition order, as external rows with the schema. */
  public List<Row> rows() {
    List<Row> out = new ArrayList<>();
    for (List<ColumnBatch> p : partitions) {
      for (ColumnBatch b : p) {
        for (int i = 0; i < b.numRows(); i++) {
          out.add(Values.externalRow(b.row(i), schema));
        }
      }
    }
    return out;
  }
}
