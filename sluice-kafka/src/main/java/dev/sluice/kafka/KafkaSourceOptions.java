package dev.sluice.kafka;

import dev.sluice.conf.Options;
import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The Kafka source's options, parsed and checked once, with Spark's names and meanings. Every error
 * names the option and the fix.
 */
final class KafkaSourceOptions {
  static final String BOOTSTRAP = "kafka.bootstrap.servers";

  /** Which partitions to read. */
  sealed interface Strategy permits Subscribe, SubscribePattern, Assign {}

  record Subscribe(List<String> topics) implements Strategy {
    @Override
    public String toString() {
      return "Subscribe[" + String.join(",", topics) + "]";
    }
  }

  record SubscribePattern(Pattern pattern) implements Strategy {
    @Override
    public String toString() {
      return "SubscribePattern[" + pattern.pattern() + "]";
    }
  }

  record Assign(List<TopicPartition> partitions) implements Strategy {
    @Override
    public String toString() {
      List<String> s = new ArrayList<>();
      partitions.forEach(tp -> s.add(tp.toString()));
      return "Assign[" + String.join(", ", s) + "]";
    }
  }

  /** Where reading starts or ends. */
  sealed interface OffsetsSpec permits Earliest, Latest, Specific, GlobalTimestamp, ByTimestamp {}

  record Earliest() implements OffsetsSpec {}

  record Latest() implements OffsetsSpec {}

  /** Offsets per partition; -2 means earliest and -1 latest, as in Spark. */
  record Specific(Map<TopicPartition, Long> offsets) implements OffsetsSpec {}

  /** The first offset at or after a timestamp (ms), for every partition. */
  record GlobalTimestamp(long timestampMs) implements OffsetsSpec {}

  /** The first offset at or after a timestamp (ms) per partition. */
  record ByTimestamp(Map<TopicPartition, Long> timestamps) implements OffsetsSpec {}

  static final long EARLIEST = -2L;
  static final long LATEST = -1L;

  final String bootstrapServers;
  /** The kafka.* options without the prefix, for consumers and the admin client. */
  final Map<String, Object> kafkaParams;
  final Strategy strategy;
  final OffsetsSpec starting;
  final OffsetsSpec ending;
  final boolean startingByTimestampFallsBackToLatest;
  final long maxOffsetsPerTrigger;
  final long minOffsetsPerTrigger;
  final long maxTriggerDelayMs;
  final boolean failOnDataLoss;
  final boolean includeHeaders;
  final int minPartitions;
  final long maxRecordsPerPartition;
  final long pollTimeoutMs;
  final int fetchOffsetNumRetries;
  final long fetchOffsetRetryIntervalMs;
  final String groupIdPrefix;

  /** What the options are checked for: a stream, a batch read, or either (when a table is declared). */
  enum Mode { STREAM, BATCH, ANY }

  private KafkaSourceOptions(Options o, Mode mode) {
    boolean streaming = mode != Mode.BATCH;
    bootstrapServers = bootstrapServers(o, "Kafka source");
    kafkaParams = kafkaParams(o);
    checkConsumerParams(kafkaParams);
    strategy = strategy(o);
    OffsetsSpec start = startingSpec(o, mode);
    starting = start;
    String strategyOpt = o.get("startingOffsetsByTimestampStrategy", "error").trim().toLowerCase(Locale.ROOT);
    if (!strategyOpt.equals("error") && !strategyOpt.equals("latest")) {
      throw new SluiceException(ErrorClass.INVALID_OPTION, "startingOffsetsByTimestampStrategy", strategyOpt,
          "expected 'error' (fail when a partition has no record at or after the timestamp) or 'latest' (start such "
              + "a partition at its latest offset)");
    }
    startingByTimestampFallsBackToLatest = strategyOpt.equals("latest");
    ending = endingSpec(o, mode == Mode.STREAM);
    maxOffsetsPerTrigger = positive(o, "maxOffsetsPerTrigger");
    minOffsetsPerTrigger = positive(o, "minOffsetsPerTrigger");
    if (minOffsetsPerTrigger > 0 && maxOffsetsPerTrigger > 0 && minOffsetsPerTrigger > maxOffsetsPerTrigger) {
      // As Spark: a batch could never hold the minimum.
      throw new SluiceException(ErrorClass.INVALID_OPTION, "minOffsetsPerTrigger", minOffsetsPerTrigger,
          "it is higher than maxOffsetsPerTrigger (" + maxOffsetsPerTrigger + "), so no batch could hold it; lower it "
              + "or raise maxOffsetsPerTrigger");
    }
    maxTriggerDelayMs = o.contains("maxTriggerDelay") ? parseTimeMs("maxTriggerDelay", o.get("maxTriggerDelay"))
        : 15 * 60_000L;
    if (!streaming) {
      for (String k : List.of("maxOffsetsPerTrigger", "minOffsetsPerTrigger", "maxTriggerDelay")) {
        if (o.contains(k)) {
          throw new SluiceException(ErrorClass.INVALID_OPTION, k, o.get(k),
              "it applies to streaming queries only; a batch read reads from startingOffsets to endingOffsets at once");
        }
      }
    }
    failOnDataLoss = o.getBoolean("failOnDataLoss", true);
    includeHeaders = o.getBoolean("includeHeaders", false);
    minPartitions = o.getInt("minPartitions", 0);
    if (o.contains("minPartitions") && minPartitions <= 0) {
      throw new SluiceException(ErrorClass.INVALID_OPTION, "minPartitions", o.get("minPartitions"),
          "expected a positive number");
    }
    maxRecordsPerPartition = positive(o, "maxRecordsPerPartition");
    pollTimeoutMs = o.getLong("kafkaConsumer.pollTimeoutMs", 120_000L);
    fetchOffsetNumRetries = o.getInt("fetchOffset.numRetries", 3);
    fetchOffsetRetryIntervalMs = o.getLong("fetchOffset.retryIntervalMs", 10L);
    groupIdPrefix = o.get("groupIdPrefix", "sluice-kafka-source");
  }

  static KafkaSourceOptions forStream(Options o) {
    return new KafkaSourceOptions(o, Mode.STREAM);
  }

  static KafkaSourceOptions forBatch(Options o) {
    return new KafkaSourceOptions(o, Mode.BATCH);
  }

  /** The checks that hold for streams and batch reads alike (a table declared for either). */
  static KafkaSourceOptions forStreamOrBatch(Options o) {
    return new KafkaSourceOptions(o, Mode.ANY);
  }

  /** Properties for the consumers that read records (bytes, no auto commit, no offset reset). */
  Map<String, Object> consumerParams(String defaultGroupId) {
    Map<String, Object> p = new HashMap<>();
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
    p.putAll(kafkaParams);
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.putIfAbsent(ConsumerConfig.GROUP_ID_CONFIG, defaultGroupId);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    return p;
  }

  /** A group id like Spark's: the prefix, a random part, and the role. */
  String newGroupId(String role) {
    return groupIdPrefix + "-" + UUID.randomUUID() + "-" + role;
  }

  boolean readCommitted() {
    Object v = kafkaParams.get(ConsumerConfig.ISOLATION_LEVEL_CONFIG);
    return v != null && v.toString().trim().equalsIgnoreCase("read_committed");
  }

  // ------------------------------------------------------------------ shared with the sink

  static String bootstrapServers(Options o, String what) {
    String v = o.get(BOOTSTRAP);
    if (v == null || v.isBlank()) {
      throw new SluiceException(ErrorClass.MISSING_OPTION, what, BOOTSTRAP,
          "set it to the Kafka brokers to connect to, e.g. .option(\"kafka.bootstrap.servers\", \"host1:9092,host2:9092\")"
              + " or OPTIONS ('kafka.bootstrap.servers' '127.0.0.1:9092'); ./sluice kafka-dev starts a local broker and "
              + "prints its address");
    }
    return v.trim();
  }

  /** The options that start with {@code kafka.}, without the prefix. */
  static Map<String, Object> kafkaParams(Options o) {
    Map<String, Object> out = new LinkedHashMap<>();
    o.asMap().forEach((k, v) -> {
      if (k.toLowerCase(Locale.ROOT).startsWith("kafka.")) {
        out.put(k.substring("kafka.".length()), v);
      }
    });
    return out;
  }

  private static void checkConsumerParams(Map<String, Object> p) {
    Map<String, String> refused = Map.of(
        "auto.offset.reset", "set the source option startingOffsets to 'earliest' or 'latest' instead",
        "key.deserializer", "keys are always read as bytes (the key column is BINARY); use CAST(key AS STRING) or a "
            + "function to decode them",
        "value.deserializer", "values are always read as bytes (the value column is BINARY); use "
            + "CAST(value AS STRING) or a function to decode them",
        "enable.auto.commit", "the source does not commit offsets to Kafka; its offsets are kept in the checkpoint",
        "interceptor.classes", "interceptors would see the records as raw bytes per fetch, not per query; it is not "
            + "supported");
    for (String k : p.keySet()) {
      String fix = refused.get(k.toLowerCase(Locale.ROOT));
      if (fix != null) {
        throw new SluiceException(ErrorClass.INVALID_OPTION, "kafka." + k, p.get(k), "this Kafka setting is not "
            + "supported by the Kafka source: " + fix);
      }
    }
  }

  private static Strategy strategy(Options o) {
    List<String> given = new ArrayList<>();
    for (String k : List.of("subscribe", "subscribePattern", "assign")) {
      if (o.contains(k)) {
        given.add(k);
      }
    }
    if (given.isEmpty()) {
      throw new SluiceException(ErrorClass.MISSING_OPTION, "Kafka source", "subscribe, subscribePattern or assign",
          "name what to read with exactly one of: subscribe 'topic1,topic2' (a list of topics), subscribePattern "
              + "'events-.*' (a Java regex of topic names; new matching topics are picked up) or assign "
              + "'{\"topicA\":[0,1]}' (specific partitions)");
    }
    if (given.size() > 1) {
      throw new SluiceException(ErrorClass.INVALID_OPTION, String.join(" and ", given), "(both set)",
          "only one of subscribe, subscribePattern and assign may be given; keep the one that says what to read");
    }
    String k = given.get(0);
    String v = o.get(k).trim();
    switch (k) {
      case "subscribe": {
        List<String> topics = new ArrayList<>();
        for (String t : v.split(",")) {
          if (!t.isBlank()) {
            topics.add(t.trim());
          }
        }
        if (topics.isEmpty()) {
          throw new SluiceException(ErrorClass.INVALID_OPTION, "subscribe", v,
              "expected a comma-separated list of topic names, e.g. 'orders,payments'");
        }
        return new Subscribe(List.copyOf(topics));
      }
      case "subscribePattern": {
        if (v.isEmpty()) {
          throw new SluiceException(ErrorClass.INVALID_OPTION, "subscribePattern", v,
              "expected a Java regular expression of topic names, e.g. 'events-.*'");
        }
        try {
          return new SubscribePattern(Pattern.compile(v));
        } catch (PatternSyntaxException e) {
          throw new SluiceException(ErrorClass.INVALID_OPTION, "subscribePattern", v,
              "not a valid Java regular expression: " + e.getDescription());
        }
      }
      default: {
        List<TopicPartition> parts = parseAssign(v);
        if (parts.isEmpty()) {
          throw new SluiceException(ErrorClass.INVALID_OPTION, "assign", v,
              "no partition given; expected JSON like {\"topicA\":[0,1],\"topicB\":[2,4]}");
        }
        return new Assign(parts);
      }
    }
  }

  static List<TopicPartition> parseAssign(String json) {
    List<TopicPartition> out = new ArrayList<>();
    try {
      for (Map.Entry<String, Object> e : dev.sluice.util.Json.parseObject(json.strip()).entrySet()) {
        if (!(e.getValue() instanceof List<?> partitions)) {
          throw new IllegalArgumentException("the value of '" + e.getKey() + "' is not a list of partitions");
        }
        for (Object p : partitions) {
          if (!(p instanceof Long n) || n < 0 || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("partition " + p + " of '" + e.getKey() + "' is not a number");
          }
          out.add(new TopicPartition(e.getKey(), n.intValue()));
        }
      }
    } catch (IllegalArgumentException e) {
      throw new SluiceException(ErrorClass.INVALID_OPTION, "assign", json,
          "expected JSON like {\"topicA\":[0,1],\"topicB\":[2,4]} (" + e.getMessage() + ")");
    }
    return List.copyOf(out);
  }

  private static OffsetsSpec startingSpec(Options o, Mode mode) {
    boolean streaming = mode != Mode.BATCH;
    if (o.contains("startingTimestamp")) {
      return new GlobalTimestamp(nonNegative(o, "startingTimestamp"));
    }
    if (o.contains("startingOffsetsByTimestamp")) {
      return new ByTimestamp(offsetsJson(o, "startingOffsetsByTimestamp"));
    }
    String v = o.get("startingOffsets");
    if (v == null) {
      return mode == Mode.STREAM ? new Latest() : new Earliest();
    }
    String s = v.trim().toLowerCase(Locale.ROOT);
    if (s.equals("earliest")) {
      return new Earliest();
    }
    if (s.equals("latest")) {
      if (!streaming) {
        throw new SluiceException(ErrorClass.INVALID_OPTION, "startingOffsets", v, "a batch read cannot start at "
            + "'latest' (it would read nothing); use 'earliest' or per-partition offsets as JSON");
      }
      return new Latest();
    }
    Map<TopicPartition, Long> m = offsetsJson(o, "startingOffsets");
    for (Map.Entry<TopicPartition, Long> e : m.entrySet()) {
      if (e.getValue() < EARLIEST) {
        throw new SluiceException(ErrorClass.INVALID_OPTION, "startingOffsets", v, "offset " + e.getValue() + " for "
            + e.getKey() + " is not valid; use an offset >= 0, -2 for earliest or -1 for latest");
      }
      if (!streaming && e.getValue() == LATEST) {
        throw new SluiceException(ErrorClass.INVALID_OPTION, "startingOffsets", v, "a batch read cannot start "
            + e.getKey() + " at latest (-1)");
      }
    }
    return new Specific(m);
  }

  private static OffsetsSpec endingSpec(Options o, boolean streaming) {
    List<String> keys = List.of("endingOffsets", "endingTimestamp", "endingOffsetsByTimestamp");
    if (streaming) {
      for (String k : keys) {
        if (o.contains(k)) {
          throw new SluiceException(ErrorClass.INVALID_OPTION, k, o.get(k), "a streaming query reads without end; "
              + "endingOffsets applies to batch reads (session.read()). To stop a stream at the data there is now, "
              + "use trigger(Trigger.AvailableNow())");
        }
      }
      return null;
    }
    if (o.contains("endingTimestamp")) {
      return new GlobalTimestamp(nonNegative(o, "endingTimestamp"));
    }
    if (o.contains("endingOffsetsByTimestamp")) {
      return new ByTimestamp(offsetsJson(o, "endingOffsetsByTimestamp"));
    }
    String v = o.get("endingOffsets");
    if (v == null || v.trim().equalsIgnoreCase("latest")) {
      return new Latest();
    }
    if (v.trim().equalsIgnoreCase("earliest")) {
      throw new SluiceException(ErrorClass.INVALID_OPTION, "endingOffsets", v,
          "a batch read cannot end at 'earliest'; use 'latest' or per-partition offsets as JSON");
    }
    Map<TopicPartition, Long> m = offsetsJson(o, "endingOffsets");
    for (Map.Entry<TopicPartition, Long> e : m.entrySet()) {
      if (e.getValue() < LATEST) {
        throw new SluiceException(ErrorClass.INVALID_OPTION, "endingOffsets", v, "offset " + e.getValue() + " for "
            + e.getKey() + " is not valid; use an offset >= 0 or -1 for latest (earliest, -2, cannot end a read)");
      }
    }
    return new Specific(m);
  }

  private static Map<TopicPartition, Long> offsetsJson(Options o, String key) {
    try {
      return KafkaSourceOffset.parseJson(o.get(key), key);
    } catch (IllegalArgumentException e) {
      throw new SluiceException(ErrorClass.INVALID_OPTION, key, o.get(key),
          e.getMessage() + "; expected 'earliest', 'latest' or JSON like {\"topicA\":{\"0\":23,\"1\":-2}}");
    }
  }

  private static long positive(Options o, String key) {
    if (!o.contains(key)) {
      return 0;
    }
    long v = o.getLong(key, 0);
    if (v <= 0) {
      throw new SluiceException(ErrorClass.INVALID_OPTION, key, v, "expected a positive number");
    }
    return v;
  }

  private static long nonNegative(Options o, String key) {
    long v = o.getLong(key, 0);
    if (v < 0) {
      throw new SluiceException(ErrorClass.INVALID_OPTION, key, v, "expected a timestamp in milliseconds since the "
          + "epoch");
    }
    return v;
  }

  /** Spark's time strings: {@code 100ms}, {@code 30s}, {@code 15m}, {@code 2h}, {@code 1d}; a bare number is ms. */
  static long parseTimeMs(String key, String text) {
    String s = text.trim().toLowerCase(Locale.ROOT).replace(" ", "");
    var m = Pattern.compile("(\\d+)([a-z]*)").matcher(s);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      switch (m.group(2)) {
        case "", "ms":
          return n;
        case "s", "sec", "second", "seconds":
          return n * 1000;
        case "m", "min", "mins", "minute", "minutes":
          return n * 60_000;
        case "h", "hour", "hours":
          return n * 3_600_000;
        case "d", "day", "days":
          return n * 86_400_000;
        default:
          break;
      }
    }
    throw new SluiceException(ErrorClass.INVALID_OPTION, key, text,
        "expected a duration like '500ms', '30s', '15m' or '1h'");
  }

}
