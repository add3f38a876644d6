package dev.sluice.kafka;

import dev.sluice.connector.InputPartition;
import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import dev.sluice.types.DataTypes;
import dev.sluice.types.StructType;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;
import dev.sluice.vector.IntVector;
import dev.sluice.vector.LongVector;
import dev.sluice.vector.ObjectVector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * Reads the records of one topic-partition with offsets in {@code [from, until)} as column batches
 * with the source schema. Reading it again reads the same records (as long as Kafka still has them).
 * Offsets missing inside the range (compaction, transaction markers, aborted records under
 * read_committed) are gaps, not errors; a range start that is gone (retention) is data loss.
 */
final class KafkaInputPartition implements InputPartition {
  /** How the reads of one source or batch read get their consumers and what they report. */
  record ReadContext(Map<String, Object> consumerParams, ConsumerPool pool, boolean includeHeaders, long pollTimeoutMs,
      int batchSize, DataLossReporter dataLoss, String bootstrapServers) {}

  private final TopicPartition tp;
  private final long from;
  private final long until;
  private final ReadContext ctx;

  KafkaInputPartition(TopicPartition tp, long from, long until, ReadContext ctx) {
    this.tp = tp;
    this.from = from;
    this.until = until;
    this.ctx = ctx;
  }

  TopicPartition topicPartition() {
    return tp;
  }

  long from() {
    return from;
  }

  long until() {
    return until;
  }

  @Override
  public Iterator<ColumnBatch> read() {
    return new RangeIterator();
  }

  @Override
  public String toString() {
    return "KafkaInputPartition[" + tp + " " + from + ".." + until + ")";
  }

  static StructType schema(boolean includeHeaders) {
    StructType s = new StructType()
        .add("key", DataTypes.BinaryType, true)
        .add("value", DataTypes.BinaryType, true)
        .add("topic", DataTypes.StringType, true)
        .add("partition", DataTypes.IntegerType, true)
        .add("offset", DataTypes.LongType, true)
        .add("timestamp", DataTypes.TimestampType, true)
        .add("timestampType", DataTypes.IntegerType, true);
    if (includeHeaders) {
      StructType header = new StructType().add("key", DataTypes.StringType, true).add("value", DataTypes.BinaryType,
          true);
      s = s.add("headers", DataTypes.createArrayType(header), true);
    }
    return s;
  }

  private final class RangeIterator implements Iterator<ColumnBatch>, AutoCloseable {
    private KafkaConsumer<byte[], byte[]> consumer;
    private long next = from;
    private Iterator<ConsumerRecord<byte[], byte[]>> buffered = java.util.Collections.emptyIterator();
    private ColumnBatch ready;
    private boolean done = from >= until;

    @Override
    public boolean hasNext() {
      if (ready == null && !done) {
        ready = fill();
      }
      return ready != null;
    }

    @Override
    public ColumnBatch next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      ColumnBatch b = ready;
      ready = null;
      return b;
    }

    private ColumnBatch fill() {
      int cap = (int) Math.min(ctx.batchSize(), until - next);
      Object[] keys = new Object[cap];
      Object[] values = new Object[cap];
      long[] offsets = new long[cap];
      long[] timestamps = new long[cap];
      int[] tsTypes = new int[cap];
      Object[] headers = ctx.includeHeaders() ? new Object[cap] : null;
      int n = 0;
      boolean ok = false;
      try {
        while (n < cap) {
          ConsumerRecord<byte[], byte[]> r = nextRecord();
          if (r == null) {
            break;
          }
          keys[n] = r.key();
          values[n] = r.value();
          offsets[n] = r.offset();
          timestamps[n] = r.timestamp() * 1000L;
          tsTypes[n] = r.timestampType().id;
          if (headers != null) {
            List<Object> hs = new ArrayList<>();
            for (Header h : r.headers()) {
              hs.add(new Object[] {h.key(), h.value()});
            }
            headers[n] = hs;
          }
          n++;
        }
        ok = true;
      } finally {
        if (!ok || done) {
          release(ok);
        }
      }
      if (n == 0) {
        return null;
      }
      ColumnVector[] cols = new ColumnVector[headers == null ? 7 : 8];
      cols[0] = ObjectVector.ofNullable(DataTypes.BinaryType, keys, n);
      cols[1] = ObjectVector.ofNullable(DataTypes.BinaryType, values, n);
      Object[] topics = new Object[n];
      Arrays.fill(topics, tp.topic());
      cols[2] = new ObjectVector(DataTypes.StringType, topics, n, null);
      int[] parts = new int[n];
      Arrays.fill(parts, tp.partition());
      cols[3] = new IntVector(DataTypes.IntegerType, parts, n, null);
      cols[4] = new LongVector(DataTypes.LongType, offsets, n, null);
      cols[5] = new LongVector(DataTypes.TimestampType, timestamps, n, null);
      cols[6] = new IntVector(DataTypes.IntegerType, tsTypes, n, null);
      if (headers != null) {
        cols[7] = new ObjectVector(schema(true).field(7).dataType(), headers, n, null);
      }
      return new ColumnBatch(cols, n);
    }

    /** The next record in range, or null (and done) at the end of the range. */
    private ConsumerRecord<byte[], byte[]> nextRecord() {
      while (true) {
        while (buffered.hasNext()) {
          ConsumerRecord<byte[], byte[]> r = buffered.next();
          if (r.offset() < next) {
            continue;
          }
          if (r.offset() >= until) {
            done = true;
            return null;
          }
          next = r.offset() + 1;
          if (next >= until) {
            done = true;
          }
          return r;
        }
        if (done || next >= until) {
          done = true;
          return null;
        }
        poll();
      }
    }

    /** Fetches more records, waiting at most pollTimeoutMs for progress. */
    private void poll() {
      if (consumer == null) {
        consumer = ctx.pool() != null ? ctx.pool().borrow() : new KafkaConsumer<>(ctx.consumerParams());
        consumer.assign(List.of(tp));
        consumer.seek(tp, next);
      }
      long deadline = System.nanoTime() + ctx.pollTimeoutMs() * 1_000_000L;
      while (true) {
        ConsumerRecords<byte[], byte[]> recs;
        try {
          recs = consumer.poll(Duration.ofMillis(Math.min(500, Math.max(1, ctx.pollTimeoutMs()))));
        } catch (OffsetOutOfRangeException e) {
          handleOutOfRange();
          if (done) {
            return;
          }
          continue;
        }
        List<ConsumerRecord<byte[], byte[]>> list = recs.records(tp);
        if (!list.isEmpty()) {
          buffered = list.iterator();
          return;
        }
        // No records: the rest of the range may be a gap (markers, compaction, aborted records).
        long position;
        try {
          position = consumer.position(tp, Duration.ofMillis(Math.min(5000, Math.max(1, ctx.pollTimeoutMs()))));
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
          position = next;
        }
        if (position >= until) {
          done = true;
          return;
        }
        if (position > next) {
          next = position;
        }
        if (System.nanoTime() > deadline) {
          throw new SluiceException(ErrorClass.KAFKA_UNREACHABLE, ctx.bootstrapServers(),
              "reading offsets " + next + " to " + until + " of " + tp, ctx.pollTimeoutMs(),
              "no record arrived (the broker may be down or the partition's leader unavailable); the batch reads "
                  + "these offsets again when the query restarts. Raise kafkaConsumer.pollTimeoutMs to wait longer");
        }
      }
    }

    private void handleOutOfRange() {
      Map<TopicPartition, Long> beginning = consumer.beginningOffsets(List.of(tp),
          Duration.ofMillis(Math.max(1000, ctx.pollTimeoutMs())));
      long earliest = beginning.getOrDefault(tp, next);
      if (earliest > next) {
        long skipped = Math.min(earliest, until) - next;
        ctx.dataLoss().report("Cannot fetch offset " + next + " of " + tp + ": the earliest offset Kafka still has is "
            + earliest + ".", skipped);
        next = earliest;
      } else {
        // Out of range past the end: the partition was truncated or re-created.
        ctx.dataLoss().report("Cannot fetch offset " + next + " of " + tp + ": the partition now ends before it "
            + "(the topic may have been deleted and re-created).", until - next);
        next = until;
      }
      if (next >= until) {
        done = true;
        return;
      }
      consumer.seek(tp, next);
    }

    /** Gives the consumer back when the task ends before the end of the range (a LIMIT, a failure). */
    @Override
    public void close() {
      done = true;
      release(true);
    }

    private void release(boolean healthy) {
      if (consumer == null) {
        return;
      }
      KafkaConsumer<byte[], byte[]> c = consumer;
      consumer = null;
      if (ctx.pool() != null) {
        ctx.pool().giveBack(c, healthy);
      } else {
        try {
          c.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(2)));
        } catch (RuntimeException e) {
          // nothing more to do with it
        }
      }
    }
  }
}
