package dev.sluice.kafka;

import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;

/** Turns startingOffsets / endingOffsets (and their timestamp forms) into real offsets per partition. */
final class OffsetResolver {
  private OffsetResolver() {}

  /**
   * Offsets for {@code parts} as {@code spec} says; {@code option} names the option in errors and
   * {@code start} tells a start (no record at a timestamp: error or latest, per
   * startingOffsetsByTimestampStrategy) from an end (no record at a timestamp: latest).
   */
  static Map<TopicPartition, Long> resolve(KafkaOffsetReader reader, KafkaSourceOptions o,
      KafkaSourceOptions.OffsetsSpec spec, Set<TopicPartition> parts, String option, boolean start) {
    Map<TopicPartition, Long> out = new TreeMap<>(KafkaSourceOffset.ORDER);
    if (spec instanceof KafkaSourceOptions.Earliest) {
      out.putAll(reader.earliest(parts));
      return out;
    }
    if (spec instanceof KafkaSourceOptions.Latest) {
      out.putAll(reader.latest(parts));
      return out;
    }
    if (spec instanceof KafkaSourceOptions.Specific s) {
      checkCovers(s.offsets().keySet(), parts, option);
      Set<TopicPartition> earliest = new TreeSet<>(KafkaSourceOffset.ORDER);
      Set<TopicPartition> latest = new TreeSet<>(KafkaSourceOffset.ORDER);
      for (TopicPartition tp : parts) {
        long v = s.offsets().get(tp);
        if (v == KafkaSourceOptions.EARLIEST) {
          earliest.add(tp);
        } else if (v == KafkaSourceOptions.LATEST) {
          latest.add(tp);
        } else {
          out.put(tp, v);
        }
      }
      out.putAll(reader.earliest(earliest));
      out.putAll(reader.latest(latest));
      return out;
    }
    Map<TopicPartition, Long> timestamps = new HashMap<>();
    String timeOption;  // the option the timestamps came from, for errors
    if (spec instanceof KafkaSourceOptions.GlobalTimestamp g) {
      timeOption = start ? "startingTimestamp" : "endingTimestamp";
      parts.forEach(tp -> timestamps.put(tp, g.timestampMs()));
    } else {
      timeOption = start ? "startingOffsetsByTimestamp" : "endingOffsetsByTimestamp";
      KafkaSourceOptions.ByTimestamp b = (KafkaSourceOptions.ByTimestamp) spec;
      checkCovers(b.timestamps().keySet(), parts, timeOption);
      for (TopicPartition tp : parts) {
        timestamps.put(tp, b.timestamps().get(tp));
      }
    }
    Map<TopicPartition, Long> found = reader.forTimestamps(timestamps);
    Set<TopicPartition> none = new TreeSet<>(KafkaSourceOffset.ORDER);
    found.forEach((tp, off) -> {
      if (off == null || off < 0) {
        none.add(tp);
      } else {
        out.put(tp, off);
      }
    });
    if (!none.isEmpty()) {
      if (start && !o.startingByTimestampFallsBackToLatest) {
        throw new SluiceException(ErrorClass.INVALID_OPTION, timeOption, timestamps.get(none.iterator().next()),
            "partition(s) " + none + " have no record at or after that timestamp; set "
                + "startingOffsetsByTimestampStrategy to 'latest' to start such partitions at their latest offset");
      }
      out.putAll(reader.latest(none));
    }
    return out;
  }

  private static void checkCovers(Set<TopicPartition> given, Set<TopicPartition> parts, String option) {
    Set<TopicPartition> missing = new TreeSet<>(KafkaSourceOffset.ORDER);
    missing.addAll(parts);
    missing.removeAll(given);
    Set<TopicPartition> extra = new TreeSet<>(KafkaSourceOffset.ORDER);
    extra.addAll(given);
    extra.removeAll(parts);
    if (!missing.isEmpty() || !extra.isEmpty()) {
      throw new SluiceException(ErrorClass.INVALID_OPTION, option, given,
          "with offsets per partition, every partition read must be given, and only those: "
              + (missing.isEmpty() ? "" : "missing " + missing + (extra.isEmpty() ? "" : "; "))
              + (extra.isEmpty() ? "" : "not read or not existing " + extra)
              + " (use -2 for earliest and -1 for latest)");
    }
  }
}
