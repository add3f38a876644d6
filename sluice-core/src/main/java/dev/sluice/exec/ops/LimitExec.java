package dev.sluice.exec.ops;

import dev.sluice.exec.ExecContext;
import dev.sluice.exec.PhysicalPlan;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.vector.ColumnBatch;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** The first {@code limit} rows of each partition (a global limit runs after a single-partition exchange). */
public final class LimitExec extends PhysicalPlan {
  private final int limit;
  private final PhysicalPlan child;

  public LimitExec(int limit, PhysicalPlan child) {
    this.limit = limit;
    this.child = child;
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
    return "Limit " + limit;
  }
}
