package dev.sluice.state;

/** Identifies one store: the stateful operator (stable id within the query plan), partition and store name. */
public record StateStoreId(long operatorId, int partitionId, String storeName) {
  public StateStoreId(long operatorId, int partitionId) {
    this(operatorId, partitionId, "default");
  }

  // Written out rather than generated: see ExprId (startup cost of the generated ones).
  @Override
  public boolean equals(Object o) {
    return o instanceof StateStoreId s && s.operatorId == operatorId && s.partitionId == partitionId
        && java.util.Objects.equals(s.storeName, storeName);
  }

  @Override
  public int hashCode() {
    return (Long.hashCode(operatorId) * 31 + partitionId) * 31 + java.util.Objects.hashCode(storeName);
  }

  @Override
  public String toString() {
    return "StateStoreId[operatorId=" + operatorId + ", partitionId=" + partitionId + ", storeName=" + storeName + "]";
  }
}
