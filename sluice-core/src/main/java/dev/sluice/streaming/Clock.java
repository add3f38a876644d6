package dev.sluice.streaming;

/**
 * Time source of a query's trigger loop. The system clock in production; a {@link ManualClock} in
 * tests, so processing-time triggers fire exactly when a test advances the clock.
 */
public interface Clock {
  long millis();

  /** Waits until {@link #millis()} reaches {@code targetMillis} or {@code waker} is notified; may return early. */
  void waitUntil(long targetMillis, Object waker) throws InterruptedException;

  /** The wall clock. */
  Clock SYSTEM = new Clock() {
    @Override
    public long millis() {
      return System.currentTimeMillis();
    }

    @Override
    public void waitUntil(long targetMillis, Object waker) throws InterruptedException {
      long d = targetMillis - System.currentTimeMillis();
      if (d > 0) {
        synchronized (waker) {
          waker.wait(d);
        }
      }
    }
  };
}
