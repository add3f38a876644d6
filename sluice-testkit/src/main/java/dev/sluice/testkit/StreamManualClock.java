package dev.sluice.testkit;

import dev.sluice.streaming.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * A clock for processing-time triggers that moves only when a test calls {@link #advance}, and that
 * knows when the query thread is idle: waiting on this clock for a time that has not come yet.
 *
 * <p>A query's trigger loop runs a trigger at time {@code t}, then waits on its clock until
 * {@code t + interval}. So "waiting for a time later than {@link #millis()}" means every trigger due
 * at the current time has run to the end and the query does nothing until the clock moves; that is
 * the moment a test may look at the sink. {@link StreamTest} waits for it before and after every
 * {@code advanceManualClock} step.
 *
 * <p>Use one clock for one query at a time (a restarted query may reuse it after
 * {@link #resetWaitState()}). Thread-safe: the test thread advances and observes while the query
 * thread waits.
 */
public final class StreamManualClock implements Clock {
  /** Longest single wait; a stop request that slipped in before the wait is noticed within this. */
  private static final long MAX_WAIT_MS = 50;

  private final Object lock = new Object();
  /** Monitors the query thread waits on (the query's own waker, which stop() also notifies). */
  private final Set<Object> wakers = ConcurrentHashMap.newKeySet();
  private long now;
  /** The time the query thread waits for, or Long.MIN_VALUE when it has not waited since the reset. */
  private long waitTarget = Long.MIN_VALUE;

  /** A clock at time 0. */
  public StreamManualClock() {
    this(0);
  }

  /** A clock at {@code startMillis}. */
  public StreamManualClock(long startMillis) {
    this.now = startMillis;
  }

  @Override
  public long millis() {
    synchronized (lock) {
      return now;
    }
  }

  /**
   * Moves the clock forward and wakes a query waiting on it.
   *
   * @throws IllegalArgumentException when {@code ms} is negative (time never goes back)
   */
  public void advance(long ms) {
    if (ms < 0) {
      throw new IllegalArgumentException("A manual clock only moves forward, but advance(" + ms + ") was called");
    }
    synchronized (lock) {
      now += ms;
      lock.notifyAll();
    }
    for (Object w : wakers) {
      synchronized (w) {
        w.notifyAll();
      }
    }
  }

  /**
   * Called by the query thread: waits until the clock reaches {@code targetMillis} or {@code waker}
   * is notified (the query notifies it when stopped). May return early; the caller loops.
   */
  @Override
  public void waitUntil(long targetMillis, Object waker) throws InterruptedException {
    wakers.add(waker);
    try {
      synchronized (waker) {
        synchronized (lock) {
          if (now >= targetMillis) {
            return;
          }
          // Stays set after an early return: the caller then waits again for the same target, or
          // stops; and once the clock passes the target, "waitTarget > now" no longer holds anyway.
          waitTarget = targetMillis;
          lock.notifyAll();
        }
        waker.wait(MAX_WAIT_MS);
      }
    } finally {
      wakers.remove(waker);
    }
  }

  /** Whether the query thread waits on this clock for a time later than now (no trigger is due). */
  public boolean isWaitingForFuture() {
    synchronized (lock) {
      return waitTarget > now;
    }
  }

  /** The time the query waits for, or {@link Long#MIN_VALUE} if it has not waited since the last reset. */
  public long waitTarget() {
    synchronized (lock) {
      return waitTarget;
    }
  }

  /**
   * Forgets the previous query's wait, so that a newly started query counts as busy until it waits
   * on this clock itself. Call it before starting a query with this clock.
   */
  public void resetWaitState() {
    synchronized (lock) {
      waitTarget = Long.MIN_VALUE;
      lock.notifyAll();
    }
  }

  /**
   * Blocks until the query waits for a future time ({@link #isWaitingForFuture()}), or
   * {@code giveUp} returns true (checked at least every 10 ms, e.g. "the query has terminated"), or
   * the timeout passes.
   *
   * @return true when the query is waiting for a future time, false on give-up or timeout
   * @throws InterruptedException when the calling thread is interrupted
   */
  public boolean awaitWaitingForFuture(BooleanSupplier giveUp, long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
    synchronized (lock) {
      while (!(waitTarget > now)) {
        if (giveUp.getAsBoolean()) {
          return false;
        }
        long left = (deadline - System.nanoTime()) / 1_000_000L;
        if (left <= 0) {
          return false;
        }
        lock.wait(Math.min(left, 10));
      }
      return true;
    }
  }

  @Override
  public String toString() {
    synchronized (lock) {
      return "StreamManualClock[now=" + now + (waitTarget == Long.MIN_VALUE ? "" : ", query waits for " + waitTarget)
          + "]";
    }
  }
}
