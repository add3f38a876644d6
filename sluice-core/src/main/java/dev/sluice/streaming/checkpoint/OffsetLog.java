package dev.sluice.streaming.checkpoint;

import dev.sluice.errors.CheckpointException;

import dev.sluice.state.CheckpointFileManager;
import dev.sluice.util.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The write-ahead log: before batch N runs, {@code offsets/N} records each source's end offset, the
 * watermark and timestamp the batch runs with, and the configuration that must not change across
 * restarts, and the kind (short name) of each source. Format: {@code v1}, a metadata JSON line, then
 * one line per source (its offset JSON, or {@code -} when the source has no offset yet).
 */
public final class OffsetLog extends BatchLog {
  /** One planned batch. */
  public record Entry(long batchId, long watermarkMicros, long timestampMicros, Map<String, String> conf,
      List<String> sourceKinds, List<String> sourceOffsets) {}

  public OffsetLog(CheckpointFileManager files, String dir) {
    super(files, dir);
  }

  public void write(Entry e) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("batchWatermarkMs", Math.floorDiv(e.watermarkMicros(), 1000));
    meta.put("batchWatermarkUs", e.watermarkMicros());
    meta.put("batchTimestampMs", Math.floorDiv(e.timestampMicros(), 1000));
    meta.put("conf", new LinkedHashMap<>(e.conf()));
    if (!e.sourceKinds().isEmpty()) {
      meta.put("sources", new ArrayList<>(e.sourceKinds()));
    }
    List<String> lines = new ArrayList<>();
    lines.add(Json.write(meta));
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
    Map<String, Object> meta;
    try {
      meta = Json.parseObject(lines.get(0));
    } catch (IllegalArgumentException e) {
      throw new CheckpointException(file(batchId), "its metadata line is not valid JSON (" + e.getMessage() + ")");
    }
    if (!meta.containsKey("batchWatermarkMs") || !meta.containsKey("batchTimestampMs")) {
      throw new CheckpointException(file(batchId), "its metadata line lacks batchWatermarkMs/batchTimestampMs");
    }
    long wm;
    long ts;
    Map<String, String> conf = new LinkedHashMap<>();
    List<String> kinds = new ArrayList<>();
    try {
      Object src = meta.get("sources");
      if (src instanceof List<?> l) {
        l.forEach(x -> kinds.add(String.valueOf(x)));
      } else if (src != null) {
        throw new IllegalArgumentException("field 'sources' is not an array: " + src);
      }
      wm = meta.containsKey("batchWatermarkUs") ? Json.getLong(meta, "batchWatermarkUs")
          : Json.getLong(meta, "batchWatermarkMs") * 1000;
      ts = Json.getLong(meta, "batchTimestampMs") * 1000;
      Object c = meta.get("conf");
      if (c instanceof Map<?, ?> m) {
        m.forEach((k, v) -> conf.put((String) k, String.valueOf(v)));
      } else if (c != null) {
        throw new IllegalArgumentException("field 'conf' is not an object: " + c);
      }
    } catch (IllegalArgumentException e) {
      throw new CheckpointException(file(batchId), "its metadata line is not valid (" + e.getMessage() + ")");
    }
    List<String> offsets = new ArrayList<>();
    for (String l : lines.subList(1, lines.size())) {
      offsets.add(l.equals("-") ? null : l);
    }
    return new Entry(batchId, wm, ts, conf, kinds, offsets);
  }
}
