package dev.sluice.conf;

import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Connector options with case-insensitive keys and typed getters whose errors name the option. */
public final class Options {
  private final Map<String, String> original;
  private final Map<String, String> lower = new LinkedHashMap<>();

  public Options(Map<String, String> options) {
    this.original = Collections.unmodifiableMap(new LinkedHashMap<>(options));
    for (Map.Entry<String, String> e : options.entrySet()) {
      lower.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue());
    }
  }

  public Map<String, String> asMap() {
    return original;
  }

  public boolean contains(String key) {
    return lower.containsKey(key.toLowerCase(Locale.ROOT));
  }

  public String get(String key) {
    return lower.get(key.toLowerCase(Locale.ROOT));
  }

  public String get(String key, String dflt) {
    String v = get(key);
    return v == null ? dflt : v;
  }

  public String require(String key, String what, String hint) {
    String v = get(key);
    if (v == null) {
      throw new SluiceException(ErrorClass.MISSING_OPTION, what, key, hint);
    }
    return v;
  }

  public long getLong(String key, long dflt) {
    String v = get(key);
    if (v == null) {
      return dflt;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new SluiceException(ErrorClass.INVALID_OPTION, key, v, "expected a whole number");
    }
  }

  public int getInt(String key, int dflt) {
    long v = getLong(key, dflt);
    if (v != (int) v) {
      throw new SluiceException(ErrorClass.INVALID_OPTION, key, v, "the value is too large");
    }
    return (int) v;
  }

  public double getDouble(String key, double dflt) {
    String v = get(key);
    if (v == null) {
      return dflt;
    }
    try {
      return Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new SluiceException(ErrorClass.INVALID_OPTION, key, v, "expected a number");
    }
  }

  public boolean getBoolean(String key, boolean dflt) {
    String v = get(key);
    if (v == null) {
      return dflt;
    }
    return switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new SluiceException(ErrorClass.INVALID_OPTION, key, v, "expected true or false");
    };
  }

  @Override
  public String toString() {
    return original.toString();
  }
}
