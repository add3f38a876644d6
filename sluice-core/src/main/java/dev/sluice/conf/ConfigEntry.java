package dev.sluice.conf;

import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import java.util.function.Function;

/** A documented configuration key with a default and a parser whose errors name the key. */
public final class ConfigEntry<T> {
  private final String key;
  private final String defaultText;
  private final Function<String, T> parser;
  private final String doc;
  private final String sparkKey;

  ConfigEntry(String key, String defaultText, Function<String, T> parser, String doc) {
    this.key = key;
    this.defaultText = defaultText;
    this.parser = parser;
    this.doc = doc;
    this.sparkKey = key.startsWith("sluice.") ? "spark." + key.substring("sluice.".length()) : null;
  }

  public String key() {
    return key;
  }

  /** The equivalent Spark key ({@code spark.sql...}), accepted as an alias. */
  public String sparkKey() {
    return sparkKey;
  }

  public String defaultText() {
    return defaultText;
  }

  public String doc() {
    return doc;
  }

  public T parse(String value) {
    try {
      return parser.apply(value.trim());
    } catch (RuntimeException e) {
      throw new SluiceException(ErrorClass.CONFIG_INVALID, key, "'" + value + "'", e.getMessage());
    }
  }

  public T defaultValue() {
    return defaultText == null ? null : parse(defaultText);
  }
}
