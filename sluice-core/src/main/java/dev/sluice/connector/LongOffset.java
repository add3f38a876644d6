package dev.sluice.connector;

/** An offset that is a single number (the memory and rate sources use it). */
public record LongOffset(long value) implements Offset {
  @Override
  public String json() {
    return Long.toString(value);
  }

  public static LongOffset parse(String json) {
    try {
      return new LongOffset(Long.parseLong(json.trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Offset '" + json + "' is not a number", e);
    }
  }

  @Override
  public String toString() {
    return json();
  }
}
