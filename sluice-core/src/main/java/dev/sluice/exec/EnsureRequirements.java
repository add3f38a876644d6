package dev.sluice.exec;

import dev.sluice.exec.ops.BroadcastExec;
import dev.sluice.exec.ops.ExchangeExec;
import dev.sluice.exec.ops.SortExec;
import dev.sluice.plan.expr.SortOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Inserts the shuffles an operator's {@link PhysicalPlan#requiredChildDistribution()} asks for and its
 * children's {@link PhysicalPlan#outputPartitioning()} does not already give (Spark's
 * EnsureRequirements, DataFusion's EnforceDistribution). The planner applies it to each operator as it
 * creates it, children first, so an aggregation over a join on the same keys, or a window over an
 * aggregation by its partition keys, reuses the shuffle below instead of adding one.
 *
 * <ul>
 *   <li>{@link Distribution.AllTuples}: a single-partition exchange;
 *   <li>{@link Distribution.Clustered}: a hash exchange into {@code shufflePartitions} partitions by the
 *       keys, allowed to merge small partitions afterwards ({@code coalescing}) unless the children must
 *       stay co-partitioned; co-partitioned children (a shuffled join) must each be hashed by exactly
 *       their keys into {@code shufflePartitions} partitions;
 *   <li>{@link Distribution.StatefulClustered}: a hash exchange by exactly the keys into exactly the
 *       operator's number of state partitions, never merged;
 *   <li>{@link Distribution.Broadcast}: a broadcast of the child.
 * </ul>
 *
 * Then, per child, a {@link PhysicalPlan#requiredChildOrdering()} that the (possibly shuffled) child's
 * {@link PhysicalPlan#outputOrdering()} does not already give (as a prefix: same keys, directions and
 * NULL placement) gets a sort within partitions, so a window over a sort by its keys, or over another
 * window of the same specification, does not sort again.
 */
public final class EnsureRequirements {
  private final int shufflePartitions;
  private final ExchangeExec.Coalescing coalescing;

  /** {@code coalescing} null: shuffles never merge partitions (streaming, or when switched off). */
  public EnsureRequirements(int shufflePartitions, ExchangeExec.Coalescing coalescing) {
    this.shufflePartitions = shufflePartitions;
    this.coalescing = coalescing;
  }

  /** The operator, rebuilt over exchanged children where a child does not meet its requirement. */
  public PhysicalPlan apply(PhysicalPlan op) {
    List<Distribution> required = op.requiredChildDistribution();
    List<PhysicalPlan> children = op.children();
    if (required.size() != children.size()) {
      throw new IllegalStateException(op.simpleString() + " states " + required.size() + " requirements for "
          + children.size() + " children");
    }
    List<List<SortOrder>> ordering = op.requiredChildOrdering();
    if (ordering.size() != children.size()) {
      throw new IllegalStateException(op.simpleString() + " states " + ordering.size() + " orderings for "
          + children.size() + " children");
    }
    List<PhysicalPlan> out = new ArrayList<>(children.size());
    boolean changed = false;
    for (int i = 0; i < children.size(); i++) {
      PhysicalPlan child = children.get(i);
      Distribution d = required.get(i);
      if (!meets(child, d)) {
        child = exchange(d, child);
        changed = true;
      }
      // After the shuffle (which keeps no order): sort within partitions unless already sorted so.
      List<SortOrder> o = ordering.get(i);
      if (!o.isEmpty() && !Orderings.satisfies(child.outputOrdering(), o)) {
        child = SortExec.local(o, child);
        changed = true;
      }
      out.add(child);
    }
    return changed ? op.withNewChildren(out) : op;
  }

  private boolean meets(PhysicalPlan child, Distribution d) {
    Partitioning p = child.outputPartitioning();
    if (d instanceof Distribution.Clustered c && c.coPartitioned()) {
      // Partition i of every side must hold the same keys: same hash, same count.
      if (child.numPartitions() != shufflePartitions) {
        return false;
      }
      return shufflePartitions == 1 || p.hashedExactly(c.keys(), shufflePartitions);
    }
    return p.satisfies(d);
  }

  private PhysicalPlan exchange(Distribution d, PhysicalPlan child) {
    if (d instanceof Distribution.AllTuples) {
      return ExchangeExec.single(child);
    }
    if (d instanceof Distribution.Broadcast) {
      return new BroadcastExec(child);
    }
    if (d instanceof Distribution.Clustered c) {
      ExchangeExec e = new ExchangeExec(c.keys(), shufflePartitions, child);
      return coalescing == null || c.coPartitioned() ? e : e.withCoalescing(coalescing);
    }
    if (d instanceof Distribution.StatefulClustered s) {
      return new ExchangeExec(s.keys(), s.numPartitions(), child);
    }
    throw new IllegalStateException("no exchange gives " + d);
  }
}
