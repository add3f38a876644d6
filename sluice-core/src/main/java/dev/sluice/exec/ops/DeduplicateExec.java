package dev.sluice.exec.ops;

import dev.sluice.exec.Binder;
import dev.sluice.exec.ExecContext;
import dev.sluice.exec.PhysicalPlan;
import dev.sluice.exec.hash.GroupTable;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Expression;
import dev.sluice.state.StateStore;
import dev.sluice.types.DataType;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Keeps the first row of each key (input already partitioned by key). In a batch query the seen keys
 * live for the task; in a stream they are also looked up in and added to the partition's state
 * store, so a key seen in an earlier micro-batch is dropped too.
 */
public final class DeduplicateExec extends PhysicalPlan {
  private final List<Expression> keys;
  private final List<Expression> boundKeys;
  private final PhysicalPlan child;
  private final IntFunction<StateStore> stateStores;
  private final boolean streaming;

  public DeduplicateExec(List<Expression> keys, PhysicalPlan child, IntFunction<StateStore> stateStores,
      boolean streaming) {
    this.keys = keys;
    this.child = child;
    this.stateStores = stateStores;
    this.streaming = streaming;
    this.boundKeys = Binder.bindAll(keys, child.output());
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
    List<DataType> types = boundKeys.stream().map(Expression::dataType).toList();
    GroupTable seen = new GroupTable(types);
    StateStore store = streaming ? stateStores.apply(partition) : null;
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
          if (store != null) {
            Object[] key = new Object[k.length];
            for (int j = 0; j < k.length; j++) {
              key[j] = k[j].get(i);
            }
            if (store.get(key) != null) {
              continue;
            }
            store.put(key, new Object[0]);
          }
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
  public String simpleString() {
    return (streaming ? "StreamingDeduplicate " : "Deduplicate ") + keys;
  }
}
