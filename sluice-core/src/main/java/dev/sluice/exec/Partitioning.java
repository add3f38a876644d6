package dev.sluice.exec;

import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Expression;
import java.util.List;

/** How an operator's output rows are spread over its partitions, as far as the planner knows. */
public sealed interface Partitioning {
  int numPartitions();

  /** Nothing known beyond the count (a scan, a union, a join's output). */
  record Unknown(int numPartitions) implements Partitioning {}

  /** One partition holds every row. */
  record Single() implements Partitioning {
    @Override
    public int numPartitions() {
      return 1;
    }
  }

  /**
   * Rows spread by the hash of {@code keys} over {@code numPartitions} partitions. A {@code coalesced}
   * shuffle merges adjacent partitions after it ran: rows with equal keys still meet, but partition i
   * no longer matches partition i of another shuffle.
   */
  record Hash(List<Expression> keys, int numPartitions, boolean coalesced) implements Partitioning {
    public Hash {
      keys = List.copyOf(keys);
    }
  }

  /** Every partition of the consumer can read all rows (a broadcast). */
  record Broadcasted() implements Partitioning {
    @Override
    public int numPartitions() {
      return 1;
    }
  }

  Partitioning SINGLE = new Single();

  /** Whether rows spread like this meet what {@code d} asks of one child. */
  default boolean satisfies(Distribution d) {
    if (d instanceof Distribution.Unspecified) {
      return true;
    }
    if (d instanceof Distribution.Broadcast || this instanceof Broadcasted) {
      return d instanceof Distribution.Broadcast && this instanceof Broadcasted;
    }
    if (this instanceof Single || numPartitions() == 1) {
      return true;
    }
    if (d instanceof Distribution.Clustered c && this instanceof Hash h) {
      if (c.coPartitioned()) {
        return !h.coalesced() && h.keys().equals(c.keys());
      }
      // Hashing by a subset of the clustering keys keeps equal full keys together, as in Spark.
      return !h.keys().isEmpty() && c.keys().containsAll(h.keys());
    }
    return false;
  }

  /**
   * This partitioning as seen through an operator that outputs {@code output}: hash keys stay meaningful
   * only while every attribute they read is still in the output.
   */
  default Partitioning through(List<AttributeReference> output, int numPartitions) {
    if (this instanceof Hash h) {
      for (Expression k : h.keys()) {
        if (!output.containsAll(k.references())) {
          return new Unknown(numPartitions);
        }
      }
      return this;
    }
    return numPartitions == 1 ? SINGLE : new Unknown(numPartitions);
  }
}
