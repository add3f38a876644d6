package dev.sluice.connector.builtin;

import dev.sluice.connector.Sink;
import dev.sluice.connector.SinkBatch;
import dev.sluice.connector.SinkContext;
import dev.sluice.connector.SinkProvider;
import java.util.concurrent.atomic.AtomicLong;

/** {@code format("noop")}: computes every row and discards it (as Spark's noop sink); for benchmarks. */
public final class NoopSinkProvider implements SinkProvider {
  @Override
  public java.util.Set<String> optionNames() {
    return java.util.Set.of();
  }

  @Override
  public String shortName() {
    return "noop";
  }

  @Override
  public Sink createSink(SinkContext ctx) {
    return new NoopSink();
  }

  /** Counts rows and drops them. */
  public static final class NoopSink implements Sink {
    private final AtomicLong rows = new AtomicLong();

    @Override
    public void addBatch(long batchId, SinkBatch data) {
      rows.addAndGet(data.numRows());
    }

    public long rows() {
      return rows.get();
    }

    @Override
    public String description() {
      return "NoopSink";
    }
  }
}
