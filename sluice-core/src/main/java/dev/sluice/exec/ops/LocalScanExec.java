package dev.sluice.exec.ops;

import dev.sluice.exec.ExecContext;
import dev.sluice.exec.PhysicalPlan;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.vector.ColumnBatch;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Rows held in memory, split into up to {@code maxPartitions} partitions of batch-sized chunks. */
public final class LocalScanExec extends PhysicalPlan {
  private final List<AttributeReference> output;
  private final List<List<ColumnBatch>> partitions;
  private final String label;

  public LocalScanExec(List<AttributeReference> output, List<ColumnBatch> batches, int maxPartitions, int batchSize,
      String label) {
    this.output = output;
    this.label = label;
    long total = 0;
    for (ColumnBatch b : batches) {
      total += b.numRows();
    }
    // As Spark's local scan: min(rows, parallelism) partitions of contiguous row ranges, the i-th
    // holding rows [i * total / n, (i + 1) * total / n), so the input order is kept within and across
    // partitions; each range is cut into batch-sized chunks.
    int n = (int) Math.max(1, Math.min(maxPartitions, total));
    partitions = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      partitions.add(new ArrayList<>());
    }
    long row = 0;
    int p = 0;
    for (ColumnBatch b : batches) {
      int from = 0;
      while (from < b.numRows()) {
        while (row >= ((p + 1) * total) / n) {
          p++;
        }
        long partitionEnd = ((p + 1) * total) / n;
        int len = (int) Math.min(Math.min(batchSize, b.numRows() - from), partitionEnd - row);
        partitions.get(p).add(from == 0 && len == b.numRows() ? b : b.slice(from, len));
        from += len;
        row += len;
      }
    }
  }

  /** Pre-partitioned data, e.g. the partitions a sink received. */
  public LocalScanExec(List<AttributeReference> output, List<List<ColumnBatch>> partitions, String label) {
    this.output = output;
    this.partitions = partitions.isEmpty() ? List.of(List.of()) : partitions;
    this.label = label;
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
    return partitions.size();
  }

  @Override
  public Iterator<ColumnBatch> execute(int partition, ExecContext ctx) {
    return partitions.get(partition).iterator();
  }

  @Override
  public String simpleString() {
    return "LocalScan" + (label == null ? "" : " " + label) + " " + output + " partitions=" + partitions.size();
  }
}
