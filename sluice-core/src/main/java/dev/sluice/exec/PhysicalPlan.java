package dev.sluice.exec;

import dev.sluice.plan.TreeNode;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.SortOrder;
import dev.sluice.vector.ColumnBatch;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A node of a physical plan: an operator over column batches, split into partitions that run as
 * independent tasks. {@link #execute} returns the batches of one partition; a shuffle
 * ({@link dev.sluice.exec.ops.ExchangeExec}) is a stage boundary that materializes its input in
 * {@link #prepare} before any task of the stage above runs, so tasks never wait on each other.
 */
public abstract class PhysicalPlan extends TreeNode<PhysicalPlan> {
  @Override
  public abstract List<PhysicalPlan> children();

  public abstract List<AttributeReference> output();

  public abstract int numPartitions();

  /** Computes one partition; called from worker threads, once per partition per execution. */
  public abstract Iterator<ColumnBatch> execute(int partition, ExecContext ctx);

  /**
   * What this operator needs of each child's partitioning, one entry per child; {@link EnsureRequirements}
   * inserts the shuffles. By default any spread will do.
   */
  public List<Distribution> requiredChildDistribution() {
    List<Distribution> out = new ArrayList<>();
    for (int i = 0; i < children().size(); i++) {
      out.add(Distribution.UNSPECIFIED);
    }
    return out;
  }

  /** How the output rows are spread; by default nothing is known beyond the partition count. */
  public Partitioning outputPartitioning() {
    int n = numPartitions();
    return n == 1 ? Partitioning.SINGLE : new Partitioning.Unknown(n);
  }

  /**
   * The child's partitioning, for operators that keep every row in the partition it came from (filter,
   * project, sort, window, per-partition limit): hash keys hold while the output still has their columns.
   */
  protected final Partitioning childPartitioning(PhysicalPlan child) {
    return child.outputPartitioning().through(output(), numPartitions());
  }

  /**
   * The sort order each child's partitions must have, one entry per child (empty: none). After the
   * distributions, {@link EnsureRequirements} sorts a child within its partitions where its
   * {@link #outputOrdering()} does not already give this order, so an operator that needs sorted input
   * (a window, a session merge) states it here instead of sorting inside {@link #execute}.
   */
  public List<List<SortOrder>> requiredChildOrdering() {
    List<List<SortOrder>> out = new ArrayList<>();
    for (int i = 0; i < children().size(); i++) {
      out.add(List.of());
    }
    return out;
  }

  /** How the rows of each output partition are sorted; by default not at all (a scan, a shuffle, a hash aggregate). */
  public List<SortOrder> outputOrdering() {
    return List.of();
  }

  /**
   * The child's ordering, for operators that emit the rows of a partition in the order they read them
   * (filter, limit, window): it holds while the output still has the columns its keys read.
   */
  protected final List<SortOrder> childOrdering(PhysicalPlan child) {
    return Orderings.through(child.outputOrdering(), output());
  }

  /**
   * The same operator over new children (same output). Operators that state a requirement implement it
   * so that {@link EnsureRequirements} can put exchanges under them.
   */
  @Override
  public PhysicalPlan withNewChildren(List<PhysicalPlan> newChildren) {
    throw new UnsupportedOperationException(simpleString() + " cannot be rebuilt over new children");
  }

  /** Work before tasks run (materializing a shuffle); called once, children first. */
  public void prepare(ExecContext ctx) {}

  @Override
  public String simpleString() {
    return getClass().getSimpleName().replace("Exec", "");
  }

  public final List<dev.sluice.types.DataType> outputTypes() {
    List<dev.sluice.types.DataType> t = new ArrayList<>();
    for (AttributeReference a : output()) {
      t.add(a.dataType());
    }
    return t;
  }

  @Override
  public String toString() {
    return treeString();
  }
}
