package dev.sluice.state;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * State held in a hash map: the latest committed version, plus the current batch's writes kept apart
 * until commit so that an aborted or failed batch leaves the committed state untouched. Keeps no
 * older versions, so it serves a query without a checkpoint (or the warm path of one with a
 * checkpoint; durable versions are the checkpointing provider's job).
 */
public class InMemoryStateStoreProvider implements StateStoreProvider {
  private final Map<StateKey, Object[]> committed = new HashMap<>();
  private long committedVersion;

  @Override
  public synchronized StateStore getStore(long version) {
    if (version != committedVersion) {
      throw new IllegalStateException("In-memory state is at version " + committedVersion + " but version "
          + version + " was requested; this store keeps only its latest version");
    }
    return new Store(version);
  }

  @Override
  public synchronized long latestNumKeys() {
    return committed.size();
  }

  @Override
  public void close() {
    synchronized (this) {
      committed.clear();
    }
  }

  protected synchronized void applyCommit(long newVersion, Map<StateKey, Object[]> puts, Set<StateKey> removes) {
    for (StateKey k : removes) {
      committed.remove(k);
    }
    committed.putAll(puts);
    committedVersion = newVersion;
  }

  protected synchronized long committedVersion() {
    return committedVersion;
  }

  protected synchronized void reset(long version, Map<StateKey, Object[]> data) {
    committed.clear();
    committed.putAll(data);
    committedVersion = version;
  }

  protected Map<StateKey, Object[]> committedView() {
    return committed;
  }

  /** Hook for durable providers: persist one version's delta before it becomes visible. */
  protected void persistDelta(long newVersion, Map<StateKey, Object[]> puts, Set<StateKey> removes) {}

  private final class Store extends BufferedStateStore {
    Store(long version) {
      super(version);
    }

    @Override
    protected Object[] committedGet(StateKey key) {
      synchronized (InMemoryStateStoreProvider.this) {
        return committed.get(key);
      }
    }

    @Override
    protected Iterator<Map.Entry<Object[], Object[]>> committedEntries() {
      List<Map.Entry<Object[], Object[]>> copy = new ArrayList<>();
      synchronized (InMemoryStateStoreProvider.this) {
        for (Map.Entry<StateKey, Object[]> e : committed.entrySet()) {
          copy.add(new AbstractMap.SimpleEntry<>(e.getKey().values(), e.getValue()));
        }
      }
      return copy.iterator();
    }

    @Override
    protected long committedCount() {
      synchronized (InMemoryStateStoreProvider.this) {
        return committed.size();
      }
    }

    @Override
    protected void commitChanges(long newVersion, Map<StateKey, Object[]> puts, Set<StateKey> removes) {
      persistDelta(newVersion, puts, removes);
      applyCommit(newVersion, puts, removes);
    }

    @Override
    public long memoryBytes() {
      synchronized (InMemoryStateStoreProvider.this) {
        return 120L * (committed.size() + puts.size());
      }
    }
  }
}
