package dev.sluice.exec.ops;

import dev.sluice.exec.eval.Evaluator;
import dev.sluice.exec.eval.ExpressionCompiler;
import dev.sluice.exec.ExecContext;
import dev.sluice.exec.Partitioning;
import dev.sluice.exec.PhysicalPlan;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Expression;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A shuffle: redistributes rows into {@code numPartitions} partitions, by the hash of key
 * expressions (rows with equal keys meet in one partition) or all into one partition. It is a stage
 * boundary: {@link #prepare} runs every input partition in parallel and buckets the output in memory.
 */
public final class ExchangeExec extends PhysicalPlan {
  private final List<Expression> keys;
  private final List<Evaluator> boundKeys;
  private final int numPartitions;
  private final PhysicalPlan child;
  private final Coalescing coalescing;
  private List<List<ColumnBatch>> buckets;

  /**
   * Merging adjacent small output partitions once the shuffle's size is known, as Spark's adaptive
   * execution does: each merged partition aims for max(minBytes, min(advisoryBytes, total /
   * parallelism)) bytes. Only for consumers that work per key (aggregation, window, deduplication),
   * never for joins (both sides must stay co-partitioned) nor for streaming state (fixed partitions).
   */
  public record Coalescing(long minBytes, long advisoryBytes, int parallelism) {}

  /** Hash partitioning by keys; with no keys, everything goes to partition 0 (numPartitions must be 1). */
  public ExchangeExec(List<Expression> keys, int numPartitions, PhysicalPlan child) {
    this(keys, numPartitions, child, null);
  }

  private ExchangeExec(List<Expression> keys, int numPartitions, PhysicalPlan child, Coalescing coalescing) {
    this.keys = keys;
    this.numPartitions = keys.isEmpty() ? 1 : numPartitions;
    this.child = child;
    this.boundKeys = ExpressionCompiler.bindAll(keys, child.output());
    this.coalescing = coalescing;
  }

  /** The same shuffle, merging small partitions after it ran (see {@link Coalescing}). */
  public ExchangeExec withCoalescing(Coalescing c) {
    return new ExchangeExec(keys, numPartitions, child, c);
  }

  public static ExchangeExec single(PhysicalPlan child) {
    return new ExchangeExec(List.of(), 1, child);
  }

  public List<Expression> keys() {
    return keys;
  }

  /** The partition a row with these key values goes to; the same function everywhere (joins, state). */
  public static int partitionOf(int hash, int numPartitions) {
    return Math.floorMod(hash, numPartitions);
  }

  @Override
  public List<PhysicalPlan> children() {
    return List.of(child);
  }

  @Override
  public List<AttributeReference> output() {
    return child.output();
  }

  /** The declared partition count, or after {@link #prepare} the merged one. */
  @Override
  public int numPartitions() {
    List<List<ColumnBatch>> b = buckets;
    return b != null ? b.size() : numPartitions;
  }

  @Override
  public void prepare(ExecContext ctx) {
    List<List<List<ColumnBatch>>> perTask = ctx.runTasks(child.numPartitions(), p -> split(child.execute(p, ctx)));
    List<int[]> ranges = new ArrayList<>();
    if (coalescing != null && numPartitions > 1) {
      ranges = coalescedRanges(perTask);
    } else {
      for (int i = 0; i < numPartitions; i++) {
        ranges.add(new int[] {i, i + 1});
      }
    }
    // A merged partition reads, input task by input task, that task's output for each partition of
    // its range, as Spark's shuffle reader does.
    List<List<ColumnBatch>> out = new ArrayList<>(ranges.size());
    for (int[] r : ranges) {
      List<ColumnBatch> bucket = new ArrayList<>();
      for (List<List<ColumnBatch>> task : perTask) {
        for (int i = r[0]; i < r[1]; i++) {
          bucket.addAll(task.get(i));
        }
      }
      out.add(bucket);
    }
    buckets = out;
  }

  private List<int[]> coalescedRanges(List<List<List<ColumnBatch>>> perTask) {
    long[] sizes = new long[numPartitions];
    long total = 0;
    for (List<List<ColumnBatch>> task : perTask) {
      for (int i = 0; i < numPartitions; i++) {
        for (ColumnBatch b : task.get(i)) {
          sizes[i] += b.estimatedBytes();
        }
      }
    }
    for (long sz : sizes) {
      total += sz;
    }
    long target = Math.max(coalescing.minBytes(),
        Math.min(coalescing.advisoryBytes(), total / Math.max(1, coalescing.parallelism())));
    List<int[]> ranges = new ArrayList<>();
    int start = 0;
    long current = 0;
    for (int i = 0; i < numPartitions; i++) {
      if (i > start && current + sizes[i] > target) {
        ranges.add(new int[] {start, i});
        start = i;
        current = 0;
      }
      current += sizes[i];
    }
    ranges.add(new int[] {start, numPartitions});
    return ranges;
  }

  private List<List<ColumnBatch>> split(Iterator<ColumnBatch> in) {
    List<List<ColumnBatch>> out = new ArrayList<>(numPartitions);
    for (int i = 0; i < numPartitions; i++) {
      out.add(new ArrayList<>());
    }
    while (in.hasNext()) {
      ColumnBatch b = in.next();
      if (b.numRows() == 0) {
        continue;
      }
      if (numPartitions == 1) {
        out.get(0).add(b);
        continue;
      }
      int n = b.numRows();
      ColumnVector[] k = new ColumnVector[boundKeys.size()];
      for (int i = 0; i < k.length; i++) {
        k[i] = boundKeys.get(i).eval(b);
      }
      int[] part = new int[n];
      int[] counts = new int[numPartitions];
      for (int i = 0; i < n; i++) {
        int p = partitionOf(dev.sluice.vector.Murmur3.hashRow(k, i), numPartitions);
        part[i] = p;
        counts[p]++;
      }
      int[][] idx = new int[numPartitions][];
      for (int p = 0; p < numPartitions; p++) {
        idx[p] = new int[counts[p]];
      }
      int[] fill = new int[numPartitions];
      for (int i = 0; i < n; i++) {
        int p = part[i];
        idx[p][fill[p]++] = i;
      }
      for (int p = 0; p < numPartitions; p++) {
        if (counts[p] == n) {
          out.get(p).add(b);
        } else if (counts[p] > 0) {
          out.get(p).add(b.gather(idx[p], counts[p]));
        }
      }
    }
    return out;
  }

  @Override
  public Iterator<ColumnBatch> execute(int partition, ExecContext ctx) {
    if (buckets == null) {
      throw new IllegalStateException("Exchange executed before it was prepared");
    }
    List<ColumnBatch> b = buckets.get(partition);
    return Batches.coalesce(outputTypes(), b, ctx.batchSize());
  }

  @Override
  public Partitioning outputPartitioning() {
    return keys.isEmpty() ? Partitioning.SINGLE : new Partitioning.Hash(keys, numPartitions, coalescing != null);
  }

  @Override
  public String simpleString() {
    return keys.isEmpty() ? "Exchange SinglePartition" : "Exchange hashpartitioning(" + keys + ", " + numPartitions + ")"
        + (coalescing != null ? ", coalescing small partitions" : "");
  }
}
