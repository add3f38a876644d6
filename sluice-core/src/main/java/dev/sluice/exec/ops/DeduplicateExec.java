package dev.sluice.exec.ops;

import dev.sluice.exec.eval.Evaluator;
import dev.sluice.exec.eval.ExpressionCompiler;
import dev.sluice.exec.Distribution;
import dev.sluice.exec.ExecContext;
import dev.sluice.exec.Partitioning;
import dev.sluice.exec.PhysicalPlan;
import dev.sluice.exec.hash.GroupTable;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Expression;
import dev.sluice.types.DataType;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;
import dev.sluice.plan.expr.SortOrder;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Keeps the first row of each key of a batch query (input already partitioned by key). */
public final class DeduplicateExec extends PhysicalPlan {
  private final List<Expression> keys;
  private final List<Evaluator> boundKeys;
  private final PhysicalPlan child;

  public DeduplicateExec(List<Expression> keys, PhysicalPlan child) {
    this.keys = keys;
    this.child = child;
    this.boundKeys = ExpressionCompiler.bindAll(keys, child.output());
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
    List<DataType> types = boundKeys.stream().map(Evaluator::dataType).toList();
    GroupTable seen = new GroupTable(types);
    List<ColumnBatch> out = new ArrayList<>();
    Iterator<ColumnBatch> in = child.execute(partition, ctx);
    while (in.hasNext()) {
      ColumnBatch b = in.next();
      int n = b.numRows();
      ColumnVector[] k = new ColumnVector[boundKeys.size()];
      for (int i = 0; i < k.length; i++) {
        k[i] = boundKeys.get(i).eval(b);
      }
      int before = seen.size();
      int[] ids = new int[n];
      seen.findOrInsert(k, n, ids);
      int[] keep = new int[n];
      int c = 0;
      int next = before;
      for (int i = 0; i < n; i++) {
        if (ids[i] == next) {
          next++;
          keep[c++] = i;
        }
      }
      if (c > 0) {
        out.add(c == n ? b : b.gather(keep, c));
      }
    }
    return out.iterator();
  }

  @Override
  public List<Distribution> requiredChildDistribution() {
    return List.of(Distribution.clustered(keys));
  }

  @Override
  public Partitioning outputPartitioning() {
    return childPartitioning(child);
  }

  /** The first row of each key, in the order the rows came. */
  @Override
  public List<SortOrder> outputOrdering() {
    return childOrdering(child);
  }

  @Override
  public PhysicalPlan withNewChildren(List<PhysicalPlan> c) {
    return new DeduplicateExec(keys, c.get(0));
  }

  @Override
  public String simpleString() {
    return "Deduplicate " + keys;
  }
}
