package dev.sluice.kafka;

import dev.sluice.connector.InputPartition;
import dev.sluice.connector.Offset;
import dev.sluice.connector.ReadLimit;
import dev.sluice.connector.Source;
import dev.sluice.errors.CheckpointException;
import dev.sluice.fs.FilePaths;
import dev.sluice.fs.FileSystem;
import dev.sluice.types.StructType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streaming Kafka source. Offsets are {@link KafkaSourceOffset}s (next offset per partition);
 * the first batch starts at startingOffsets, resolved once and kept in the checkpoint's source
 * metadata folder so a restart before the first commit starts at the same place. Partitions that
 * appear later (new partitions, new topics matching subscribePattern) are read from their earliest
 * offset. Driver-side calls come from the query thread; reads run on worker threads.
 */
final class KafkaMicroBatchSource implements Source {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaMicroBatchSource.class);
  /** A read limit that is not {@link ReadLimit#ALL}, so that minOffsetsPerTrigger applies without a maximum. */
  private static final long NO_MAX = Long.MAX_VALUE - 1;

  private final KafkaSourceOptions options;
  /** The file system of the checkpoint and the source's folder in it (null without a checkpoint). */
  private final FileSystem checkpointFs;
  private final String metadataPath;
  private final int batchSize;
  private final KafkaOffsetReader reader;
  private final ConsumerPool pool;
  private final DataLossReporter dataLoss;
  private final KafkaInputPartition.ReadContext readContext;

  private Map<TopicPartition, Long> initialOffsets;
  private Map<TopicPartition, Long> latestAvailable = Map.of();
  private Map<TopicPartition, Long> availableNowEnd;
  private long lastTriggerMillis;
  private final Set<TopicPartition> reportedGone = new TreeSet<>(KafkaSourceOffset.ORDER);

  KafkaMicroBatchSource(KafkaSourceOptions options, FileSystem checkpointFs, String metadataPath, int batchSize) {
    this.options = options;
    this.checkpointFs = checkpointFs;
    this.metadataPath = metadataPath;
    this.batchSize = batchSize;
    this.reader = new KafkaOffsetReader(options);
    this.pool = new ConsumerPool(options.consumerParams(options.newGroupId("executor")));
    this.dataLoss = new DataLossReporter(options.failOnDataLoss);
    this.readContext = new KafkaInputPartition.ReadContext(null, pool, options.includeHeaders, options.pollTimeoutMs,
        batchSize, dataLoss, options.bootstrapServers);
    this.lastTriggerMillis = 0;   // as Spark: the first trigger of a run is never delayed by minOffsetsPerTrigger
  }

  @Override
  public StructType schema() {
    return KafkaInputPartition.schema(options.includeHeaders);
  }

  @Override
  public Offset initialOffset() {
    return new KafkaSourceOffset(initialOffsets());
  }

  /** startingOffsets resolved; read from the checkpoint when a previous run resolved them. */
  private Map<TopicPartition, Long> initialOffsets() {
    if (initialOffsets != null) {
      return initialOffsets;
    }
    String file = metadataPath == null ? null : FilePaths.join(metadataPath, "initialOffsets.json");
    if (file != null && exists(file)) {
      initialOffsets = readInitialOffsets(file);
      return initialOffsets;
    }
    Set<TopicPartition> parts = reader.partitions();
    Map<TopicPartition, Long> resolved = OffsetResolver.resolve(reader, options, options.starting, parts,
        "startingOffsets", true);
    if (file != null) {
      boolean created;
      try {
        created = checkpointFs.createAtomically(file, KafkaSourceOffset.toJson(resolved).getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new CheckpointException(file, "it cannot be written (" + e.getMessage() + ")");
      }
      if (!created) {
        initialOffsets = readInitialOffsets(file); // written in between: the first one wins
        return initialOffsets;
      }
    }
    LOG.info("Kafka source {} starts at {}", description(), KafkaSourceOffset.toJson(resolved));
    initialOffsets = resolved;
    return initialOffsets;
  }

  private boolean exists(String file) {
    try {
      return checkpointFs.exists(file);
    } catch (IOException e) {
      throw new CheckpointException(file, "it cannot be read (" + e.getMessage() + ")");
    }
  }

  private Map<TopicPartition, Long> readInitialOffsets(String file) {
    try {
      return KafkaSourceOffset.parse(new String(checkpointFs.readAll(file), StandardCharsets.UTF_8)).partitionOffsets();
    } catch (IOException | IllegalArgumentException e) {
      throw new CheckpointException(file, "it cannot be read as the Kafka source's starting offsets ("
          + e.getMessage() + ")");
    }
  }

  private Map<TopicPartition, Long> startOf(Offset start) {
    return start == null ? initialOffsets() : ((KafkaSourceOffset) start).partitionOffsets();
  }

  @Override
  public ReadLimit defaultReadLimit() {
    if (options.maxOffsetsPerTrigger > 0) {
      return ReadLimit.maxRows(options.maxOffsetsPerTrigger);
    }
    return options.minOffsetsPerTrigger > 0 ? ReadLimit.maxRows(NO_MAX) : ReadLimit.ALL;
  }

  @Override
  public Offset latestOffset(Offset start, ReadLimit limit) {
    Map<TopicPartition, Long> from = startOf(start);
    Set<TopicPartition> parts = reader.partitions();
    if (availableNowEnd != null) {
      parts.retainAll(availableNowEnd.keySet());
    }
    Map<TopicPartition, Long> latest = new TreeMap<>(KafkaSourceOffset.ORDER);
    latest.putAll(reader.latest(parts));
    if (availableNowEnd != null) {
      latest.replaceAll((tp, off) -> Math.min(off, availableNowEnd.get(tp)));
    }
    latestAvailable = Map.copyOf(latest);
    Set<TopicPartition> gone = new TreeSet<>(KafkaSourceOffset.ORDER);
    gone.addAll(from.keySet());
    gone.removeAll(latest.keySet());
    gone.removeAll(reportedGone);
    if (!gone.isEmpty()) {
      dataLoss.report("Partition(s) " + gone + " are gone (their topic was deleted).", 0);
      reportedGone.addAll(gone);
    }
    if (limit.isAll()) {
      return new KafkaSourceOffset(latest);
    }
    // Where each partition starts: its start offset, or its earliest when it is new.
    Map<TopicPartition, Long> begin = new TreeMap<>(KafkaSourceOffset.ORDER);
    Set<TopicPartition> fresh = new TreeSet<>(KafkaSourceOffset.ORDER);
    for (TopicPartition tp : latest.keySet()) {
      Long f = from.get(tp);
      if (f == null) {
        fresh.add(tp);
      } else {
        begin.put(tp, f);
      }
    }
    if (!fresh.isEmpty()) {
      begin.putAll(reader.earliest(fresh));
    }
    long available = 0;
    for (Map.Entry<TopicPartition, Long> e : latest.entrySet()) {
      available += Math.max(0, e.getValue() - begin.get(e.getKey()));
    }
    if (options.minOffsetsPerTrigger > 0 && availableNowEnd == null) {
      // Spark's rule: once maxTriggerDelay has passed since the last trigger (or at the first one), go
      // with what there is and restart the clock; before that, wait for minOffsetsPerTrigger offsets.
      long now = System.currentTimeMillis();
      if (now - lastTriggerMillis < options.maxTriggerDelayMs && available < options.minOffsetsPerTrigger) {
        LOG.debug("Kafka source {}: {} new offsets, fewer than minOffsetsPerTrigger {}; waiting", description(),
            available, options.minOffsetsPerTrigger);
        return start;
      }
      lastTriggerMillis = now;
    }
    Map<TopicPartition, Long> end = latest;
    if (limit.maxRows() < NO_MAX && available > limit.maxRows()) {
      end = rateLimit(limit.maxRows(), begin, latest, available);
    }
    return new KafkaSourceOffset(end);
  }

  /**
   * The newest offsets the last {@link #latestOffset} saw, before any read limit (as Spark's
   * reportLatestOffset): a limited batch needs no second round of offset look-ups for its progress.
   */
  @Override
  public Offset reportLatestOffset(Offset start) {
    return latestAvailable.isEmpty() ? null : new KafkaSourceOffset(latestAvailable);
  }

  /** Spreads {@code limit} offsets over the partitions in proportion to what each has (Spark's rule). */
  static Map<TopicPartition, Long> rateLimit(long limit, Map<TopicPartition, Long> begin,
      Map<TopicPartition, Long> latest, long total) {
    Map<TopicPartition, Long> out = new TreeMap<>(KafkaSourceOffset.ORDER);
    for (Map.Entry<TopicPartition, Long> e : latest.entrySet()) {
      long b = begin.get(e.getKey());
      long end = e.getValue();
      long size = end - b;
      if (size <= 0) {
        out.put(e.getKey(), end);
        continue;
      }
      double prorate = limit * ((double) size / total);
      long step = (long) (prorate < 1 ? Math.ceil(prorate) : Math.floor(prorate));
      out.put(e.getKey(), Math.min(end, b + step));
    }
    return out;
  }

  @Override
  public List<InputPartition> planInputPartitions(Offset start, Offset end) {
    Map<TopicPartition, Long> from = new TreeMap<>(KafkaSourceOffset.ORDER);
    from.putAll(startOf(start));
    Map<TopicPartition, Long> until = ((KafkaSourceOffset) end).partitionOffsets();
    Set<TopicPartition> fresh = new TreeSet<>(KafkaSourceOffset.ORDER);
    for (TopicPartition tp : until.keySet()) {
      if (!from.containsKey(tp)) {
        fresh.add(tp);
      }
    }
    if (!fresh.isEmpty()) {
      Map<TopicPartition, Long> earliest = reader.earliest(fresh);
      earliest.forEach((tp, off) -> {
        if (off != 0) {
          dataLoss.report("Added partition " + tp + " starts from offset " + off + " instead of 0.", off);
        }
        LOG.info("Kafka source {}: new partition {} is read from offset {}", description(), tp, off);
      });
      from.putAll(earliest);
    }
    return KafkaRanges.plan(from, until, reader, options, dataLoss, readContext);
  }

  @Override
  public Offset deserializeOffset(String json) {
    return KafkaSourceOffset.parse(json);
  }

  @Override
  public void prepareForTriggerAvailableNow() {
    Set<TopicPartition> parts = reader.partitions();
    availableNowEnd = new TreeMap<>(KafkaSourceOffset.ORDER);
    availableNowEnd.putAll(reader.latest(parts));
    LOG.info("Kafka source {}: Trigger.AvailableNow reads up to {}", description(),
        KafkaSourceOffset.toJson(availableNowEnd));
  }

  @Override
  public void stop() {
    try {
      pool.close();
    } finally {
      reader.close();
    }
  }

  @Override
  public String description() {
    return "KafkaV2[" + options.strategy + "]";
  }

  @Override
  public Map<String, String> metrics(Offset latestConsumed) {
    Map<String, String> m = new LinkedHashMap<>();
    if (latestConsumed instanceof KafkaSourceOffset k && !latestAvailable.isEmpty()) {
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      long sum = 0;
      int n = 0;
      for (Map.Entry<TopicPartition, Long> e : latestAvailable.entrySet()) {
        Long consumed = k.partitionOffsets().get(e.getKey());
        if (consumed == null) {
          continue;
        }
        long behind = Math.max(0, e.getValue() - consumed);
        min = Math.min(min, behind);
        max = Math.max(max, behind);
        sum += behind;
        n++;
      }
      if (n > 0) {
        m.put("minOffsetsBehindLatest", Long.toString(min));
        m.put("maxOffsetsBehindLatest", Long.toString(max));
        m.put("avgOffsetsBehindLatest", Double.toString((double) sum / n));
      }
    }
    m.put("dataLossEvents", Long.toString(dataLoss.events()));
    m.put("offsetsSkippedByDataLoss", Long.toString(dataLoss.offsetsSkipped()));
    return m;
  }

  int batchSize() {
    return batchSize;
  }
}
