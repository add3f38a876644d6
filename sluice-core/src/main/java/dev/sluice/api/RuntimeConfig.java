package dev.sluice.api;

import dev.sluice.conf.SluiceConf;
import java.util.Map;

/** Session configuration at runtime (Spark's {@code spark.conf}). Thread-safe. */
public final class RuntimeConfig {
  private final SluiceConf conf;

  RuntimeConfig(SluiceConf conf) {
    this.conf = conf;
  }

  /** Sets a value; a known key is validated (the error names the key and the problem). */
  public void set(String key, String value) {
    conf.set(key, value);
  }

  public void set(String key, long value) {
    set(key, Long.toString(value));
  }

  public void set(String key, boolean value) {
    set(key, Boolean.toString(value));
  }

  /** The value, the default of a known key, or null. */
  public String get(String key) {
    return conf.getRaw(key);
  }

  public String get(String key, String dflt) {
    String v = get(key);
    return v == null ? dflt : v;
  }

  public void unset(String key) {
    conf.unset(key);
  }

  public Map<String, String> getAll() {
    return conf.getAll();
  }
}
