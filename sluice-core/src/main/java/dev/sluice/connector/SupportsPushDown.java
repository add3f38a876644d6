package dev.sluice.connector;

import dev.sluice.types.StructType;
import java.util.List;

/**
 * A {@link SourceProvider} whose batch reads and streams can read only some columns and use filters
 * to skip data. The engine passes the columns the query uses (the optimizer narrows a relation to
 * them) and the conjuncts of a filter right above the scan that it could translate.
 */
public interface SupportsPushDown {
  /**
   * Like {@link SourceProvider#planBatch} but each partition returns batches with exactly the columns
   * of {@code requiredSchema}, in its order (a subset of the source schema, matched by name).
   */
  List<InputPartition> planBatch(SourceContext ctx, StructType requiredSchema, List<SourceFilter> filters);

  /** A {@link Source} created by such a provider may read only some columns of a micro-batch too. */
  interface PrunableSource extends Source {
    /** Like {@link Source#planInputPartitions} but returning only the columns of {@code requiredSchema}. */
    List<InputPartition> planInputPartitions(Offset start, Offset end, StructType requiredSchema);

    /**
     * Like the above, with the translated conjuncts of a filter right above the stream, which the
     * source may use to skip data (the engine still applies the filter to every row returned).
     */
    default List<InputPartition> planInputPartitions(Offset start, Offset end, StructType requiredSchema,
        List<SourceFilter> filters) {
      return planInputPartitions(start, end, requiredSchema);
    }
  }
}
