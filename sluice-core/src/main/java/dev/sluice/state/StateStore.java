package dev.sluice.state;

import java.util.Iterator;
import java.util.Map;

/**
 * Versioned key-value state of one stateful operator partition. A micro-batch with id {@code b}
 * works on the store loaded at version {@code b} (the state after batch {@code b-1}), reads and
 * writes it, and {@link #commit()} makes version {@code b+1}; {@link #abort()} discards the writes.
 * Keys and values are internal rows ({@code Object[]} of internal values). Not thread-safe: one task
 * uses one store.
 */
public interface StateStore {
  /** The version this store was loaded at. */
  long version();

  /** The value for the key, or null. */
  Object[] get(Object[] key);

  void put(Object[] key, Object[] value);

  void remove(Object[] key);

  /** Every (key, value) pair as of now, including this batch's writes. */
  Iterator<Map.Entry<Object[], Object[]>> iterator();

  /** Makes this batch's writes durable as version {@link #version()} + 1. */
  void commit();

  void abort();

  boolean hasCommitted();

  /** Keys currently held. */
  long numKeys();

  /** Keys written (put) during this batch. */
  long numUpdated();

  /** Keys removed during this batch. */
  long numRemoved();

  /** Approximate heap bytes. */
  long memoryBytes();

  /** Milliseconds the last commit took. */
  long commitTimeMs();
}
