package dev.sluice.api.expressions;

import dev.sluice.api.Column;
import dev.sluice.api.functions;
import java.util.List;

/**
 * Starts a {@link WindowSpec}, as Spark's {@code org.apache.spark.sql.expressions.Window}:
 * {@code row_number().over(Window.partitionBy("k").orderBy("v"))},
 * {@code sum("x").over(Window.partitionBy("k").orderBy("t").rowsBetween(-2, Window.currentRow()))}.
 */
public final class Window {
  private Window() {}

  private static final WindowSpec EMPTY = new WindowSpec(List.of(), List.of(), null);

  public static WindowSpec partitionBy(String... columns) {
    return EMPTY.partitionBy(columns);
  }

  public static WindowSpec partitionBy(Column... columns) {
    return EMPTY.partitionBy(columns);
  }

  public static WindowSpec orderBy(String... columns) {
    return EMPTY.orderBy(columns);
  }

  public static WindowSpec orderBy(Column... columns) {
    return EMPTY.orderBy(columns);
  }

  public static WindowSpec rowsBetween(long start, long end) {
    return EMPTY.rowsBetween(start, end);
  }

  public static WindowSpec rangeBetween(long start, long end) {
    return EMPTY.rangeBetween(start, end);
  }

  /** The first row of the partition as a frame boundary. */
  public static long unboundedPreceding() {
    return Long.MIN_VALUE;
  }

  /** The last row of the partition as a frame boundary. */
  public static long unboundedFollowing() {
    return Long.MAX_VALUE;
  }

  /** The current row as a frame boundary. */
  public static long currentRow() {
    return 0;
  }

  static Column[] columns(String... names) {
    Column[] out = new Column[names.length];
    for (int i = 0; i < names.length; i++) {
      out[i] = functions.col(names[i]);
    }
    return out;
  }
}
