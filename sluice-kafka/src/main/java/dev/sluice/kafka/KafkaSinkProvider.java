package dev.sluice.kafka;

import dev.sluice.connector.Sink;
import dev.sluice.connector.SinkBatch;
import dev.sluice.connector.SinkContext;
import dev.sluice.connector.SinkProvider;

/**
 * {@code format("kafka")} / {@code USING kafka} as a sink, for streaming queries and batch writes:
 * writes the {@code value} column (and optional {@code key}, {@code topic}, {@code partition},
 * {@code headers}) as records. At-least-once by default; {@code exactlyOnce=true} writes each batch
 * in a Kafka transaction (see {@link KafkaSink} and the module README).
 */
public final class KafkaSinkProvider implements SinkProvider {
  /** The options read (kafka.* and other dotted keys are handed on, and not checked). */
  @Override
  public java.util.Set<String> optionNames() {
    return java.util.Set.of("topic", "exactlyOnce");
  }

  @Override
  public String shortName() {
    return "kafka";
  }

  @Override
  public Sink createSink(SinkContext ctx) {
    return new KafkaSink(ctx.options(), ctx.schema(), ctx.queryId(), false);
  }

  @Override
  public void writeBatch(SinkContext ctx, SinkBatch data) {
    new KafkaSink(ctx.options(), ctx.schema(), null, true).writeOnce(data);
  }
}
