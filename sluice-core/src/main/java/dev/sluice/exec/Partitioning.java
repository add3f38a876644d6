package dev.sluice.exec;

import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Expression;
import java.util.ArrayList;
import java.util.List;

/** How an operator's output rows are spread over its partitions, as far as the planner knows. */
public sealed interface Partitioning {
  int numPartitions();

  /** Nothing known beyond the count (a scan, a union, a full outer join's output). */
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

  /**
   * Rows spread as each member says, all at once (Spark's PartitioningCollection): an inner equi-join
   * of two sides hashed by their keys is hashed by the left keys and by the right keys, so an
   * aggregation by either needs no shuffle. Members have the same partition count.
   */
  record Collection(List<Partitioning> members) implements Partitioning {
    public Collection {
      members = List.copyOf(members);
      if (members.isEmpty()) {
        throw new IllegalArgumentException("a partitioning collection needs members");
      }
    }

    @Override
    public int numPartitions() {
      return members.get(0).numPartitions();
    }
  }

  Partitioning SINGLE = new Single();

  /** All of these at once: the ones that say something (hashes); unknown if none does. */
  static Partitioning allOf(List<Partitioning> ps) {
    List<Partitioning> known = new ArrayList<>();
    for (Partitioning p : ps) {
      for (Partitioning m : p instanceof Collection c ? c.members() : List.of(p)) {
        if (m instanceof Hash && !known.contains(m)) {
          known.add(m);
        }
      }
    }
    if (known.isEmpty()) {
      int n = ps.get(0).numPartitions();
      return n == 1 ? SINGLE : new Unknown(n);
    }
    return known.size() == 1 ? known.get(0) : new Collection(known);
  }

  /**
   * Whether partition i holds exactly the rows whose {@code keys} hash to i of {@code numPartitions}:
   * what a co-partitioned join side or a stateful operator's state partitions need.
   */
  default boolean hashedExactly(List<Expression> keys, int numPartitions) {
    if (this instanceof Collection c) {
      return c.members().stream().anyMatch(m -> m.hashedExactly(keys, numPartitions));
    }
    return this instanceof Hash h && !h.coalesced() && h.numPartitions() == numPartitions && h.keys().equals(keys);
  }

  /** Whether rows spread like this meet what {@code d} asks of one child. */
  default boolean satisfies(Distribution d) {
    if (d instanceof Distribution.Unspecified) {
      return true;
    }
    if (this instanceof Collection c) {
      return c.members().stream().anyMatch(m -> m.satisfies(d));
    }
    if (d instanceof Distribution.Broadcast || this instanceof Broadcasted) {
      return d instanceof Distribution.Broadcast && this instanceof Broadcasted;
    }
    if (d instanceof Distribution.StatefulClustered s) {
      return s.numPartitions() == 1 ? numPartitions() == 1 : hashedExactly(s.keys(), s.numPartitions());
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
    if (this instanceof Collection c) {
      return allOf(c.members().stream().map(m -> m.through(output, numPartitions)).toList());
    }
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
