package dev.sluice.kafka;

import dev.sluice.connector.Offset;
import dev.sluice.util.Json;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * The Kafka source's offset: for each topic-partition, the offset of the next record to read. Its
 * JSON is Spark's, {@code {"topic":{"0":23,"1":-1}}} (topics and partitions in order), which is what
 * the checkpoint's offset log stores and progress reports show. Immutable.
 */
public final class KafkaSourceOffset implements Offset {
  static final Comparator<TopicPartition> ORDER =
      Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

  private final Map<TopicPartition, Long> offsets;

  public KafkaSourceOffset(Map<TopicPartition, Long> offsets) {
    TreeMap<TopicPartition, Long> m = new TreeMap<>(ORDER);
    m.putAll(offsets);
    this.offsets = Collections.unmodifiableMap(m);
  }

  /** Offsets by topic-partition, in topic then partition order. */
  public Map<TopicPartition, Long> partitionOffsets() {
    return offsets;
  }

  @Override
  public String json() {
    return toJson(offsets);
  }

  static String toJson(Map<TopicPartition, Long> offsets) {
    Map<String, Map<String, Long>> root = new LinkedHashMap<>();
    TreeMap<TopicPartition, Long> sorted = new TreeMap<>(ORDER);
    sorted.putAll(offsets);
    for (Map.Entry<TopicPartition, Long> e : sorted.entrySet()) {
      root.computeIfAbsent(e.getKey().topic(), t -> new LinkedHashMap<>())
          .put(Integer.toString(e.getKey().partition()), e.getValue());
    }
    return Json.write(root);
  }

  /**
   * Parses {@code {"topic":{"0":23}}}; {@code what} names the option or file for the error message.
   *
   * @throws IllegalArgumentException when the text is not of that shape
   */
  static Map<TopicPartition, Long> parseJson(String json, String what) {
    Map<TopicPartition, Long> out = new TreeMap<>(ORDER);
    String trimmed = json == null ? "" : json.strip();
    if (!trimmed.startsWith("{")) {
      throw new IllegalArgumentException(what + " must be a JSON object like {\"topicA\":{\"0\":23,\"1\":-1}}, got "
          + json);
    }
    Map<String, Object> root;
    try {
      root = Json.parseObject(trimmed);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + " is not valid JSON: " + e.getMessage());
    }
    for (Map.Entry<String, Object> t : root.entrySet()) {
      if (!(t.getValue() instanceof Map<?, ?> partitions)) {
        throw new IllegalArgumentException(what + ": the value of topic '" + t.getKey()
            + "' must be an object of partition -> number, like {\"0\":23}");
      }
      for (Map.Entry<?, ?> p : partitions.entrySet()) {
        int partition;
        try {
          partition = Integer.parseInt((String) p.getKey());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(what + ": partition '" + p.getKey() + "' of topic '" + t.getKey()
              + "' is not a number");
        }
        if (!(p.getValue() instanceof Long offset)) {
          throw new IllegalArgumentException(what + ": the value for " + t.getKey() + "-" + partition
              + " is not a whole number: " + p.getValue());
        }
        out.put(new TopicPartition(t.getKey(), partition), offset);
      }
    }
    return out;
  }

  /** Parses an offset this source wrote. */
  public static KafkaSourceOffset parse(String json) {
    return new KafkaSourceOffset(parseJson(json, "Kafka source offset"));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KafkaSourceOffset k && k.offsets.equals(offsets);
  }

  @Override
  public int hashCode() {
    return offsets.hashCode();
  }

  @Override
  public String toString() {
    return json();
  }
}
