package dev.sluice.exec.ops;

import dev.sluice.exec.Distribution;
import dev.sluice.exec.ExecContext;
import dev.sluice.exec.Partitioning;
import dev.sluice.exec.PhysicalPlan;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.plan.expr.SortOrder;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The first {@code limit} rows of each partition. A global limit also asks for all rows in one
 * partition, so the planner puts it over a single-partition exchange (above a per-partition limit).
 */
public final class LimitExec extends PhysicalPlan {
  private final int limit;
  private final boolean global;
  private final PhysicalPlan child;

  /** A per-partition limit. */
  public LimitExec(int limit, PhysicalPlan child) {
    this(limit, false, child);
  }

  private LimitExec(int limit, boolean global, PhysicalPlan child) {
    this.limit = limit;
    this.global = global;
    this.child = child;
  }

  /** A limit over all rows of the child. */
  public static LimitExec global(int limit, PhysicalPlan child) {
    return new LimitExec(limit, true, child);
  }

  @Override
  public List<Distribution> requiredChildDistribution() {
    return List.of(global ? Distribution.ALL_TUPLES : Distribution.UNSPECIFIED);
  }

  @Override
  public Partitioning outputPartitioning() {
    return childPartitioning(child);
  }

  /** The first rows of a partition, in the order they came. */
  @Override
  public List<SortOrder> outputOrdering() {
    return childOrdering(child);
  }

  @Override
  public PhysicalPlan withNewChildren(List<PhysicalPlan> c) {
    return new LimitExec(limit, global, c.get(0));
  }

  @Override
  public List<PhysicalPlan> children() {
    return List.of(child);
  }

  @Override
  public List<AttributeReference> output() {
    return child.output();
  }

  @Override
  public int numPartitions() {
    return child.numPartitions();
  }

  @Override
  public Iterator<ColumnBatch> execute(int partition, ExecContext ctx) {
    Iterator<ColumnBatch> in = child.execute(partition, ctx);
    return new Iterator<>() {
      private int remaining = limit;

      @Override
      public boolean hasNext() {
        return remaining > 0 && in.hasNext();
      }

      @Override
      public ColumnBatch next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        ColumnBatch b = in.next();
        if (b.numRows() > remaining) {
          b = b.slice(0, remaining);
        }
        remaining -= b.numRows();
        return b;
      }
    };
  }

  @Override
  public String simpleString() {
    return (global ? "GlobalLimit " : "Limit ") + limit;
  }
}
