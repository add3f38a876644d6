package dev.sluice.state;

/**
 * Owns the versions of one state store (one operator, one partition) and hands out a
 * {@link StateStore} loaded at a version. Implementations decide where versions are kept (memory,
 * checkpoint files, RocksDB).
 */
public interface StateStoreProvider {
  /** A store loaded at {@code version} (the state after {@code version} batches). */
  StateStore getStore(long version);

  /** Rows and bytes of the latest committed version, for progress reports. */
  long latestNumKeys();

  void close();
}
