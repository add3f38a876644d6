package dev.sluice.state;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The state stores of one running query, keyed by {@link StateStoreId}. Providers live as long as
 * the query runs, so in-memory state survives between micro-batches.
 */
public final class StateStoreRegistry {
  private final Map<StateStoreId, StateStoreProvider> providers = new ConcurrentHashMap<>();
  private final Function<StateStoreId, StateStoreProvider> factory;

  public StateStoreRegistry(Function<StateStoreId, StateStoreProvider> factory) {
    this.factory = factory;
  }

  public StateStoreProvider provider(StateStoreId id) {
    return providers.computeIfAbsent(id, factory);
  }

  public Collection<StateStoreProvider> providers() {
    return providers.values();
  }

  public void close() {
    providers.values().forEach(StateStoreProvider::close);
    providers.clear();
  }
}
