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

  /**
   * Rows hashed by exactly {@code keys} into exactly {@code numPartitions} partitions, never merged: the
   * input of a stateful streaming operator, whose partition i reads and writes state partition i of the
   * checkpoint, so neither the hash nor the count may differ from the batch that wrote the state (Spark's
   * StatefulOpClusteredDistribution). A child already hashed so needs no shuffle: it gives every row the
   * same partition the shuffle would.
   */
  record StatefulClustered(List<Expression> keys, int numPartitions) implements Distribution {
    public StatefulClustered {
      keys = List.copyOf(keys);
    }
  }

  /** The whole input available to every partition of the operator (the build side of a broadcast join). */
  record Broadcast() implements Distribution {}

  Distribution UNSPECIFIED = new Unspecified();
  Distribution ALL_TUPLES = new AllTuples();
  Distribution BROADCAST = new Broadcast();

  /** The state partitioning of a stateful operator with these keys; none means all tuples (one state partition). */
  static Distribution stateful(List<? extends Expression> keys, int numPartitions) {
    return keys.isEmpty() ? ALL_TUPLES : new StatefulClustered(List.copyOf(keys), numPartitions);
  }

  /** Rows clustered by keys; none means all tuples. */
  static Distribution clustered(List<? extends Expression> keys) {
    return keys.isEmpty() ? ALL_TUPLES : new Clustered(List.copyOf(keys), false);
  }
}
