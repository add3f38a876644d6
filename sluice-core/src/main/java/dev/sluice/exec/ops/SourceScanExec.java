package dev.sluice.exec.ops;

import dev.sluice.connector.InputPartition;
import dev.sluice.exec.ExecContext;
import dev.sluice.exec.PhysicalPlan;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.vector.ColumnBatch;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads a connector's input partitions, one task per partition, keeping only the columns the query
 * needs ({@code columnOrdinals} into the source schema).
 */
public final class SourceScanExec extends PhysicalPlan {
  private final List<AttributeReference> output;
  private final List<InputPartition> partitions;
  private final int[] columnOrdinals;
  private final String label;
  private final AtomicLong rowsRead = new AtomicLong();

  public SourceScanExec(List<AttributeReference> output, List<InputPartition> partitions, int[] columnOrdinals,
      String label) {
    this.output = output;
    this.partitions = partitions;
    this.columnOrdinals = columnOrdinals;
    this.label = label;
  }

  public long rowsRead() {
    return rowsRead.get();
  }

  @Override
  public List<PhysicalPlan> children() {
    return List.of();
  }

  @Override
  public List<AttributeReference> output() {
    return output;
  }

  @Override
  public int numPartitions() {
    return Math.max(1, partitions.size());
  }

  @Override
  public Iterator<ColumnBatch> execute(int partition, ExecContext ctx) {
    if (partitions.isEmpty()) {
      return Batches.empty();
    }
    Iterator<ColumnBatch> reader = partitions.get(partition).read();
    if (reader instanceof AutoCloseable c) {
      ExecContext.closeAtTaskEnd(c);
    }
    return Batches.map(reader, b -> {
      rowsRead.addAndGet(b.numRows());
      return columnOrdinals == null ? b : b.project(columnOrdinals);
    });
  }

  @Override
  public String simpleString() {
    return "Scan " + label + " " + output + " partitions=" + partitions.size();
  }
}
