package dev.sluice.errors;

import java.nio.file.Path;

/** A checkpoint file is missing, corrupt, from an unknown format version, or from a different query. */
public class CheckpointException extends SluiceException {
  private final String file;

  /** @param file the checkpoint file or folder: a local path or a URI such as {@code hdfs://nn/cp/offsets/3} */
  public CheckpointException(String file, String problem) {
    super(ErrorClass.CHECKPOINT_UNUSABLE, file, problem);
    this.file = file;
  }

  public CheckpointException(Path file, String problem) {
    this(String.valueOf(file), problem);
  }

  /** The checkpoint file (or folder) that is the problem, as a path or URI string. */
  public String file() {
    return file;
  }
}
