package dev.sluice.state;

import dev.sluice.conf.SluiceConf;
import java.util.List;

/**
 * Creates the state store providers of one kind; found through {@link java.util.ServiceLoader} by
 * {@link #shortName()}, as connectors are. A module that brings a provider (RocksDB) lists its factory
 * in {@code META-INF/services/dev.sluice.state.StateStoreProviderFactory}, and users choose it with
 * {@code sluice.sql.streaming.stateStore.providerClass=<short name>}.
 *
 * <p>Implementations must be stateless and thread-safe; {@link #create} is called once per operator
 * and partition of a running query.
 */
public interface StateStoreProviderFactory {
  /** The name users configure, compared case-insensitively ("memory", "rocksdb"). */
  String shortName();

  /** Other names that choose this factory, such as the provider's class name. */
  default List<String> aliases() {
    return List.of();
  }

  /**
   * A provider for one store. {@code dir} is the store's folder in the checkpoint and {@code files}
   * the checkpoint's file manager; both are null for a query without a checkpoint, whose state lives
   * only as long as the query.
   */
  StateStoreProvider create(CheckpointFileManager files, String dir, SluiceConf conf);
}
