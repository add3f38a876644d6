package dev.sluice.state;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link StateStore} whose batch writes are buffered apart from the committed version until
 * {@link #commit()}: reads see the buffer first, then the committed state. Providers supply the
 * committed side and what a commit does. Not thread-safe (one task per store).
 */
public abstract class BufferedStateStore implements StateStore {
  private final long version;
  protected final Map<StateKey, Object[]> puts = new HashMap<>();
  protected final Set<StateKey> removes = new HashSet<>();
  private boolean done;
  private long updated;
  private long commitMs;

  protected BufferedStateStore(long version) {
    this.version = version;
  }

  /** The committed value for a key, or null. */
  protected abstract Object[] committedGet(StateKey key);

  /** Every committed (key, value) pair. */
  protected abstract Iterator<Map.Entry<Object[], Object[]>> committedEntries();

  /** Number of committed keys. */
  protected abstract long committedCount();

  /** Makes the buffered writes version {@code newVersion} (durably, for a checkpointing provider). */
  protected abstract void commitChanges(long newVersion, Map<StateKey, Object[]> puts, Set<StateKey> removes);

  @Override
  public final long version() {
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
    return committedGet(k);
  }

  @Override
  public void put(Object[] key, Object[] value) {
    StateKey k = new StateKey(key);
    beforePut(k, value);
    removes.remove(k);
    puts.put(k, value);
    updated++;
  }

  /** Called before each put (the key's hash already computed); may refuse it by throwing. */
  protected void beforePut(StateKey key, Object[] value) {}

  @Override
  public void remove(Object[] key) {
    StateKey k = new StateKey(key);
    puts.remove(k);
    removes.add(k);
  }

  @Override
  public Iterator<Map.Entry<Object[], Object[]>> iterator() {
    List<Map.Entry<Object[], Object[]>> out = new ArrayList<>();
    Iterator<Map.Entry<Object[], Object[]>> committed = committedEntries();
    while (committed.hasNext()) {
      Map.Entry<Object[], Object[]> e = committed.next();
      StateKey k = new StateKey(e.getKey());
      if (!removes.contains(k) && !puts.containsKey(k)) {
        out.add(e);
      }
    }
    for (Map.Entry<StateKey, Object[]> e : puts.entrySet()) {
      out.add(new AbstractMap.SimpleEntry<>(e.getKey().values(), e.getValue()));
    }
    return out.iterator();
  }

  @Override
  public void commit() {
    if (done) {
      throw new IllegalStateException("State store version " + version + " was already committed or aborted");
    }
    long start = System.nanoTime();
    commitChanges(version + 1, puts, removes);
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

  /** Keys as of now: committed keys, plus new ones this batch put, minus the ones it removed. */
  @Override
  public long numKeys() {
    if (done) {
      return committedCount();
    }
    long n = committedCount();
    for (StateKey k : puts.keySet()) {
      if (committedGet(k) == null) {
        n++;
      }
    }
    for (StateKey k : removes) {
      if (committedGet(k) != null) {
        n--;
      }
    }
    return n;
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
  public long commitTimeMs() {
    return commitMs;
  }
}
