package dev.sluice.api.streaming;

/** What a query is doing right now, as Spark reports it. */
public record StreamingQueryStatus(String message, boolean isDataAvailable, boolean isTriggerActive) {
  public String json() {
    return "{\"message\":\"" + message.replace("\"", "\\\"") + "\",\"isDataAvailable\":" + isDataAvailable
        + ",\"isTriggerActive\":" + isTriggerActive + "}";
  }
}
