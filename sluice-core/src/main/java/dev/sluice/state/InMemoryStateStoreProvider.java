package dev.sluice.state;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
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
  private long memoryEstimate;

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

  private final class Store implements StateStore {
    private final long version;
    private final Map<StateKey, Object[]> puts = new HashMap<>();
    private final Set<StateKey> removes = new HashSet<>();
    private boolean done;
    private long updated;
    private long commitMs;

    Store(long version) {
      this.version = version;
    }

    @Override
    public long version() {
      return version;
    }

    @Override
    public Object[] get(Object[] key) {
      StateKey k = new StateKey(key);
      Object[] v = puts.get(k);
      if (v != null) {
        return v;
      }
      if (removes.contains(k)) {
        return null;
      }
      synchronized (InMemoryStateStoreProvider.this) {
        return committed.get(k);
      }
    }

    @Override
    public void put(Object[] key, Object[] value) {
      StateKey k = new StateKey(key);
      removes.remove(k);
      puts.put(k, value);
      updated++;
    }

    @Override
    public void remove(Object[] key) {
      StateKey k = new StateKey(key);
      puts.remove(k);
      removes.add(k);
    }

    @Override
    public Iterator<Map.Entry<Object[], Object[]>> iterator() {
      Map<Object[], Object[]> view = new java.util.LinkedHashMap<>();
      synchronized (InMemoryStateStoreProvider.this) {
        for (Map.Entry<StateKey, Object[]> e : committed.entrySet()) {
          if (!removes.contains(e.getKey()) && !puts.containsKey(e.getKey())) {
            view.put(e.getKey().values(), e.getValue());
          }
        }
      }
      for (Map.Entry<StateKey, Object[]> e : puts.entrySet()) {
        view.put(e.getKey().values(), e.getValue());
      }
      return view.entrySet().iterator();
    }

    @Override
    public void commit() {
      if (done) {
        throw new IllegalStateException("State store version " + version + " was already committed or aborted");
      }
      long start = System.nanoTime();
      persistDelta(version + 1, puts, removes);
      applyCommit(version + 1, puts, removes);
      done = true;
      commitMs = (System.nanoTime() - start) / 1_000_000;
    }

    @Override
    public void abort() {
      done = true;
      puts.clear();
      removes.clear();
    }

    @Override
    public boolean hasCommitted() {
      return done;
    }

    @Override
    public long numKeys() {
      synchronized (InMemoryStateStoreProvider.this) {
        long n = committed.size();
        for (StateKey k : puts.keySet()) {
          if (!committed.containsKey(k)) {
            n++;
          }
        }
        for (StateKey k : removes) {
          if (committed.containsKey(k)) {
            n--;
          }
        }
        return n;
      }
    }

    @Override
    public long numUpdated() {
      return updated;
    }

    @Override
    public long numRemoved() {
      return removes.size();
    }

    @Override
    public long memoryBytes() {
      synchronized (InMemoryStateStoreProvider.this) {
        return memoryEstimate = 120L * (committed.size() + puts.size());
      }
    }

    @Override
    public long commitTimeMs() {
      return commitMs;
    }
  }
}
