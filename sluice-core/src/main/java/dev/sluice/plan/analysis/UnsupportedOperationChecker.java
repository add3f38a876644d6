package dev.sluice.plan.analysis;

import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.agg.AggregateExpression;
import dev.sluice.plan.logical.Aggregate;
import dev.sluice.plan.logical.Join;
import dev.sluice.plan.logical.JoinType;
import dev.sluice.plan.logical.Limit;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Sort;
import java.util.List;

/**
 * Spark's rules for which queries a stream supports in which output mode, checked when a streaming
 * query starts. Each refusal says what to change.
 */
public final class UnsupportedOperationChecker {
  private UnsupportedOperationChecker() {}

  /** {@code mode} is "append", "update" or "complete". */
  public static void checkForStreaming(LogicalPlan plan, String mode) {
    if (!plan.isStreaming()) {
      return;
    }
    plan.foreach(UnsupportedOperationChecker::checkSubqueries);
    List<Aggregate> aggregates = plan.collect(Aggregate.class).stream()
        .filter(a -> a.child().isStreaming()).toList();
    for (Aggregate a : aggregates) {
      for (Expression e : a.aggregateExpressions()) {
        if (e.exists(x -> x instanceof AggregateExpression ae && ae.isDistinct())) {
          throw unsupported("Distinct aggregations are not supported on streaming DataFrames/Datasets. Consider "
              + "using approx_count_distinct() instead.;");
        }
      }
    }
    if (aggregates.size() > 1) {
      boolean allEventTime = aggregates.stream().allMatch(UnsupportedOperationChecker::hasEventTimeKey);
      if (!mode.equals("append") || !allEventTime) {
        throw unsupported("Detected pattern of possible 'correctness' issue due to global watermark. The query "
            + "contains stateful operation which can emit rows older than the current watermark plus allowed late "
            + "record delay, which are \"late rows\" in downstream stateful operations and these rows can be "
            + "discarded. Chain streaming aggregations only in append mode, each grouped by a watermarked "
            + "event-time column or window.;");
      }
    }
    switch (mode) {
      case "complete" -> {
        if (aggregates.isEmpty()) {
          throw new AnalysisException(ErrorClass.STREAMING_OUTPUT_MODE_UNSUPPORTED, "complete",
              "no streaming aggregations", "Use append or update mode, or aggregate the stream (groupBy).");
        }
      }
      case "append" -> {
        for (Aggregate a : aggregates) {
          if (!hasEventTimeKey(a)) {
            throw new AnalysisException(ErrorClass.STREAMING_OUTPUT_MODE_UNSUPPORTED, "append",
                "streaming aggregations without watermark",
                "Use update or complete mode, or group by a watermarked event-time column (withWatermark).");
          }
        }
      }
      default -> {
        for (Aggregate a : aggregates) {
          if (a.isSessionAggregate()) {
            throw new AnalysisException(ErrorClass.STREAMING_OUTPUT_MODE_UNSUPPORTED, "update",
                "session window streaming aggregations", "Use append mode (with a watermark) or complete mode.");
          }
        }
      }
    }
    plan.foreach(p -> {
      if (p instanceof Sort s && s.child().isStreaming()) {
        boolean aggregated = s.child().exists(c -> c instanceof Aggregate a && a.child().isStreaming());
        if (!mode.equals("complete") || !aggregated) {
          throw unsupported("Sorting is not supported on streaming DataFrames/Datasets, unless it is on aggregated "
              + "DataFrame/Dataset in Complete output mode;");
        }
      }
      if (p instanceof Limit l && l.child().isStreaming() && mode.equals("update")) {
        throw unsupported("Limits are not supported on streaming DataFrames/Datasets in Update output mode;");
      }
      if (p instanceof Join j) {
        checkJoin(j, mode);
      }
      if (p instanceof dev.sluice.plan.logical.Union u
          && u.children().stream().map(LogicalPlan::isStreaming).distinct().count() == 2) {
        // Each micro-batch would union its new rows with the whole static side again.
        throw unsupported("Union between streaming and batch DataFrames/Datasets is not supported;");
      }
      if (p instanceof dev.sluice.plan.logical.Deduplicate d && d.withinWatermark() && d.child().isStreaming()
          && !hasWatermark(d.child().output())) {
        throw unsupported("dropDuplicatesWithinWatermark needs an event-time column with a watermark in its input; "
            + "call withWatermark(column, delay) first;");
      }
      if (p instanceof dev.sluice.plan.logical.Window w && w.child().isStreaming()) {
        dev.sluice.plan.expr.Alias a = w.windowExpressions().get(0);
        throw new AnalysisException(ErrorClass.NON_TIME_WINDOW_NOT_SUPPORTED_IN_STREAMING,
            a.child().sql() + " (as column `" + a.name() + "`)");
      }
    });
  }

  /**
   * Subqueries in a streaming query: only {@code [NOT] IN} and {@code [NOT] EXISTS} over static data, as a
   * condition of a filter over the stream (they become stream-static semi and anti joins). A subquery that
   * reads a stream, a scalar subquery, and one used as a value would need the subquery's answer for rows
   * that have not arrived yet.
   */
  private static void checkSubqueries(LogicalPlan p) {
    for (Expression e : p.expressions()) {
      e.foreach(x -> {
        if (!(x instanceof dev.sluice.plan.expr.SubqueryExpression sq)) {
          return;
        }
        if (sq.plan().isStreaming() || sq.plan().exists(n -> n.expressions().stream().anyMatch(
            dev.sluice.plan.expr.SubqueryExpression::contains))) {
          throw new AnalysisException(ErrorClass.UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY, "STREAMING_SUBQUERY",
              "the subquery " + sq.sql() + " reads a stream or has subqueries of its own; a subquery of a streaming "
                  + "query can only read static data; join the streams instead");
        }
        if (sq instanceof dev.sluice.plan.expr.ScalarSubquery) {
          throw new AnalysisException(ErrorClass.UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY, "STREAMING_SUBQUERY",
              "scalar subqueries are not supported on streaming DataFrames/Datasets (" + sq.sql() + "); compute the "
                  + "value in a batch query and use it as a literal, or join the stream with the static data");
        }
      });
    }
    if (p instanceof dev.sluice.plan.logical.Filter f) {
      for (Expression c : dev.sluice.plan.expr.Predicates.conjuncts(f.condition())) {
        Expression inner = c instanceof dev.sluice.plan.expr.Not n ? n.child() : c;
        boolean direct = inner instanceof dev.sluice.plan.expr.SubqueryExpression;
        if (!direct && dev.sluice.plan.expr.SubqueryExpression.contains(c)) {
          throw nonConjunct(c);
        }
      }
      return;
    }
    for (Expression e : p.expressions()) {
      if (dev.sluice.plan.expr.SubqueryExpression.contains(e)) {
        throw nonConjunct(e);
      }
    }
  }

  private static AnalysisException nonConjunct(Expression e) {
    return new AnalysisException(ErrorClass.UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY, "STREAMING_SUBQUERY",
        "on a streaming DataFrame/Dataset an IN or EXISTS subquery can only be a condition of WHERE, alone or AND-ed "
            + "with others, not part of " + e.sql() + "; rewrite it as a join with the static data");
  }

  private static void checkJoin(Join j, String mode) {
    boolean ls = j.left().isStreaming();
    boolean rs = j.right().isStreaming();
    JoinType t = j.joinType();
    if (ls && rs) {
      if (!mode.equals("append")) {
        throw unsupported("Join between two streaming DataFrames/Datasets is not supported in "
            + (mode.equals("update") ? "Update" : "Complete") + " output mode, only in Append output mode;");
      }
      if (t == JoinType.LEFT_OUTER || t == JoinType.RIGHT_OUTER || t == JoinType.FULL_OUTER
          || t == JoinType.LEFT_SEMI) {
        StreamingJoinHelper.Bounds b = StreamingJoinHelper.bounds(j.condition(), j.left().output(),
            j.right().output());
        dev.sluice.plan.logical.EquiJoinKeys keys = dev.sluice.plan.logical.EquiJoinKeys.of(j.condition(), j.left(), j.right());
        boolean watermarkInKeys = StreamingJoinHelper.watermarkKeyOrdinal(keys.left(), keys.right()) >= 0;
        boolean leftWm = hasWatermark(j.left().output());
        boolean rightWm = hasWatermark(j.right().output());
        boolean leftOk = b.left() != null && rightWm;
        boolean rightOk = b.right() != null && leftWm;
        boolean needLeft = t != JoinType.RIGHT_OUTER;
        boolean needRight = t == JoinType.RIGHT_OUTER || t == JoinType.FULL_OUTER;
        if (!watermarkInKeys && (needLeft && !leftOk || needRight && !rightOk)) {
          // Say exactly which bound is missing for each side whose state must be evicted.
          java.util.Set<String> missing = new java.util.LinkedHashSet<>();
          if (needLeft && !leftOk) {
            missing(missing, "left", "right", b.left() != null, rightWm);
          }
          if (needRight && !rightOk) {
            missing(missing, "right", "left", b.right() != null, leftWm);
          }
          throw unsupported("Stream-stream " + t.display() + " join between two streaming DataFrame/Datasets is not "
              + "supported without a watermark in the join keys, or a watermark on the nullable side and an "
              + "appropriate range condition; missing: " + String.join("; ", missing) + ";");
        }
      }
      if (t == JoinType.LEFT_ANTI || t == JoinType.CROSS && j.condition() == null) {
        throw unsupported("Stream-stream " + t.display() + " join is not supported;");
      }
      return;
    }
    if (ls) {
      if (t == JoinType.RIGHT_OUTER || t == JoinType.FULL_OUTER) {
        throw unsupported(t.display() + " join with a streaming DataFrame/Dataset on the left and a static "
            + "DataFrame/Dataset on the right is not supported; make the stream the preserved side;");
      }
    }
    if (rs) {
      if (t == JoinType.LEFT_OUTER || t == JoinType.FULL_OUTER || t == JoinType.LEFT_SEMI
          || t == JoinType.LEFT_ANTI) {
        throw unsupported(t.display() + " join with a streaming DataFrame/Dataset on the right and a static "
            + "DataFrame/Dataset on the left is not supported; make the stream the preserved side;");
      }
    }
  }

  /** What keeps the {@code kept} side's rows from being evicted: the other side's watermark, the range. */
  private static void missing(java.util.Set<String> out, String kept, String other, boolean hasRange,
      boolean otherWatermark) {
    if (!otherWatermark) {
      out.add("a watermark on the " + other + " input (withWatermark on its event-time column)");
    }
    if (!hasRange) {
      out.add("a join condition bounding the " + other + " input's event time by the " + kept + "'s, e.g. "
          + other + "Time <= " + kept + "Time + INTERVAL 1 MINUTE (or an equality of their windows in the join keys)");
    }
  }

  private static boolean hasWatermark(List<AttributeReference> out) {
    return out.stream().anyMatch(a -> a.watermarkDelayMicros() != null);
  }

  /** Whether an aggregation groups by a watermarked event-time column. */
  public static boolean hasEventTimeKey(Aggregate a) {
    for (Expression g : a.groupingExpressions()) {
      if (g instanceof AttributeReference ar && ar.watermarkDelayMicros() != null) {
        return true;
      }
    }
    return false;
  }

  private static AnalysisException unsupported(String message) {
    return new AnalysisException(ErrorClass.STREAMING_UNSUPPORTED_OPERATION, message);
  }
}
