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
    List<ColumnBatch> chunks = new ArrayList<>();
    for (ColumnBatch b : batches) {
      for (int from = 0; from < b.numRows(); from += batchSize) {
        chunks.add(b.slice(from, Math.min(batchSize, b.numRows() - from)));
      }
    }
    int n = Math.max(1, Math.min(maxPartitions, chunks.size()));
    partitions = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      partitions.add(new ArrayList<>());
    }
    // Contiguous ranges keep the input order within and across partitions.
    int per = (chunks.size() + n - 1) / Math.max(n, 1);
    for (int i = 0; i < chunks.size(); i++) {
      partitions.get(Math.min(i / Math.max(per, 1), n - 1)).add(chunks.get(i));
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
