package dev.sluice.streaming.checkpoint;

import dev.sluice.errors.CheckpointException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.state.CheckpointFileManager;
import java.util.List;

/**
 * {@code commits/N} is written after the sink accepted batch N and its state was committed; it
 * records the watermark the next batch will run with. A batch with an offset entry but no commit
 * entry was planned but not finished, and is re-run with the same offsets on restart.
 */
public final class CommitLog extends BatchLog {
  private static final ObjectMapper JSON = new ObjectMapper();

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
    try {
      JsonNode n = JSON.readTree(lines.get(0));
      if (n == null || !n.has("nextBatchWatermarkMs")) {
        throw new CheckpointException(file(batchId), "it lacks nextBatchWatermarkMs");
      }
      return n.has("nextBatchWatermarkUs") ? n.get("nextBatchWatermarkUs").asLong()
          : n.get("nextBatchWatermarkMs").asLong() * 1000;
    } catch (JsonProcessingException e) {
      throw new CheckpointException(file(batchId), "it is not valid JSON (" + e.getOriginalMessage() + ")");
    }
  }
}
