package dev.sluice.api.streaming;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What one micro-batch did, with the field names and JSON shape of Spark's
 * {@code StreamingQueryProgress}: rows read and rates, time spent per phase, event-time statistics
 * and watermark, state operator sizes, and per-source offsets.
 */
@JsonPropertyOrder({"id", "runId", "name", "timestamp", "batchId", "batchDuration", "numInputRows",
    "inputRowsPerSecond", "processedRowsPerSecond", "durationMs", "eventTime", "stateOperators", "sources", "sink"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public final class StreamingQueryProgress {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

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

  @JsonProperty
  public UUID id() {
    return id;
  }

  @JsonProperty
  public UUID runId() {
    return runId;
  }

  @JsonProperty
  public String name() {
    return name;
  }

  /** ISO-8601 time the trigger started. */
  @JsonProperty
  public String timestamp() {
    return timestamp;
  }

  @JsonProperty
  public long batchId() {
    return batchId;
  }

  @JsonProperty
  public long batchDuration() {
    return batchDuration;
  }

  @JsonProperty
  public long numInputRows() {
    return numInputRows;
  }

  @JsonProperty
  public double inputRowsPerSecond() {
    return inputRowsPerSecond;
  }

  @JsonProperty
  public double processedRowsPerSecond() {
    return processedRowsPerSecond;
  }

  /** Milliseconds per phase: latestOffset, walCommit, queryPlanning, getBatch, addBatch, commitOffsets, triggerExecution. */
  @JsonProperty
  public Map<String, Long> durationMs() {
    return durationMs;
  }

  /** min, max, avg of the batch's event times and the watermark (ISO-8601); empty without a watermark. */
  @JsonProperty
  public Map<String, String> eventTime() {
    return eventTime;
  }

  @JsonProperty
  public List<StateOperatorProgress> stateOperators() {
    return stateOperators;
  }

  @JsonProperty
  public List<SourceProgress> sources() {
    return sources;
  }

  @JsonProperty
  public SinkProgress sink() {
    return sink;
  }

  /** Compact JSON, in Spark's shape. */
  public String json() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public String prettyJson() {
    try {
      return PRETTY.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return prettyJson();
  }

  /** One source's part of a progress report. */
  @JsonPropertyOrder({"description", "startOffset", "endOffset", "latestOffset", "numInputRows",
      "inputRowsPerSecond", "processedRowsPerSecond", "metrics"})
  public record SourceProgress(@JsonProperty("description") String description,
      @JsonProperty("startOffset") @com.fasterxml.jackson.annotation.JsonRawValue String startOffset,
      @JsonProperty("endOffset") @com.fasterxml.jackson.annotation.JsonRawValue String endOffset,
      @JsonProperty("latestOffset") @com.fasterxml.jackson.annotation.JsonRawValue String latestOffset,
      @JsonProperty("numInputRows") long numInputRows,
      @JsonProperty("inputRowsPerSecond") double inputRowsPerSecond,
      @JsonProperty("processedRowsPerSecond") double processedRowsPerSecond,
      @JsonProperty("metrics") Map<String, String> metrics) {}

  /** The sink's part of a progress report. */
  @JsonPropertyOrder({"description", "numOutputRows", "metrics"})
  public record SinkProgress(@JsonProperty("description") String description,
      @JsonProperty("numOutputRows") long numOutputRows,
      @JsonProperty("metrics") Map<String, String> metrics) {}

  /** One stateful operator's part of a progress report. */
  @JsonPropertyOrder({"operatorName", "numRowsTotal", "numRowsUpdated", "allUpdatesTimeMs", "numRowsRemoved",
      "allRemovalsTimeMs", "commitTimeMs", "memoryUsedBytes", "numRowsDroppedByWatermark", "numShufflePartitions",
      "numStateStoreInstances", "customMetrics"})
  public record StateOperatorProgress(@JsonProperty("operatorName") String operatorName,
      @JsonProperty("numRowsTotal") long numRowsTotal,
      @JsonProperty("numRowsUpdated") long numRowsUpdated,
      @JsonProperty("allUpdatesTimeMs") long allUpdatesTimeMs,
      @JsonProperty("numRowsRemoved") long numRowsRemoved,
      @JsonProperty("allRemovalsTimeMs") long allRemovalsTimeMs,
      @JsonProperty("commitTimeMs") long commitTimeMs,
      @JsonProperty("memoryUsedBytes") long memoryUsedBytes,
      @JsonProperty("numRowsDroppedByWatermark") long numRowsDroppedByWatermark,
      @JsonProperty("numShufflePartitions") long numShufflePartitions,
      @JsonProperty("numStateStoreInstances") long numStateStoreInstances,
      @JsonProperty("customMetrics") Map<String, Long> customMetrics) {}
}
