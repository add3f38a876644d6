package dev.sluice.api.streaming;

import java.util.UUID;

/**
 * Receives lifecycle events of every streaming query of a session. Events are delivered on a
 * dedicated listener thread, in order; a listener that throws is logged and keeps receiving events.
 */
public abstract class StreamingQueryListener {
  public abstract void onQueryStarted(QueryStartedEvent event);

  public abstract void onQueryProgress(QueryProgressEvent event);

  /** A trigger found no new data (the query is waiting). */
  public void onQueryIdle(QueryIdleEvent event) {}

  public abstract void onQueryTerminated(QueryTerminatedEvent event);

  /** The query started. */
  public record QueryStartedEvent(UUID id, UUID runId, String name, String timestamp) {}

  /** A micro-batch completed. */
  public record QueryProgressEvent(StreamingQueryProgress progress) {}

  /** A trigger found no data to process. */
  public record QueryIdleEvent(UUID id, UUID runId, String timestamp) {}

  /** The query ended; {@code exception} is the failure message or null. */
  public record QueryTerminatedEvent(UUID id, UUID runId, String exception) {}
}
