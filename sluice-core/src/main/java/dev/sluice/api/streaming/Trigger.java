package dev.sluice.api.streaming;

import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import dev.sluice.types.DateTimeUtil;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * When a streaming query runs its micro-batches:
 * <ul>
 *   <li>default ({@code ProcessingTime(0)}): the next batch starts as soon as the previous ends and
 *       new data is available;
 *   <li>{@link #ProcessingTime}: at fixed intervals (a late batch starts the next one right away);
 *   <li>{@link #Once()}: one batch with all available data, then stop;
 *   <li>{@link #AvailableNow()}: all data available at start, in as many batches as the sources' rate
 *       limits require, then stop.
 * </ul>
 */
public abstract sealed class Trigger {
  private Trigger() {}

  public static Trigger ProcessingTime(long intervalMs) {
    if (intervalMs < 0) {
      throw new SluiceException(ErrorClass.INVALID_ARGUMENT, "ProcessingTime", "the interval must not be negative");
    }
    return new ProcessingTimeTrigger(intervalMs);
  }

  public static Trigger ProcessingTime(long interval, TimeUnit unit) {
    return ProcessingTime(unit.toMillis(interval));
  }

  public static Trigger ProcessingTime(Duration interval) {
    return ProcessingTime(interval.toMillis());
  }

  /** {@code ProcessingTime("10 seconds")}. */
  public static Trigger ProcessingTime(String interval) {
    try {
      return ProcessingTime(DateTimeUtil.parseDuration(interval) / 1000);
    } catch (IllegalArgumentException e) {
      throw new SluiceException(ErrorClass.INVALID_ARGUMENT, "ProcessingTime", e.getMessage());
    }
  }

  public static Trigger Once() {
    return OnceTrigger.INSTANCE;
  }

  public static Trigger AvailableNow() {
    return AvailableNowTrigger.INSTANCE;
  }

  /** Parses {@code once}, {@code availableNow}, {@code processingTime=1 second}, {@code 5 seconds}. */
  public static Trigger parse(String text) {
    String t = text.trim();
    String lower = t.toLowerCase(Locale.ROOT);
    if (lower.equals("once")) {
      return Once();
    }
    if (lower.equals("availablenow") || lower.equals("available_now") || lower.equals("available-now")) {
      return AvailableNow();
    }
    if (lower.startsWith("processingtime")) {
      String rest = t.substring("processingtime".length()).trim();
      if (rest.startsWith("=") || rest.startsWith(":")) {
        rest = rest.substring(1).trim();
      }
      return ProcessingTime(rest.replace("'", ""));
    }
    return ProcessingTime(t);
  }

  /** A fixed interval between batch starts (0 = as fast as possible). */
  public static final class ProcessingTimeTrigger extends Trigger {
    private final long intervalMs;

    ProcessingTimeTrigger(long intervalMs) {
      this.intervalMs = intervalMs;
    }

    public long intervalMs() {
      return intervalMs;
    }

    @Override
    public String toString() {
      return "ProcessingTime(" + intervalMs + " ms)";
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ProcessingTimeTrigger p && p.intervalMs == intervalMs;
    }

    @Override
    public int hashCode() {
      return Long.hashCode(intervalMs);
    }
  }

  /** One batch, then stop. */
  public static final class OnceTrigger extends Trigger {
    static final OnceTrigger INSTANCE = new OnceTrigger();

    @Override
    public String toString() {
      return "Once";
    }
  }

  /** Everything available at start, then stop. */
  public static final class AvailableNowTrigger extends Trigger {
    static final AvailableNowTrigger INSTANCE = new AvailableNowTrigger();

    @Override
    public String toString() {
      return "AvailableNow";
    }
  }
}
