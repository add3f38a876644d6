package dev.sluice.state;

import dev.sluice.conf.SluiceConf;
import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Resolves {@code sluice.sql.streaming.stateStore.providerClass} to a provider: a short name of a
 * {@link StateStoreProviderFactory} found through {@link ServiceLoader} (built in: {@code memory},
 * which keeps state in memory and, with a checkpoint, in delta and snapshot files), or the class name
 * of a {@link StateStoreProvider} with a {@code (CheckpointFileManager, String, SluiceConf)}
 * constructor (or an older {@code (Path, SluiceConf)} one, for local checkpoints only).
 */
public final class StateStoreProviders {
  private StateStoreProviders() {}

  /** The built-in provider: memory, plus checkpoint files when the query has a checkpoint. */
  public static final class Memory implements StateStoreProviderFactory {
    @Override
    public String shortName() {
      return "memory";
    }

    @Override
    public List<String> aliases() {
      return List.of("default", CheckpointedStateStoreProvider.class.getName());
    }

    @Override
    public StateStoreProvider create(CheckpointFileManager files, String dir, SluiceConf conf) {
      if (dir == null) {
        return new InMemoryStateStoreProvider(InMemoryStateStoreProvider.budget(conf));
      }
      return new CheckpointedStateStoreProvider(files, dir, conf.get(SluiceConf.MIN_DELTAS_FOR_SNAPSHOT),
          conf.get(SluiceConf.MIN_BATCHES_TO_RETAIN), InMemoryStateStoreProvider.budget(conf));
    }
  }

  /** Factories by lower-case short name and alias, in class-path order (a first registration wins). */
  public static Map<String, StateStoreProviderFactory> factories() {
    Map<String, StateStoreProviderFactory> out = new LinkedHashMap<>();
    for (StateStoreProviderFactory f : ServiceLoader.load(StateStoreProviderFactory.class,
        StateStoreProviders.class.getClassLoader())) {
      out.putIfAbsent(f.shortName().toLowerCase(Locale.ROOT), f);
      for (String a : f.aliases()) {
        out.putIfAbsent(a.toLowerCase(Locale.ROOT), f);
      }
    }
    return out;
  }

  /**
   * A provider for the store in {@code dir} (null without a checkpoint) as {@code configured} names it;
   * blank means the built-in one.
   */
  public static StateStoreProvider create(String configured, CheckpointFileManager files, String dir,
      SluiceConf conf) {
    String name = configured == null || configured.isBlank() ? "memory" : configured.trim();
    StateStoreProviderFactory f = factories().get(name.toLowerCase(Locale.ROOT));
    if (f != null) {
      return f.create(files, dir, conf);
    }
    return byClassName(name, files, dir, conf);
  }

  private static StateStoreProvider byClassName(String name, CheckpointFileManager files, String dir,
      SluiceConf conf) {
    String key = SluiceConf.STATE_STORE_PROVIDER.key();
    Class<?> cls;
    try {
      cls = Class.forName(name);
    } catch (ClassNotFoundException e) {
      throw new SluiceException(ErrorClass.CONFIG_INVALID, key, name, "it is neither the short name of a state"
          + " store provider on the class path " + factories().keySet() + " nor a class on it"
          + (name.toLowerCase(Locale.ROOT).contains("rocksdb") ? "; add the dev.sluice:sluice-state-rocksdb module" : ""));
    }
    try {
      try {
        return (StateStoreProvider) cls.getConstructor(CheckpointFileManager.class, String.class, SluiceConf.class)
            .newInstance(files, dir, conf);
      } catch (NoSuchMethodException e) {
        if (files != null && !files.isLocal()) {
          throw new SluiceException(ErrorClass.CONFIG_INVALID, key, name, "the class has no (CheckpointFileManager,"
              + " String, SluiceConf) constructor, so it cannot keep state in the checkpoint at " + files.root());
        }
        return (StateStoreProvider) cls.getConstructor(Path.class, SluiceConf.class)
            .newInstance(dir == null ? null : files.localPath(dir), conf);
      }
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new SluiceException(ErrorClass.CONFIG_INVALID, key, name, "the class failed to start: " + e.getCause());
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new SluiceException(ErrorClass.CONFIG_INVALID, key, name,
          "the class cannot be created as a StateStoreProvider with a (CheckpointFileManager, String, SluiceConf)"
              + " constructor: " + e);
    }
  }
}
