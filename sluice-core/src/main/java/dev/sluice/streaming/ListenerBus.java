package dev.sluice.streaming;

import dev.sluice.api.streaming.StreamingQueryListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers query events to a session's listeners, in order, on one daemon thread. */
public final class ListenerBus {
  private static final String THREAD_NAME = "sluice-listener-bus";
  // A holder, so SLF4J is bound when something is first logged, not on the way to the first batch:
  // binding opens every jar on the class path to look for a provider.
  private static final class Log {
    static final Logger LOG = LoggerFactory.getLogger(ListenerBus.class);
  }
  private final List<StreamingQueryListener> listeners = new CopyOnWriteArrayList<>();
  private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, THREAD_NAME);
    t.setDaemon(true);
    return t;
  });

  public void add(StreamingQueryListener l) {
    listeners.add(l);
  }

  public void remove(StreamingQueryListener l) {
    listeners.remove(l);
  }

  public List<StreamingQueryListener> listeners() {
    return List.copyOf(listeners);
  }

  public void post(Consumer<StreamingQueryListener> event) {
    if (listeners.isEmpty()) {
      return;
    }
    thread.execute(() -> {
      for (StreamingQueryListener l : listeners) {
        try {
          event.accept(l);
        } catch (RuntimeException e) {
          Log.LOG.warn("Streaming query listener {} failed", l.getClass().getName(), e);
        }
      }
    });
  }

  /**
   * Posts and waits until the event was delivered, as Spark delivers onQueryStarted before start()
   * returns. On the bus thread itself (a listener starting a query) it cannot wait, and only posts.
   */
  public void postAndWait(Consumer<StreamingQueryListener> event) {
    post(event);
    if (!listeners.isEmpty() && !Thread.currentThread().getName().equals(THREAD_NAME)) {
      drain();
    }
  }

  /** Waits until every event posted so far was delivered (tests). */
  public void drain() {
    try {
      thread.submit(() -> { }).get();
    } catch (Exception e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Stops accepting events after delivering those already posted (waiting up to 10 s), so the
   * last events of queries stopped by closing the session still reach listeners, e.g. before a
   * command-line job's JVM exits.
   */
  public void shutdown() {
    thread.shutdown();
    if (Thread.currentThread().getName().equals(THREAD_NAME)) {
      return; // a listener closing the session: its own events are delivered after it returns
    }
    try {
      thread.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
