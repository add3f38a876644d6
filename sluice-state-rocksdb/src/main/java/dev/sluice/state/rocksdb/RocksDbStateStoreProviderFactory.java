package dev.sluice.state.rocksdb;

import dev.sluice.conf.SluiceConf;
import dev.sluice.state.CheckpointFileManager;
import dev.sluice.state.StateStoreProvider;
import dev.sluice.state.StateStoreProviderFactory;
import java.util.List;

/** Makes {@code providerClass=rocksdb} choose {@link RocksDbStateStoreProvider} when this module is on the class path. */
public final class RocksDbStateStoreProviderFactory implements StateStoreProviderFactory {
  @Override
  public String shortName() {
    return "rocksdb";
  }

  @Override
  public List<String> aliases() {
    return List.of(RocksDbStateStoreProvider.class.getName());
  }

  @Override
  public StateStoreProvider create(CheckpointFileManager files, String dir, SluiceConf conf) {
    return new RocksDbStateStoreProvider(files, dir, conf);
  }
}
