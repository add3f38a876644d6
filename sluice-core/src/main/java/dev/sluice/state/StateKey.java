package dev.sluice.state;

import java.util.Arrays;

/** An internal row used as a hash key: value equality over the fields (byte arrays by content). */
public final class StateKey {
  private final Object[] values;
  private final int hash;

  public StateKey(Object[] values) {
    this.values = values;
    this.hash = Arrays.deepHashCode(normalize(values));
  }

  private static Object[] normalize(Object[] v) {
    boolean needs = false;
    for (Object o : v) {
      if (o instanceof java.math.BigDecimal || o instanceof Double) {
        needs = true;
        break;
      }
    }
    if (!needs) {
      return v;
    }
    Object[] out = v.clone();
    for (int i = 0; i < out.length; i++) {
      if (out[i] instanceof java.math.BigDecimal d) {
        out[i] = d.stripTrailingZeros();
      } else if (out[i] instanceof Double d && d == 0.0) {
        out[i] = 0.0;
      }
    }
    return out;
  }

  public Object[] values() {
    return values;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof StateKey k) || k.hash != hash) {
      return false;
    }
    return Arrays.deepEquals(normalize(values), normalize(k.values));
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return Arrays.deepToString(values);
  }
}
