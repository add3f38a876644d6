package dev.sluice.streaming.checkpoint;

import dev.sluice.errors.CheckpointException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.state.CheckpointFileManager;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The write-ahead log: before batch N runs, {@code offsets/N} records each source's end offset, the
 * watermark and timestamp the batch runs with, and the configuration that must not change across
 * restarts. Format: {@code v1}, a metadata JSON line, then one line per source (its offset JSON, or
 * {@code -} when the source has no offset yet).
 */
public final class OffsetLog extends BatchLog {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One planned batch. */
  public record Entry(long batchId, long watermarkMicros, long timestampMicros, Map<String, String> conf,
      List<String> sourceOffsets) {}

  public OffsetLog(CheckpointFileManager files, String dir) {
    super(files, dir);
  }

  public void write(Entry e) {
    ObjectNode meta = JSON.createObjectNode();
    meta.put("batchWatermarkMs", Math.floorDiv(e.watermarkMicros(), 1000));
    meta.put("batchWatermarkUs", e.watermarkMicros());
    meta.put("batchTimestampMs", Math.floorDiv(e.timestampMicros(), 1000));
    ObjectNode conf = meta.putObject("conf");
    e.conf().forEach(conf::put);
    List<String> lines = new ArrayList<>();
    lines.add(meta.toString());
    for (String o : e.sourceOffsets()) {
      lines.add(o == null ? "-" : o.replace('\n', ' '));
    }
    writeLines(e.batchId(), lines);
  }

  public Entry read(long batchId) {
    List<String> lines = readLines(batchId);
    if (lines.isEmpty()) {
      throw new CheckpointException(file(batchId), "it has no metadata line (truncated)");
    }
    JsonNode meta;
    try {
      meta = JSON.readTree(lines.get(0));
    } catch (JsonProcessingException e) {
      throw new CheckpointException(file(batchId), "its metadata line is not valid JSON (" + e.getOriginalMessage() + ")");
    }
    if (meta == null || !meta.has("batchWatermarkMs") || !meta.has("batchTimestampMs")) {
      throw new CheckpointException(file(batchId), "its metadata line lacks batchWatermarkMs/batchTimestampMs");
    }
    long wm = meta.has("batchWatermarkUs") ? meta.get("batchWatermarkUs").asLong()
        : meta.get("batchWatermarkMs").asLong() * 1000;
    long ts = meta.get("batchTimestampMs").asLong() * 1000;
    Map<String, String> conf = new LinkedHashMap<>();
    JsonNode c = meta.get("conf");
    if (c != null) {
      c.fields().forEachRemaining(f -> conf.put(f.getKey(), f.getValue().asText()));
    }
    List<String> offsets = new ArrayList<>();
    for (String l : lines.subList(1, lines.size())) {
      offsets.add(l.equals("-") ? null : l);
    }
    return new Entry(batchId, wm, ts, conf, offsets);
  }
}
