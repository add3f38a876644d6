package dev.sluice.kafka;

import dev.sluice.conf.Options;
import dev.sluice.connector.Sink;
import dev.sluice.connector.SinkBatch;
import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import dev.sluice.types.StructType;
import dev.sluice.vector.ColumnBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each micro-batch to Kafka.
 *
 * <p>By default at-least-once, as Spark's Kafka sink: the batch's records are sent and flushed; a
 * batch the engine replays after a crash is sent again.
 *
 * <p>With {@code exactlyOnce=true} each batch is one Kafka transaction whose transactional.id is
 * derived from the query id (kept in the checkpoint, so it is the same after a restart):
 * <pre>
 *   start:     initTransactions()        fences an older producer of the same query, aborts its open transaction
 *              read the committed batch id from the consumer group sluice-sink-QUERYID (requireStable)
 *   batch N:   N <= committed id?  ->  skip: the engine replays a batch that Kafka already has
 *              beginTransaction(); send the records; flush
 *              sendOffsetsToTransaction({commitTopic-0: N+1}, group sluice-sink-QUERYID)
 *              commitTransaction()      records and "batch N is written" become visible together
 * </pre>
 * So a read_committed consumer sees each record of each batch exactly once, however often the query
 * is killed and restarted. Used from the query thread only.
 */
final class KafkaSink implements Sink {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaSink.class);
  static final String DEFAULT_COMMIT_TOPIC = "__sluice_sink_commits";

  private final String bootstrap;
  private final Map<String, Object> producerParams;
  private final KafkaRecordWriter writer;
  private final String topic;
  private final boolean exactlyOnce;
  private final String transactionalId;
  private final String commitGroup;
  private final TopicPartition commitPartition;

  private KafkaProducer<byte[], byte[]> producer;
  private long lastCommitted = Long.MIN_VALUE;

  KafkaSink(Options options, StructType schema, String queryId, boolean batchWrite) {
    this.bootstrap = KafkaSourceOptions.bootstrapServers(options, "Kafka sink");
    this.topic = options.get("topic");
    this.writer = new KafkaRecordWriter(schema, topic);
    this.exactlyOnce = options.getBoolean("exactlyOnce", false);
    Map<String, Object> kafka = KafkaSourceOptions.kafkaParams(options);
    for (String k : kafka.keySet()) {
      String lk = k.toLowerCase(Locale.ROOT);
      if (lk.equals("key.serializer") || lk.equals("value.serializer")) {
        throw new SluiceException(ErrorClass.INVALID_OPTION, "kafka." + k, kafka.get(k), "the Kafka sink writes the "
            + "key and value columns as bytes (STRING as UTF-8); convert the columns in the query instead");
      }
      if (lk.equals("transactional.id") && !exactlyOnce) {
        throw new SluiceException(ErrorClass.INVALID_OPTION, "kafka." + k, kafka.get(k), "transactions are used "
            + "with exactlyOnce=true, which derives a transactional.id from the query id; set exactlyOnce to true "
            + "(then this id is used instead) or remove the setting");
      }
    }
    Map<String, Object> p = new HashMap<>(kafka);
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    if (exactlyOnce) {
      String base = queryId != null ? queryId : "batch-" + java.util.UUID.randomUUID();
      if (queryId == null && !batchWrite) {
        throw new SluiceException(ErrorClass.INVALID_OPTION, "exactlyOnce", "true", "the sink got no query id");
      }
      Object userTxnId = p.get(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
      this.transactionalId = userTxnId != null ? userTxnId.toString() : "sluice-" + base;
      this.commitGroup = "sluice-sink-" + transactionalId;
      this.commitPartition = new TopicPartition(options.get("exactlyOnce.commitTopic", DEFAULT_COMMIT_TOPIC), 0);
      p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
      p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    } else {
      this.transactionalId = null;
      this.commitGroup = null;
      this.commitPartition = null;
    }
    this.producerParams = p;
  }

  @Override
  public void addBatch(long batchId, SinkBatch data) {
    if (!exactlyOnce) {
      KafkaProducer<byte[], byte[]> pr = producer();
      sendAll(batchId, data, pr);
      return;
    }
    if (producer == null) {
      startTransactions();
    }
    if (batchId <= lastCommitted) {
      LOG.info("Kafka sink: batch {} is already committed in Kafka (transactional.id {}); skipping its replay",
          batchId, transactionalId);
      return;
    }
    try {
      producer.beginTransaction();
      sendAll(batchId, data, producer);
      producer.sendOffsetsToTransaction(Map.of(commitPartition, new OffsetAndMetadata(batchId + 1,
          "sluice batch " + batchId)), new ConsumerGroupMetadata(commitGroup));
      producer.commitTransaction();
      lastCommitted = batchId;
      LOG.debug("Kafka sink: batch {} committed", batchId);
    } catch (ProducerFencedException | InvalidProducerEpochException e) {
      closeProducer(Duration.ZERO);
      throw new IllegalStateException("Kafka sink: another producer with transactional.id " + transactionalId
          + " took over (is a second copy of this query running from the same checkpoint?); this one stops without "
          + "committing batch " + batchId, e);
    } catch (RuntimeException e) {
      try {
        producer.abortTransaction();
      } catch (RuntimeException abort) {
        e.addSuppressed(abort);
      }
      closeProducer(Duration.ofSeconds(5));
      throw e;
    }
  }

  /** Writes a whole batch DataFrame: one transaction with exactlyOnce, otherwise send and flush. */
  void writeOnce(SinkBatch data) {
    try {
      if (exactlyOnce) {
        KafkaProducer<byte[], byte[]> pr = new KafkaProducer<>(producerParams);
        producer = pr;
        pr.initTransactions();
        pr.beginTransaction();
        try {
          sendAll(0, data, pr);
          pr.commitTransaction();
        } catch (RuntimeException e) {
          try {
            pr.abortTransaction();
          } catch (RuntimeException abort) {
            e.addSuppressed(abort);
          }
          throw e;
        }
      } else {
        sendAll(0, data, producer());
      }
    } finally {
      close();
    }
  }

  private KafkaProducer<byte[], byte[]> producer() {
    if (producer == null) {
      producer = new KafkaProducer<>(producerParams);
    }
    return producer;
  }

  private void startTransactions() {
    long t0 = System.nanoTime();
    KafkaProducer<byte[], byte[]> pr = new KafkaProducer<>(producerParams);
    try {
      pr.initTransactions();
    } catch (RuntimeException e) {
      pr.close(Duration.ZERO);
      throw unreachableOr(e, "starting transactions with transactional.id " + transactionalId);
    }
    producer = pr;
    try (Admin admin = Admin.create(KafkaOffsetReader.adminParams(bootstrap, adminSettings()))) {
      try {
        admin.createTopics(List.of(new NewTopic(commitPartition.topic(), Optional.of(1), Optional.empty())
            .configs(Map.of("cleanup.policy", "compact")))).all().get(70, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new IllegalStateException("Kafka sink: creating the topic " + commitPartition.topic()
              + " that records committed batches failed: " + e.getCause(), e.getCause());
        }
      }
      Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(commitGroup,
          new ListConsumerGroupOffsetsOptions().requireStable(true)).partitionsToOffsetAndMetadata()
          .get(70, TimeUnit.SECONDS);
      OffsetAndMetadata om = committed.get(commitPartition);
      lastCommitted = om == null ? -1 : om.offset() - 1;
      LOG.info("Kafka sink: transactional.id {}, last committed batch {} (started in {} ms)", transactionalId,
          lastCommitted, (System.nanoTime() - t0) / 1_000_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeProducer(Duration.ZERO);
      throw new IllegalStateException("Interrupted while starting the Kafka sink", e);
    } catch (ExecutionException | java.util.concurrent.TimeoutException | RuntimeException e) {
      closeProducer(Duration.ZERO);
      Throwable c = e instanceof ExecutionException ? e.getCause() : e;
      throw unreachableOr(c, "reading the last committed batch of group " + commitGroup);
    }
  }

  private Map<String, Object> adminSettings() {
    Map<String, Object> m = new HashMap<>(producerParams);
    m.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
    return m;
  }

  private RuntimeException unreachableOr(Throwable e, String what) {
    if (e instanceof org.apache.kafka.common.errors.TimeoutException || e instanceof java.util.concurrent.TimeoutException) {
      return new SluiceException(ErrorClass.KAFKA_UNREACHABLE, e, bootstrap, what, "60000", "no answer ("
          + e.getMessage() + ")");
    }
    if (e instanceof RuntimeException re) {
      return re;
    }
    return new IllegalStateException("Kafka sink: " + what + " failed: " + e, e);
  }

  /** Sends every partition's rows (in parallel on the engine's pool), flushes, and throws the first send error. */
  private void sendAll(long batchId, SinkBatch data, KafkaProducer<byte[], byte[]> pr) {
    AtomicReference<Exception> error = new AtomicReference<>();
    Callback cb = (md, ex) -> {
      if (ex != null) {
        error.compareAndSet(null, ex);
      }
    };
    List<List<ColumnBatch>> parts = data.partitions();
    if (parts.size() <= 1 || data.executor() == null) {
      for (List<ColumnBatch> p : parts) {
        writer.send(p, pr, cb);
      }
    } else {
      List<Future<?>> tasks = new ArrayList<>();
      for (List<ColumnBatch> p : parts) {
        tasks.add(data.executor().submit(() -> writer.send(p, pr, cb)));
      }
      for (Future<?> f : tasks) {
        try {
          f.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Interrupted while writing batch " + batchId + " to Kafka", e);
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException re) {
            throw re;
          }
          throw new IllegalStateException("Writing batch " + batchId + " to Kafka failed: " + e.getCause(),
              e.getCause());
        }
      }
    }
    pr.flush();
    Exception e = error.get();
    if (e != null) {
      if (e instanceof org.apache.kafka.common.errors.TimeoutException) {
        throw new SluiceException(ErrorClass.KAFKA_UNREACHABLE, e, bootstrap, "writing batch " + batchId,
            producerParams.getOrDefault(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000"),
            "records were not acknowledged (" + e.getMessage() + "); raise kafka.delivery.timeout.ms to wait longer");
      }
      throw new KafkaException("Writing batch " + batchId + " to Kafka failed: " + e.getMessage(), e);
    }
  }

  private void closeProducer(Duration timeout) {
    if (producer != null) {
      KafkaProducer<byte[], byte[]> p = producer;
      producer = null;
      lastCommitted = Long.MIN_VALUE;
      try {
        p.close(timeout);
      } catch (RuntimeException e) {
        LOG.warn("Closing the Kafka producer failed", e);
      }
    }
  }

  @Override
  public void close() {
    closeProducer(Duration.ofSeconds(10));
  }

  @Override
  public String description() {
    return "KafkaSink[" + (topic != null ? "topic=" + topic : "topic column") + (exactlyOnce ? ", exactlyOnce" : "")
        + "]";
  }
}
