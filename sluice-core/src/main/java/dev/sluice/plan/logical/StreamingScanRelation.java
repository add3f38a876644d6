package dev.sluice.plan.logical;

import dev.sluice.connector.InputPartition;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.types.StructType;
import java.util.List;

/**
 * The rows one micro-batch reads from one source (its offset range), standing in for the
 * {@link StreamingRelation} in the plan of that batch. It is a stream: stateful operators above it
 * keep state across batches.
 */
public final class StreamingScanRelation extends LeafNode {
  private final int sourceId;
  private final String description;
  private final List<AttributeReference> output;
  private final StructType sourceSchema;
  private final List<InputPartition> partitions;

  public StreamingScanRelation(int sourceId, String description, List<AttributeReference> output,
      StructType sourceSchema, List<InputPartition> partitions) {
    this.sourceId = sourceId;
    this.description = description;
    this.output = List.copyOf(output);
    this.sourceSchema = sourceSchema;
    this.partitions = partitions;
  }

  public int sourceId() {
    return sourceId;
  }

  public String description() {
    return description;
  }

  public StructType sourceSchema() {
    return sourceSchema;
  }

  public List<InputPartition> partitions() {
    return partitions;
  }

  @Override
  public List<AttributeReference> output() {
    return output;
  }

  @Override
  public boolean isStreaming() {
    return true;
  }

  @Override
  protected List<Object> args() {
    return List.of(sourceId, output);
  }

  @Override
  public String simpleString() {
    return "StreamingScan " + description + " " + output;
  }
}
