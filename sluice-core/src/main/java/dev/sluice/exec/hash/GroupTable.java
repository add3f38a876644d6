package dev.sluice.exec.hash;

import dev.sluice.types.DataType;
import dev.sluice.vector.ColumnVector;
import dev.sluice.vector.IntVector;
import dev.sluice.vector.LongVector;
import java.util.Arrays;
import java.util.List;

/**
 * Assigns dense group ids (0, 1, 2, ...) to distinct key tuples: the heart of hash aggregation,
 * hash joins and deduplication. Keys are stored column-wise; NULL equals NULL (SQL GROUP BY
 * semantics). Open addressing with linear probing over a power-of-two table of group ids, with the
 * stored hash compared before the keys. Not thread-safe: one table per task.
 */
public final class GroupTable {
  private final KeyColumn[] keys;
  private final DataType[] types;
  private int[] table;
  private int mask;
  private int[] hashes = new int[16];
  private int size;
  /** Fast path: one long- or int-backed key column. */
  private final boolean singleLong;
  private final boolean singleInt;

  public GroupTable(List<DataType> keyTypes) {
    types = keyTypes.toArray(new DataType[0]);
    keys = new KeyColumn[types.length];
    for (int i = 0; i < types.length; i++) {
      keys[i] = KeyColumn.create(types[i]);
    }
    table = new int[64];
    Arrays.fill(table, -1);
    mask = table.length - 1;
    singleLong = keys.length == 1 && keys[0] instanceof KeyColumn.Longs;
    singleInt = keys.length == 1 && keys[0] instanceof KeyColumn.Ints;
  }

  /** Number of distinct keys so far. */
  public int size() {
    return size;
  }

  /** Combined hash of row i over the key vectors; the same function the shuffle partitions by. */
  public static int hashRow(ColumnVector[] keyVectors, int i) {
    int h = 42;
    for (ColumnVector v : keyVectors) {
      h = h * 31 + v.hash(i);
    }
    return h;
  }

  /** Fills {@code out[0..n)} with the group id of each row, adding new groups as needed. */
  public void findOrInsert(ColumnVector[] keyVectors, int n, int[] out) {
    if (keyVectors.length == 0) {
      if (size == 0) {
        hashes[0] = 0;
        size = 1;
      }
      Arrays.fill(out, 0, n, 0);
      return;
    }
    if (singleLong && !keyVectors[0].mayHaveNulls()) {
      long[] vals = ((LongVector) keyVectors[0]).values();
      KeyColumn.Longs store = (KeyColumn.Longs) keys[0];
      for (int i = 0; i < n; i++) {
        long v = vals[i];
        int h = 42 * 31 + keyVectors[0].hash(i);
        int slot = mix(h) & mask;
        while (true) {
          int g = table[slot];
          if (g < 0) {
            out[i] = insert(keyVectors, i, h, slot);
            break;
          }
          if (hashes[g] == h && !store.nulls[g] && store.values[g] == v) {
            out[i] = g;
            break;
          }
          slot = (slot + 1) & mask;
        }
      }
      return;
    }
    if (singleInt && !keyVectors[0].mayHaveNulls()) {
      int[] vals = ((IntVector) keyVectors[0]).values();
      KeyColumn.Ints store = (KeyColumn.Ints) keys[0];
      for (int i = 0; i < n; i++) {
        int v = vals[i];
        int h = 42 * 31 + keyVectors[0].hash(i);
        int slot = mix(h) & mask;
        while (true) {
          int g = table[slot];
          if (g < 0) {
            out[i] = insert(keyVectors, i, h, slot);
            break;
          }
          if (hashes[g] == h && !store.nulls[g] && store.values[g] == v) {
            out[i] = g;
            break;
          }
          slot = (slot + 1) & mask;
        }
      }
      return;
    }
    for (int i = 0; i < n; i++) {
      int h = hashRow(keyVectors, i);
      int slot = mix(h) & mask;
      while (true) {
        int g = table[slot];
        if (g < 0) {
          out[i] = insert(keyVectors, i, h, slot);
          break;
        }
        if (hashes[g] == h && keysEqual(g, keyVectors, i)) {
          out[i] = g;
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
  }

  /** Fills {@code out[0..n)} with each row's group id, or -1 when its key is not in the table. */
  public void find(ColumnVector[] keyVectors, int n, int[] out) {
    for (int i = 0; i < n; i++) {
      out[i] = find(keyVectors, i);
    }
  }

  public int find(ColumnVector[] keyVectors, int i) {
    if (keyVectors.length == 0) {
      return size > 0 ? 0 : -1;
    }
    int h = hashRow(keyVectors, i);
    int slot = mix(h) & mask;
    while (true) {
      int g = table[slot];
      if (g < 0) {
        return -1;
      }
      if (hashes[g] == h && keysEqual(g, keyVectors, i)) {
        return g;
      }
      slot = (slot + 1) & mask;
    }
  }

  private boolean keysEqual(int g, ColumnVector[] keyVectors, int i) {
    for (int k = 0; k < keys.length; k++) {
      if (!keys[k].equalsRow(g, keyVectors[k], i)) {
        return false;
      }
    }
    return true;
  }

  private int insert(ColumnVector[] keyVectors, int i, int h, int slot) {
    int g = size++;
    if (g == hashes.length) {
      hashes = Arrays.copyOf(hashes, g * 2);
    }
    hashes[g] = h;
    for (int k = 0; k < keys.length; k++) {
      keys[k].append(keyVectors[k], i);
    }
    table[slot] = g;
    if (size * 2 > table.length) {
      rehash();
    }
    return g;
  }

  private void rehash() {
    int[] t = new int[table.length * 2];
    Arrays.fill(t, -1);
    int m = t.length - 1;
    for (int g = 0; g < size; g++) {
      int slot = mix(hashes[g]) & m;
      while (t[slot] >= 0) {
        slot = (slot + 1) & m;
      }
      t[slot] = g;
    }
    table = t;
    mask = m;
  }

  private static int mix(int h) {
    h ^= h >>> 15;
    h *= 0x2c1b3c6d;
    h ^= h >>> 12;
    return h;
  }

  /** The key columns of groups {@code [0, size)}, in group-id order. */
  public ColumnVector[] keyVectors() {
    ColumnVector[] out = new ColumnVector[keys.length];
    for (int k = 0; k < keys.length; k++) {
      out[k] = keys[k].build(size);
    }
    return out;
  }

  public long estimatedBytes() {
    long b = 4L * table.length + 4L * hashes.length;
    for (KeyColumn k : keys) {
      b += k.estimatedBytes();
    }
    return b;
  }
}
