package dev.sluice.exec.agg;

import dev.sluice.plan.expr.agg.AggregateFunction;
import dev.sluice.vector.ColumnVector;

/**
 * The running state of one aggregate function for many groups, stored column-wise and indexed by a
 * dense group id. A hash aggregate assigns group ids to the rows of a batch and calls
 * {@link #update} with the function's evaluated inputs (raw rows) or {@link #merge} with partial
 * buffers produced by {@link #buffers} elsewhere (another partition, or the state store). A group
 * id below zero means "skip this row" (used for {@code FILTER (WHERE ...)}). Not thread-safe.
 *
 * <p>{@link Accumulators#create} picks the implementation for an {@link AggregateFunction}; the
 * function itself only describes the aggregate (its inputs, result type and buffer layout).
 */
public interface Accumulator {
  /** Makes room for group ids {@code [0, numGroups)}; new groups start empty. */
  void ensureCapacity(int numGroups);

  /** Folds raw input rows (the values of {@link AggregateFunction#inputs()}) into their groups. */
  void update(int[] groupIds, ColumnVector[] inputs, int n);

  /** Folds partial buffers (in the layout of {@link AggregateFunction#bufferTypes()}) into groups. */
  void merge(int[] groupIds, ColumnVector[] buffers, int n);

  /** The partial buffers of groups {@code [0, numGroups)}, one vector per buffer column. */
  ColumnVector[] buffers(int numGroups);

  /** The final values of groups {@code [0, numGroups)}. */
  ColumnVector evaluate(int numGroups);

  /** Approximate heap bytes held. */
  long estimatedBytes();
}
