package dev.sluice.sqltests;

import java.util.List;

/** What Sluice did with one statement. */
public sealed interface Actual {
  /**
   * A result: column names and catalog type strings, the rows as Spark prints them (values in hive
   * form, tab-separated) in the order Sluice returned them, and whether the plan is sorted by Spark's
   * rule (a sort not below a join, aggregate, generator, sample or distinct), which decides whether
   * row order counts.
   */
  record Result(List<String> names, List<String> types, List<String> rows, boolean sorted) implements Actual {
    public Result {
      names = List.copyOf(names);
      types = List.copyOf(types);
      rows = List.copyOf(rows);
    }

    /** The schema in Spark's catalog form. */
    public String catalogString() {
      StringBuilder sb = new StringBuilder("struct<");
      for (int i = 0; i < names.size(); i++) {
        sb.append(i > 0 ? "," : "").append(names.get(i)).append(':').append(types.get(i));
      }
      return sb.append('>').toString();
    }
  }

  /** The statement threw. */
  record Failure(Throwable error) implements Actual {}

  /** The statement did not finish within the time limit. */
  record Timeout(long millis) implements Actual {}
}
