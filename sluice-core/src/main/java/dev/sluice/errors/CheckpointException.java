package dev.sluice.errors;

import java.nio.file.Path;

/** A checkpoint file is missing, corrupt, from an unknown format version, or from a different query. */
public class CheckpointException extends SluiceException {
  private final Path file;

  public CheckpointException(Path file, String problem) {
    super(ErrorClass.CHECKPOINT_UNUSABLE, file, problem);
    this.file = file;
  }

  /** The checkpoint file (or folder) that is the problem. */
  public Path file() {
    return file;
  }
}
