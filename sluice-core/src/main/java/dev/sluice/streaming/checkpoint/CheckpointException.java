package dev.sluice.streaming.checkpoint;

import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import java.nio.file.Path;

/** A checkpoint file is missing, corrupt, from an unknown format version, or from a different query. */
public class CheckpointException extends SluiceException {
  public CheckpointException(Path file, String problem) {
    super(ErrorClass.INTERNAL_ERROR, "Cannot use the checkpoint file " + file + ": " + problem
        + ". Sluice never silently resets a checkpoint: restore the file, or start the query with a new "
        + "checkpointLocation to begin from scratch.");
  }
}
