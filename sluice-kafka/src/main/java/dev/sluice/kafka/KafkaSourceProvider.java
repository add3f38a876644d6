package dev.sluice.kafka;

import dev.sluice.conf.SluiceConf;
import dev.sluice.connector.InputPartition;
import dev.sluice.connector.Source;
import dev.sluice.connector.SourceContext;
import dev.sluice.connector.SourceProvider;
import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import dev.sluice.fs.FileSystem;
import dev.sluice.fs.FileSystems;
import dev.sluice.types.StructType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code format("kafka")} / {@code USING kafka} as a source, streaming and batch: records become rows
 * {@code key BINARY, value BINARY, topic STRING, partition INT, offset BIGINT, timestamp TIMESTAMP,
 * timestampType INT} (and {@code headers ARRAY<STRUCT<key: STRING, value: BINARY>>} with
 * includeHeaders). Options follow Spark's Kafka source; see the module README.
 */
public final class KafkaSourceProvider implements SourceProvider {
  /** The options read (kafka.* and other dotted keys are handed on, and not checked). */
  @Override
  public java.util.Set<String> optionNames() {
    return java.util.Set.of("subscribe", "subscribePattern", "assign",
        "startingOffsets", "endingOffsets", "startingOffsetsByTimestamp", "endingOffsetsByTimestamp", "startingTimestamp",
        "endingTimestamp", "startingOffsetsByTimestampStrategy", "failOnDataLoss", "maxOffsetsPerTrigger",
        "minOffsetsPerTrigger", "maxTriggerDelay", "maxRecordsPerPartition", "minPartitions", "groupIdPrefix",
        "includeHeaders");
  }

  @Override
  public String shortName() {
    return "kafka";
  }

  @Override
  public StructType schema(SourceContext ctx) {
    if (ctx.userSchema() != null) {
      throw new SluiceException(ErrorClass.INVALID_OPTION, "schema", ctx.userSchema().toDDL(),
          "the Kafka source has a fixed schema (key, value, topic, partition, offset, timestamp, timestampType and, "
              + "with includeHeaders, headers); drop the schema and decode value with CAST or a function");
    }
    // Check the options when the table or DataFrame is declared, not only when the query starts.
    KafkaSourceOptions o = KafkaSourceOptions.forStreamOrBatch(ctx.options());
    return KafkaInputPartition.schema(o.includeHeaders);
  }

  @Override
  public Source createSource(SourceContext ctx) {
    KafkaSourceOptions o = KafkaSourceOptions.forStream(ctx.options());
    FileSystem checkpointFs = ctx.metadataPath() == null ? null : FileSystems.get(ctx.metadataPath(), ctx.sessionConf());
    return new KafkaMicroBatchSource(o, checkpointFs, ctx.metadataPath(), batchSize(ctx.sessionConf()));
  }

  @Override
  public List<InputPartition> planBatch(SourceContext ctx) {
    KafkaSourceOptions o = KafkaSourceOptions.forBatch(ctx.options());
    try (KafkaOffsetReader reader = new KafkaOffsetReader(o)) {
      Set<TopicPartition> parts = reader.partitions();
      Map<TopicPartition, Long> from = OffsetResolver.resolve(reader, o, o.starting, parts, "startingOffsets", true);
      Map<TopicPartition, Long> until = OffsetResolver.resolve(reader, o, o.ending, parts, "endingOffsets", false);
      for (Map.Entry<TopicPartition, Long> e : until.entrySet()) {
        Long f = from.get(e.getKey());
        if (f != null && f > e.getValue()) {
          throw new SluiceException(ErrorClass.INVALID_OPTION, "startingOffsets", KafkaSourceOffset.toJson(from),
              "the start of " + e.getKey() + " (" + f + ") is after its end (" + e.getValue() + " from endingOffsets)");
        }
      }
      KafkaInputPartition.ReadContext rc = new KafkaInputPartition.ReadContext(o.consumerParams(o.newGroupId("driver")),
          null, o.includeHeaders, o.pollTimeoutMs, batchSize(ctx.sessionConf()), new DataLossReporter(o.failOnDataLoss),
          o.bootstrapServers);
      return KafkaRanges.plan(from, until, reader, o, rc.dataLoss(), rc);
    }
  }

  private static int batchSize(Map<String, String> conf) {
    String v = conf == null ? null : conf.get(SluiceConf.BATCH_SIZE.key());
    try {
      return v == null ? 4096 : Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      return 4096;
    }
  }
}
