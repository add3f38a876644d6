package dev.sluice.plan.analysis;

import dev.sluice.conf.SluiceConf;
import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.plan.expr.Alias;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.ConstantEvaluation;
import dev.sluice.plan.expr.Cast;
import dev.sluice.plan.expr.Comparison;
import dev.sluice.plan.expr.EvalMode;
import dev.sluice.plan.expr.ExprId;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.Generator;
import dev.sluice.plan.expr.GetStructField;
import dev.sluice.plan.expr.Literal;
import dev.sluice.plan.expr.Logic;
import dev.sluice.plan.expr.NamedExpression;
import dev.sluice.plan.expr.SortOrder;
import dev.sluice.plan.expr.TimeWindow;
import dev.sluice.plan.expr.Unresolved;
import dev.sluice.plan.expr.UnresolvedWindowExpression;
import dev.sluice.plan.expr.WindowBounds;
import dev.sluice.plan.expr.WindowExpression;
import dev.sluice.plan.expr.agg.AggregateExpression;
import dev.sluice.plan.expr.agg.AggregateFunction;
import dev.sluice.plan.expr.agg.DistinctAggregate;
import dev.sluice.plan.logical.Aggregate;
import dev.sluice.plan.logical.DataSourceRelation;
import dev.sluice.plan.logical.Deduplicate;
import dev.sluice.plan.logical.Distinct;
import dev.sluice.plan.logical.EventTimeWatermark;
import dev.sluice.plan.logical.Filter;
import dev.sluice.plan.logical.Generate;
import dev.sluice.plan.logical.Join;
import dev.sluice.plan.logical.JoinType;
import dev.sluice.plan.logical.LateralView;
import dev.sluice.plan.logical.LocalRelation;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Project;
import dev.sluice.plan.logical.SetOperation;
import dev.sluice.plan.logical.Sort;
import dev.sluice.plan.logical.StreamingRelation;
import dev.sluice.plan.logical.SubqueryAlias;
import dev.sluice.plan.logical.Union;
import dev.sluice.plan.logical.UnresolvedRelation;
import dev.sluice.types.DataType;
import dev.sluice.types.StructType;
import dev.sluice.types.ValueOrdering;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns an unresolved plan into a resolved one: looks up relations, resolves column names against
 * the children's output (qualified names and struct fields included), resolves functions with their
 * implicit casts, names unnamed select items, and rewrites syntactic forms (DISTINCT, EXCEPT,
 * INTERSECT, JOIN USING, HAVING, ORDER BY on columns not selected) into core operators.
 *
 * <p>Resolution is one bottom-up pass: when a node is visited its children are resolved, so a name
 * that does not resolve is an error, reported with the columns that do exist.
 */
public final class Analyzer {
  private final Catalog catalog;
  private final FunctionRegistry functions;
  private final SluiceConf conf;
  private final DdlParser ddl;
  private final ConstantEvaluation constants;

  /**
   * {@code ddl} parses schema arguments ({@code from_json(s, 'a INT')}); {@code constants} evaluates
   * constant arguments. Both come from layers above this one.
   */
  public Analyzer(Catalog catalog, FunctionRegistry functions, SluiceConf conf, DdlParser ddl,
      ConstantEvaluation constants) {
    this.catalog = catalog;
    this.functions = functions;
    this.conf = conf;
    this.ddl = ddl;
    this.constants = constants;
  }

  public LogicalPlan analyze(LogicalPlan plan) {
    LogicalPlan out = resolve(plan);
    CheckAnalysis.check(out);
    return out;
  }

  private boolean ansi() {
    return conf.ansi();
  }

  // ------------------------------------------------------------------ plans

  private LogicalPlan resolve(LogicalPlan plan) {
    if (plan.resolved()) {
      return plan;
    }
    List<LogicalPlan> children = new ArrayList<>();
    for (LogicalPlan c : plan.children()) {
      children.add(resolve(c));
    }
    LogicalPlan p = plan.children().isEmpty() ? plan : plan.withNewChildren(children);
    if (p instanceof UnresolvedRelation r) {
      return resolveRelation(r);
    }
    if (p instanceof Project pr) {
      return resolveProject(pr);
    }
    if (p instanceof LateralView lv) {
      return resolveLateralView(lv);
    }
    if (p instanceof Aggregate a) {
      return resolveAggregate(a);
    }
    if (p instanceof Filter f) {
      return resolveFilter(f);
    }
    if (p instanceof Sort s) {
      return resolveSort(s);
    }
    if (p instanceof Join j) {
      return resolveJoin(j);
    }
    if (p instanceof Union u) {
      return resolveUnion(u);
    }
    if (p instanceof Distinct d) {
      List<AttributeReference> out = d.child().output();
      return new Aggregate(out, out, d.child());
    }
    if (p instanceof SetOperation s) {
      return resolveSetOperation(s);
    }
    if (p instanceof EventTimeWatermark w) {
      Expression et = resolveExpression(w.eventTime(), w.child().output(), w, false);
      if (!(et instanceof AttributeReference a) || a.dataType() != dev.sluice.types.DataTypes.TimestampType) {
        throw new AnalysisException(ErrorClass.DATATYPE_MISMATCH, "withWatermark(" + w.eventTime().sql() + ")",
            "the event-time column must be a TIMESTAMP column, but " + et.sql() + " is "
                + (et.resolved() ? et.dataType().sql() : "unresolved") + "; cast it, e.g. timestamp_seconds(col)");
      }
      return new EventTimeWatermark(et, w.delayMicros(), w.child());
    }
    if (p instanceof Deduplicate d) {
      List<Expression> keys = new ArrayList<>();
      for (Expression k : d.keys()) {
        keys.add(resolveExpression(k, d.child().output(), d, false));
      }
      return new Deduplicate(keys, d.withinWatermark(), d.child());
    }
    // Other nodes (Limit, SubqueryAlias, ...): resolve their expressions against the children.
    LogicalPlan q = p;
    List<AttributeReference> input = p.childOutput();
    return q.mapExpressions(e -> resolveExpression(e, input, q, false));
  }

  private LogicalPlan resolveRelation(UnresolvedRelation r) {
    LogicalPlan found = catalog.lookupRelation(r.nameParts(), r.stream());
    if (found == null) {
      throw new AnalysisException(ErrorClass.TABLE_OR_VIEW_NOT_FOUND, "`" + r.name() + "`",
          String.join(", ", catalog.relationNames()));
    }
    String alias = r.nameParts().get(r.nameParts().size() - 1);
    return new SubqueryAlias(alias, found);
  }

  private LogicalPlan resolveProject(Project p) {
    List<AttributeReference> input = p.child().output();
    List<Expression> items = expandStars(p.projectList(), input, p);
    List<Expression> resolved = new ArrayList<>();
    boolean hasAggregate = false;
    for (Expression e : items) {
      Expression r = named(resolveExpression(e, input, p, true));
      hasAggregate |= containsAggregate(r);
      resolved.add(r);
    }
    if (resolved.stream().anyMatch(x -> x.exists(y -> y instanceof Generator))) {
      if (hasAggregate || resolved.stream().anyMatch(x -> x.exists(y -> y instanceof WindowExpression))) {
        throw new AnalysisException(ErrorClass.UNSUPPORTED_GENERATOR, "a generator cannot be used in the same "
            + "SELECT as aggregate or window functions; aggregate in a subquery and apply the generator to its "
            + "result, or the other way round");
      }
      return extractGenerator(resolved, p.child());
    }
    if (resolved.stream().anyMatch(x -> x.exists(y -> y instanceof WindowExpression))) {
      return extractWindows(resolved, p.child());
    }
    if (hasAggregate) {
      // SELECT count(*) FROM t: a global aggregate.
      Aggregate agg = new Aggregate(List.of(), resolved, p.child());
      CheckAnalysis.checkAggregate(agg);
      return agg;
    }
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
    if (!windows.isEmpty()) {
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
    return new Project(resolved, p.child());
  }

  private LogicalPlan resolveAggregate(Aggregate a) {
    LogicalPlan child = a.child();
    List<AttributeReference> input = child.output();
    // Grouping expressions that resolve against the input now; aliases and ordinals wait for the select list.
    List<Expression> groups = new ArrayList<>();
    for (Expression g : a.groupingExpressions()) {
      groups.add(g instanceof Unresolved.Ordinal ? null : tryResolve(g, input, a, false));
    }
    // A time window in GROUP BY becomes a `window` column computed below the aggregation.
    Expression window = null;
    AttributeReference windowAttr = null;
    int sessionKey = -1;
    for (int i = 0; i < groups.size(); i++) {
      if (groups.get(i) instanceof dev.sluice.plan.expr.SessionWindow sw) {
        if (window != null) {
          throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, "GROUP BY",
              "more than one window(...)/session_window(...) would group by a cartesian product of windows");
        }
        window = sw;
        Alias bounds = new Alias(new dev.sluice.plan.expr.SessionBounds(sw.timeColumn(), sw.gap()), "session_window");
        List<Expression> proj = new ArrayList<>(child.output());
        proj.add(bounds);
        windowAttr = bounds.toAttribute();
        child = new Filter(new dev.sluice.plan.expr.IsNull(windowAttr, true), new Project(proj, child));
        groups.set(i, windowAttr);
        sessionKey = i;
        continue;
      }
      if (groups.get(i) instanceof TimeWindow tw) {
        if (window != null) {
          throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, "GROUP BY",
              "more than one window(...) would group by a cartesian product of windows; use one window");
        }
        window = tw;
        WindowedChild wc = windowedChild(child, tw);
        child = wc.plan();
        windowAttr = wc.window();
        groups.set(i, windowAttr);
      }
    }
    input = child.output();
    List<Expression> aggItems = expandStars(a.aggregateExpressions(), input, a);
    List<Expression> aggs = new ArrayList<>();
    for (Expression e : aggItems) {
      Expression r = resolveExpression(e, input, a, true);
      if (window != null) {
        Expression tw = window;
        AttributeReference wa = windowAttr;
        r = r.transformDown(x -> x.equals(tw) ? wa : null);
      }
      aggs.add(named(r));
    }
    for (int i = 0; i < groups.size(); i++) {
      if (groups.get(i) == null) {
        groups.set(i, resolveGrouping(a.groupingExpressions().get(i), input, aggs, a));
      }
    }
    for (Expression g : groups) {
      if (containsAggregate(g)) {
        throw new AnalysisException(ErrorClass.DATATYPE_MISMATCH, g.sql(),
            "aggregate functions are not allowed in GROUP BY");
      }
      if (g instanceof TimeWindow || g instanceof dev.sluice.plan.expr.SessionWindow) {
        throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, "GROUP BY", "window(...) must be a grouping item itself");
      }
    }
    Aggregate out = new Aggregate(groups, aggs, child, sessionKey);
    CheckAnalysis.checkAggregate(out);
    return out;
  }

  private record WindowedChild(LogicalPlan plan, AttributeReference window) {}

  private static final Set<String> RANKING = Set.of("row_number", "rank", "dense_rank", "percent_rank", "cume_dist");

  /** Resolves {@code fn(...) OVER (...)}: a ranking, offset or aggregate function over a window. */
  private Expression resolveWindow(UnresolvedWindowExpression w, List<AttributeReference> input, LogicalPlan node) {
    List<Expression> partition = new ArrayList<>();
    for (Expression e : w.partitionBy()) {
      partition.add(resolveExpression(e, input, node, false));
    }
    List<SortOrder> order = new ArrayList<>();
    for (SortOrder o : w.orderBy()) {
      order.add(new SortOrder(resolveExpression(o.child(), input, node, false), o.ascending(), o.nullsFirst()));
    }
    if (!(w.function() instanceof Unresolved.Function f)) {
      throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, "OVER", "expected a function call before OVER, got "
          + w.function().sql());
    }
    String name = f.name().toLowerCase(Locale.ROOT);
    List<Expression> args = new ArrayList<>();
    for (Expression a : f.arguments()) {
      args.add(resolveExpression(a, input, node, false));
    }
    String display = w.sql();
    if (RANKING.contains(name)) {
      if (!args.isEmpty()) {
        throw new AnalysisException(ErrorClass.WRONG_NUM_ARGS, "`" + name + "`", "0", args.size());
      }
      if (order.isEmpty()) {
        throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, name,
            "the window function needs an ORDER BY in its OVER clause");
      }
      return new WindowExpression(WindowExpression.Kind.valueOf(name.toUpperCase(Locale.ROOT)), List.of(), partition,
          order, display);
    }
    if (name.equals("ntile")) {
      if (args.size() != 1 || !args.get(0).foldable() || !(constants.value(args.get(0)) instanceof Integer n) || n <= 0) {
        throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, "ntile", "the argument must be a positive INT constant");
      }
      return new WindowExpression(WindowExpression.Kind.NTILE, args, partition, order, display);
    }
    if (name.equals("lag") || name.equals("lead")) {
      if (args.isEmpty() || args.size() > 3) {
        throw new AnalysisException(ErrorClass.WRONG_NUM_ARGS, "`" + name + "`", "1 to 3", args.size());
      }
      Expression input0 = args.get(0);
      Expression offset = args.size() > 1 ? args.get(1) : Literal.of(1);
      if (!offset.foldable() || !(constants.value(offset) instanceof Integer)) {
        throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, name, "the offset must be an INT constant, got "
            + offset.sql());
      }
      Expression dflt = args.size() > 2 ? TypeCoercion.castIfNeeded(args.get(2), input0.dataType(), ansi())
          : new Literal(null, input0.dataType());
      return new WindowExpression(name.equals("lag") ? WindowExpression.Kind.LAG : WindowExpression.Kind.LEAD,
          List.of(input0, offset, dflt), partition, order, display);
    }
    FunctionRegistry.Entry entry = functions.lookup(name);
    if (entry == null || !entry.aggregate()) {
      throw new AnalysisException(ErrorClass.UNRESOLVED_ROUTINE, "`" + f.name() + "`",
          "It cannot be used with OVER: use a ranking function (row_number, rank, dense_rank, percent_rank, "
              + "cume_dist, ntile), lag/lead, or an aggregate function.");
    }
    Expression agg = resolveFunction(new Unresolved.Function(f.name(), args, f.isDistinct(), f.filter(), f.isStar()));
    if (!(agg instanceof AggregateExpression ae) || ae.isDistinct() || ae.filter() != null) {
      throw new AnalysisException(ErrorClass.UNSUPPORTED_FEATURE, "DISTINCT or FILTER in a window aggregate (" + display
          + ")");
    }
    return new WindowExpression(WindowExpression.Kind.AGGREGATE, List.of(ae.function()), partition, order, display);
  }

  /**
   * {@code SELECT a, explode(b) AS x FROM t}: a {@link Generate} below the projection, which then
   * selects the generated columns in the generator's place. One generator per SELECT, at the top of
   * its select item (optionally aliased), as in Spark.
   */
  private LogicalPlan extractGenerator(List<Expression> items, LogicalPlan child) {
    List<Expression> generatorItems = new ArrayList<>();
    for (Expression item : items) {
      Expression top = item instanceof Alias a ? a.child()
          : item instanceof Unresolved.MultiAlias m ? m.child() : item;
      if (top instanceof Generator) {
        generatorItems.add(item);
      } else if (top.exists(x -> x instanceof Generator)) {
        throw nestedGenerator(item);
      }
    }
    if (generatorItems.size() > 1) {
      throw new AnalysisException(ErrorClass.UNSUPPORTED_GENERATOR, "only one generator is allowed per SELECT "
          + "clause, but found " + generatorItems.size() + ": " + generatorItems.stream().map(Expression::sql)
          .collect(Collectors.joining(", ")) + "; apply the others in an outer query or with LATERAL VIEW");
    }
    Expression item = generatorItems.get(0);
    Generator g;
    List<String> names;
    if (item instanceof Alias a) {
      g = (Generator) a.child();
      names = List.of(a.name());
    } else if (item instanceof Unresolved.MultiAlias m) {
      g = (Generator) m.child();
      names = m.names();
    } else {
      g = (Generator) item;
      names = null;
    }
    List<AttributeReference> generated = generatorOutput(g, names, List.of());
    List<Expression> proj = new ArrayList<>();
    for (Expression e : items) {
      if (e == item) {
        proj.addAll(generated);
      } else {
        proj.add(e);
      }
    }
    return new Project(proj, new Generate(g, child.output(), generated, child));
  }

  /** The attributes a generator produces, with the given names (or its default names). */
  private static List<AttributeReference> generatorOutput(Generator g, List<String> names, List<String> qualifier) {
    List<dev.sluice.types.StructField> schema = g.elementSchema();
    if (names != null && names.size() != schema.size()) {
      throw new AnalysisException(ErrorClass.UDTF_ALIAS_NUMBER_MISMATCH, g.functionName(),
          Integer.toString(schema.size()), names.isEmpty() ? "none" : String.join(", ", names)
              + (schema.size() > 1 && names.size() == 1 ? " (name several columns with AS (a, b))" : ""));
    }
    List<AttributeReference> out = new ArrayList<>();
    for (int i = 0; i < schema.size(); i++) {
      dev.sluice.types.StructField f = schema.get(i);
      out.add(new AttributeReference(names == null ? f.name() : names.get(i), f.dataType(), f.nullable(),
          ExprId.next(), qualifier));
    }
    return out;
  }

  private static AnalysisException nestedGenerator(Expression e) {
    return new AnalysisException(ErrorClass.UNSUPPORTED_GENERATOR, "a generator cannot be nested in an "
        + "expression, as in " + e.sql() + "; select the generator alone (explode(...) AS x) and use x in an "
        + "outer query");
  }

  /** {@code FROM t LATERAL VIEW [OUTER] gen(args) name [AS c1, ...]}: a Generate over the relation. */
  private LogicalPlan resolveLateralView(LateralView lv) {
    List<AttributeReference> input = lv.child().output();
    Expression fn = resolveExpression(lv.function(), input, lv, false);
    if (!(fn instanceof Generator g)) {
      throw new AnalysisException(ErrorClass.UNSUPPORTED_GENERATOR, "LATERAL VIEW needs a generator function "
          + "(explode, posexplode, inline and their _outer forms), but " + fn.sql() + " is not one");
    }
    if (lv.outer() && !g.outer()) {
      g = new Generator(g.kind(), true, g.child());
    }
    List<AttributeReference> generated = generatorOutput(g, lv.columnNames().isEmpty() ? null : lv.columnNames(),
        List.of(lv.tableName()));
    return new Generate(g, input, generated, lv.child());
  }

  /** {@code SELECT ..., f() OVER (...)}: Window operators below a projection, one per window specification. */
  private LogicalPlan extractWindows(List<Expression> items, LogicalPlan child) {
    Map<WindowExpression, Alias> aliases = new LinkedHashMap<>();
    List<Expression> proj = new ArrayList<>();
    for (Expression item : items) {
      Expression outer = item;
      if (item instanceof Alias al && al.child() instanceof WindowExpression we) {
        Alias a = aliases.computeIfAbsent(we, k -> new Alias(we, al.name(), al.exprId()));
        proj.add(a.toAttribute().withName(al.name()));
        continue;
      }
      outer = item.transformDown(x -> {
        if (x instanceof WindowExpression we) {
          return aliases.computeIfAbsent(we, k -> new Alias(we, "_we" + aliases.size())).toAttribute();
        }
        return null;
      });
      proj.add(outer);
    }
    LogicalPlan plan = child;
    List<Alias> pending = new ArrayList<>(aliases.values());
    while (!pending.isEmpty()) {
      WindowExpression spec = (WindowExpression) pending.get(0).child();
      List<Alias> same = pending.stream().filter(a -> ((WindowExpression) a.child()).sameSpec(spec)).toList();
      plan = new dev.sluice.plan.logical.Window(same, spec.partitionBy(), spec.orderBy(), plan);
      pending.removeAll(same);
    }
    return new Project(proj, plan);
  }

  /**
   * The input of a windowed aggregation with a {@code window} column: one row per window each row
   * falls in (one for tumbling windows, up to ceil(window / slide) for sliding ones), rows with a
   * NULL time dropped. The column carries the time column's watermark, so the aggregation can emit
   * and evict windows by event time.
   */
  private WindowedChild windowedChild(LogicalPlan child, TimeWindow tw) {
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

  /** GROUP BY items may be columns, expressions, select-list aliases or 1-based ordinals. */
  private Expression resolveGrouping(Expression g, List<AttributeReference> input, List<Expression> aggs, LogicalPlan node) {
    if (g instanceof Unresolved.Ordinal o) {
      int i = o.position();
      if (i < 1 || i > aggs.size()) {
        throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, "GROUP BY position " + i,
            "it is not in the select list (valid range is [1, " + aggs.size() + "])");
      }
      Expression target = stripAlias(aggs.get(i - 1));
      if (containsAggregate(target)) {
        throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, "GROUP BY position " + i,
            "it refers to an aggregate expression " + target.sql());
      }
      return target;
    }
    Expression r = tryResolve(g, input, node, false);
    if (r != null) {
      return r;
    }
    if (g instanceof Unresolved.Attribute ua && ua.nameParts().size() == 1) {
      for (Expression e : aggs) {
        if (e instanceof Alias al && nameEquals(al.name(), ua.nameParts().get(0)) && !containsAggregate(al.child())) {
          return al.child();
        }
      }
    }
    return resolveExpression(g, input, node, false);
  }

  private LogicalPlan resolveFilter(Filter f) {
    List<AttributeReference> input = f.child().output();
    Expression cond = tryResolve(f.condition(), input, f, false);
    if (cond != null && !containsAggregate(cond)) {
      return new Filter(bool(cond, "WHERE"), f.child());
    }
    LogicalPlan child = stripAliasNodes(f.child());
    if (child instanceof Aggregate agg) {
      // HAVING: resolve against the aggregate's input, then route aggregates through the Aggregate.
      Expression c = resolveHavingOrOrder(f.condition(), agg, f);
      Rewritten rw = pushIntoAggregate(List.of(c), agg);
      Filter filtered = new Filter(bool(rw.exprs().get(0), "HAVING"), rw.aggregate());
      return rw.added() ? new Project(agg.output(), filtered) : filtered;
    }
    if (cond != null) {
      throw new AnalysisException(ErrorClass.AGGREGATE_IN_WHERE, cond.sql());
    }
    return new Filter(bool(resolveExpression(f.condition(), input, f, false), "WHERE"), f.child());
  }

  private Expression bool(Expression e, String clause) {
    if (e.dataType() == dev.sluice.types.DataTypes.BooleanType) {
      return e;
    }
    if (e.dataType() == dev.sluice.types.DataTypes.NullType) {
      return new Literal(null, dev.sluice.types.DataTypes.BooleanType);
    }
    throw new AnalysisException(ErrorClass.DATATYPE_MISMATCH, e.sql(),
        "the " + clause + " condition must be a BOOLEAN, but it is " + e.dataType().sql());
  }

  private LogicalPlan resolveSort(Sort s) {
    List<AttributeReference> input = s.child().output();
    if (s.order().stream().anyMatch(o -> o.child() instanceof Unresolved.Ordinal)) {
      List<SortOrder> orders = new ArrayList<>();
      for (SortOrder o : s.order()) {
        if (o.child() instanceof Unresolved.Ordinal ord) {
          int i = ord.position();
          if (i < 1 || i > input.size()) {
            throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, "ORDER BY position " + i,
                "it is not in the select list (valid range is [1, " + input.size() + "])");
          }
          orders.add(new SortOrder(input.get(i - 1), o.ascending(), o.nullsFirst()));
        } else {
          orders.add(o);
        }
      }
      s = new Sort(orders, s.child());
    }
    List<SortOrder> orders = new ArrayList<>();
    boolean allResolved = true;
    for (SortOrder o : s.order()) {
      Expression r = tryResolve(o.child(), input, s, false);
      if (r == null || containsAggregate(r)) {
        allResolved = false;
        break;
      }
      orders.add(new SortOrder(r, o.ascending(), o.nullsFirst()));
    }
    if (allResolved) {
      for (SortOrder o : orders) {
        if (!ValueOrdering.isOrderable(o.dataType())) {
          throw new AnalysisException(ErrorClass.DATATYPE_MISMATCH, o.child().sql(),
              o.dataType().sql() + " values cannot be sorted");
        }
      }
      return new Sort(orders, s.child());
    }
    LogicalPlan child = stripAliasNodes(s.child());
    if (child instanceof Aggregate agg) {
      List<Expression> exprs = new ArrayList<>();
      for (SortOrder o : s.order()) {
        Expression r = tryResolve(o.child(), input, s, false);
        exprs.add(r != null && !containsAggregate(r) ? r : resolveHavingOrOrder(o.child(), agg, s));
      }
      Rewritten rw = pushIntoAggregate(exprs, agg);
      List<SortOrder> out = new ArrayList<>();
      for (int i = 0; i < exprs.size(); i++) {
        SortOrder o = s.order().get(i);
        out.add(new SortOrder(rw.exprs().get(i), o.ascending(), o.nullsFirst()));
      }
      Sort sorted = new Sort(out, rw.aggregate());
      return rw.added() ? new Project(agg.output(), sorted) : sorted;
    }
    if (child instanceof Project proj) {
      // ORDER BY a column the SELECT list dropped: add it below, sort, and project it away.
      List<AttributeReference> inner = proj.child().output();
      List<Expression> extra = new ArrayList<>(proj.projectList());
      List<SortOrder> out = new ArrayList<>();
      for (SortOrder o : s.order()) {
        Expression r = tryResolve(o.child(), input, s, false);
        if (r == null) {
          r = resolveExpression(o.child(), inner, s, false);
          for (AttributeReference ref : r.references()) {
            if (!extra.contains(ref)) {
              extra.add(ref);
            }
          }
        }
        out.add(new SortOrder(r, o.ascending(), o.nullsFirst()));
      }
      return new Project(proj.output(), new Sort(out, new Project(extra, proj.child())));
    }
    List<SortOrder> out = new ArrayList<>();
    for (SortOrder o : s.order()) {
      out.add(new SortOrder(resolveExpression(o.child(), input, s, false), o.ascending(), o.nullsFirst()));
    }
    return new Sort(out, s.child());
  }

  private static LogicalPlan stripAliasNodes(LogicalPlan p) {
    return p;
  }

  /** Resolves a HAVING / ORDER BY expression over an aggregate: against its output first, else its input. */
  private Expression resolveHavingOrOrder(Expression e, Aggregate agg, LogicalPlan node) {
    List<AttributeReference> out = agg.output();
    List<AttributeReference> in = agg.child().output();
    // Output aliases win for plain names (ORDER BY cnt), input columns otherwise.
    return e.transformUp(x -> {
      if (x instanceof Unresolved.Attribute ua) {
        Expression r = resolveName(ua.nameParts(), out);
        if (r == null) {
          r = resolveName(ua.nameParts(), in);
        }
        if (r == null) {
          throw unresolved(ua, concat(out, in));
        }
        return r;
      }
      return resolveOne(x, node);
    });
  }

  private record Rewritten(List<Expression> exprs, Aggregate aggregate, boolean added) {}

  /**
   * Rewrites expressions that sit above an Aggregate so they only reference its output: aggregate
   * calls and grouping expressions are matched to existing select items or added as hidden items.
   */
  private Rewritten pushIntoAggregate(List<Expression> exprs, Aggregate agg) {
    List<Expression> aggList = new ArrayList<>(agg.aggregateExpressions());
    Set<AttributeReference> outputSet = new HashSet<>(agg.output());
    boolean[] added = {false};
    List<Expression> out = new ArrayList<>();
    for (Expression e : exprs) {
      out.add(e.transformDown(x -> {
        if (x instanceof AttributeReference a && outputSet.contains(a)) {
          return a;
        }
        if (x instanceof AggregateExpression || agg.groupingExpressions().contains(x)
            || (x instanceof AttributeReference a && !outputSet.contains(a))) {
          for (Expression item : aggList) {
            if (item instanceof Alias al && al.child().equals(x)) {
              return al.toAttribute();
            }
            if (item instanceof AttributeReference ar && ar.equals(x)) {
              return ar;
            }
          }
          Alias hidden = new Alias(x, x instanceof AttributeReference a ? a.name() : x.sql());
          aggList.add(hidden);
          added[0] = true;
          return hidden.toAttribute();
        }
        return null;
      }));
    }
    Aggregate newAgg = new Aggregate(agg.groupingExpressions(), aggList, agg.child(), agg.sessionKey());
    if (added[0]) {
      CheckAnalysis.checkAggregate(newAgg);
    }
    return new Rewritten(out, newAgg, added[0]);
  }

  private LogicalPlan resolveJoin(Join j) {
    LogicalPlan left = j.left();
    LogicalPlan right = dedupRight(left, j.right());
    if (!j.usingColumns().isEmpty()) {
      return resolveUsingJoin(left, right, j.joinType(), j.usingColumns());
    }
    Expression cond = null;
    if (j.condition() != null) {
      List<AttributeReference> input = concat(left.output(), right.output());
      cond = bool(resolveExpression(j.condition(), input, j, false), "join");
    }
    return new Join(left, right, j.joinType(), cond);
  }

  private LogicalPlan resolveUsingJoin(LogicalPlan left, LogicalPlan right, JoinType type, List<String> using) {
    List<Expression> conds = new ArrayList<>();
    List<AttributeReference> leftKeys = new ArrayList<>();
    List<AttributeReference> rightKeys = new ArrayList<>();
    for (String name : using) {
      AttributeReference l = (AttributeReference) resolveName(List.of(name), left.output());
      AttributeReference r = (AttributeReference) resolveName(List.of(name), right.output());
      if (l == null || r == null) {
        List<AttributeReference> side = l == null ? left.output() : right.output();
        throw new AnalysisException(ErrorClass.UNRESOLVED_COLUMN, "`" + name + "` (USING column on the "
            + (l == null ? "left" : "right") + " side)", candidates(side));
      }
      leftKeys.add(l);
      rightKeys.add(r);
      conds.add(OperatorFunctions.comparison(Comparison.Op.EQ, l, r, ansi()));
    }
    Expression cond = conds.stream().reduce(Logic::and).orElse(null);
    Join join = new Join(left, right, type, cond);
    List<Expression> proj = new ArrayList<>();
    for (int i = 0; i < using.size(); i++) {
      AttributeReference l = leftKeys.get(i);
      AttributeReference r = rightKeys.get(i);
      switch (type) {
        case RIGHT_OUTER -> proj.add(r);
        case FULL_OUTER -> proj.add(new Alias(new dev.sluice.plan.expr.Coalesce(
            TypeCoercion.coerceAll("USING", List.of(l, r), ansi(), false)), l.name()));
        default -> proj.add(l);
      }
    }
    for (AttributeReference a : join.output()) {
      if (!leftKeys.contains(a) && !rightKeys.contains(a)) {
        proj.add(a);
      }
    }
    if (type.leftOnly()) {
      return join;
    }
    return new Project(proj, join);
  }

  /** Gives the right side of a self-join new attribute ids so both sides can be told apart. */
  private LogicalPlan dedupRight(LogicalPlan left, LogicalPlan right) {
    Set<ExprId> leftIds = new HashSet<>();
    left.foreach(p -> p.output().forEach(a -> leftIds.add(a.exprId())));
    Set<ExprId> conflicting = new HashSet<>();
    right.foreach(p -> p.output().forEach(a -> {
      if (leftIds.contains(a.exprId())) {
        conflicting.add(a.exprId());
      }
    }));
    if (conflicting.isEmpty()) {
      return right;
    }
    Map<ExprId, ExprId> mapping = new HashMap<>();
    for (ExprId id : conflicting) {
      mapping.put(id, ExprId.next());
    }
    return right.transformUp(p -> {
      LogicalPlan q = p;
      if (q instanceof LocalRelation lr) {
        q = lr.withOutput(remapAll(lr.output(), mapping));
      } else if (q instanceof StreamingRelation sr) {
        q = sr.withOutput(remapAll(sr.output(), mapping));
      } else if (q instanceof DataSourceRelation dr) {
        q = dr.withOutput(remapAll(dr.output(), mapping));
      }
      return q.mapExpressions(e -> e.transformUp(x -> {
        if (x instanceof AttributeReference a && mapping.containsKey(a.exprId())) {
          return a.withExprId(mapping.get(a.exprId()));
        }
        if (x instanceof Alias al && mapping.containsKey(al.exprId())) {
          return new Alias(al.child(), al.name(), mapping.get(al.exprId()));
        }
        return null;
      }));
    });
  }

  private static List<AttributeReference> remapAll(List<AttributeReference> attrs, Map<ExprId, ExprId> mapping) {
    return attrs.stream().map(a -> mapping.containsKey(a.exprId()) ? a.withExprId(mapping.get(a.exprId())) : a).toList();
  }

  private LogicalPlan resolveUnion(Union u) {
    List<LogicalPlan> children = new ArrayList<>(u.children());
    if (u.byName()) {
      children = alignByName(children, u.allowMissingColumns());
    }
    int n = children.get(0).output().size();
    for (int i = 1; i < children.size(); i++) {
      int m = children.get(i).output().size();
      if (m != n) {
        throw new AnalysisException(ErrorClass.UNION_COLUMN_MISMATCH, "UNION", n, i + 1, m);
      }
    }
    List<DataType> types = new ArrayList<>();
    for (int c = 0; c < n; c++) {
      DataType t = children.get(0).output().get(c).dataType();
      for (LogicalPlan child : children) {
        DataType w = TypeCoercion.widerType(t, child.output().get(c).dataType());
        if (w == null) {
          throw new AnalysisException(ErrorClass.DATATYPE_MISMATCH, "UNION column " + (c + 1) + " ("
              + children.get(0).output().get(c).name() + ")", "the inputs have incompatible types " + t.sql()
              + " and " + child.output().get(c).dataType().sql());
        }
        t = w;
      }
      types.add(t);
    }
    List<LogicalPlan> cast = new ArrayList<>();
    for (LogicalPlan child : children) {
      List<AttributeReference> out = child.output();
      boolean needs = false;
      List<Expression> proj = new ArrayList<>();
      for (int c = 0; c < n; c++) {
        AttributeReference a = out.get(c);
        if (a.dataType().equals(types.get(c))) {
          proj.add(a);
        } else {
          needs = true;
          proj.add(new Alias(TypeCoercion.castIfNeeded(a, types.get(c), ansi()), a.name()));
        }
      }
      cast.add(needs ? new Project(proj, child) : child);
    }
    return new Union(cast, false, false);
  }

  private List<LogicalPlan> alignByName(List<LogicalPlan> children, boolean allowMissing) {
    List<AttributeReference> first = children.get(0).output();
    List<String> names = new ArrayList<>(first.stream().map(AttributeReference::name).toList());
    if (allowMissing) {
      for (LogicalPlan c : children) {
        for (AttributeReference a : c.output()) {
          if (names.stream().noneMatch(n -> nameEquals(n, a.name()))) {
            names.add(a.name());
          }
        }
      }
    }
    List<LogicalPlan> out = new ArrayList<>();
    for (LogicalPlan c : children) {
      List<Expression> proj = new ArrayList<>();
      for (String name : names) {
        Expression found = resolveName(List.of(name), c.output());
        if (found == null) {
          if (!allowMissing) {
            throw new AnalysisException(ErrorClass.UNRESOLVED_COLUMN, "`" + name + "` (unionByName)",
                candidates(c.output()));
          }
          DataType t = typeOfName(name, children);
          proj.add(new Alias(new Literal(null, t), name));
        } else {
          proj.add(found);
        }
      }
      if (!allowMissing && c.output().size() != names.size()) {
        throw new AnalysisException(ErrorClass.UNION_COLUMN_MISMATCH, "unionByName", names.size(), out.size() + 1,
            c.output().size());
      }
      out.add(new Project(proj, c));
    }
    return out;
  }

  private DataType typeOfName(String name, List<LogicalPlan> children) {
    for (LogicalPlan c : children) {
      for (AttributeReference a : c.output()) {
        if (nameEquals(a.name(), name)) {
          return a.dataType();
        }
      }
    }
    return dev.sluice.types.DataTypes.NullType;
  }

  private LogicalPlan resolveSetOperation(SetOperation s) {
    LogicalPlan left = s.left();
    LogicalPlan right = dedupRight(left, s.right());
    Union aligned = (Union) resolveUnion(new Union(List.of(left, right)));
    left = aligned.children().get(0);
    right = aligned.children().get(1);
    if (s.all()) {
      throw new AnalysisException(ErrorClass.UNSUPPORTED_FEATURE, s.kind() + " ALL; use " + s.kind()
          + " (DISTINCT) or express it with a join");
    }
    List<Expression> conds = new ArrayList<>();
    for (int i = 0; i < left.output().size(); i++) {
      conds.add(new Comparison(Comparison.Op.NULL_SAFE_EQ, left.output().get(i), right.output().get(i)));
    }
    Expression cond = conds.stream().reduce(Logic::and).orElse(Literal.TRUE);
    JoinType type = s.kind() == SetOperation.Kind.EXCEPT ? JoinType.LEFT_ANTI : JoinType.LEFT_SEMI;
    Join join = new Join(left, right, type, cond);
    List<AttributeReference> out = join.output();
    return new Aggregate(out, out, join);
  }

  // ------------------------------------------------------------------ expressions

  private List<Expression> expandStars(List<Expression> items, List<AttributeReference> input, LogicalPlan node) {
    List<Expression> out = new ArrayList<>();
    for (Expression e : items) {
      Expression inner = e instanceof Unresolved.AutoAlias aa ? aa.child() : e;
      if (inner instanceof Unresolved.Star star) {
        if (star.qualifier().isEmpty()) {
          out.addAll(input);
        } else {
          List<AttributeReference> matched = new ArrayList<>();
          for (AttributeReference a : input) {
            if (qualifierMatches(a.qualifier(), star.qualifier())) {
              matched.add(a);
            }
          }
          if (matched.isEmpty()) {
            // t.* where t is a struct column
            Expression struct = resolveName(star.qualifier(), input);
            if (struct != null && struct.dataType() instanceof StructType st) {
              for (int i = 0; i < st.size(); i++) {
                out.add(new Alias(new GetStructField(struct, i, st.field(i).name()), st.field(i).name()));
              }
              continue;
            }
            throw new AnalysisException(ErrorClass.UNRESOLVED_COLUMN, "`" + star.sql() + "`", candidates(input));
          }
          out.addAll(matched);
        }
      } else {
        out.add(e);
      }
    }
    return out;
  }

  /** Gives a select item a name: attributes keep theirs; other expressions get Spark's auto name. */
  private static Expression named(Expression e) {
    if (e instanceof NamedExpression || e instanceof Generator || e instanceof Unresolved.MultiAlias) {
      return e;
    }
    if (e instanceof GetStructField g) {
      return new Alias(e, g.name());
    }
    if (e instanceof Cast c && c.child() instanceof AttributeReference a) {
      return new Alias(e, a.name()); // as Spark: a cast column keeps its name, col("v").cast("int") is "v"
    }
    if (e instanceof TimeWindow) {
      return new Alias(e, "window");
    }
    if (e instanceof dev.sluice.plan.expr.SessionWindow) {
      return new Alias(e, "session_window");
    }
    return new Alias(e, e.sql());
  }

  private static Expression stripAlias(Expression e) {
    return e instanceof Alias a ? a.child() : e;
  }

  static boolean containsAggregate(Expression e) {
    return e.exists(x -> x instanceof AggregateExpression);
  }

  /** Resolves, or returns null when some name does not resolve against {@code input}. */
  private Expression tryResolve(Expression e, List<AttributeReference> input, LogicalPlan node, boolean allowAgg) {
    try {
      return resolveExpression(e, input, node, allowAgg);
    } catch (UnresolvedNameException ex) {
      return null;
    }
  }

  /** Thrown when a column name does not resolve; carries the public error. */
  static final class UnresolvedNameException extends AnalysisException {
    UnresolvedNameException(String name, String candidates) {
      super(ErrorClass.UNRESOLVED_COLUMN, name, candidates);
    }
  }

  private AnalysisException unresolved(Unresolved.Attribute ua, List<AttributeReference> input) {
    return new UnresolvedNameException("`" + ua.name() + "`", candidates(input));
  }

  private static String candidates(List<AttributeReference> input) {
    return input.stream().map(a -> "`" + (a.qualifier().isEmpty() ? "" : String.join(".", a.qualifier()) + "`.`")
        + a.name() + "`").distinct().collect(Collectors.joining(", "));
  }

  /** Resolves every unresolved node of an expression against the given input attributes. */
  public Expression resolveExpression(Expression e, List<AttributeReference> input, LogicalPlan node, boolean allowAgg) {
    if (e.resolved() && !(e instanceof Unresolved)) {
      return e;
    }
    if (e.exists(x -> x instanceof UnresolvedWindowExpression)) {
      e = e.transformDown(x -> x instanceof UnresolvedWindowExpression w ? resolveWindow(w, input, node) : null);
    }
    return e.transformUp(x -> {
      if (x instanceof Unresolved.Attribute ua) {
        Expression r = resolveName(ua.nameParts(), input);
        if (r == null) {
          throw unresolved(ua, input);
        }
        return r;
      }
      return resolveOne(x, node);
    });
  }

  /** Resolves one node whose children are resolved (functions, casts, field access, aliases). */
  private Expression resolveOne(Expression x, LogicalPlan node) {
    if (!(x instanceof Alias || x instanceof Unresolved.MultiAlias || x instanceof Unresolved.AutoAlias)) {
      for (Expression c : x.children()) {
        if (c instanceof Generator) {
          throw nestedGenerator(x);
        }
      }
    }
    if (x instanceof Unresolved.Function f) {
      if (!f.childrenResolved()) {
        return x;
      }
      Expression r = resolveFunction(f);
      if (r instanceof Generator && !(node instanceof Project || node instanceof LateralView)) {
        throw new AnalysisException(ErrorClass.UNSUPPORTED_GENERATOR, r.sql() + " is used in "
            + (node instanceof Aggregate ? "an aggregation; a generator must be applied before grouping "
                + "(in a subquery) or to the aggregated result (in an outer query)"
                : "a " + node.nodeName() + "; generators are only allowed in the SELECT list or a LATERAL VIEW"));
      }
      return r;
    }
    if (x instanceof Unresolved.MultiAlias m && !(m.child() instanceof Generator)) {
      if (m.child().resolved()) {
        throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, m.sql(),
            "several aliases AS (a, b, ...) can only name the columns of a generator such as posexplode");
      }
      return x;
    }
    if (x instanceof Unresolved.CastTo c) {
      if (!c.child().resolved()) {
        return x;
      }
      EvalMode mode = c.isTry() ? EvalMode.TRY : EvalMode.fromAnsi(ansi());
      Cast cast = new Cast(c.child(), c.target(), mode);
      String err = cast.checkInputTypes();
      if (err != null) {
        throw new AnalysisException(ErrorClass.DATATYPE_MISMATCH, "\"" + cast.sql() + "\"", err);
      }
      return cast;
    }
    if (x instanceof Unresolved.ExtractValue ev) {
      if (!ev.child().resolved()) {
        return x;
      }
      return extractField(ev.child(), ev.field());
    }
    if (x instanceof Unresolved.AutoAlias aa) {
      if (!aa.child().resolved()) {
        return x;
      }
      return named(aa.child());
    }
    if (x instanceof Unresolved.Star s) {
      throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, "*",
          "'" + s.sql() + "' is only allowed in a select list or in count(*)");
    }
    if (x instanceof Alias || x instanceof AttributeReference || x instanceof Literal) {
      return x;
    }
    if (x.childrenResolved() && !x.resolved()) {
      String err = x.checkInputTypes();
      if (err != null) {
        throw new AnalysisException(ErrorClass.DATATYPE_MISMATCH, "\"" + x.sql() + "\"", err);
      }
    }
    return x;
  }

  private Expression resolveFunction(Unresolved.Function f) {
    String name = f.name();
    FunctionRegistry.Entry entry = functions.lookup(name);
    if (entry == null) {
      functions.build(name, f.arguments(), ansi(), ddl, constants); // throws UNRESOLVED_ROUTINE with a suggestion
    }
    if (!entry.aggregate()) {
      if (f.isDistinct() || f.filter() != null) {
        throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, name,
            "DISTINCT and FILTER are only allowed on aggregate functions");
      }
      return functions.build(name, f.arguments(), ansi(), ddl, constants);
    }
    List<Expression> args = f.isStar() ? List.of() : f.arguments();
    for (Expression a : args) {
      if (containsAggregate(a)) {
        throw new AnalysisException(ErrorClass.NESTED_AGGREGATE_FUNCTION, f.sql());
      }
    }
    AggregateFunction fn = (AggregateFunction) functions.build(name, args, ansi(), ddl, constants);
    String err = fn.checkInputTypes();
    if (err != null) {
      throw new AnalysisException(ErrorClass.DATATYPE_MISMATCH, "\"" + fn.sql() + "\"", err);
    }
    Expression filter = f.filter() == null ? null : bool(f.filter(), "FILTER");
    if (f.isDistinct()) {
      return new AggregateExpression(new DistinctAggregate(fn), true, filter);
    }
    return new AggregateExpression(fn, false, filter);
  }

  private Expression extractField(Expression struct, String field) {
    if (!(struct.dataType() instanceof StructType st)) {
      throw new AnalysisException(ErrorClass.DATATYPE_MISMATCH, struct.sql() + "." + field,
          "field access needs a STRUCT, but " + struct.sql() + " is " + struct.dataType().sql());
    }
    int i = st.indexOf(field);
    if (i < 0) {
      throw new AnalysisException(ErrorClass.UNRESOLVED_COLUMN, "`" + struct.sql() + "." + field + "`",
          String.join(", ", st.fieldNames()));
    }
    return new GetStructField(struct, i, st.field(i).name());
  }

  private boolean nameEquals(String a, String b) {
    return conf.caseSensitive() ? a.equals(b) : a.equalsIgnoreCase(b);
  }

  private boolean qualifierMatches(List<String> qualifier, List<String> wanted) {
    if (qualifier.size() < wanted.size() || wanted.isEmpty()) {
      return false;
    }
    List<String> tail = qualifier.subList(qualifier.size() - wanted.size(), qualifier.size());
    for (int i = 0; i < wanted.size(); i++) {
      if (!nameEquals(tail.get(i), wanted.get(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Resolves a (possibly qualified, possibly nested) name: {@code [qualifier.]column[.field...]}.
   * A qualified match is preferred; more than one matching column is ambiguous.
   */
  Expression resolveName(List<String> parts, List<AttributeReference> input) {
    // Try with a qualifier of 1 or 2 parts first, then without.
    for (int q = Math.min(2, parts.size() - 1); q >= 0; q--) {
      List<String> qualifier = parts.subList(0, q);
      String col = parts.get(q);
      List<AttributeReference> matches = new ArrayList<>();
      for (AttributeReference a : input) {
        if (nameEquals(a.name(), col) && (q == 0 || qualifierMatches(a.qualifier(), qualifier))) {
          if (!matches.contains(a)) {
            matches.add(a);
          }
        }
      }
      if (matches.size() > 1) {
        throw new AnalysisException(ErrorClass.AMBIGUOUS_REFERENCE, "`" + String.join(".", parts) + "`",
            candidates(matches));
      }
      if (matches.size() == 1) {
        Expression e = matches.get(0);
        for (String field : parts.subList(q + 1, parts.size())) {
          e = extractField(e, field);
        }
        return e;
      }
    }
    return null;
  }

  private static List<AttributeReference> concat(List<AttributeReference> a, List<AttributeReference> b) {
    List<AttributeReference> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /** Lower-cased names for diagnostics. */
  static Map<String, String> lowerNames(List<AttributeReference> attrs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (AttributeReference a : attrs) {
      m.put(a.name().toLowerCase(Locale.ROOT), a.name());
    }
    return m;
  }
}
