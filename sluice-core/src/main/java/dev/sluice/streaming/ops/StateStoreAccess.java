package dev.sluice.streaming.ops;

import dev.sluice.state.StateStore;
import dev.sluice.state.StateStoreId;
import dev.sluice.streaming.StreamingExecInfo;
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

  /** Totals over the stores this batch opened. */
  record Totals(long numKeys, long numUpdated, long memoryBytes, long commitTimeMs, int instances) {}

  Totals totals() {
    long keys = 0;
    long updated = 0;
    long mem = 0;
    long commitMs = 0;
    List<StateStore> all = stores();
    for (StateStore s : all) {
      keys += s.numKeys();
      updated += s.numUpdated();
      mem += s.memoryBytes();
      commitMs = Math.max(commitMs, s.commitTimeMs());
    }
    return new Totals(keys, updated, mem, commitMs, all.size());
  }

  /** The totals of several accesses (a join keeps one per side). */
  static Totals sum(StateStoreAccess... accesses) {
    long keys = 0;
    long updated = 0;
    long mem = 0;
    long commitMs = 0;
    int n = 0;
    for (StateStoreAccess a : accesses) {
      Totals t = a.totals();
      keys += t.numKeys();
      updated += t.numUpdated();
      mem += t.memoryBytes();
      commitMs = Math.max(commitMs, t.commitTimeMs());
      n += t.instances();
    }
    return new Totals(keys, updated, mem, commitMs, n);
  }

  void abort() {
    for (StateStore s : open.values()) {
      if (!s.hasCommitted()) {
        s.abort();
      }
    }
  }
}
