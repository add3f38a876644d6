package dev.sluice.plan.logical;

import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;
import java.util.List;

/**
 * Rows held in memory: {@code createDataFrame}, a collected batch handed to {@code foreachBatch},
 * or (with {@code streaming} set) the new rows of one micro-batch of a stream.
 */
public final class LocalRelation extends LeafNode {
  private final List<AttributeReference> output;
  private final List<ColumnBatch> batches;
  private final boolean streaming;
  private final String label;

  public LocalRelation(List<AttributeReference> output, List<ColumnBatch> batches, boolean streaming, String label) {
    this.output = List.copyOf(output);
    this.batches = List.copyOf(batches);
    this.streaming = streaming;
    this.label = label;
  }

  public LocalRelation(List<AttributeReference> output, List<ColumnBatch> batches) {
    this(output, batches, false, null);
  }

  /** One row and no columns (Spark's OneRowRelation): the input of SELECT without FROM. */
  public static LocalRelation oneRow() {
    return new LocalRelation(List.of(), List.of(new ColumnBatch(new ColumnVector[0], 1)));
  }

  public List<ColumnBatch> batches() {
    return batches;
  }

  public long numRows() {
    long n = 0;
    for (ColumnBatch b : batches) {
      n += b.numRows();
    }
    return n;
  }

  @Override
  public List<AttributeReference> output() {
    return output;
  }

  @Override
  public boolean isStreaming() {
    return streaming;
  }

  /** The same data with new output attributes (same count and types). */
  public LocalRelation withOutput(List<AttributeReference> newOutput) {
    return new LocalRelation(newOutput, batches, streaming, label);
  }

  @Override
  protected List<Object> args() {
    return List.of(output, System.identityHashCode(batches), streaming);
  }

  @Override
  public String simpleString() {
    return "LocalRelation" + (label != null ? " " + label : "") + " " + output + (streaming ? " [stream]" : "")
        + " rows=" + numRows();
  }
}
