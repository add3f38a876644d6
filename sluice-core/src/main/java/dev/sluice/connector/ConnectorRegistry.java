package dev.sluice.connector;

import dev.sluice.connector.builtin.ConsoleSinkProvider;
import dev.sluice.connector.builtin.MemorySinkProvider;
import dev.sluice.connector.builtin.RateSourceProvider;
import dev.sluice.connector.builtin.SocketSourceProvider;
import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds source and sink formats by short name: the built-ins, and providers other modules declare
 * through {@link ServiceLoader} ({@code META-INF/services/dev.sluice.connector.SourceProvider} /
 * {@code SinkProvider}).
 */
public final class ConnectorRegistry {
  private final Map<String, SourceProvider> sources = new ConcurrentHashMap<>();
  private final Map<String, SinkProvider> sinks = new ConcurrentHashMap<>();

  public ConnectorRegistry() {
    registerSource(new RateSourceProvider());
    registerSource(new SocketSourceProvider());
    registerSink(new ConsoleSinkProvider());
    registerSink(new MemorySinkProvider());
    registerSink(new dev.sluice.connector.builtin.NoopSinkProvider());
    for (SourceProvider p : ServiceLoader.load(SourceProvider.class)) {
      registerSource(p);
    }
    for (SinkProvider p : ServiceLoader.load(SinkProvider.class)) {
      registerSink(p);
    }
  }

  public void registerSource(SourceProvider p) {
    sources.put(p.shortName().toLowerCase(Locale.ROOT), p);
  }

  public void registerSink(SinkProvider p) {
    sinks.put(p.shortName().toLowerCase(Locale.ROOT), p);
  }

  public SourceProvider source(String format) {
    SourceProvider p = sources.get(format.toLowerCase(Locale.ROOT));
    if (p == null) {
      throw new SluiceException(ErrorClass.UNKNOWN_FORMAT, "'" + format + "' (as a source)",
          String.join(", ", new TreeMap<>(sources).keySet()));
    }
    return p;
  }

  public boolean hasSource(String format) {
    return sources.containsKey(format.toLowerCase(Locale.ROOT));
  }

  /** The sink provider of a format, if one is registered. */
  public Optional<SinkProvider> findSink(String format) {
    return Optional.ofNullable(sinks.get(format.toLowerCase(Locale.ROOT)));
  }

  public SinkProvider sink(String format) {
    SinkProvider p = findSink(format).orElse(null);
    if (p == null) {
      throw new SluiceException(ErrorClass.UNKNOWN_FORMAT, "'" + format + "' (as a sink)",
          String.join(", ", new TreeMap<>(sinks).keySet()) + ", foreach, foreachBatch");
    }
    return p;
  }
}
