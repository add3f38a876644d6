package dev.sluice.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Reusable consumers for the reads of one streaming source: creating a consumer costs a connection
 * and a metadata round trip, so each read borrows one and gives it back. Consumers are not
 * thread-safe; one is used by one read at a time. Thread-safe.
 */
final class ConsumerPool implements AutoCloseable {
  private final Map<String, Object> params;
  private final ConcurrentLinkedQueue<KafkaConsumer<byte[], byte[]>> idle = new ConcurrentLinkedQueue<>();
  private final List<KafkaConsumer<byte[], byte[]>> all = new ArrayList<>();
  private volatile boolean closed;

  ConsumerPool(Map<String, Object> params) {
    this.params = params;
  }

  KafkaConsumer<byte[], byte[]> borrow() {
    KafkaConsumer<byte[], byte[]> c = idle.poll();
    if (c != null) {
      return c;
    }
    c = new KafkaConsumer<>(params);
    synchronized (all) {
      all.add(c);
    }
    return c;
  }

  /** Gives back a consumer that is in a good state; one that failed is closed instead. */
  void giveBack(KafkaConsumer<byte[], byte[]> c, boolean healthy) {
    if (!healthy || closed) {
      discard(c);
      return;
    }
    c.unsubscribe();
    idle.add(c);
  }

  void discard(KafkaConsumer<byte[], byte[]> c) {
    synchronized (all) {
      all.remove(c);
    }
    try {
      c.close(CloseOptions.timeout(Duration.ofSeconds(2)));
    } catch (RuntimeException e) {
      // closing a broken consumer: nothing to do
    }
  }

  @Override
  public void close() {
    closed = true;
    List<KafkaConsumer<byte[], byte[]>> copy;
    synchronized (all) {
      copy = new ArrayList<>(all);
      all.clear();
    }
    idle.clear();
    for (KafkaConsumer<byte[], byte[]> c : copy) {
      try {
        c.close(CloseOptions.timeout(Duration.ofSeconds(2)));
      } catch (RuntimeException e) {
        // a consumer in use by a read that is being abandoned
      }
    }
  }
}
