package dev.sluice.streaming;

import dev.sluice.api.streaming.OutputMode;
import dev.sluice.conf.SluiceConf;
import dev.sluice.connector.InputPartition;
import dev.sluice.connector.Offset;
import dev.sluice.connector.Source;
import dev.sluice.connector.SourceFilter;
import dev.sluice.connector.SupportsPushDown;
import dev.sluice.exec.FilterTranslation;
import dev.sluice.exec.PhysicalPlan;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.CurrentTime;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.StreamingRelation;
import dev.sluice.plan.logical.StreamingScanRelation;
import dev.sluice.state.StateStoreRegistry;
import dev.sluice.types.StructType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans one micro-batch, as Spark's IncrementalExecution: the query's optimized plan with each
 * stream replaced by a scan of its offset range (asking the source for its input partitions, with
 * the columns and filters it may push down), the batch's timestamp in place of {@code current_*()},
 * and the streaming planner's physical plan with the batch's state version and watermarks.
 */
final class IncrementalExecution {
  private final LogicalPlan optimizedPlan;
  private final List<StreamingRelation> relations;
  private final List<Source> sources;
  private final SluiceConf conf;
  private final OutputMode outputMode;

  IncrementalExecution(LogicalPlan optimizedPlan, List<StreamingRelation> relations, List<Source> sources,
      SluiceConf conf, OutputMode outputMode) {
    this.optimizedPlan = optimizedPlan;
    this.relations = relations;
    this.sources = sources;
    this.conf = conf;
    this.outputMode = outputMode;
  }

  /** A planned batch: the physical plan, the planner that knows its stateful parts, and what planning took. */
  record Planned(PhysicalPlan physical, StreamingPlanner planner, String explain, long getBatchNanos) {}

  /** The streams, in the order of the offset log's entries, found in the optimized plan. */
  static List<StreamingRelation> streams(LogicalPlan optimized) {
    List<StreamingRelation> out = new ArrayList<>();
    List<Integer> seen = new ArrayList<>();
    optimized.foreach(p -> {
      if (p instanceof StreamingRelation r && !seen.contains(r.id())) {
        seen.add(r.id());
        out.add(r);
      }
    });
    return out;
  }

  Planned plan(long batchId, Offset[] starts, Offset[] ends, long timestampMicros, long previousWatermark,
      long watermark, StateStoreRegistry stateStores) {
    Map<Integer, Integer> indexById = new HashMap<>();
    for (int i = 0; i < relations.size(); i++) {
      indexById.put(relations.get(i).id(), i);
    }
    long getBatchNanos = 0;
    Map<Integer, List<InputPartition>> partitions = new HashMap<>();
    for (int i = 0; i < sources.size(); i++) {
      long g = System.nanoTime();
      Offset start = starts[i];
      Offset end = ends[i];
      boolean any = end != null && !end.equals(start);
      partitions.put(i, !any ? List.of() : sources.get(i) instanceof SupportsPushDown.PrunableSource ps
          ? ps.planInputPartitions(start, end, requiredSchema(relations.get(i)), pushedFilters(relations.get(i).id()))
          : sources.get(i).planInputPartitions(start, end));
      getBatchNanos += System.nanoTime() - g;
    }
    LogicalPlan batchPlan = optimizedPlan.transformUp(p -> {
      if (p instanceof StreamingRelation r) {
        int i = indexById.get(r.id());
        Source s = sources.get(i);
        StructType read = s instanceof SupportsPushDown.PrunableSource ? requiredSchema(r) : s.schema();
        return new StreamingScanRelation(i, s.description(), r.output(), read, partitions.get(i));
      }
      return null;
    }).transformAllExpressions(e -> e instanceof CurrentTime ct ? ct.at(timestampMicros) : null);
    StreamingExecInfo info = new StreamingExecInfo(batchId, previousWatermark, watermark, outputMode.sparkName(),
        stateStores, timestampMicros);
    StreamingPlanner planner = new StreamingPlanner(conf.shufflePartitions(), conf.executorThreads(),
        conf.batchSize(), info, outputMode);
    PhysicalPlan physical = planner.plan(batchPlan);
    String explain = "== Optimized Logical Plan ==\n" + optimizedPlan.treeString() + "\n== Physical Plan (batch "
        + batchId + ") ==\n" + physical.treeString();
    return new Planned(physical, planner, explain, getBatchNanos);
  }

  /**
   * The translatable conjuncts the optimizer pushed to a stream, which its source may use to skip
   * data; none when the stream is read more than once in the plan (each read has its own filters, and
   * the source serves them all).
   */
  private List<SourceFilter> pushedFilters(int relationId) {
    List<StreamingRelation> reads = new ArrayList<>();
    optimizedPlan.foreach(p -> {
      if (p instanceof StreamingRelation r && r.id() == relationId) {
        reads.add(r);
      }
    });
    return reads.size() == 1 ? FilterTranslation.translate(reads.get(0).pushedFilters()) : List.of();
  }

  /** The columns a streaming relation's scan reads (the optimizer narrowed its output to them). */
  private static StructType requiredSchema(StreamingRelation r) {
    StructType s = new StructType();
    for (AttributeReference a : r.output()) {
      s = s.add(a.name(), a.dataType(), a.nullable());
    }
    return s;
  }
}
