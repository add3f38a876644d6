package dev.sluice.sqltests;

import java.util.concurrent.Callable;

/**
 * Runs each statement of one file on its own thread, in a thread group of the file, with a time
 * limit. The session is created from this group too, so its worker threads (created when the first
 * tasks are submitted) belong to it. A statement over its limit is interrupted and, if it does not
 * stop, stopped ({@link Thread#stop}, which Java 17 still honours): a hung statement must not hold a
 * core for the rest of the run on a 2-core machine. Busy workers of the group get the same treatment.
 */
final class StatementThreads implements AutoCloseable {
  private static final long GRACE_MS = 500;
  private final ThreadGroup group;

  StatementThreads(String name) {
    this.group = new ThreadGroup("corpus " + name);
  }

  /** Runs the task; its exception becomes a {@link Actual.Failure}, overrunning a {@link Actual.Timeout}. */
  Actual call(Callable<Actual> task, long timeoutMs) {
    Run<Actual> o = run(task, timeoutMs);
    if (o.timedOut) {
      return new Actual.Timeout(timeoutMs);
    }
    return o.error != null ? new Actual.Failure(o.error) : o.value;
  }

  /** Runs setup work (the session, its tables) in the group; fails if it throws or overruns. */
  <T> T setup(Callable<T> work, long timeoutMs) {
    Run<T> o = run(work, timeoutMs);
    if (o.timedOut) {
      throw new IllegalStateException("setup did not finish in " + timeoutMs + " ms");
    }
    if (o.error != null) {
      throw new IllegalStateException("setup failed: " + o.error, o.error);
    }
    return o.value;
  }

  private static final class Run<T> {
    volatile T value;
    volatile Throwable error;
    volatile boolean timedOut;
  }

  private <T> Run<T> run(Callable<T> task, long timeoutMs) {
    Run<T> o = new Run<>();
    Thread t = new Thread(group, () -> {
      try {
        o.value = task.call();
      } catch (Throwable e) { // every failure, Errors too, is a verdict on the statement
        o.error = e;
      }
    }, "corpus-statement");
    t.setDaemon(true);
    t.start();
    try {
      t.join(timeoutMs);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (t.isAlive()) {
      o.timedOut = true;
      kill(t);
      stopBusyThreads();
    }
    return o;
  }

  /** Interrupts, then stops, every thread of the group that is still running. */
  private void stopBusyThreads() {
    Thread[] threads = new Thread[group.activeCount() + 8];
    int n = group.enumerate(threads, true);
    for (int i = 0; i < n; i++) {
      if (threads[i].getState() == Thread.State.RUNNABLE || threads[i].getState() == Thread.State.BLOCKED) {
        kill(threads[i]);
      }
    }
  }

  @SuppressWarnings({"deprecation", "removal"})
  private static void kill(Thread t) {
    t.interrupt();
    try {
      t.join(GRACE_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (t.isAlive()) {
      try {
        t.stop();
      } catch (UnsupportedOperationException e) {
        // Java 20 and later: the thread keeps running; nothing more can be done from here
      }
    }
  }

  /** Stops whatever is left in the group (the session is closed before). */
  @Override
  public void close() {
    stopBusyThreads();
  }
}
