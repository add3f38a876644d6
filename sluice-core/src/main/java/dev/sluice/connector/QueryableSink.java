package dev.sluice.connector;

import java.util.List;

/**
 * A sink whose output can be queried as a table named after the query, as Spark's memory sink is
 * ({@code spark.sql("SELECT * FROM <queryName>")}). The writer registers that table for any sink that
 * implements this, so no format is special-cased by name.
 */
public interface QueryableSink extends Sink {
  /** All rows the sink holds now, as internal values in the query's output schema. */
  List<Object[]> internalRows();
}
