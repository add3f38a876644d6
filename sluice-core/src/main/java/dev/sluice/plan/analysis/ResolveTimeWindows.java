package dev.sluice.plan.analysis;

import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.plan.expr.Alias;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.ExprId;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.Generator;
import dev.sluice.plan.expr.IsNull;
import dev.sluice.plan.expr.TimeWindow;
import dev.sluice.plan.expr.WindowBounds;
import dev.sluice.plan.expr.WindowExpression;
import dev.sluice.plan.expr.agg.AggregateExpression;
import dev.sluice.plan.logical.Expand;
import dev.sluice.plan.logical.Filter;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Project;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code window(time, duration[, slide[, start]])} in a SELECT list, as Spark's TimeWindowing: a
 * {@code window} column computed below the projection (one row per window for sliding windows),
 * carrying the time column's watermark, so that streams can be joined on window equality. The same
 * rewrite for {@code GROUP BY window(...)} is done by {@link ResolveAggregates} with
 * {@link #windowedChild}, because the select list there resolves against the windowed input.
 */
final class ResolveTimeWindows extends ResolutionRule {
  @Override
  protected LogicalPlan resolve(LogicalPlan node) {
    if (!(node instanceof Project p) || !ExpressionResolver.allSettled(p.projectList())
        || !ExpressionResolver.anyContains(p.projectList(), TimeWindow.class)
        || ExpressionResolver.anyContains(p.projectList(), AggregateExpression.class)
        || ExpressionResolver.anyContains(p.projectList(), Generator.class)
        || ExpressionResolver.anyContains(p.projectList(), WindowExpression.class)) {
      return null;
    }
    List<Expression> resolved = p.projectList();
    // window(...) in a select list, as Spark's TimeWindowing: a `window` column computed below (one
    // row per window for sliding windows), carrying the time column's watermark, so that streams can
    // be joined on window equality.
    List<TimeWindow> windows = new ArrayList<>();
    for (Expression e : resolved) {
      for (TimeWindow tw : e.collect(TimeWindow.class)) {
        if (!windows.contains(tw)) {
          windows.add(tw);
        }
      }
    }
    if (windows.size() > 1) {
      throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, "window",
          "more than one window(...) in a SELECT would produce a cartesian product of windows; use one window");
    }
    WindowedChild wc = windowedChild(p.child(), windows.get(0));
    List<Expression> replaced = new ArrayList<>();
    for (Expression e : resolved) {
      replaced.add(e.transformUp(x -> x instanceof TimeWindow ? wc.window() : null));
    }
    return new Project(replaced, wc.plan());
  }

  record WindowedChild(LogicalPlan plan, AttributeReference window) {}

  /**
   * The input of a windowed aggregation with a {@code window} column: one row per window each row
   * falls in (one for tumbling windows, up to ceil(window / slide) for sliding ones), rows with a
   * NULL time dropped. The column carries the time column's watermark, so the aggregation can emit
   * and evict windows by event time.
   */
  static WindowedChild windowedChild(LogicalPlan child, TimeWindow tw) {
    Expression time = tw.timeColumn();
    Long delay = Alias.eventTimeDelay(time);
    int k = tw.maxOverlapping();
    List<AttributeReference> in = child.output();
    if (k == 1) {
      Alias w = new Alias(new WindowBounds(time, tw.windowMicros(), tw.slideMicros(), tw.startMicros(), 0), "window");
      List<Expression> proj = new ArrayList<>(in);
      proj.add(w);
      AttributeReference wa = w.toAttribute();
      return new WindowedChild(new Filter(new dev.sluice.plan.expr.IsNull(wa, true), new Project(proj, child)), wa);
    }
    AttributeReference wa = new AttributeReference("window", TimeWindow.TYPE, true, ExprId.next(), List.of(), delay);
    List<List<Expression>> projections = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      List<Expression> p = new ArrayList<>(in);
      p.add(new WindowBounds(time, tw.windowMicros(), tw.slideMicros(), tw.startMicros(), i));
      projections.add(p);
    }
    List<AttributeReference> out = new ArrayList<>(in);
    out.add(wa);
    LogicalPlan expand = new dev.sluice.plan.logical.Expand(projections, out, child);
    return new WindowedChild(new Filter(new dev.sluice.plan.expr.IsNull(wa, true), expand), wa);
  }
}
