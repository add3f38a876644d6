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

  // Written out rather than generated: see ExprId (startup cost of the generated ones).
  @Override
  public boolean equals(Object o) {
    return o instanceof LongOffset l && l.value == value;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(value);
  }

  @Override
  public String toString() {
    return json();
  }
}
