package dev.sluice.api;

import dev.sluice.api.streaming.StreamingQuery;
import dev.sluice.api.streaming.StreamingQueryException;
import dev.sluice.api.streaming.StreamingQueryListener;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The streaming queries of a session: the active ones, waiting for any to end, and listeners. Thread-safe. */
public final class StreamingQueryManager {
  private final Session session;
  private final List<StreamingQuery> active = new ArrayList<>();
  private StreamingQuery lastTerminated;

  StreamingQueryManager(Session session) {
    this.session = session;
  }

  public synchronized List<StreamingQuery> active() {
    return List.copyOf(active);
  }

  /** The active query with this id, or null. */
  public synchronized StreamingQuery get(UUID id) {
    for (StreamingQuery q : active) {
      if (q.id().equals(id)) {
        return q;
      }
    }
    return null;
  }

  public StreamingQuery get(String id) {
    return get(UUID.fromString(id));
  }

  synchronized StreamingQuery activeByName(String name) {
    for (StreamingQuery q : active) {
      if (name.equals(q.name())) {
        return q;
      }
    }
    return null;
  }

  synchronized void register(StreamingQuery q) {
    active.add(q);
  }

  synchronized void terminated(StreamingQuery q) {
    if (active.remove(q)) {
      lastTerminated = q;
    }
    notifyAll();
  }

  /** Waits until any query of this session ends (since the last {@link #resetTerminated()}). */
  public void awaitAnyTermination() throws StreamingQueryException {
    awaitAnyTermination(Long.MAX_VALUE);
  }

  public synchronized boolean awaitAnyTermination(long timeoutMs) throws StreamingQueryException {
    long deadline = timeoutMs == Long.MAX_VALUE ? Long.MAX_VALUE : System.currentTimeMillis() + timeoutMs;
    while (lastTerminated == null) {
      long wait = deadline == Long.MAX_VALUE ? 0 : deadline - System.currentTimeMillis();
      if (deadline != Long.MAX_VALUE && wait <= 0) {
        return false;
      }
      try {
        wait(deadline == Long.MAX_VALUE ? 1000 : Math.min(wait, 1000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    if (lastTerminated.exception() != null) {
      throw lastTerminated.exception();
    }
    return true;
  }

  public synchronized void resetTerminated() {
    lastTerminated = null;
  }

  public void addListener(StreamingQueryListener listener) {
    session.listenerBus().add(listener);
  }

  public void removeListener(StreamingQueryListener listener) {
    session.listenerBus().remove(listener);
  }

  public List<StreamingQueryListener> listListeners() {
    return session.listenerBus().listeners();
  }

  /** Waits until listeners received every event so far (tests). */
  public void awaitListenerEvents() {
    session.listenerBus().drain();
  }

  void stopAll() {
    for (StreamingQuery q : new ArrayList<>(active())) {
      q.stop();
    }
  }
}
