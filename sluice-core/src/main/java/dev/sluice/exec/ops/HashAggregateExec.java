package dev.sluice.exec.ops;

import dev.sluice.exec.eval.Evaluator;
import dev.sluice.exec.eval.ExpressionCompiler;
import dev.sluice.exec.Distribution;
import dev.sluice.exec.ExecContext;
import dev.sluice.exec.Partitioning;
import dev.sluice.exec.PhysicalPlan;
import dev.sluice.exec.agg.Accumulator;
import dev.sluice.exec.agg.Accumulators;
import dev.sluice.exec.hash.GroupTable;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.BoundReference;
import dev.sluice.exec.eval.Vectors;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.agg.AggregateExpression;
import dev.sluice.types.DataType;
import dev.sluice.vector.BooleanVector;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Hash aggregation in one of three modes:
 * <ul>
 *   <li>PARTIAL: raw input rows → one row per group of this partition: {@code [keys..., buffers...]};
 *   <li>FINAL: partial rows (already shuffled by key) → merged → result expressions;
 *   <li>COMPLETE: raw input rows → result expressions, when the input is already in one partition.
 * </ul>
 * Rows are assigned dense group ids by a {@link GroupTable}; each aggregate's
 * {@link Accumulator} then folds whole vectors at once.
 */
public final class HashAggregateExec extends PhysicalPlan {
  public enum Mode { PARTIAL, FINAL, COMPLETE }

  private final Mode mode;
  private final List<Expression> groupingKeys;
  private final List<AggregateExpression> aggregates;
  private final List<Expression> resultExpressions;
  private final List<AttributeReference> output;
  private final PhysicalPlan child;
  private final boolean globalAggregate;
  private final List<AttributeReference> resultInput;

  // bound forms
  private final List<Evaluator> boundKeys;
  private final List<List<Evaluator>> boundInputs = new ArrayList<>();
  private final List<Evaluator> boundFilters = new ArrayList<>();
  private final List<Evaluator> boundResults;
  private final int[] bufferOffsets;

  /**
   * @param groupingKeys PARTIAL/COMPLETE: grouping expressions over the child output; FINAL: ignored
   *     (the first k input columns are the keys, k = groupingKeys.size())
   * @param resultExpressions FINAL/COMPLETE: expressions over {@code resultInput} (the grouping
   *     attributes followed by one attribute per aggregate)
   */
  public HashAggregateExec(Mode mode, List<Expression> groupingKeys, List<AggregateExpression> aggregates,
      List<Expression> resultExpressions, List<AttributeReference> resultInput, List<AttributeReference> output,
      PhysicalPlan child, boolean globalAggregate) {
    this.mode = mode;
    this.groupingKeys = groupingKeys;
    this.resultInput = resultInput;
    this.aggregates = aggregates;
    this.resultExpressions = resultExpressions;
    this.output = output;
    this.child = child;
    this.globalAggregate = globalAggregate;
    List<AttributeReference> in = child.output();
    int k = groupingKeys.size();
    if (mode == Mode.FINAL) {
      List<Evaluator> keys = new ArrayList<>();
      for (int i = 0; i < k; i++) {
        keys.add(ExpressionCompiler.compile(new BoundReference(i, in.get(i).dataType(), in.get(i).nullable())));
      }
      boundKeys = keys;
    } else {
      boundKeys = ExpressionCompiler.bindAll(groupingKeys, in);
    }
    bufferOffsets = new int[aggregates.size() + 1];
    int off = k;
    for (int a = 0; a < aggregates.size(); a++) {
      AggregateExpression ae = aggregates.get(a);
      bufferOffsets[a] = off;
      off += ae.function().bufferTypes().size();
      if (mode != Mode.FINAL) {
        boundInputs.add(ExpressionCompiler.bindAll(ae.function().inputs(), in));
        boundFilters.add(ae.filter() == null ? null : ExpressionCompiler.bind(ae.filter(), in));
      }
    }
    bufferOffsets[aggregates.size()] = off;
    boundResults = mode == Mode.PARTIAL ? List.of() : ExpressionCompiler.bindAll(resultExpressions, resultInput);
  }

  public Mode mode() {
    return mode;
  }

  @Override
  public List<PhysicalPlan> children() {
    return List.of(child);
  }

  @Override
  public List<AttributeReference> output() {
    return output;
  }

  @Override
  public int numPartitions() {
    return child.numPartitions();
  }

  /** The aggregation state of one task. */
  public final class State {
    final GroupTable groups;
    final Accumulator[] accs;
    private int[] ids = new int[0];

    State() {
      List<DataType> keyTypes = new ArrayList<>();
      for (Evaluator e : boundKeys) {
        keyTypes.add(e.dataType());
      }
      groups = new GroupTable(keyTypes);
      accs = new Accumulator[aggregates.size()];
      for (int a = 0; a < accs.length; a++) {
        accs[a] = Accumulators.create(aggregates.get(a).function());
      }
    }

    public void consume(ColumnBatch b) {
      int n = b.numRows();
      if (ids.length < n) {
        ids = new int[n];
      }
      ColumnVector[] keys = new ColumnVector[boundKeys.size()];
      for (int i = 0; i < keys.length; i++) {
        keys[i] = boundKeys.get(i).eval(b);
      }
      groups.findOrInsert(keys, n, ids);
      int numGroups = groups.size();
      for (int a = 0; a < accs.length; a++) {
        Accumulator acc = accs[a];
        acc.ensureCapacity(numGroups);
        if (mode == Mode.FINAL) {
          ColumnVector[] bufs = new ColumnVector[bufferOffsets[a + 1] - bufferOffsets[a]];
          for (int j = 0; j < bufs.length; j++) {
            bufs[j] = b.column(bufferOffsets[a] + j);
          }
          acc.merge(ids, bufs, n);
        } else {
          List<Evaluator> inputs = boundInputs.get(a);
          ColumnVector[] vs = new ColumnVector[inputs.size()];
          for (int j = 0; j < vs.length; j++) {
            vs[j] = inputs.get(j).eval(b);
          }
          int[] gids = ids;
          Evaluator filter = boundFilters.get(a);
          if (filter != null) {
            BooleanVector f = (BooleanVector) filter.eval(b);
            gids = ids.clone();
            for (int i = 0; i < n; i++) {
              if (!Vectors.isTrue(f, i)) {
                gids[i] = -1;
              }
            }
          }
          acc.update(gids, vs, n);
        }
      }
    }

    public int numGroups() {
      return groups.size();
    }

    /** Partial rows {@code [keys..., buffers...]} for every group. */
    public ColumnBatch partialBatch() {
      int g = groups.size();
      List<ColumnVector> cols = new ArrayList<>(List.of(groups.keyVectors()));
      for (Accumulator acc : accs) {
        acc.ensureCapacity(g);
        cols.addAll(List.of(acc.buffers(g)));
      }
      return new ColumnBatch(cols.toArray(new ColumnVector[0]), g);
    }

    /** Result rows for every group. */
    public ColumnBatch resultBatch() {
      if (globalAggregate && groups.size() == 0) {
        groups.findOrInsert(new ColumnVector[0], 0, new int[0]);
      }
      int g = groups.size();
      List<ColumnVector> cols = new ArrayList<>(List.of(groups.keyVectors()));
      for (Accumulator acc : accs) {
        acc.ensureCapacity(g);
        cols.add(acc.evaluate(g));
      }
      ColumnBatch resultInput = new ColumnBatch(cols.toArray(new ColumnVector[0]), g);
      ColumnVector[] out = new ColumnVector[boundResults.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = boundResults.get(i).eval(resultInput);
      }
      return new ColumnBatch(out, g);
    }

    public long estimatedBytes() {
      long b = groups.estimatedBytes();
      for (Accumulator acc : accs) {
        b += acc.estimatedBytes();
      }
      return b;
    }
  }

  public State newState() {
    return new State();
  }

  @Override
  public Iterator<ColumnBatch> execute(int partition, ExecContext ctx) {
    State s = new State();
    Iterator<ColumnBatch> in = child.execute(partition, ctx);
    while (in.hasNext()) {
      ColumnBatch b = in.next();
      if (b.numRows() > 0) {
        s.consume(b);
      }
    }
    if (mode == Mode.PARTIAL) {
      ColumnBatch out = s.partialBatch();
      return out.numRows() == 0 ? Batches.empty() : List.of(out).iterator();
    }
    ColumnBatch out = s.resultBatch();
    return out.numRows() == 0 ? Batches.empty() : List.of(out).iterator();
  }

  /** FINAL and COMPLETE need each group's rows in one partition; PARTIAL works on any spread. */
  @Override
  public List<Distribution> requiredChildDistribution() {
    return switch (mode) {
      case PARTIAL -> List.of(Distribution.UNSPECIFIED);
      case FINAL -> List.of(globalAggregate ? Distribution.ALL_TUPLES
          : Distribution.clustered(child.output().subList(0, groupingKeys.size())));
      case COMPLETE -> List.of(globalAggregate ? Distribution.ALL_TUPLES : Distribution.clustered(groupingKeys));
    };
  }

  @Override
  public Partitioning outputPartitioning() {
    return childPartitioning(child);
  }

  @Override
  public PhysicalPlan withNewChildren(List<PhysicalPlan> c) {
    return new HashAggregateExec(mode, groupingKeys, aggregates, resultExpressions, resultInput, output, c.get(0),
        globalAggregate);
  }

  @Override
  public String simpleString() {
    return "HashAggregate(" + mode.name().toLowerCase() + ", keys=" + groupingKeys + ", functions=" + aggregates
        + (mode == Mode.PARTIAL ? "" : ", results=" + resultExpressions) + ")";
  }
}
