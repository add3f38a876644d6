package dev.sluice.exec;

import dev.sluice.conf.SluiceConf;
import dev.sluice.errors.SluiceException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * What operators need while a plan runs: the worker pool and the session configuration. One per
 * execution. (Stateful streaming operators get their batch's {@code StreamingExecInfo} when the
 * streaming planner builds them, as Spark's get their state info from incremental planning.)
 */
public final class ExecContext {
  /**
   * Per thread, the resources of the tasks running on it (innermost last): a task may run a child
   * stage's first task on its own thread, so scopes nest.
   */
  private static final ThreadLocal<Deque<List<AutoCloseable>>> TASK_RESOURCES = ThreadLocal.withInitial(ArrayDeque::new);
  private final ExecutorService pool;
  private final SluiceConf conf;

  public ExecContext(ExecutorService pool, SluiceConf conf) {
    this.pool = pool;
    this.conf = conf;
  }

  public ExecutorService pool() {
    return pool;
  }

  public SluiceConf conf() {
    return conf;
  }

  public int batchSize() {
    return conf.batchSize();
  }

  /**
   * Runs {@code n} tasks in parallel and returns their results in task order. The calling thread
   * runs the first task itself. The first failure is rethrown (a SluiceException unwrapped).
   */
  public <T> List<T> runTasks(int n, IntFunction<T> task) {
    if (n == 1) {
      return List.of(runTask(task, 0));
    }
    List<Future<T>> futures = new ArrayList<>(n);
    for (int i = 1; i < n; i++) {
      final int p = i;
      futures.add(pool.submit(() -> runTask(task, p)));
    }
    List<T> out = new ArrayList<>(n);
    Throwable failure = null;
    try {
      out.add(runTask(task, 0));
    } catch (Throwable t) {
      failure = t;
    }
    for (Future<T> f : futures) {
      try {
        T r = f.get();
        if (failure == null) {
          out.add(r);
        }
      } catch (ExecutionException e) {
        if (failure == null) {
          failure = e.getCause();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        futures.forEach(x -> x.cancel(true));
        throw new QueryInterruptedException("Interrupted while waiting for tasks");
      }
    }
    if (failure != null) {
      if (failure instanceof RuntimeException re) {
        throw re;
      }
      if (failure instanceof Error err) {
        throw err;
      }
      throw new RuntimeException(failure);
    }
    return out;
  }

  /**
   * Registers a resource to close when the task running on this thread ends, whether it succeeded,
   * failed, or stopped reading early (a LIMIT): how a source's reader gives back a connection it
   * holds. Outside a task the resource is closed at once.
   */
  public static void closeAtTaskEnd(AutoCloseable resource) {
    Deque<List<AutoCloseable>> scopes = TASK_RESOURCES.get();
    if (scopes.isEmpty()) {
      closeQuietly(resource, null);
      return;
    }
    scopes.peekLast().add(resource);
  }

  private static <T> T runTask(IntFunction<T> task, int partition) {
    Deque<List<AutoCloseable>> scopes = TASK_RESOURCES.get();
    List<AutoCloseable> resources = new ArrayList<>(0);
    scopes.addLast(resources);
    Throwable failure = null;
    try {
      return task.apply(partition);
    } catch (Throwable t) {
      failure = t;
      throw t;
    } finally {
      scopes.removeLast();
      for (int i = resources.size() - 1; i >= 0; i--) {
        closeQuietly(resources.get(i), failure);
      }
    }
  }

  private static void closeQuietly(AutoCloseable resource, Throwable failure) {
    try {
      resource.close();
    } catch (Exception e) {
      if (failure != null) {
        failure.addSuppressed(e);
      }
      // A failed close after a successful task loses nothing: the task's rows are complete.
    }
  }

  /** Thrown when the query thread is interrupted (the query is stopping). */
  public static final class QueryInterruptedException extends RuntimeException {
    public QueryInterruptedException(String message) {
      super(message);
    }
  }

  static boolean isUserError(Throwable t) {
    return t instanceof SluiceException;
  }
}
