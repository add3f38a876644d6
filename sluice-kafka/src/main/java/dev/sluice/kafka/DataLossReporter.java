package dev.sluice.kafka;

import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the source does when offsets it should read no longer exist: with failOnDataLoss (the
 * default) stop the query with {@link ErrorClass#KAFKA_DATA_LOSS}; without it, log a warning, count
 * the event and the offsets skipped (shown in progress as source metrics), and go on. Thread-safe.
 */
final class DataLossReporter {
  private static final Logger LOG = LoggerFactory.getLogger(DataLossReporter.class);

  private final boolean failOnDataLoss;
  private final AtomicLong events = new AtomicLong();
  private final AtomicLong offsetsSkipped = new AtomicLong();

  DataLossReporter(boolean failOnDataLoss) {
    this.failOnDataLoss = failOnDataLoss;
  }

  /** Reports a loss of {@code skipped} offsets (0 when unknown). */
  void report(String message, long skipped) {
    if (failOnDataLoss) {
      throw new SluiceException(ErrorClass.KAFKA_DATA_LOSS, message);
    }
    events.incrementAndGet();
    offsetsSkipped.addAndGet(Math.max(0, skipped));
    LOG.warn("{} Some data may have been lost; failOnDataLoss is false, so the query goes on without it.", message);
  }

  long events() {
    return events.get();
  }

  long offsetsSkipped() {
    return offsetsSkipped.get();
  }
}
