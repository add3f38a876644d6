package dev.sluice.streaming;

import dev.sluice.api.streaming.OutputMode;
import dev.sluice.exec.PhysicalPlan;
import dev.sluice.exec.Planner;
import dev.sluice.exec.ops.DeduplicateExec;
import dev.sluice.exec.ops.HashAggregateExec;
import dev.sluice.exec.ops.SourceScanExec;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.logical.Aggregate;
import dev.sluice.plan.logical.Deduplicate;
import dev.sluice.plan.logical.EquiJoinKeys;
import dev.sluice.plan.logical.EventTimeWatermark;
import dev.sluice.plan.logical.Limit;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.StreamingScanRelation;
import dev.sluice.streaming.ops.EventTimeWatermarkExec;
import dev.sluice.streaming.ops.StatefulAggregateExec;
import dev.sluice.streaming.ops.StatefulOperator;
import dev.sluice.streaming.ops.StatefulSessionAggregateExec;
import dev.sluice.streaming.ops.StreamStreamJoinExec;
import dev.sluice.streaming.ops.StreamingDeduplicateExec;
import dev.sluice.streaming.ops.StreamingLimitExec;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans one micro-batch: the same physical operators as a batch query, plus state around the
 * operators that need memory across batches (aggregations, deduplication, limits) and watermark
 * bookkeeping. Stateful operators get ids in plan order, so the same query gets the same ids in
 * every batch and after a restart.
 */
public final class StreamingPlanner extends Planner {
  private final StreamingExecInfo info;
  private final OutputMode mode;
  private final List<StatefulOperator> statefulOperators = new ArrayList<>();
  private final List<EventTimeWatermarkExec> watermarks = new ArrayList<>();
  private final List<SourceScanExec> scans = new ArrayList<>();
  private final List<Integer> scanSourceIds = new ArrayList<>();
  private int nextOperatorId;
  private int nextWatermarkId;

  public StreamingPlanner(int shufflePartitions, int maxScanPartitions, int batchSize, StreamingExecInfo info,
      OutputMode mode) {
    super(shufflePartitions, maxScanPartitions, batchSize);
    this.info = info;
    this.mode = mode;
  }

  public List<StatefulOperator> statefulOperators() {
    return statefulOperators;
  }

  public List<EventTimeWatermarkExec> watermarks() {
    return watermarks;
  }

  /** The scan of each source id in this batch, for input row counts. */
  public List<SourceScanExec> scans() {
    return scans;
  }

  public List<Integer> scanSourceIds() {
    return scanSourceIds;
  }

  @Override
  public PhysicalPlan plan(LogicalPlan p) {
    if (p instanceof StreamingScanRelation s) {
      SourceScanExec scan = new SourceScanExec(s.output(), s.partitions(), ordinals(s.sourceSchema(), s.output()),
          s.description());
      scans.add(scan);
      scanSourceIds.add(s.sourceId());
      return scan;
    }
    return super.plan(p);
  }

  @Override
  protected PhysicalPlan planWatermark(EventTimeWatermark w) {
    PhysicalPlan child = plan(w.child());
    if (!w.child().isStreaming()) {
      return child;
    }
    EventTimeWatermarkExec exec = new EventTimeWatermarkExec(nextWatermarkId++, w.eventTimeAttribute(),
        w.delayMicros(), child);
    watermarks.add(exec);
    return exec;
  }

  @Override
  protected PhysicalPlan planAggregate(Aggregate a) {
    if (!a.child().isStreaming()) {
      return super.planAggregate(a);
    }
    if (a.isSessionAggregate()) {
      return planStreamingSessions(a);
    }
    AggregateParts parts = aggregateParts(a);
    PhysicalPlan stateful = stateful(new StatefulAggregateExec(nextOperatorId++, parts.groupingKeys().size(),
        parts.aggregates(), mode, eventTimeKeyIndex(a.groupingExpressions()), shufflePartitions, partial(a, parts),
        info.shifted(watermarkShift(a.child()))));
    return new HashAggregateExec(HashAggregateExec.Mode.FINAL, parts.groupingKeys(), parts.aggregates(),
        parts.resultExpressions(), parts.resultInput(), a.output(), stateful, false);
  }

  /**
   * A stateful operator over the shuffle its state needs, registered for commit. Each states its input
   * as {@link dev.sluice.exec.Distribution.StatefulClustered}: hashed by its keys into exactly
   * {@code shufflePartitions} partitions (one without keys), never merged, because partition i reads and
   * writes state partition i of the checkpoint.
   */
  private PhysicalPlan stateful(PhysicalPlan op) {
    PhysicalPlan planned = ensure(op);
    statefulOperators.add((StatefulOperator) planned);
    return planned;
  }

  private PhysicalPlan planStreamingSessions(Aggregate a) {
    AggregateParts parts = aggregateParts(a);
    PhysicalPlan child = plan(a.child());
    List<Expression> otherKeys = new ArrayList<>(a.groupingExpressions());
    AttributeReference session = (AttributeReference) otherKeys.remove(a.sessionKey());
    PhysicalPlan stateful = stateful(new StatefulSessionAggregateExec(nextOperatorId++, otherKeys,
        a.sessionKey(), session, parts.aggregates(), mode, parts.partialOutput(), shufflePartitions, child,
        info.shifted(watermarkShift(a.child()))));
    return new HashAggregateExec(HashAggregateExec.Mode.FINAL, parts.groupingKeys(), parts.aggregates(),
        parts.resultExpressions(), parts.resultInput(), a.output(), stateful, false);
  }

  /** Index of the grouping expression that is a watermarked event time (or a window over one), or -1. */
  public static int eventTimeKeyIndex(List<Expression> grouping) {
    for (int i = 0; i < grouping.size(); i++) {
      if (grouping.get(i) instanceof AttributeReference ar && ar.watermarkDelayMicros() != null) {
        return i;
      }
    }
    return -1;
  }

  @Override
  protected PhysicalPlan planJoin(dev.sluice.plan.logical.Join j) {
    if (!j.left().isStreaming() || !j.right().isStreaming()) {
      return super.planJoin(j);
    }
    EquiJoinKeys keys = EquiJoinKeys.of(j.condition(), j.left(), j.right());
    dev.sluice.plan.analysis.StreamingJoinHelper.Bounds b = dev.sluice.plan.analysis.StreamingJoinHelper.bounds(
        j.condition(), j.left().output(), j.right().output());
    PhysicalPlan left = plan(j.left());
    PhysicalPlan right = plan(j.right());
    AttributeReference leftTime = b.leftTime() != null ? b.leftTime() : eventTimeOf(j.left().output());
    AttributeReference rightTime = b.rightTime() != null ? b.rightTime() : eventTimeOf(j.right().output());
    return stateful(new StreamStreamJoinExec(nextOperatorId++, j.joinType(), keys.left(), keys.right(),
        j.condition(), leftTime, rightTime, b.left(), b.right(),
        dev.sluice.plan.analysis.StreamingJoinHelper.watermarkKeyOrdinal(keys.left(), keys.right()), shufflePartitions,
        left, right, j.output(), info));
  }

  private static AttributeReference eventTimeOf(List<AttributeReference> out) {
    for (AttributeReference a : out) {
      if (a.watermarkDelayMicros() != null) {
        return a;
      }
    }
    return null;
  }

  /**
   * How far behind the global watermark the rows reaching {@code p} may be: a stream-stream join
   * emits rows as old as its time range allows, so operators above it see the watermark shifted
   * back by that range (0 when there is no such join below).
   */
  static long watermarkShift(LogicalPlan p) {
    long shift = 0;
    for (LogicalPlan c : p.children()) {
      shift = Math.min(shift, watermarkShift(c));
    }
    if (p instanceof dev.sluice.plan.logical.Join j && j.left().isStreaming() && j.right().isStreaming()) {
      dev.sluice.plan.analysis.StreamingJoinHelper.Bounds b = dev.sluice.plan.analysis.StreamingJoinHelper.bounds(
          j.condition(), j.left().output(), j.right().output());
      if (b.left() != null) {
        shift = Math.min(shift, b.left());
      }
      if (b.right() != null) {
        shift = Math.min(shift, b.right());
      }
    }
    return shift;
  }

  @Override
  protected PhysicalPlan planDeduplicate(Deduplicate d) {
    if (!d.child().isStreaming()) {
      return super.planDeduplicate(d);
    }
    PhysicalPlan child = plan(d.child());
    AttributeReference eventTime = eventTimeOf(d.child().output());
    List<Expression> keys = d.keys();
    if (d.withinWatermark() && eventTime != null) {
      keys = keys.stream().filter(k -> !k.equals(eventTime)).toList();
    }
    return stateful(new StreamingDeduplicateExec(nextOperatorId++, keys, eventTime, d.withinWatermark(),
        shufflePartitions, child, info.shifted(watermarkShift(d.child()))));
  }

  @Override
  protected PhysicalPlan planLimit(Limit l) {
    if (!l.child().isStreaming() || mode != OutputMode.APPEND) {
      return super.planLimit(l);
    }
    PhysicalPlan child = plan(l.child());
    return stateful(new StreamingLimitExec(nextOperatorId++, l.limit(), child, info));
  }
}
