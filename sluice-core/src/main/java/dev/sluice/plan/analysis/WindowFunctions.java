package dev.sluice.plan.analysis;

import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;

/**
 * Ranking and offset window functions. They exist only over a window: the analyzer resolves
 * {@code f(...) OVER (...)} into a window expression (ExpressionResolver.resolveWindow); called
 * without OVER, the builder refuses them. Their specs make them known to SHOW FUNCTIONS, DESCRIBE
 * FUNCTION and the function reference.
 */
final class WindowFunctions {
  private WindowFunctions() {}

  /** The group of the functions that exist only over a window. */
  static final String GROUP = "window_funcs";

  private static final String DATA = " FROM VALUES ('A1', 2), ('A1', 1), ('A2', 3), ('A1', 1) AS tab(a, b)";

  private static FunctionSpec window(FunctionRegistry r, String name, int min, int max, String usage) {
    return r.register(name, min, max, usage, (a, c) -> {
      throw new AnalysisException(ErrorClass.WINDOW_FUNCTION_WITHOUT_OVER_CLAUSE, "\"" + c.name() + "()\"",
          c.name() + "(...) OVER (PARTITION BY ... ORDER BY ...)");
    }).group(GROUP);
  }

  static void register(FunctionRegistry r) {
    window(r, "row_number", 0, 0, "row_number()")
        .doc("Numbers the rows of each window partition 1, 2, 3, ... in the window's order; rows that tie get "
            + "distinct numbers in an unspecified order.")
        .example("SELECT a, b, row_number() OVER (PARTITION BY a ORDER BY b) AS r" + DATA + " ORDER BY a, b, r",
            "A1\t1\t1\nA1\t1\t2\nA1\t2\t3\nA2\t3\t1");
    window(r, "rank", 0, 0, "rank()")
        .doc("The rank of each row within its window partition: one plus the number of rows ordered before it, "
            + "so rows that tie share a rank and leave a gap after them.")
        .example("SELECT a, b, rank() OVER (PARTITION BY a ORDER BY b) AS r" + DATA + " ORDER BY a, b",
            "A1\t1\t1\nA1\t1\t1\nA1\t2\t3\nA2\t3\t1");
    window(r, "dense_rank", 0, 0, "dense_rank()")
        .doc("Like `rank`, but without gaps: the rank counts distinct values ordered before the row.")
        .example("SELECT a, b, dense_rank() OVER (PARTITION BY a ORDER BY b) AS r" + DATA + " ORDER BY a, b",
            "A1\t1\t1\nA1\t1\t1\nA1\t2\t2\nA2\t3\t1");
    window(r, "percent_rank", 0, 0, "percent_rank()")
        .doc("The relative rank of each row, `(rank - 1) / (rows in the partition - 1)`, a DOUBLE from 0 to 1; "
            + "0 for a partition of one row.")
        .example("SELECT a, b, percent_rank() OVER (PARTITION BY a ORDER BY b) AS r" + DATA + " ORDER BY a, b",
            "A1\t1\t0.0\nA1\t1\t0.0\nA1\t2\t1.0\nA2\t3\t0.0");
    window(r, "cume_dist", 0, 0, "cume_dist()")
        .doc("The fraction of rows of the partition ordered before or tied with the row, a DOUBLE in (0, 1].")
        .example("SELECT a, b, cume_dist() OVER (PARTITION BY a ORDER BY b) AS r" + DATA + " ORDER BY a, b",
            "A1\t1\t0.6666666666666666\nA1\t1\t0.6666666666666666\nA1\t2\t1.0\nA2\t3\t1.0");
    window(r, "ntile", 1, 1, "ntile(n)")
        .doc("Divides the rows of each partition, in the window's order, into `n` buckets numbered 1 to `n` "
            + "whose sizes differ by at most one (the first buckets take the extra rows); `n` must be a positive "
            + "INT constant.")
        .example("SELECT a, b, ntile(2) OVER (PARTITION BY a ORDER BY b) AS r" + DATA + " ORDER BY a, b, r",
            "A1\t1\t1\nA1\t1\t1\nA1\t2\t2\nA2\t3\t1");
    window(r, "lag", 1, 3, "lag(input[, offset[, default]])")
        .doc("The value of `input` `offset` rows (default 1) before the current row in its partition, or "
            + "`default` (NULL if not given) when there is no such row. `offset` must be an INT constant.")
        .example("SELECT a, b, lag(b) OVER (PARTITION BY a ORDER BY b) AS r" + DATA + " ORDER BY a, b, r",
            "A1\t1\tNULL\nA1\t1\t1\nA1\t2\t1\nA2\t3\tNULL");
    window(r, "nth_value", 2, 3, "nth_value(input, offset[, ignoreNulls])")
        .doc("The value of `input` at the `offset`-th row (from 1) of the window frame, or NULL when the frame "
            + "has fewer rows; with `ignoreNulls` true (or `IGNORE NULLS`), the `offset`-th non-NULL value. The "
            + "frame is the one the OVER clause names, by default the rows up to the current row's peers.")
        .example("SELECT a, b, nth_value(b, 2) OVER (PARTITION BY a ORDER BY b) AS r" + DATA + " ORDER BY a, b, r",
            "A1\t1\t1\nA1\t1\t1\nA1\t2\t1\nA2\t3\tNULL")
        .example("SELECT b, nth_value(b, 2) OVER (ORDER BY b ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS r"
            + DATA + " ORDER BY b, r", "1\t2\n1\t3\n2\tNULL\n3\tNULL");
    window(r, "lead", 1, 3, "lead(input[, offset[, default]])")
        .doc("The value of `input` `offset` rows (default 1) after the current row in its partition, or "
            + "`default` (NULL if not given) when there is no such row. `offset` must be an INT constant.")
        .example("SELECT a, b, lead(b, 1, 0) OVER (PARTITION BY a ORDER BY b) AS r" + DATA + " ORDER BY a, b, r",
            "A1\t1\t1\nA1\t1\t2\nA1\t2\t0\nA2\t3\t0");
  }
}
