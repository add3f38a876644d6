package dev.sluice.exec;

import dev.sluice.plan.expr.Expression;
import java.util.List;

/**
 * How an operator needs its input rows spread over partitions; {@link EnsureRequirements} inserts a
 * shuffle where a child's {@link Partitioning} does not satisfy it.
 */
public sealed interface Distribution {
  /** Any spread: the operator works on each partition alone (project, filter, partial aggregation). */
  record Unspecified() implements Distribution {}

  /** Every row in one partition (a global sort, a global limit, an aggregate without grouping keys). */
  record AllTuples() implements Distribution {}

  /**
   * Rows with equal values of {@code keys} in one partition (aggregation, window, deduplication). With
   * {@code coPartitioned}, the operator's children must also be hash-partitioned alike, partition i of
   * one meeting partition i of the others (the two sides of a shuffled join).
   */
  record Clustered(List<Expression> keys, boolean coPartitioned) implements Distribution {
    public Clustered {
      keys = List.copyOf(keys);
    }
  }

  /** The whole input available to every partition of the operator (the build side of a broadcast join). */
  record Broadcast() implements Distribution {}

  Distribution UNSPECIFIED = new Unspecified();
  Distribution ALL_TUPLES = new AllTuples();
  Distribution BROADCAST = new Broadcast();

  /** Rows clustered by keys; none means all tuples. */
  static Distribution clustered(List<? extends Expression> keys) {
    return keys.isEmpty() ? ALL_TUPLES : new Clustered(List.copyOf(keys), false);
  }
}
