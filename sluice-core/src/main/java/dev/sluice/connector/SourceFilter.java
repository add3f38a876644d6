package dev.sluice.connector;

import java.util.List;

/**
 * A filter a source may use to skip data it knows cannot match (Parquet row groups by their
 * statistics). Filters are hints: the engine evaluates the query's own filter on every row the
 * source returns, so a source may ignore any filter. Columns are top-level names of the source
 * schema; values are internal values of that column's type (see {@link dev.sluice.types.Values}).
 */
public sealed interface SourceFilter {
  record EqualTo(String column, Object value) implements SourceFilter {}

  record LessThan(String column, Object value) implements SourceFilter {}

  record LessThanOrEqual(String column, Object value) implements SourceFilter {}

  record GreaterThan(String column, Object value) implements SourceFilter {}

  record GreaterThanOrEqual(String column, Object value) implements SourceFilter {}

  record In(String column, List<Object> values) implements SourceFilter {}

  record IsNull(String column) implements SourceFilter {}

  record IsNotNull(String column) implements SourceFilter {}

  record And(SourceFilter left, SourceFilter right) implements SourceFilter {}

  record Or(SourceFilter left, SourceFilter right) implements SourceFilter {}

  record Not(SourceFilter child) implements SourceFilter {}
}
