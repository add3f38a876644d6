package dev.sluice.exec;

import dev.sluice.connector.InputPartition;
import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.exec.ops.DeduplicateExec;
import dev.sluice.exec.ops.ExchangeExec;
import dev.sluice.exec.ops.FilterExec;
import dev.sluice.exec.ops.HashAggregateExec;
import dev.sluice.exec.ops.JoinExec;
import dev.sluice.exec.ops.LimitExec;
import dev.sluice.exec.ops.LocalScanExec;
import dev.sluice.exec.ops.ProjectExec;
import dev.sluice.exec.ops.SortExec;
import dev.sluice.exec.ops.SourceScanExec;
import dev.sluice.exec.ops.UnionExec;
import dev.sluice.plan.expr.Alias;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.agg.AggregateExpression;
import dev.sluice.plan.logical.Aggregate;
import dev.sluice.plan.logical.DataSourceRelation;
import dev.sluice.plan.logical.Deduplicate;
import dev.sluice.plan.logical.EquiJoinKeys;
import dev.sluice.plan.logical.EventTimeWatermark;
import dev.sluice.plan.logical.Filter;
import dev.sluice.plan.logical.Join;
import dev.sluice.plan.logical.JoinType;
import dev.sluice.plan.logical.Limit;
import dev.sluice.plan.logical.LocalRelation;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Project;
import dev.sluice.plan.logical.Sort;
import dev.sluice.plan.logical.StreamingRelation;
import dev.sluice.plan.logical.SubqueryAlias;
import dev.sluice.plan.logical.Union;
import dev.sluice.types.StructType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an optimized logical plan into physical operators. Operators state the distribution they need
 * of their children and {@link #ensure} inserts the shuffles that are missing: aggregations run in
 * two phases around a hash shuffle (none when the input is already hashed by the keys); global sorts
 * and limits gather into one partition; equi-joins hash both sides by key, or broadcast the right side
 * when the left side is a stream (a stream-static join keeps the stream's partitioning). The streaming
 * planner extends this class to plan stateful operators.
 */
public class Planner {
  protected final int shufflePartitions;
  protected final int maxScanPartitions;
  protected final int batchSize;

  private ExchangeExec.Coalescing coalescing;
  private EnsureRequirements requirements;

  public Planner(int shufflePartitions, int maxScanPartitions, int batchSize) {
    this.shufflePartitions = shufflePartitions;
    this.maxScanPartitions = maxScanPartitions;
    this.batchSize = batchSize;
  }

  /** Batch queries: merge small partitions after shuffles whose consumer works per key (null: never). */
  public Planner withCoalescing(ExchangeExec.Coalescing c) {
    this.coalescing = c;
    this.requirements = null;
    return this;
  }

  /**
   * The operator over the exchanges its children's partitioning lacks (see {@link EnsureRequirements}).
   * Every operator that states a requirement goes through here as it is created, children first.
   */
  protected PhysicalPlan ensure(PhysicalPlan op) {
    if (requirements == null) {
      requirements = new EnsureRequirements(shufflePartitions, coalescing);
    }
    return requirements.apply(op);
  }

  public PhysicalPlan plan(LogicalPlan p) {
    if (p instanceof SubqueryAlias s) {
      return plan(s.child());
    }
    if (p instanceof LocalRelation r) {
      return new LocalScanExec(r.output(), r.batches(), maxScanPartitions, batchSize, null);
    }
    if (p instanceof DataSourceRelation r) {
      return planDataSource(r);
    }
    if (p instanceof StreamingRelation s) {
      throw new AnalysisException(ErrorClass.STREAM_REQUIRED, "Queries with streaming sources must be executed with "
          + "writeStream().start(); '" + s.sourceName() + "' is a stream (use read() for a batch read)");
    }
    if (p instanceof Project pr) {
      return new ProjectExec(pr.projectList(), pr.output(), plan(pr.child()));
    }
    if (p instanceof Filter f) {
      return new FilterExec(f.condition(), plan(f.child()));
    }
    if (p instanceof Aggregate a) {
      return planAggregate(a);
    }
    if (p instanceof Sort s) {
      return planSort(s);
    }
    if (p instanceof Limit l) {
      return planLimit(l);
    }
    if (p instanceof Union u) {
      List<PhysicalPlan> cs = new ArrayList<>();
      for (LogicalPlan c : u.children()) {
        cs.add(plan(c));
      }
      return new UnionExec(cs, u.output());
    }
    if (p instanceof Join j) {
      return planJoin(j);
    }
    if (p instanceof dev.sluice.plan.logical.ExistenceJoin ej) {
      return planExistenceJoin(ej);
    }
    if (p instanceof EventTimeWatermark w) {
      return planWatermark(w);
    }
    if (p instanceof Deduplicate d) {
      return planDeduplicate(d);
    }
    if (p instanceof dev.sluice.plan.logical.Window w) {
      return planWindow(w);
    }
    if (p instanceof dev.sluice.plan.logical.Generate g) {
      return new dev.sluice.exec.ops.GenerateExec(g.generator(), g.requiredChildOutput(), g.generatorOutput(),
          plan(g.child()));
    }
    if (p instanceof dev.sluice.plan.logical.Expand e) {
      return new dev.sluice.exec.ops.ExpandExec(e.projections(), e.output(), plan(e.child()));
    }
    throw new IllegalStateException("No physical plan for " + p.nodeName() + ":\n" + p.treeString());
  }

  /**
   * A window over the shuffle and the sort it needs. Non-deterministic PARTITION BY or ORDER BY keys
   * ({@code ORDER BY rand()}) are computed once in a projection below, as Spark's analyzer does, so that
   * the shuffle, the sort and the window all see the same values; a projection above drops them.
   */
  protected PhysicalPlan planWindow(dev.sluice.plan.logical.Window w) {
    PhysicalPlan child = plan(w.child());
    boolean pullOut = w.partitionBy().stream().anyMatch(e -> !e.deterministic())
        || w.orderBy().stream().anyMatch(o -> !o.child().deterministic());
    if (!pullOut) {
      return ensure(new dev.sluice.exec.ops.WindowExec(w.windowExpressions(), w.partitionBy(), w.orderBy(), w.output(),
          child));
    }
    List<Expression> below = new ArrayList<>(child.output());
    List<AttributeReference> belowOutput = new ArrayList<>(child.output());
    java.util.function.Function<Expression, Expression> once = e -> {
      if (e.deterministic()) {
        return e;
      }
      Alias a = new Alias(e, "_windowkey" + (below.size() - child.output().size()));
      below.add(a);
      belowOutput.add(a.toAttribute());
      return a.toAttribute();
    };
    List<Expression> partitionBy = w.partitionBy().stream().map(once).toList();
    List<dev.sluice.plan.expr.SortOrder> orderBy = w.orderBy().stream()
        .map(o -> new dev.sluice.plan.expr.SortOrder(once.apply(o.child()), o.ascending(), o.nullsFirst())).toList();
    List<AttributeReference> windowOutput = new ArrayList<>(belowOutput);
    windowOutput.addAll(w.output().subList(child.output().size(), w.output().size()));
    PhysicalPlan window = ensure(new dev.sluice.exec.ops.WindowExec(w.windowExpressions(), partitionBy, orderBy,
        windowOutput, new ProjectExec(below, belowOutput, child)));
    return new ProjectExec(List.copyOf(w.output()), w.output(), window);
  }

  protected PhysicalPlan planWatermark(EventTimeWatermark w) {
    return plan(w.child());
  }

  protected PhysicalPlan planDeduplicate(Deduplicate d) {
    return ensure(new DeduplicateExec(d.keys(), plan(d.child())));
  }

  /**
   * A global sort; none when its input is already one partition sorted this way (a window ordered by the
   * same keys, an inner ORDER BY): a stable sort of sorted rows changes nothing (Spark's RemoveRedundantSorts).
   */
  protected PhysicalPlan planSort(Sort s) {
    PhysicalPlan child = plan(s.child());
    if (child.numPartitions() == 1 && Orderings.satisfies(child.outputOrdering(), s.order())) {
      return child;
    }
    return ensure(new SortExec(s.order(), child));
  }

  protected PhysicalPlan planLimit(Limit l) {
    PhysicalPlan child = plan(l.child());
    if (child.numPartitions() == 1) {
      return new LimitExec(l.limit(), child);
    }
    return ensure(LimitExec.global(l.limit(), new LimitExec(l.limit(), child)));
  }

  /**
   * A scan of a connector; one that supports push-down reads only the relation's columns, with the
   * pushed conjuncts it can translate as filter hints.
   */
  protected PhysicalPlan planDataSource(DataSourceRelation r) {
    if (r.provider() instanceof dev.sluice.connector.SupportsPushDown pd) {
      List<dev.sluice.connector.SourceFilter> filters = FilterTranslation.translate(r.pushedFilters());
      StructType required = new StructType();
      for (AttributeReference a : r.output()) {
        required = required.add(a.name(), a.dataType(), a.nullable());
      }
      return new SourceScanExec(r.output(), pd.planBatch(r.context(), required, filters), null, r.name());
    }
    List<InputPartition> parts = r.provider().planBatch(r.context());
    StructType full = r.provider().schema(r.context());
    return new SourceScanExec(r.output(), parts, ordinals(full, r.output()), r.name());
  }

  /** Positions of the wanted columns in the source schema (by name), or null when they are all of it in order. */
  public static int[] ordinals(StructType full, List<AttributeReference> wanted) {
    int[] out = new int[wanted.size()];
    boolean identity = wanted.size() == full.size();
    for (int i = 0; i < out.length; i++) {
      int idx = full.indexOf(wanted.get(i).name());
      if (idx < 0) {
        throw new IllegalStateException("Column " + wanted.get(i).name() + " is not in the source schema " + full);
      }
      out[i] = idx;
      identity &= idx == i;
    }
    return identity ? null : out;
  }

  // ------------------------------------------------------------------ aggregation

  /** The pieces of an Aggregate the physical operators need. */
  public record AggregateParts(List<Expression> groupingKeys, List<AttributeReference> groupingAttributes,
      List<AggregateExpression> aggregates, List<AttributeReference> aggregateAttributes,
      List<Expression> resultExpressions, List<AttributeReference> partialOutput) {
    /** The layout result expressions are bound against: grouping attributes then aggregate results. */
    public List<AttributeReference> resultInput() {
      List<AttributeReference> in = new ArrayList<>(groupingAttributes);
      in.addAll(aggregateAttributes);
      return in;
    }
  }

  public static AggregateParts aggregateParts(Aggregate a) {
    List<Expression> keys = a.groupingExpressions();
    List<AttributeReference> keyAttrs = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      Expression k = keys.get(i);
      keyAttrs.add(k instanceof AttributeReference ar ? ar
          : AttributeReference.create("_groupingexpression" + i, k.dataType(), k.nullable()));
    }
    Map<AggregateExpression, AttributeReference> aggs = new LinkedHashMap<>();
    for (Expression e : a.aggregateExpressions()) {
      e.foreach(x -> {
        if (x instanceof AggregateExpression ae && !aggs.containsKey(ae)) {
          aggs.put(ae, AttributeReference.create(ae.sql(), ae.dataType(), ae.nullable()));
        }
      });
    }
    List<Expression> results = new ArrayList<>();
    for (Expression e : a.aggregateExpressions()) {
      results.add(rewriteResult(e, keys, keyAttrs, aggs));
    }
    List<AttributeReference> partial = new ArrayList<>(keyAttrs);
    for (AggregateExpression ae : aggs.keySet()) {
      int i = 0;
      for (dev.sluice.types.DataType t : ae.function().bufferTypes()) {
        partial.add(AttributeReference.create(ae.function().name() + "_buf" + i++, t, true));
      }
    }
    return new AggregateParts(keys, keyAttrs, new ArrayList<>(aggs.keySet()), new ArrayList<>(aggs.values()),
        results, partial);
  }

  private static Expression rewriteResult(Expression e, List<Expression> keys, List<AttributeReference> keyAttrs,
      Map<AggregateExpression, AttributeReference> aggs) {
    return e.transformDown(x -> {
      if (x instanceof Alias) {
        return null;
      }
      if (x instanceof AggregateExpression ae) {
        return aggs.get(ae);
      }
      int i = keys.indexOf(x);
      if (i >= 0) {
        return keyAttrs.get(i);
      }
      return null;
    });
  }

  protected PhysicalPlan planAggregate(Aggregate a) {
    if (a.isSessionAggregate()) {
      return planSessionAggregate(a);
    }
    AggregateParts parts = aggregateParts(a);
    boolean global = parts.groupingKeys().isEmpty();
    return ensure(new HashAggregateExec(HashAggregateExec.Mode.FINAL, parts.groupingKeys(), parts.aggregates(),
        parts.resultExpressions(), parts.resultInput(), a.output(), partial(a, parts), global));
  }

  /** The first phase of an aggregation: per-partition partial aggregates (their output leads with the keys). */
  protected PhysicalPlan partial(Aggregate a, AggregateParts parts) {
    PhysicalPlan child = plan(a.child());
    boolean global = parts.groupingKeys().isEmpty();
    return new HashAggregateExec(HashAggregateExec.Mode.PARTIAL, parts.groupingKeys(),
        parts.aggregates(), List.of(), List.of(), parts.partialOutput(), child, global);
  }

  /** Batch session windows: shuffle by the other keys, merge sessions, then aggregate by (keys, session). */
  protected PhysicalPlan planSessionAggregate(Aggregate a) {
    AggregateParts parts = aggregateParts(a);
    PhysicalPlan child = plan(a.child());
    List<Expression> otherKeys = new ArrayList<>(a.groupingExpressions());
    AttributeReference session = (AttributeReference) otherKeys.remove(a.sessionKey());
    PhysicalPlan merged = ensure(new dev.sluice.exec.ops.SessionMergeExec(otherKeys, session, child));
    return ensure(new HashAggregateExec(HashAggregateExec.Mode.COMPLETE, parts.groupingKeys(), parts.aggregates(),
        parts.resultExpressions(), parts.resultInput(), a.output(), merged, false));
  }

  // ------------------------------------------------------------------ joins

  /** A left semi join that keeps every left row and outputs whether it matched (hash or broadcast, as planJoin). */
  protected PhysicalPlan planExistenceJoin(dev.sluice.plan.logical.ExistenceJoin j) {
    EquiJoinKeys keys = EquiJoinKeys.of(j.condition(), j.left(), j.right());
    PhysicalPlan left = plan(j.left());
    PhysicalPlan right = plan(j.right());
    boolean broadcast = keys.left().isEmpty() || j.left().isStreaming() && !j.right().isStreaming();
    return ensure(new JoinExec(JoinType.LEFT_SEMI, keys.left(), keys.right(), keys.nullSafe(), keys.residual(), left,
        right, broadcast, j.output(), true));
  }

  protected PhysicalPlan planJoin(Join j) {
    EquiJoinKeys keys = EquiJoinKeys.of(j.condition(), j.left(), j.right());
    PhysicalPlan left = plan(j.left());
    PhysicalPlan right = plan(j.right());
    JoinType type = j.joinType() == JoinType.CROSS ? JoinType.INNER : j.joinType();
    boolean streamLeft = j.left().isStreaming() && !j.right().isStreaming();
    boolean broadcast = keys.left().isEmpty() || streamLeft;
    JoinExec join = new JoinExec(type, keys.left(), keys.right(), keys.nullSafe(), keys.residual(), left, right,
        broadcast, j.output());
    return ensure(j.isSingleMatch() ? join.withSingleMatch() : join);
  }
}
