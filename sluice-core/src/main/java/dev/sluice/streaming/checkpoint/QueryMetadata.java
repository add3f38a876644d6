package dev.sluice.streaming.checkpoint;

import dev.sluice.errors.CheckpointException;
import dev.sluice.state.CheckpointFileManager;
import dev.sluice.util.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code <checkpoint>/metadata}: the query's stable id, written once, when the first run has checked
 * everything else and before it writes anything else.
 */
public final class QueryMetadata {
  public static final int VERSION = 1;

  private QueryMetadata() {}

  /** The id the checkpoint records, or empty when it has no {@code metadata} file (yet). */
  public static Optional<UUID> load(CheckpointFileManager files) {
    String f = files.path("metadata");
    try {
      return files.exists(f) ? Optional.of(read(files, f)) : Optional.empty();
    } catch (IOException e) {
      throw new CheckpointException(f, "it cannot be read (" + e.getMessage() + ")");
    }
  }

  /** Writes the file once; false when it appeared meanwhile (another run made it). */
  public static boolean create(CheckpointFileManager files, UUID id) {
    String f = files.path("metadata");
    byte[] content = ("{\"version\":" + VERSION + ",\"id\":\"" + id + "\"}\n").getBytes(StandardCharsets.UTF_8);
    try {
      return files.createAtomic(f, content);
    } catch (IOException e) {
      throw new CheckpointException(f, "it cannot be written (" + e.getMessage() + ")");
    }
  }

  private static UUID read(CheckpointFileManager files, String f) {
    String text;
    try {
      text = new String(files.read(f), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new CheckpointException(f, "it is missing");
    } catch (IOException e) {
      throw new CheckpointException(f, "it cannot be read (" + e.getMessage() + ")");
    }
    Map<String, Object> n;
    try {
      n = Json.parseObject(text);
    } catch (IllegalArgumentException e) {
      throw new CheckpointException(f, "it cannot be parsed (" + e.getMessage() + ")");
    }
    if (!n.containsKey("id")) {
      throw new CheckpointException(f, "it has no query id (corrupt)");
    }
    try {
      long v = n.containsKey("version") ? Json.getLong(n, "version") : 1;
      if (v > VERSION) {
        throw new CheckpointException(f, "its format version is " + v + " but this Sluice reads up to " + VERSION);
      }
      return UUID.fromString(Json.getString(n, "id"));
    } catch (IllegalArgumentException e) {
      throw new CheckpointException(f, "it cannot be parsed (" + e.getMessage() + ")");
    }
  }
}
