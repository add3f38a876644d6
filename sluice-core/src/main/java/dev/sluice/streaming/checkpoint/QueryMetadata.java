package dev.sluice.streaming.checkpoint;

import dev.sluice.errors.CheckpointException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.state.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** {@code <checkpoint>/metadata}: the query's stable id, created at the first start. */
public final class QueryMetadata {
  private static final ObjectMapper JSON = new ObjectMapper();
  public static final int VERSION = 1;

  private QueryMetadata() {}

  public static UUID loadOrCreate(Path checkpoint) {
    Path f = checkpoint.resolve("metadata");
    if (Files.exists(f)) {
      try {
        JsonNode n = JSON.readTree(Files.readString(f, StandardCharsets.UTF_8));
        if (n == null || !n.has("id")) {
          throw new CheckpointException(f, "it has no query id (corrupt)");
        }
        int v = n.has("version") ? n.get("version").asInt() : 1;
        if (v > VERSION) {
          throw new CheckpointException(f, "its format version is " + v + " but this Sluice reads up to " + VERSION);
        }
        return UUID.fromString(n.get("id").asText());
      } catch (IOException | IllegalArgumentException e) {
        throw new CheckpointException(f, "it cannot be parsed (" + e.getMessage() + ")");
      }
    }
    UUID id = UUID.randomUUID();
    try {
      AtomicFiles.write(f, ("{\"version\":" + VERSION + ",\"id\":\"" + id + "\"}\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new CheckpointException(f, "it cannot be written (" + e.getMessage() + ")");
    }
    return id;
  }
}
