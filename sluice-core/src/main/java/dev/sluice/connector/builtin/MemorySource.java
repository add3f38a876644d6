package dev.sluice.connector.builtin;

import dev.sluice.connector.InputPartition;
import dev.sluice.connector.LongOffset;
import dev.sluice.connector.Offset;
import dev.sluice.connector.ReadLimit;
import dev.sluice.connector.Source;
import dev.sluice.types.Row;
import dev.sluice.types.StructType;
import dev.sluice.types.Values;
import dev.sluice.vector.ColumnBatch;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * An in-memory stream for tests and demos: each {@link #addData} call appends one block of rows and
 * advances the offset by one (the offset is the number of blocks added). A micro-batch reads the
 * blocks in its offset range, so replaying a range returns the same rows. Thread-safe: data may be
 * added while a query reads.
 */
public final class MemorySource implements Source {
  private final StructType schema;
  private final String name;
  private final int maxPartitions;
  private final List<ColumnBatch> blocks = new ArrayList<>();
  /** With an AvailableNow trigger: the number of blocks available when the query started. */
  private long availableNowEnd = -1;

  public MemorySource(StructType schema, String name, int maxPartitions) {
    this.schema = schema;
    this.name = name;
    this.maxPartitions = Math.max(1, maxPartitions);
  }

  /** Appends one block of rows; returns the offset that includes it. */
  public synchronized LongOffset addData(List<Row> rows) {
    List<Object[]> internal = new ArrayList<>(rows.size());
    for (Row r : rows) {
      internal.add(Values.internalRow(r, schema));
    }
    blocks.add(ColumnBatch.fromRows(schema.types(), internal));
    return new LongOffset(blocks.size());
  }

  /** Appends blocks already in columnar form (schema order, internal values); each is one offset step. */
  public synchronized LongOffset addBatches(List<ColumnBatch> batches) {
    blocks.addAll(batches);
    return new LongOffset(blocks.size());
  }

  public synchronized LongOffset currentOffset() {
    return new LongOffset(blocks.size());
  }

  @Override
  public StructType schema() {
    return schema;
  }

  @Override
  public Offset initialOffset() {
    return new LongOffset(0);
  }

  @Override
  public synchronized Offset latestOffset(Offset start, ReadLimit limit) {
    long from = start == null ? 0 : ((LongOffset) start).value();
    long end = availableNowEnd >= 0 ? Math.min(blocks.size(), availableNowEnd) : blocks.size();
    if (!limit.isAll() && limit.maxRows() != Long.MAX_VALUE) {
      // Rate-limit by whole blocks: at least one block, then as many as fit.
      long rows = 0;
      long e = from;
      while (e < end) {
        long n = blocks.get((int) e).numRows();
        if (e > from && rows + n > limit.maxRows()) {
          break;
        }
        rows += n;
        e++;
      }
      end = e;
    }
    return new LongOffset(end);
  }

  @Override
  public synchronized void prepareForTriggerAvailableNow() {
    availableNowEnd = blocks.size();
  }

  @Override
  public synchronized List<InputPartition> planInputPartitions(Offset start, Offset end) {
    int from = start == null ? 0 : (int) ((LongOffset) start).value();
    int to = (int) ((LongOffset) end).value();
    if (to > blocks.size()) {
      throw new IllegalStateException("Memory stream " + name + " has " + blocks.size()
          + " blocks but offset " + to + " was requested; its data does not survive a restart of the JVM");
    }
    List<ColumnBatch> range = new ArrayList<>(blocks.subList(Math.max(from, 0), to));
    List<InputPartition> parts = new ArrayList<>();
    long total = range.stream().mapToLong(ColumnBatch::numRows).sum();
    if (total == 0) {
      return parts;
    }
    // A single large block is split so it can be processed in parallel; many blocks are grouped
    // into at most maxPartitions contiguous partitions (order within a partition is kept).
    if (range.size() == 1 && maxPartitions > 1 && total >= 2L * maxPartitions) {
      ColumnBatch b = range.get(0);
      int per = (int) ((total + maxPartitions - 1) / maxPartitions);
      for (int off = 0; off < b.numRows(); off += per) {
        ColumnBatch slice = b.slice(off, Math.min(per, b.numRows() - off));
        parts.add(() -> List.of(slice).iterator());
      }
      return parts;
    }
    List<ColumnBatch> nonEmpty = range.stream().filter(b -> b.numRows() > 0).toList();
    int n = Math.min(maxPartitions, nonEmpty.size());
    int per = (nonEmpty.size() + n - 1) / n;
    for (int g = 0; g < nonEmpty.size(); g += per) {
      List<ColumnBatch> group = nonEmpty.subList(g, Math.min(nonEmpty.size(), g + per));
      parts.add(group::iterator);
    }
    return parts;
  }

  @Override
  public Offset deserializeOffset(String json) {
    return LongOffset.parse(json);
  }

  @Override
  public String description() {
    return "MemoryStream[" + name + "]";
  }

  /** Iterates all rows added so far (for diagnostics). */
  public synchronized Iterator<ColumnBatch> blocks() {
    return new ArrayList<>(blocks).iterator();
  }
}
