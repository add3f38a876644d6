package dev.sluice.streaming.ops;

import dev.sluice.api.streaming.StreamingQueryProgress.StateOperatorProgress;
import dev.sluice.exec.StreamingExecInfo;
import dev.sluice.state.StateStore;
import java.util.List;
import java.util.Map;

/** The state of a streaming {@code dropDuplicates}: the keys seen so far, one store per partition. */
public final class StreamingDeduplicate implements StatefulOperator {
  private final long operatorId;
  private final StreamingExecInfo info;
  private final StateStoreAccess stores;
  private final int partitions;

  public StreamingDeduplicate(long operatorId, StreamingExecInfo info, int partitions) {
    this.operatorId = operatorId;
    this.info = info;
    this.partitions = partitions;
    this.stores = new StateStoreAccess(operatorId, "default");
  }

  public StateStore store(int partition) {
    return stores.store(info, partition);
  }

  @Override
  public long operatorId() {
    return operatorId;
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
    long total = 0;
    long updated = 0;
    long mem = 0;
    List<StateStore> all = stores.stores();
    for (StateStore s : all) {
      total += s.numKeys();
      updated += s.numUpdated();
      mem += s.memoryBytes();
    }
    return new StateOperatorProgress("dedupe", total, updated, 0, 0, 0, 0, mem, 0, partitions, all.size(), Map.of());
  }
}
