package dev.sluice.streaming.ops;

import dev.sluice.exec.StreamingExecInfo;
import dev.sluice.state.StateStore;
import dev.sluice.state.StateStoreId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Opens one state store per partition for a batch and remembers them for commit/abort and metrics. */
final class StateStoreAccess {
  private final long operatorId;
  private final String storeName;
  private final Map<Integer, StateStore> open = new ConcurrentHashMap<>();

  StateStoreAccess(long operatorId, String storeName) {
    this.operatorId = operatorId;
    this.storeName = storeName;
  }

  StateStore store(StreamingExecInfo info, int partition) {
    return open.computeIfAbsent(partition, p -> info.stateStores()
        .provider(new StateStoreId(operatorId, p, storeName)).getStore(info.batchId()));
  }

  List<StateStore> stores() {
    return new ArrayList<>(open.values());
  }

  void commit() {
    for (StateStore s : open.values()) {
      if (!s.hasCommitted()) {
        s.commit();
      }
    }
  }

  void abort() {
    for (StateStore s : open.values()) {
      if (!s.hasCommitted()) {
        s.abort();
      }
    }
  }
}
