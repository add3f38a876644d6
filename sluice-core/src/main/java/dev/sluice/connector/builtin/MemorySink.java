package dev.sluice.connector.builtin;

import dev.sluice.connector.QueryableSink;
import dev.sluice.connector.Sink;
import dev.sluice.connector.SinkBatch;
import dev.sluice.types.Row;
import dev.sluice.types.StructType;
import dev.sluice.types.Values;
import dev.sluice.vector.ColumnBatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps every batch's rows in memory. In append and update mode rows accumulate; in complete mode
 * each batch replaces the previous result. A batch id it has already seen is ignored, so a replayed
 * batch is not added twice. Thread-safe.
 */
public final class MemorySink implements QueryableSink {
  private final StructType schema;
  private final boolean complete;
  private final Map<Long, List<Object[]>> batches = new LinkedHashMap<>();
  private long lastBatchId = -1;

  public MemorySink(StructType schema, String outputMode) {
    this.schema = schema;
    this.complete = "complete".equalsIgnoreCase(outputMode);
  }

  public StructType schema() {
    return schema;
  }

  @Override
  public synchronized void addBatch(long batchId, SinkBatch data) {
    if (batchId <= lastBatchId) {
      return;
    }
    List<Object[]> rows = new ArrayList<>();
    for (List<ColumnBatch> p : data.partitions()) {
      for (ColumnBatch b : p) {
        rows.addAll(b.rows());
      }
    }
    if (complete) {
      batches.clear();
    }
    batches.put(batchId, rows);
    lastBatchId = batchId;
  }

  /** All rows held (internal values). */
  @Override
  public synchronized List<Object[]> internalRows() {
    List<Object[]> out = new ArrayList<>();
    batches.values().forEach(out::addAll);
    return out;
  }

  /** All rows held, as external rows. */
  public synchronized List<Row> allRows() {
    List<Row> out = new ArrayList<>();
    for (Object[] r : internalRows()) {
      out.add(Values.externalRow(r, schema));
    }
    return out;
  }

  /** Rows written by the latest batch. */
  public synchronized List<Row> latestBatchRows() {
    List<Row> out = new ArrayList<>();
    List<Object[]> last = batches.get(lastBatchId);
    if (last != null) {
      for (Object[] r : last) {
        out.add(Values.externalRow(r, schema));
      }
    }
    return out;
  }

  public synchronized long lastBatchId() {
    return lastBatchId;
  }

  public synchronized void clear() {
    batches.clear();
  }

  @Override
  public String description() {
    return "MemorySink";
  }
}
