package dev.sluice.streaming.checkpoint;

import dev.sluice.errors.CheckpointException;

import dev.sluice.state.CheckpointFileManager;
import dev.sluice.util.Json;
import java.util.List;
import java.util.Map;

/**
 * {@code commits/N} is written after the sink accepted batch N and its state was committed; it
 * records the watermark the next batch will run with. A batch with an offset entry but no commit
 * entry was planned but not finished, and is re-run with the same offsets on restart.
 */
public final class CommitLog extends BatchLog {
  public CommitLog(CheckpointFileManager files, String dir) {
    super(files, dir);
  }

  public void write(long batchId, long nextWatermarkMicros) {
    writeLines(batchId, List.of("{\"nextBatchWatermarkMs\":" + Math.floorDiv(nextWatermarkMicros, 1000)
        + ",\"nextBatchWatermarkUs\":" + nextWatermarkMicros + "}"));
  }

  /** The watermark recorded for the batch after {@code batchId}. */
  public long readNextWatermark(long batchId) {
    List<String> lines = readLines(batchId);
    if (lines.isEmpty()) {
      throw new CheckpointException(file(batchId), "it has no content after the version line (truncated)");
    }
    Map<String, Object> n;
    try {
      n = Json.parseObject(lines.get(0));
    } catch (IllegalArgumentException e) {
      throw new CheckpointException(file(batchId), "it is not valid JSON (" + e.getMessage() + ")");
    }
    if (!n.containsKey("nextBatchWatermarkMs")) {
      throw new CheckpointException(file(batchId), "it lacks nextBatchWatermarkMs");
    }
    try {
      return n.containsKey("nextBatchWatermarkUs") ? Json.getLong(n, "nextBatchWatermarkUs")
          : Json.getLong(n, "nextBatchWatermarkMs") * 1000;
    } catch (IllegalArgumentException e) {
      throw new CheckpointException(file(batchId), "it is not valid (" + e.getMessage() + ")");
    }
  }
}
