package dev.sluice.streaming;

import dev.sluice.conf.SluiceConf;
import dev.sluice.state.CheckpointFileManager;
import dev.sluice.state.CheckpointedStateStoreProvider;
import dev.sluice.state.RowCodec;
import dev.sluice.state.StateStore;
import dev.sluice.state.StateStoreProvider;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The built-in checkpointed provider, but every value read from a store is a fresh decoded copy, as a
 * provider that keeps state serialized (RocksDB) hands out: an operator that relies on getting the same
 * object twice for a key (to track entries by identity, or to change a value in place) fails on it.
 * For the operator harness: {@code stateStore(CopyingStateStoreProvider.class.getName())}.
 */
public final class CopyingStateStoreProvider implements StateStoreProvider {
  private final StateStoreProvider delegate;

  public CopyingStateStoreProvider(CheckpointFileManager files, String dir, SluiceConf conf) {
    this.delegate = new CheckpointedStateStoreProvider(files, dir, conf.get(SluiceConf.MIN_DELTAS_FOR_SNAPSHOT),
        conf.get(SluiceConf.MIN_BATCHES_TO_RETAIN));
  }

  @Override
  public StateStore getStore(long version) {
    StateStore s = delegate.getStore(version);
    return new StateStore() {
      @Override
      public long version() {
        return s.version();
      }

      @Override
      public Object[] get(Object[] key) {
        Object[] v = s.get(key);
        return v == null ? null : copy(v);
      }

      @Override
      public void put(Object[] key, Object[] value) {
        s.put(copy(key), copy(value));
      }

      @Override
      public void remove(Object[] key) {
        s.remove(key);
      }

      @Override
      public Iterator<Map.Entry<Object[], Object[]>> iterator() {
        List<Map.Entry<Object[], Object[]>> out = new ArrayList<>();
        s.iterator().forEachRemaining(e -> out.add(new AbstractMap.SimpleEntry<>(copy(e.getKey()),
            copy(e.getValue()))));
        return out.iterator();
      }

      @Override
      public void commit() {
        s.commit();
      }

      @Override
      public void abort() {
        s.abort();
      }

      @Override
      public boolean hasCommitted() {
        return s.hasCommitted();
      }

      @Override
      public long numKeys() {
        return s.numKeys();
      }

      @Override
      public long numUpdated() {
        return s.numUpdated();
      }

      @Override
      public long numRemoved() {
        return s.numRemoved();
      }

      @Override
      public long memoryBytes() {
        return s.memoryBytes();
      }

      @Override
      public long commitTimeMs() {
        return s.commitTimeMs();
      }
    };
  }

  static Object[] copy(Object[] row) {
    try {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      RowCodec.writeRow(new DataOutputStream(b), row);
      return RowCodec.readRow(new DataInputStream(new ByteArrayInputStream(b.toByteArray())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public long latestNumKeys() {
    return delegate.latestNumKeys();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
