package dev.sluice.exec.ops;

import dev.sluice.exec.eval.Evaluator;
import dev.sluice.exec.eval.ExpressionCompiler;
import dev.sluice.exec.Distribution;
import dev.sluice.exec.ExecContext;
import dev.sluice.exec.Partitioning;
import dev.sluice.exec.PhysicalPlan;
import dev.sluice.exec.hash.GroupTable;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.SortOrder;
import dev.sluice.plan.logical.JoinType;
import dev.sluice.types.DataType;
import dev.sluice.vector.BooleanVector;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * Hash join (nested loop when there are no equality keys). The right side is the build side: either
 * the matching shuffle partition of the right child (both children hash-partitioned by their keys),
 * or, when {@code broadcast}, all right rows (the left child keeps its partitioning, which is how a
 * stream joins a static table). Candidate pairs found by key are then checked against the residual
 * condition vector-wise. Supports every join type; with a broadcast build side, right and full outer
 * joins are only correct when the left side has one partition (the planner ensures it).
 */
public final class JoinExec extends PhysicalPlan {
  private final JoinType joinType;
  private final List<Expression> leftKeys;
  private final List<Expression> rightKeys;
  private final boolean[] nullSafe;
  private final Expression condition;
  private final PhysicalPlan left;
  private final PhysicalPlan right;
  private final boolean broadcast;
  private final List<AttributeReference> output;
  private final List<Evaluator> boundLeftKeys;
  private final List<Evaluator> boundRightKeys;
  private final Evaluator boundCondition;
  /** An existence join: every left row once, plus this BOOLEAN column saying whether it found a match. */
  private final boolean existence;
  /** A correlated scalar subquery's join: a left row with two matches is an error. */
  private boolean singleMatch;

  public JoinExec(JoinType joinType, List<Expression> leftKeys, List<Expression> rightKeys, boolean[] nullSafe,
      Expression condition, PhysicalPlan left, PhysicalPlan right, boolean broadcast, List<AttributeReference> output) {
    this(joinType, leftKeys, rightKeys, nullSafe, condition, left, right, broadcast, output, false);
  }

  /**
   * With {@code existence}, the join type must be {@link JoinType#LEFT_SEMI} and {@code output} the
   * left side's columns plus the match column.
   */
  public JoinExec(JoinType joinType, List<Expression> leftKeys, List<Expression> rightKeys, boolean[] nullSafe,
      Expression condition, PhysicalPlan left, PhysicalPlan right, boolean broadcast, List<AttributeReference> output,
      boolean existence) {
    this.existence = existence;
    this.joinType = joinType;
    this.leftKeys = leftKeys;
    this.rightKeys = rightKeys;
    this.nullSafe = nullSafe;
    this.condition = condition;
    this.left = left;
    this.right = right;
    this.broadcast = broadcast;
    this.output = output;
    this.boundLeftKeys = ExpressionCompiler.bindAll(leftKeys, left.output());
    this.boundRightKeys = ExpressionCompiler.bindAll(rightKeys, right.output());
    List<AttributeReference> both = new ArrayList<>(left.output());
    both.addAll(right.output());
    this.boundCondition = condition == null ? null : ExpressionCompiler.bind(condition, both);
  }

  /** This join, failing when a left row matches more than one right row (Spark's single join). */
  public JoinExec withSingleMatch() {
    JoinExec j = new JoinExec(joinType, leftKeys, rightKeys, nullSafe, condition, left, right, broadcast, output,
        existence);
    j.singleMatch = true;
    return j;
  }

  @Override
  public List<PhysicalPlan> children() {
    return List.of(left, right);
  }

  @Override
  public List<AttributeReference> output() {
    return output;
  }

  @Override
  public int numPartitions() {
    return left.numPartitions();
  }

  @Override
  public Iterator<ColumnBatch> execute(int partition, ExecContext ctx) {
    ColumnBatch build = broadcast ? ((BroadcastExec) right).data()
        : Batches.concatAll(right.outputTypes(), right.execute(partition, ctx));
    Build b = new Build(build);
    List<ColumnBatch> out = new ArrayList<>();
    Iterator<ColumnBatch> probe = left.execute(partition, ctx);
    while (probe.hasNext()) {
      ColumnBatch l = probe.next();
      if (l.numRows() > 0) {
        ColumnBatch r = b.probe(l);
        if (r.numRows() > 0) {
          out.add(r);
        }
      }
    }
    if (joinType == JoinType.RIGHT_OUTER || joinType == JoinType.FULL_OUTER) {
      ColumnBatch r = b.unmatchedBuildRows();
      if (r.numRows() > 0) {
        out.add(r);
      }
    }
    return out.iterator();
  }

  private final class Build {
    final ColumnBatch rows;
    final GroupTable table;
    final int[] head;
    final int[] next;
    final boolean[] matched;
    final List<Integer> allRows = new ArrayList<>();

    Build(ColumnBatch rows) {
      this.rows = rows;
      int n = rows.numRows();
      matched = new boolean[n];
      next = new int[n];
      if (boundRightKeys.isEmpty()) {
        table = null;
        head = null;
        return;
      }
      List<DataType> types = boundRightKeys.stream().map(Evaluator::dataType).toList();
      table = new GroupTable(types);
      ColumnVector[] keys = evalAll(boundRightKeys, rows);
      int[] ids = new int[n];
      // Rows with a NULL in a non-null-safe key never match; keep them out of the table.
      int[] keep = new int[n];
      int kept = 0;
      for (int i = 0; i < n; i++) {
        if (!hasNullKey(keys, i)) {
          keep[kept++] = i;
        }
      }
      ColumnVector[] keptKeys = keys;
      if (kept < n) {
        keptKeys = new ColumnVector[keys.length];
        for (int k = 0; k < keys.length; k++) {
          keptKeys[k] = keys[k].gather(keep, kept);
        }
      } else {
        for (int i = 0; i < n; i++) {
          keep[i] = i;
        }
      }
      table.findOrInsert(keptKeys, kept, ids);
      head = new int[table.size()];
      Arrays.fill(head, -1);
      // Insert in reverse so each chain lists rows in input order.
      for (int j = kept - 1; j >= 0; j--) {
        int row = keep[j];
        int g = ids[j];
        next[row] = head[g];
        head[g] = row;
      }
    }

    private boolean hasNullKey(ColumnVector[] keys, int i) {
      for (int k = 0; k < keys.length; k++) {
        if (!nullSafe[k] && keys[k].isNull(i)) {
          return true;
        }
      }
      return false;
    }

    ColumnBatch probe(ColumnBatch l) {
      int n = l.numRows();
      IntList li = new IntList();
      IntList ri = new IntList();
      if (table == null) {
        int m = rows.numRows();
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < m; j++) {
            li.add(i);
            ri.add(j);
          }
        }
      } else {
        ColumnVector[] keys = evalAll(boundLeftKeys, l);
        for (int i = 0; i < n; i++) {
          if (hasNullKey(keys, i)) {
            continue;
          }
          int g = table.find(keys, i);
          if (g < 0) {
            continue;
          }
          for (int r = head[g]; r >= 0; r = next[r]) {
            li.add(i);
            ri.add(r);
          }
        }
      }
      // Residual condition on candidate pairs.
      int pairs = li.size;
      ColumnBatch joined = joinedBatch(l, li.values, ri.values, pairs);
      boolean[] pass = new boolean[pairs];
      if (boundCondition == null) {
        Arrays.fill(pass, true);
      } else if (pairs > 0) {
        BooleanVector c = (BooleanVector) boundCondition.eval(joined);
        for (int p = 0; p < pairs; p++) {
          pass[p] = !c.isNull(p) && c.getBoolean(p);
        }
      }
      boolean[] leftMatched = new boolean[n];
      int[] sel = new int[pairs];
      int count = 0;
      for (int p = 0; p < pairs; p++) {
        if (pass[p]) {
          if (singleMatch && leftMatched[li.values[p]]) {
            throw new dev.sluice.errors.SluiceException(dev.sluice.errors.ErrorClass.SCALAR_SUBQUERY_TOO_MANY_ROWS,
                "a correlated scalar subquery returned more than one row for one row of its query; make it return "
                    + "one per row, e.g. by grouping only by the columns it is correlated on");
          }
          sel[count++] = p;
          leftMatched[li.values[p]] = true;
          matched[ri.values[p]] = true;
        }
      }
      if (existence) {
        ColumnVector[] cols = new ColumnVector[l.numColumns() + 1];
        for (int c = 0; c < l.numColumns(); c++) {
          cols[c] = l.column(c);
        }
        cols[l.numColumns()] = new BooleanVector(leftMatched, n, null);
        return new ColumnBatch(cols, n);
      }
      switch (joinType) {
        case LEFT_SEMI, LEFT_ANTI -> {
          boolean want = joinType == JoinType.LEFT_SEMI;
          int[] idx = new int[n];
          int c = 0;
          for (int i = 0; i < n; i++) {
            if (leftMatched[i] == want) {
              idx[c++] = i;
            }
          }
          return c == n ? l : l.gather(idx, c);
        }
        case LEFT_OUTER, FULL_OUTER -> {
          ColumnBatch inner = joined.gather(sel, count);
          int[] idx = new int[n];
          int c = 0;
          for (int i = 0; i < n; i++) {
            if (!leftMatched[i]) {
              idx[c++] = i;
            }
          }
          if (c == 0) {
            return inner;
          }
          ColumnBatch unmatched = padRight(l.gather(idx, c));
          return ColumnBatch.concat(outputTypes(), List.of(inner, unmatched));
        }
        default -> {
          return count == pairs ? joined : joined.gather(sel, count);
        }
      }
    }

    ColumnBatch joinedBatch(ColumnBatch l, int[] li, int[] ri, int pairs) {
      ColumnVector[] cols = new ColumnVector[l.numColumns() + rows.numColumns()];
      for (int c = 0; c < l.numColumns(); c++) {
        cols[c] = l.column(c).gather(li, pairs);
      }
      for (int c = 0; c < rows.numColumns(); c++) {
        cols[l.numColumns() + c] = rows.column(c).gather(ri, pairs);
      }
      return new ColumnBatch(cols, pairs);
    }

    ColumnBatch padRight(ColumnBatch l) {
      int m = l.numRows();
      ColumnVector[] cols = new ColumnVector[l.numColumns() + rows.numColumns()];
      for (int c = 0; c < l.numColumns(); c++) {
        cols[c] = l.column(c);
      }
      List<AttributeReference> ro = right.output();
      for (int c = 0; c < rows.numColumns(); c++) {
        cols[l.numColumns() + c] = ColumnVector.allNull(ro.get(c).dataType(), m);
      }
      return new ColumnBatch(cols, m);
    }

    ColumnBatch unmatchedBuildRows() {
      int n = rows.numRows();
      int[] idx = new int[n];
      int c = 0;
      for (int i = 0; i < n; i++) {
        if (!matched[i]) {
          idx[c++] = i;
        }
      }
      ColumnBatch r = rows.gather(idx, c);
      List<AttributeReference> lo = left.output();
      ColumnVector[] cols = new ColumnVector[lo.size() + r.numColumns()];
      for (int k = 0; k < lo.size(); k++) {
        cols[k] = ColumnVector.allNull(lo.get(k).dataType(), c);
      }
      for (int k = 0; k < r.numColumns(); k++) {
        cols[lo.size() + k] = r.column(k);
      }
      return new ColumnBatch(cols, c);
    }
  }

  private static ColumnVector[] evalAll(List<Evaluator> es, ColumnBatch b) {
    ColumnVector[] out = new ColumnVector[es.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = es.get(i).eval(b);
    }
    return out;
  }

  /** A growable int array. */
  static final class IntList {
    int[] values = new int[64];
    int size;

    void add(int v) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }
  }

  /**
   * A shuffled join needs both sides hash-partitioned alike by their keys; a broadcast join reads the
   * whole right side in every task, and needs the left side in one partition when unmatched right rows
   * must be emitted once (right and full outer joins).
   */
  @Override
  public List<Distribution> requiredChildDistribution() {
    if (broadcast) {
      return List.of(joinType.preservesRight() ? Distribution.ALL_TUPLES : Distribution.UNSPECIFIED,
          Distribution.BROADCAST);
    }
    return List.of(new Distribution.Clustered(leftKeys, true), new Distribution.Clustered(rightKeys, true));
  }

  /**
   * Output rows stay in the partition of the side rows they came from, and keep a side's hash
   * partitioning where that side's key columns hold its own values in every output row. A shuffled inner
   * join is hashed by both sides' keys at once (an aggregation by either needs no shuffle); an outer join
   * only by its preserved side's, since the other side's columns are NULL in unmatched rows, which come
   * from any partition (as in Spark); a full outer join by neither. A broadcast join keeps the left side's.
   */
  @Override
  public Partitioning outputPartitioning() {
    if (broadcast) {
      return joinType.preservesRight() ? super.outputPartitioning() : childPartitioning(left);
    }
    return switch (joinType) {
      case INNER, CROSS -> Partitioning.allOf(List.of(childPartitioning(left), childPartitioning(right)));
      case LEFT_OUTER, LEFT_SEMI, LEFT_ANTI -> childPartitioning(left);
      case RIGHT_OUTER -> childPartitioning(right);
      case FULL_OUTER -> super.outputPartitioning();
    };
  }

  /**
   * Inner, semi and anti joins emit the matches of each left (probe) row where that row was, so the left
   * side's order holds; outer joins append unmatched rows after the matches, so no order is known.
   */
  @Override
  public List<SortOrder> outputOrdering() {
    return switch (joinType) {
      case INNER, CROSS, LEFT_SEMI, LEFT_ANTI -> childOrdering(left);
      default -> List.of();
    };
  }

  @Override
  public PhysicalPlan withNewChildren(List<PhysicalPlan> c) {
    JoinExec j = new JoinExec(joinType, leftKeys, rightKeys, nullSafe, condition, c.get(0), c.get(1), broadcast, output,
        existence);
    j.singleMatch = singleMatch;
    return j;
  }

  @Override
  public String simpleString() {
    return (broadcast ? "BroadcastHashJoin " : "ShuffledHashJoin ") + (existence ? "Existence" : joinType.display())
        + " keys=" + leftKeys + " = "
        + rightKeys + (condition == null ? "" : " condition=" + condition);
  }
}
