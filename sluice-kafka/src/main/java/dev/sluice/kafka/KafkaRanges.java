package dev.sluice.kafka;

import dev.sluice.connector.InputPartition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;

/**
 * Cuts the offsets to read into input partitions: one per topic-partition range, big ranges split
 * by maxRecordsPerPartition, and more splits when minPartitions asks for more partitions than there
 * are ranges (in proportion to each range's size, as Spark does).
 */
final class KafkaRanges {
  private KafkaRanges() {}

  record Range(TopicPartition tp, long from, long until) {
    long size() {
      return until - from;
    }
  }

  static List<InputPartition> plan(Map<TopicPartition, Long> from, Map<TopicPartition, Long> until,
      KafkaOffsetReader reader, KafkaSourceOptions options, DataLossReporter dataLoss,
      KafkaInputPartition.ReadContext ctx) {
    List<Range> ranges = new ArrayList<>();
    Set<TopicPartition> toCheck = new TreeSet<>(KafkaSourceOffset.ORDER);
    for (Map.Entry<TopicPartition, Long> e : until.entrySet()) {
      TopicPartition tp = e.getKey();
      Long f = from.get(tp);
      long u = e.getValue();
      if (f == null) {
        continue;
      }
      if (u < f) {
        dataLoss.report("The offset of " + tp + " went back from " + f + " to " + u
            + " (the topic may have been deleted and re-created).", 0);
        continue;
      }
      if (u > f) {
        ranges.add(new Range(tp, f, u));
        toCheck.add(tp);
      }
    }
    // Offsets aged out by retention since they were planned: data loss.
    if (!toCheck.isEmpty()) {
      Map<TopicPartition, Long> earliest = reader.earliest(toCheck);
      List<Range> kept = new ArrayList<>();
      for (Range r : ranges) {
        long e = earliest.getOrDefault(r.tp(), r.from());
        if (e > r.from()) {
          long skipped = Math.min(e, r.until()) - r.from();
          dataLoss.report("Cannot read " + r.tp() + " from offset " + r.from() + ": the earliest offset Kafka still "
              + "has is " + e + ".", skipped);
          if (e < r.until()) {
            kept.add(new Range(r.tp(), e, r.until()));
          }
        } else {
          kept.add(r);
        }
      }
      ranges = kept;
    }
    ranges = split(ranges, options.maxRecordsPerPartition, options.minPartitions);
    List<InputPartition> out = new ArrayList<>(ranges.size());
    for (Range r : ranges) {
      out.add(new KafkaInputPartition(r.tp(), r.from(), r.until(), ctx));
    }
    return out;
  }

  static List<Range> split(List<Range> ranges, long maxRecordsPerPartition, int minPartitions) {
    List<Range> out = new ArrayList<>();
    for (Range r : ranges) {
      if (maxRecordsPerPartition > 0 && r.size() > maxRecordsPerPartition) {
        int parts = (int) Math.min(Integer.MAX_VALUE, (r.size() + maxRecordsPerPartition - 1) / maxRecordsPerPartition);
        out.addAll(cut(r, parts));
      } else {
        out.add(r);
      }
    }
    if (minPartitions > out.size()) {
      long total = 0;
      for (Range r : out) {
        total += r.size();
      }
      List<Range> more = new ArrayList<>();
      for (Range r : out) {
        int parts = (int) Math.max(1, Math.round((double) r.size() / total * minPartitions));
        more.addAll(cut(r, (int) Math.min(parts, r.size())));
      }
      out = more;
    }
    return out;
  }

  private static List<Range> cut(Range r, int parts) {
    List<Range> out = new ArrayList<>(parts);
    long size = r.size();
    for (int i = 0; i < parts; i++) {
      long a = r.from() + size * i / parts;
      long b = r.from() + size * (i + 1) / parts;
      if (b > a) {
        out.add(new Range(r.tp(), a, b));
      }
    }
    return out;
  }
}
