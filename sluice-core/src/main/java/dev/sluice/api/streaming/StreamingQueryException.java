package dev.sluice.api.streaming;

import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;

/**
 * The failure that stopped a streaming query; {@link #getCause()} is the original error. Thrown by
 * {@code awaitTermination()} and returned by {@code exception()}.
 */
public class StreamingQueryException extends SluiceException {
  private final String queryId;
  private final String runId;

  public StreamingQueryException(String name, String queryId, String runId, Throwable cause) {
    super(ErrorClass.STREAM_FAILED, cause, name == null ? "<unnamed>" : "`" + name + "`", queryId, runId,
        cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage());
    this.queryId = queryId;
    this.runId = runId;
  }

  public String queryId() {
    return queryId;
  }

  public String runId() {
    return runId;
  }
}
