package dev.sluice.connector.file;

import dev.sluice.connector.SourceFilter;

/** Helpers over {@link SourceFilter}s. */
final class SourceFilters {
  private SourceFilters() {}

  /** The column of a leaf filter. */
  static String column(SourceFilter f) {
    if (f instanceof SourceFilter.EqualTo x) {
      return x.column();
    }
    if (f instanceof SourceFilter.LessThan x) {
      return x.column();
    }
    if (f instanceof SourceFilter.LessThanOrEqual x) {
      return x.column();
    }
    if (f instanceof SourceFilter.GreaterThan x) {
      return x.column();
    }
    if (f instanceof SourceFilter.GreaterThanOrEqual x) {
      return x.column();
    }
    if (f instanceof SourceFilter.In x) {
      return x.column();
    }
    if (f instanceof SourceFilter.IsNull x) {
      return x.column();
    }
    if (f instanceof SourceFilter.IsNotNull x) {
      return x.column();
    }
    throw new IllegalArgumentException("not a leaf filter: " + f);
  }
}
