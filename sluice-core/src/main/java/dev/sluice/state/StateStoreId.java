package dev.sluice.state;

/** Identifies one store: the stateful operator (stable id within the query plan), partition and store name. */
public record StateStoreId(long operatorId, int partitionId, String storeName) {
  public StateStoreId(long operatorId, int partitionId) {
    this(operatorId, partitionId, "default");
  }
}
