package dev.sluice.kafka;

import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the cluster (through an admin client, on the driver) which partitions the source reads and
 * their earliest, latest or by-timestamp offsets. Failed calls are retried
 * {@code fetchOffset.numRetries} times {@code fetchOffset.retryIntervalMs} apart; an unreachable
 * cluster then gives a {@link ErrorClass#KAFKA_UNREACHABLE} error, not a raw timeout trace. Used from
 * one thread.
 */
final class KafkaOffsetReader implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaOffsetReader.class);

  private final KafkaSourceOptions options;
  private final Admin admin;
  private final long apiTimeoutMs;
  /** How long to wait on a future: longer than the admin's own timeout, so that its clearer error wins. */
  private final long waitMs;

  KafkaOffsetReader(KafkaSourceOptions options) {
    this.options = options;
    Map<String, Object> p = adminParams(options.bootstrapServers, options.kafkaParams);
    this.apiTimeoutMs = Long.parseLong(p.get(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG).toString());
    this.waitMs = apiTimeoutMs + 10_000;
    this.admin = Admin.create(p);
  }

  /** The subset of kafka.* settings an admin client knows, plus the bootstrap servers. */
  static Map<String, Object> adminParams(String bootstrap, Map<String, Object> kafkaParams) {
    Map<String, Object> p = new HashMap<>();
    Set<String> known = AdminClientConfig.configNames();
    kafkaParams.forEach((k, v) -> {
      if (known.contains(k)) {
        p.put(k, v);
      }
    });
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "60000");
    Object api = p.get(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG);
    // The request timeout may not exceed the API timeout, or the admin client refuses to start.
    long apiMs = Long.parseLong(api.toString());
    p.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(Math.min(30_000, apiMs)));
    p.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "sluice-kafka-offsets-" + System.identityHashCode(p));
    return p;
  }

  /** The partitions the source reads now (subscribed topics that exist, topics matching the pattern, or assigned). */
  Set<TopicPartition> partitions() {
    KafkaSourceOptions.Strategy s = options.strategy;
    if (s instanceof KafkaSourceOptions.Assign a) {
      Set<TopicPartition> out = new TreeSet<>(KafkaSourceOffset.ORDER);
      out.addAll(a.partitions());
      return out;
    }
    Set<String> names = call("listing topics", () -> admin.listTopics(new ListTopicsOptions().listInternal(false))
        .names().get(waitMs, TimeUnit.MILLISECONDS));
    List<String> wanted = new ArrayList<>();
    if (s instanceof KafkaSourceOptions.Subscribe sub) {
      for (String t : sub.topics()) {
        if (names.contains(t)) {
          wanted.add(t);
        }
      }
    } else {
      KafkaSourceOptions.SubscribePattern sp = (KafkaSourceOptions.SubscribePattern) s;
      for (String t : names) {
        // As Spark's SubscribePatternStrategy (findFirstIn): the pattern is searched for within the name.
        if (sp.pattern().matcher(t).find()) {
          wanted.add(t);
        }
      }
    }
    Set<TopicPartition> out = new TreeSet<>(KafkaSourceOffset.ORDER);
    if (wanted.isEmpty()) {
      return out;
    }
    Map<String, TopicDescription> desc = call("describing topics " + wanted, () -> {
      Map<String, TopicDescription> m = new HashMap<>();
      var futures = admin.describeTopics(wanted).topicNameValues();
      for (var e : futures.entrySet()) {
        try {
          m.put(e.getKey(), e.getValue().get(waitMs, TimeUnit.MILLISECONDS));
        } catch (ExecutionException ex) {
          if (!(ex.getCause() instanceof UnknownTopicOrPartitionException)) {
            throw ex;
          }
          // deleted between listing and describing: not there now
        }
      }
      return m;
    });
    for (TopicDescription d : desc.values()) {
      d.partitions().forEach(p -> out.add(new TopicPartition(d.name(), p.partition())));
    }
    return out;
  }

  Map<TopicPartition, Long> earliest(Set<TopicPartition> parts) {
    return listOffsets(parts, tp -> OffsetSpec.earliest(), "earliest");
  }

  /** Latest offsets: the high watermark, or the last stable offset when reading read_committed. */
  Map<TopicPartition, Long> latest(Set<TopicPartition> parts) {
    return listOffsets(parts, tp -> OffsetSpec.latest(), "latest");
  }

  /** The first offset whose timestamp is at or after the given one; -1 where no such record exists. */
  Map<TopicPartition, Long> forTimestamps(Map<TopicPartition, Long> timestamps) {
    return listOffsets(timestamps.keySet(), tp -> OffsetSpec.forTimestamp(timestamps.get(tp)), "by timestamp");
  }

  private Map<TopicPartition, Long> listOffsets(Set<TopicPartition> parts,
      java.util.function.Function<TopicPartition, OffsetSpec> spec, String what) {
    Map<TopicPartition, Long> out = new TreeMap<>(KafkaSourceOffset.ORDER);
    if (parts.isEmpty()) {
      return out;
    }
    Map<TopicPartition, OffsetSpec> req = new HashMap<>();
    for (TopicPartition tp : parts) {
      req.put(tp, spec.apply(tp));
    }
    ListOffsetsOptions lo = new ListOffsetsOptions(options.readCommitted() ? IsolationLevel.READ_COMMITTED
        : IsolationLevel.READ_UNCOMMITTED);
    Map<TopicPartition, Long> res = call("fetching " + what + " offsets of " + describe(parts), () -> {
      ListOffsetsResult r = admin.listOffsets(req, lo);
      Map<TopicPartition, Long> m = new HashMap<>();
      for (TopicPartition tp : req.keySet()) {
        try {
          m.put(tp, r.partitionResult(tp).get(waitMs, TimeUnit.MILLISECONDS).offset());
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
            throw e;
          }
          // deleted since it was listed: left out, and reported as gone by the source
        }
      }
      return m;
    });
    out.putAll(res);
    return out;
  }

  private static String describe(Throwable t) {
    return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
  }

  private static String describe(Set<TopicPartition> parts) {
    Set<String> topics = new TreeSet<>();
    parts.forEach(tp -> topics.add(tp.topic()));
    return parts.size() + " partition(s) of " + topics;
  }

  interface Call<T> {
    T run() throws Exception;
  }

  /** Runs an admin call with retries; turns timeouts into a clear KAFKA_UNREACHABLE error. */
  <T> T call(String what, Call<T> c) {
    int attempts = Math.max(1, options.fetchOffsetNumRetries);
    Throwable last = null;
    for (int i = 1; i <= attempts; i++) {
      try {
        return c.run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while " + what, e);
      } catch (ExecutionException e) {
        last = e.getCause();
      } catch (Exception e) {
        last = e;
      }
      if (!(last instanceof RetriableException) && !(last instanceof java.util.concurrent.TimeoutException)) {
        throw new IllegalStateException("Kafka source: " + what + " failed: " + last, last);
      }
      if (i < attempts) {
        LOG.warn("Kafka source: {} failed (attempt {} of {}), retrying in {} ms: {}", what, i, attempts,
            options.fetchOffsetRetryIntervalMs, last.toString());
        try {
          Thread.sleep(options.fetchOffsetRetryIntervalMs);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted while " + what, e);
        }
      }
    }
    if (last instanceof TimeoutException || last instanceof java.util.concurrent.TimeoutException) {
      throw new SluiceException(ErrorClass.KAFKA_UNREACHABLE, last, options.bootstrapServers, what,
          attempts + " attempt(s) of " + apiTimeoutMs, "no answer (" + describe(last) + "); raise "
              + "kafka.default.api.timeout.ms or fetchOffset.numRetries to wait longer for a broker that is down");
    }
    throw new IllegalStateException("Kafka source: " + what + " failed after " + attempts + " attempt(s): " + last,
        last);
  }

  @Override
  public void close() {
    admin.close(java.time.Duration.ofSeconds(5));
  }
}
