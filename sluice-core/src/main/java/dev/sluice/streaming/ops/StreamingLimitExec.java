package dev.sluice.streaming.ops;

import dev.sluice.api.streaming.StreamingQueryProgress.StateOperatorProgress;
import dev.sluice.exec.Distribution;
import dev.sluice.exec.ExecContext;
import dev.sluice.exec.PhysicalPlan;
import dev.sluice.exec.ops.Batches;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.state.StateStore;
import dev.sluice.streaming.StreamingExecInfo;
import dev.sluice.vector.ColumnBatch;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code LIMIT n} on a stream in append mode: the first n rows of the whole stream. The number of
 * rows emitted so far is state, so later batches emit only what is left (then nothing).
 */
public final class StreamingLimitExec extends PhysicalPlan implements StatefulOperator {
  private static final Object[] KEY = new Object[0];
  private final long operatorId;
  private final long limit;
  private final PhysicalPlan child;
  private final StreamingExecInfo info;
  private final StateStoreAccess stores;

  public StreamingLimitExec(long operatorId, long limit, PhysicalPlan child, StreamingExecInfo info) {
    this.operatorId = operatorId;
    this.limit = limit;
    this.child = child;
    this.info = info;
    this.stores = new StateStoreAccess(operatorId, "default");
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
    return 1;
  }

  @Override
  public Iterator<ColumnBatch> execute(int partition, ExecContext ctx) {
    StateStore store = stores.store(info, partition);
    Object[] prev = store.get(KEY);
    long emitted = prev == null ? 0 : (Long) prev[0];
    List<ColumnBatch> out = new ArrayList<>();
    Iterator<ColumnBatch> in = child.execute(partition, ctx);
    while (in.hasNext() && emitted < limit) {
      ColumnBatch b = in.next();
      int take = (int) Math.min(b.numRows(), limit - emitted);
      if (take > 0) {
        out.add(take == b.numRows() ? b : b.slice(0, take));
        emitted += take;
      }
    }
    store.put(KEY, new Object[] {emitted});
    return out.isEmpty() ? Batches.empty() : out.iterator();
  }

  @Override
  public long operatorId() {
    return operatorId;
  }

  @Override
  public String stateSchema() {
    return "globalLimit";
  }

  @Override
  public void commitState() {
    stores.commit();
  }

  @Override
  public void abortState() {
    stores.abort();
  }

  @Override
  public boolean shouldRunAnotherBatch(long newWatermarkMicros) {
    return false;
  }

  @Override
  public StateOperatorProgress progress() {
    StateStoreAccess.Totals t = stores.totals();
    return new StateOperatorProgress("globalLimit", t.numKeys(), t.numUpdated(), 0, 0, 0, t.commitTimeMs(),
        t.memoryBytes(), 0, 1, t.instances(), Map.of());
  }

  /** One state partition: the count of rows emitted so far over the whole stream. */
  @Override
  public List<Distribution> requiredChildDistribution() {
    return List.of(Distribution.ALL_TUPLES);
  }

  @Override
  public PhysicalPlan withNewChildren(List<PhysicalPlan> c) {
    return new StreamingLimitExec(operatorId, limit, c.get(0), info);
  }

  @Override
  public String simpleString() {
    return "StreamingGlobalLimit " + limit;
  }
}
