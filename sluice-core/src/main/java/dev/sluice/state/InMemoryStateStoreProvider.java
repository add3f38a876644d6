package dev.sluice.state;

import dev.sluice.conf.SluiceConf;
import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import java.lang.ref.Cleaner;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * State held in a hash map: the latest committed version, plus the current batch's writes kept apart
 * until commit so that an aborted or failed batch leaves the committed state untouched. Keeps no
 * older versions, so it serves a query without a checkpoint (or the warm path of one with a
 * checkpoint; durable versions are the checkpointing provider's job).
 *
 * <p>All in-memory stores of the JVM share a memory budget ({@code
 * sluice.sql.streaming.stateStore.memory.maxBytes}, by default half the heap), checked on every put
 * against an estimate of the state's size: state that outgrows the heap fails with an error naming
 * its size and suggesting the RocksDB provider, rather than with "Java heap space".
 */
public class InMemoryStateStoreProvider implements StateStoreProvider {
  /** The estimated bytes of the committed state of every live in-memory store of the JVM: they share its heap. */
  private static final AtomicLong ALL_STORES = new AtomicLong();
  private static final Cleaner CLEANER = Cleaner.create();

  private final Map<StateKey, Object[]> committed = new HashMap<>();
  private long committedVersion;
  private final long budget;
  /** This store's share of {@link #ALL_STORES}; given back on close, or when the provider is collected. */
  private final AtomicLong committedBytes = new AtomicLong();

  /** A store with the default budget ({@link #defaultBudget()}). */
  public InMemoryStateStoreProvider() {
    this(defaultBudget());
  }

  /**
   * A store whose puts fail with STATE_STORE_MEMORY_LIMIT_EXCEEDED once the estimated state of all
   * in-memory stores, with this batch's writes, would pass {@code budget} bytes: a clear error, and
   * the advice to use RocksDB, before the JVM runs out of heap.
   */
  public InMemoryStateStoreProvider(long budget) {
    this.budget = budget <= 0 ? defaultBudget() : budget;
    AtomicLong mine = committedBytes;
    CLEANER.register(this, () -> ALL_STORES.addAndGet(-mine.getAndSet(0)));
  }

  /** Half the heap: what the state of all in-memory stores may take unless configured. */
  public static long defaultBudget() {
    return Runtime.getRuntime().maxMemory() / 2;
  }

  /** The budget of the configuration ({@link SluiceConf#STATE_STORE_MEMORY_MAX_BYTES}, else the default). */
  public static long budget(SluiceConf conf) {
    Long b = conf == null ? null : conf.get(SluiceConf.STATE_STORE_MEMORY_MAX_BYTES);
    return b == null || b <= 0 ? defaultBudget() : b;
  }

  /** The estimated heap bytes of this store's committed state. */
  public long memoryBytes() {
    return committedBytes.get();
  }

  private void addCommitted(long delta) {
    committedBytes.addAndGet(delta);
    ALL_STORES.addAndGet(delta);
  }

  private static String size(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f MB (%d bytes)", bytes / 1048576.0, bytes);
  }

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
      addCommitted(-committedBytes.get());
    }
  }

  protected synchronized void applyCommit(long newVersion, Map<StateKey, Object[]> puts, Set<StateKey> removes) {
    long delta = 0;
    for (StateKey k : removes) {
      Object[] old = committed.remove(k);
      if (old != null) {
        delta -= StateSizes.ENTRY + StateSizes.row(k.values()) + StateSizes.row(old);
      }
    }
    for (Map.Entry<StateKey, Object[]> e : puts.entrySet()) {
      Object[] old = committed.put(e.getKey(), e.getValue());
      delta += StateSizes.row(e.getValue())
          - (old == null ? -(StateSizes.ENTRY + StateSizes.row(e.getKey().values())) : StateSizes.row(old));
    }
    addCommitted(delta);
    committedVersion = newVersion;
  }

  protected synchronized long committedVersion() {
    return committedVersion;
  }

  protected synchronized void reset(long version, Map<StateKey, Object[]> data) {
    committed.clear();
    committed.putAll(data);
    long bytes = 0;
    for (Map.Entry<StateKey, Object[]> e : data.entrySet()) {
      bytes += StateSizes.ENTRY + StateSizes.row(e.getKey().values()) + StateSizes.row(e.getValue());
    }
    addCommitted(bytes - committedBytes.get());
    committedVersion = version;
  }

  protected Map<StateKey, Object[]> committedView() {
    return committed;
  }

  /** Hook for durable providers: persist one version's delta before it becomes visible. */
  protected void persistDelta(long newVersion, Map<StateKey, Object[]> puts, Set<StateKey> removes) {}

  private final class Store extends BufferedStateStore {
    /** Estimated bytes this batch's writes add until they are committed. */
    private long pending;

    Store(long version) {
      super(version);
    }

    @Override
    protected void beforePut(StateKey key, Object[] value) {
      Object[] prev = puts.get(key);
      long add = prev == null ? StateSizes.ENTRY + StateSizes.row(key.values()) + StateSizes.row(value)
          : StateSizes.row(value) - StateSizes.row(prev);
      long all = ALL_STORES.get() + pending + add;
      if (add > 0 && all > budget) {
        throw new SluiceException(ErrorClass.STATE_STORE_MEMORY_LIMIT_EXCEEDED, size(all), committed.size() + puts.size(),
            size(budget), SluiceConf.STATE_STORE_MEMORY_MAX_BYTES.key());
      }
      pending += add;
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
