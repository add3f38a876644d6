package dev.sluice.kafka;

import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import dev.sluice.types.ArrayType;
import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.types.StructType;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Turns result rows into producer records, as Spark's Kafka sink does: a {@code value} column
 * (STRING or BINARY, required), and optional {@code key} (STRING or BINARY), {@code topic} (STRING;
 * the {@code topic} option overrides it), {@code partition} (INT) and {@code headers}
 * ({@code ARRAY<STRUCT<key: STRING, value: BINARY>>}) columns. The schema is checked once, when the
 * query starts. Stateless and thread-safe.
 */
final class KafkaRecordWriter {
  private final String defaultTopic;
  private final int keyCol;
  private final int valueCol;
  private final int topicCol;
  private final int partitionCol;
  private final int headersCol;

  KafkaRecordWriter(StructType schema, String topicOption) {
    this.defaultTopic = topicOption;
    this.keyCol = find(schema, "key");
    this.valueCol = find(schema, "value");
    this.topicCol = find(schema, "topic");
    this.partitionCol = find(schema, "partition");
    this.headersCol = find(schema, "headers");
    String columns = String.join(", ", schema.fieldNames());
    if (valueCol < 0) {
      throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, "the Kafka sink",
          "the data has no 'value' column (it has: " + columns + "); name the column to write e.g. "
              + "SELECT CAST(x AS STRING) AS value, or to_json(struct(*)) AS value");
    }
    checkType(schema, valueCol, "value", "STRING or BINARY", t -> t == DataTypes.StringType || t == DataTypes.BinaryType);
    if (keyCol >= 0) {
      checkType(schema, keyCol, "key", "STRING or BINARY", t -> t == DataTypes.StringType || t == DataTypes.BinaryType);
    }
    if (topicCol >= 0) {
      checkType(schema, topicCol, "topic", "STRING", t -> t == DataTypes.StringType);
    } else if (defaultTopic == null) {
      throw new SluiceException(ErrorClass.MISSING_OPTION, "Kafka sink", "topic",
          "the data has no 'topic' column, so the topic to write to must be set with .option(\"topic\", \"name\") or "
              + "OPTIONS ('topic' 'name')");
    }
    if (partitionCol >= 0) {
      checkType(schema, partitionCol, "partition", "INT", t -> t == DataTypes.IntegerType);
    }
    if (headersCol >= 0) {
      checkType(schema, headersCol, "headers", "ARRAY<STRUCT<key: STRING, value: BINARY>>", KafkaRecordWriter::isHeaders);
    }
  }

  private static boolean isHeaders(DataType t) {
    if (!(t instanceof ArrayType a) || !(a.elementType() instanceof StructType s) || s.size() != 2) {
      return false;
    }
    return s.field(0).dataType() == DataTypes.StringType
        && (s.field(1).dataType() == DataTypes.BinaryType || s.field(1).dataType() == DataTypes.StringType);
  }

  private static int find(StructType schema, String name) {
    for (int i = 0; i < schema.size(); i++) {
      if (schema.field(i).name().toLowerCase(Locale.ROOT).equals(name)) {
        return i;
      }
    }
    return -1;
  }

  private static void checkType(StructType schema, int col, String name, String want,
      java.util.function.Predicate<DataType> ok) {
    DataType t = schema.field(col).dataType();
    if (!ok.test(t)) {
      throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, "the Kafka sink", "the '" + name + "' column must be "
          + want + " but is " + t.simpleString().toUpperCase(Locale.ROOT) + "; cast it, e.g. CAST(" + name
          + " AS STRING) AS " + name);
    }
  }

  /** Sends every row of the batches; send errors arrive through {@code callback}. Returns the rows sent. */
  long send(List<ColumnBatch> batches, Producer<byte[], byte[]> producer, Callback callback) {
    long n = 0;
    for (ColumnBatch b : batches) {
      ColumnVector key = keyCol >= 0 ? b.column(keyCol) : null;
      ColumnVector value = b.column(valueCol);
      ColumnVector topic = topicCol >= 0 && defaultTopic == null ? b.column(topicCol) : null;
      ColumnVector partition = partitionCol >= 0 ? b.column(partitionCol) : null;
      ColumnVector headers = headersCol >= 0 ? b.column(headersCol) : null;
      for (int i = 0; i < b.numRows(); i++) {
        String t = topic == null ? defaultTopic : (String) topic.get(i);
        if (t == null) {
          throw new SluiceException(ErrorClass.INVALID_ARGUMENT, "the Kafka sink",
              "a row has a null 'topic'; give every row a topic, or set the topic option for all rows");
        }
        Integer p = partition == null ? null : (Integer) partition.get(i);
        producer.send(new ProducerRecord<>(t, p, key == null ? null : bytes(key.get(i)), bytes(value.get(i)),
            headers == null ? null : headers(headers.get(i))), callback);
        n++;
      }
    }
    return n;
  }

  private static byte[] bytes(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof byte[] b) {
      return b;
    }
    return v.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static List<Header> headers(Object v) {
    if (v == null) {
      return null;
    }
    List<Header> out = new ArrayList<>();
    for (Object e : (List<?>) v) {
      if (e == null) {
        continue;
      }
      Object[] kv = (Object[]) e;
      out.add(new RecordHeader((String) kv[0], bytes(kv[1])));
    }
    return out;
  }
}
