package dev.sluice.api.streaming;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What one micro-batch did, with the field names and JSON shape of Spark's
 * {@code StreamingQueryProgress}: rows read and rates, time spent per phase, event-time statistics
 * and watermark, state operator sizes, and per-source offsets.
 */
public final class StreamingQueryProgress {
  // jackson-core's generator, not databind's ObjectMapper: creating a mapper loads some 400 classes,
  // which delayed a new JVM's first progress report by a quarter of a second.
  private static final JsonFactory JSON = new JsonFactory();

  private final UUID id;
  private final UUID runId;
  private final String name;
  private final String timestamp;
  private final long batchId;
  private final long batchDuration;
  private final long numInputRows;
  private final double inputRowsPerSecond;
  private final double processedRowsPerSecond;
  private final Map<String, Long> durationMs;
  private final Map<String, String> eventTime;
  private final List<StateOperatorProgress> stateOperators;
  private final List<SourceProgress> sources;
  private final SinkProgress sink;

  public StreamingQueryProgress(UUID id, UUID runId, String name, String timestamp, long batchId, long batchDuration,
      long numInputRows, double inputRowsPerSecond, double processedRowsPerSecond, Map<String, Long> durationMs,
      Map<String, String> eventTime, List<StateOperatorProgress> stateOperators, List<SourceProgress> sources,
      SinkProgress sink) {
    this.id = id;
    this.runId = runId;
    this.name = name;
    this.timestamp = timestamp;
    this.batchId = batchId;
    this.batchDuration = batchDuration;
    this.numInputRows = numInputRows;
    this.inputRowsPerSecond = inputRowsPerSecond;
    this.processedRowsPerSecond = processedRowsPerSecond;
    this.durationMs = durationMs;
    this.eventTime = eventTime;
    this.stateOperators = stateOperators;
    this.sources = sources;
    this.sink = sink;
  }

  public UUID id() {
    return id;
  }

  public UUID runId() {
    return runId;
  }

  public String name() {
    return name;
  }

  /** ISO-8601 time the trigger started. */
  public String timestamp() {
    return timestamp;
  }

  public long batchId() {
    return batchId;
  }

  public long batchDuration() {
    return batchDuration;
  }

  public long numInputRows() {
    return numInputRows;
  }

  public double inputRowsPerSecond() {
    return inputRowsPerSecond;
  }

  public double processedRowsPerSecond() {
    return processedRowsPerSecond;
  }

  /** Milliseconds per phase: latestOffset, walCommit, queryPlanning, getBatch, addBatch, commitOffsets, triggerExecution. */
  public Map<String, Long> durationMs() {
    return durationMs;
  }

  /** min, max, avg of the batch's event times and the watermark (ISO-8601); empty without a watermark. */
  public Map<String, String> eventTime() {
    return eventTime;
  }

  public List<StateOperatorProgress> stateOperators() {
    return stateOperators;
  }

  public List<SourceProgress> sources() {
    return sources;
  }

  public SinkProgress sink() {
    return sink;
  }

  /** Compact JSON, in Spark's shape. */
  public String json() {
    return write(false);
  }

  /** Indented JSON, in Spark's shape. */
  public String prettyJson() {
    return write(true);
  }

  private String write(boolean pretty) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      if (pretty) {
        g.useDefaultPrettyPrinter();
      }
      g.writeStartObject();
      g.writeStringField("id", id == null ? null : id.toString());
      g.writeStringField("runId", runId == null ? null : runId.toString());
      g.writeStringField("name", name);
      g.writeStringField("timestamp", timestamp);
      g.writeNumberField("batchId", batchId);
      g.writeNumberField("batchDuration", batchDuration);
      g.writeNumberField("numInputRows", numInputRows);
      g.writeNumberField("inputRowsPerSecond", inputRowsPerSecond);
      g.writeNumberField("processedRowsPerSecond", processedRowsPerSecond);
      writeMap(g, "durationMs", durationMs);
      writeMap(g, "eventTime", eventTime);
      g.writeFieldName("stateOperators");
      if (stateOperators == null) {
        g.writeNull();
      } else {
        g.writeStartArray();
        for (StateOperatorProgress s : stateOperators) {
          s.write(g);
        }
        g.writeEndArray();
      }
      g.writeFieldName("sources");
      if (sources == null) {
        g.writeNull();
      } else {
        g.writeStartArray();
        for (SourceProgress s : sources) {
          s.write(g);
        }
        g.writeEndArray();
      }
      g.writeFieldName("sink");
      if (sink == null) {
        g.writeNull();
      } else {
        sink.write(g);
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** As Spark's safeMapToJValue: an empty map leaves the field out, and keys come sorted. */
  private static void writeMap(JsonGenerator g, String field, Map<String, ?> map) throws IOException {
    if (map == null || map.isEmpty()) {
      return;
    }
    g.writeFieldName(field);
    g.writeStartObject();
    for (Map.Entry<String, ?> e : new java.util.TreeMap<>(map).entrySet()) {
      g.writeFieldName(e.getKey());
      Object v = e.getValue();
      if (v == null) {
        g.writeNull();
      } else if (v instanceof Long l) {
        g.writeNumber(l);
      } else {
        g.writeString(v.toString());
      }
    }
    g.writeEndObject();
  }

  private static void writeRaw(JsonGenerator g, String field, String rawJson) throws IOException {
    g.writeFieldName(field);
    if (rawJson == null) {
      g.writeNull();
    } else {
      g.writeRawValue(rawJson);
    }
  }

  @Override
  public String toString() {
    return prettyJson();
  }

  /** One source's part of a progress report. */
  public record SourceProgress(String description, String startOffset, String endOffset, String latestOffset,
      long numInputRows, double inputRowsPerSecond, double processedRowsPerSecond, Map<String, String> metrics) {
    void write(JsonGenerator g) throws IOException {
      g.writeStartObject();
      g.writeStringField("description", description);
      writeRaw(g, "startOffset", startOffset);
      writeRaw(g, "endOffset", endOffset);
      writeRaw(g, "latestOffset", latestOffset);
      g.writeNumberField("numInputRows", numInputRows);
      g.writeNumberField("inputRowsPerSecond", inputRowsPerSecond);
      g.writeNumberField("processedRowsPerSecond", processedRowsPerSecond);
      writeMap(g, "metrics", metrics);
      g.writeEndObject();
    }
  }

  /** The sink's part of a progress report. */
  public record SinkProgress(String description, long numOutputRows, Map<String, String> metrics) {
    void write(JsonGenerator g) throws IOException {
      g.writeStartObject();
      g.writeStringField("description", description);
      g.writeNumberField("numOutputRows", numOutputRows);
      writeMap(g, "metrics", metrics);
      g.writeEndObject();
    }
  }

  /** One stateful operator's part of a progress report. */
  public record StateOperatorProgress(String operatorName, long numRowsTotal, long numRowsUpdated,
      long allUpdatesTimeMs, long numRowsRemoved, long allRemovalsTimeMs, long commitTimeMs, long memoryUsedBytes,
      long numRowsDroppedByWatermark, long numShufflePartitions, long numStateStoreInstances,
      Map<String, Long> customMetrics) {
    void write(JsonGenerator g) throws IOException {
      g.writeStartObject();
      g.writeStringField("operatorName", operatorName);
      g.writeNumberField("numRowsTotal", numRowsTotal);
      g.writeNumberField("numRowsUpdated", numRowsUpdated);
      g.writeNumberField("allUpdatesTimeMs", allUpdatesTimeMs);
      g.writeNumberField("numRowsRemoved", numRowsRemoved);
      g.writeNumberField("allRemovalsTimeMs", allRemovalsTimeMs);
      g.writeNumberField("commitTimeMs", commitTimeMs);
      g.writeNumberField("memoryUsedBytes", memoryUsedBytes);
      g.writeNumberField("numRowsDroppedByWatermark", numRowsDroppedByWatermark);
      g.writeNumberField("numShufflePartitions", numShufflePartitions);
      g.writeNumberField("numStateStoreInstances", numStateStoreInstances);
      writeMap(g, "customMetrics", customMetrics);
      g.writeEndObject();
    }
  }
}
