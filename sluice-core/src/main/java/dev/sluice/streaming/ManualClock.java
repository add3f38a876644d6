package dev.sluice.streaming;

/** A clock that moves only when told to; waiters wake when it is advanced. Thread-safe. */
public final class ManualClock implements Clock {
  private long now;

  public ManualClock() {
    this(0);
  }

  public ManualClock(long startMillis) {
    this.now = startMillis;
  }

  @Override
  public synchronized long millis() {
    return now;
  }

  public synchronized void advance(long ms) {
    now += ms;
    notifyAll();
  }

  public synchronized void set(long ms) {
    now = ms;
    notifyAll();
  }

  /** Number of threads waiting on this clock (tests use it to know the loop is idle). */
  private int waiters;

  public synchronized boolean isWaiting() {
    return waiters > 0;
  }

  @Override
  public void waitUntil(long targetMillis, Object waker) throws InterruptedException {
    synchronized (this) {
      waiters++;
      try {
        while (now < targetMillis) {
          wait(20);
          if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException();
          }
          if (stopCheck != null && stopCheck.getAsBoolean()) {
            return;
          }
        }
      } finally {
        waiters--;
      }
    }
  }

  private volatile java.util.function.BooleanSupplier stopCheck;

  /** Lets a waiting trigger loop notice a stop request. */
  public void setStopCheck(java.util.function.BooleanSupplier check) {
    this.stopCheck = check;
  }
}
