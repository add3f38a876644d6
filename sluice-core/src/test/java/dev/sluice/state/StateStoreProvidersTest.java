package dev.sluice.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.conf.SluiceConf;
import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@code sluice.sql.streaming.stateStore.providerClass} chooses a provider. */
class StateStoreProvidersTest {
  private final SluiceConf conf = new SluiceConf();

  @Test
  void theBuiltInProviderIsFoundByShortNameThroughServiceLoader() {
    assertThat(StateStoreProviders.factories()).containsKeys("memory", "default",
        CheckpointedStateStoreProvider.class.getName().toLowerCase(java.util.Locale.ROOT));
    assertThat(StateStoreProviders.factories().get("memory")).isInstanceOf(StateStoreProviders.Memory.class);
  }

  @Test
  void memoryKeepsStateInMemoryWithoutACheckpointAndInFilesWithOne(@TempDir Path dir) {
    assertThat(StateStoreProviders.create("memory", null, null, conf)).isExactlyInstanceOf(InMemoryStateStoreProvider.class);
    assertThat(StateStoreProviders.create(" ", null, null, conf)).isExactlyInstanceOf(InMemoryStateStoreProvider.class);
    CheckpointFileManager files = CheckpointFileManager.local(dir);
    StateStoreProvider p = StateStoreProviders.create("MEMORY", files, files.path("state", "0", "0"), conf);
    assertThat(p).isExactlyInstanceOf(CheckpointedStateStoreProvider.class);
    p.close();
  }

  /** A provider known only by its class name, as Spark's providerClass names them. */
  public static final class ByClassName extends InMemoryStateStoreProvider {
    final String dir;

    public ByClassName(CheckpointFileManager files, String dir, SluiceConf conf) {
      this.dir = dir;
    }
  }

  @Test
  void aClassNameIsInstantiatedWithTheStoreFolder(@TempDir Path dir) {
    CheckpointFileManager files = CheckpointFileManager.local(dir);
    String folder = files.path("state", "3", "1");
    StateStoreProvider p = StateStoreProviders.create(ByClassName.class.getName(), files, folder, conf);
    assertThat(p).isInstanceOf(ByClassName.class);
    assertThat(((ByClassName) p).dir).isEqualTo(folder);
  }

  @Test
  void anUnknownNameIsAConfigErrorListingTheShortNames() {
    assertThatThrownBy(() -> StateStoreProviders.create("rocksdb-nope", null, null, conf))
        .isInstanceOf(SluiceException.class)
        .satisfies(e -> assertThat(((SluiceException) e).errorClass()).isEqualTo(ErrorClass.CONFIG_INVALID))
        .hasMessageContaining("sluice.sql.streaming.stateStore.providerClass")
        .hasMessageContaining("memory")
        .hasMessageContaining("add the dev.sluice:sluice-state-rocksdb module");
  }
}
