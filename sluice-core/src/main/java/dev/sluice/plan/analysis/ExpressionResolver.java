package dev.sluice.plan.analysis;

import dev.sluice.conf.SluiceConf;
import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.plan.expr.Alias;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Cast;
import dev.sluice.plan.expr.EvalMode;
import dev.sluice.plan.expr.ConstantEvaluation;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.Generator;
import dev.sluice.plan.expr.GetStructField;
import dev.sluice.plan.expr.Literal;
import dev.sluice.plan.expr.NamedExpression;
import dev.sluice.plan.expr.OuterReference;
import dev.sluice.plan.expr.SubqueryExpression;
import dev.sluice.plan.expr.SessionWindow;
import dev.sluice.plan.expr.SortOrder;
import dev.sluice.plan.expr.TimeWindow;
import dev.sluice.plan.expr.Unresolved;
import dev.sluice.plan.expr.UnresolvedWindowExpression;
import dev.sluice.plan.expr.WindowExpression;
import dev.sluice.plan.expr.WindowFrame;
import dev.sluice.plan.expr.agg.AggregateExpression;
import dev.sluice.plan.expr.agg.AggregateFunction;
import dev.sluice.plan.expr.agg.DistinctAggregate;
import dev.sluice.plan.logical.Aggregate;
import dev.sluice.plan.logical.LateralView;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Project;
import dev.sluice.types.DataTypes;
import dev.sluice.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Expression resolution shared by the analyzer's rules: names (qualified, nested, case-insensitive
 * unless {@code sluice.sql.caseSensitive}) against a node's input, functions through the
 * {@link FunctionRegistry} with their implicit casts, window functions ({@code f() OVER (...)}),
 * casts, struct field access, star expansion and the automatic names of select items. A name that
 * does not resolve is an error at once, listing the columns that do exist.
 *
 * <p>Function resolution is part of expression resolution rather than a rule of its own: whether a
 * condition is a WHERE or a HAVING, or a GROUP BY item an input column or a select-list alias, is
 * decided by resolving it completely and looking for aggregate functions.
 */
final class ExpressionResolver {
  private final FunctionRegistry functions;
  private final SluiceConf conf;
  private final DdlParser ddl;
  private final ConstantEvaluation constants;
  /** Resolves a subquery's plan (the analyzer's resolution batches); set by the Analyzer. */
  private java.util.function.UnaryOperator<LogicalPlan> subqueryAnalyzer;
  /**
   * The inputs of the enclosing queries while a subquery is resolved, innermost first: a name that is
   * not a column of the subquery resolves against them as an {@link OuterReference}.
   */
  private final java.util.ArrayDeque<List<AttributeReference>> outerScopes = new java.util.ArrayDeque<>();

  /**
   * {@code ddl} parses schema arguments ({@code from_json(s, 'a INT')}); {@code constants} evaluates
   * constant arguments. Both come from layers above this one.
   */
  ExpressionResolver(FunctionRegistry functions, SluiceConf conf, DdlParser ddl, ConstantEvaluation constants) {
    this.functions = functions;
    this.conf = conf;
    this.ddl = ddl;
    this.constants = constants;
  }

  void subqueryAnalyzer(java.util.function.UnaryOperator<LogicalPlan> analyzer) {
    this.subqueryAnalyzer = analyzer;
  }

  boolean ansi() {
    return conf.ansi();
  }

  /**
   * Whether a select item needs no more resolution: a resolved named expression or generator, or
   * a generator named by several aliases. Rules that move such items into their own operators
   * (aggregates, generators, windows) wait for every item of a projection to be settled.
   */
  static boolean settled(Expression e) {
    if (e instanceof Unresolved.MultiAlias m) {
      return m.child() instanceof Generator && m.child().resolved();
    }
    if (e instanceof Unresolved) {
      return false;
    }
    return e.resolved() && (e instanceof NamedExpression || e instanceof Generator);
  }

  static boolean allSettled(List<Expression> items) {
    return items.stream().allMatch(ExpressionResolver::settled);
  }

  static boolean anyContains(List<Expression> items, Class<? extends Expression> kind) {
    return items.stream().anyMatch(x -> x.exists(kind::isInstance));
  }

  private static final Set<String> RANKING = Set.of("row_number", "rank", "dense_rank", "percent_rank", "cume_dist");

  /** Resolves {@code fn(...) OVER (...)}: a ranking, offset or aggregate function over a window. */
  Expression resolveWindow(UnresolvedWindowExpression w, List<AttributeReference> input, LogicalPlan node) {
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
    String spec = windowSpecSql(w);
    FunctionSpec fs = functions.lookup(name);
    if (fs != null && fs.group().equals(WindowFunctions.GROUP)
        && (args.size() < fs.minArgs() || args.size() > fs.maxArgs())) {
      throw new AnalysisException(ErrorClass.WRONG_NUM_ARGS, "`" + name + "`", fs.arity(), args.size());
    }
    if (RANKING.contains(name)) {
      if (order.isEmpty()) {
        throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, name,
            "the window function needs an ORDER BY in its OVER clause");
      }
      WindowFrame frame = requiredFrame(w, name.equals("cume_dist") ? WindowFrame.RUNNING_RANGE
          : WindowFrame.RUNNING_ROWS);
      return new WindowExpression(WindowExpression.Kind.valueOf(name.toUpperCase(Locale.ROOT)), List.of(), partition,
          order, frame, display(w, spec, frame));
    }
    if (name.equals("ntile")) {
      if (args.size() != 1 || !args.get(0).foldable() || !(constants.value(args.get(0)) instanceof Integer n) || n <= 0) {
        throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, "ntile", "the argument must be a positive INT constant");
      }
      WindowFrame frame = requiredFrame(w, WindowFrame.RUNNING_ROWS);
      return new WindowExpression(WindowExpression.Kind.NTILE, args, partition, order, frame, display(w, spec, frame));
    }
    if (name.equals("nth_value")) {
      Expression n = args.get(1);
      if (!n.foldable() || !(constants.value(n) instanceof Integer k) || k <= 0) {
        throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, "nth_value", "the offset must be a positive INT "
            + "constant, got " + n.sql());
      }
      boolean ignoreNulls = args.size() > 2 && Boolean.TRUE.equals(constants.value(args.get(2)));
      WindowFrame frame = w.frame() == null ? WindowFrame.defaultFor(!order.isEmpty())
          : WindowFrameCheck.check(w.frame(), order, spec, constants);
      return new WindowExpression(WindowExpression.Kind.NTH_VALUE, List.of(args.get(0), n, Literal.of(ignoreNulls)),
          partition, order, frame, display(w, spec, frame));
    }
    if (name.equals("lag") || name.equals("lead")) {
      Expression input0 = args.get(0);
      Expression offset = args.size() > 1 ? args.get(1) : Literal.of(1);
      if (!offset.foldable() || !(constants.value(offset) instanceof Integer)) {
        throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, name, "the offset must be an INT constant, got "
            + offset.sql());
      }
      Expression dflt = args.size() > 2 ? TypeCoercion.castIfNeeded(args.get(2), input0.dataType(), ansi())
          : new Literal(null, input0.dataType());
      int n = (Integer) constants.value(offset);
      WindowFrame frame = requiredFrame(w, WindowFrame.offsetRow(name.equals("lag") ? -n : n));
      // Spark names it with every argument: lag(v, 1, NULL).
      String fn = name + "(" + input0.sql() + ", " + offset.sql() + ", " + dflt.sql() + ")";
      return new WindowExpression(name.equals("lag") ? WindowExpression.Kind.LAG : WindowExpression.Kind.LEAD,
          List.of(input0, offset, dflt), partition, order, frame, fn + " OVER (" + spec + (spec.isEmpty() ? "" : " ")
          + frame.sql() + ")");
    }
    FunctionSpec entry = fs;
    if (entry == null || !entry.aggregate()) {
      throw new AnalysisException(ErrorClass.UNRESOLVED_ROUTINE, "`" + f.name() + "`",
          "It cannot be used with OVER: use a ranking function (row_number, rank, dense_rank, percent_rank, "
              + "cume_dist, ntile), lag/lead, or an aggregate function.");
    }
    if (f.filter() != null || f.isDistinct()) {
      // Spark: _LEGACY_ERROR_TEMP_1030 (FILTER) and DISTINCT_WINDOW_FUNCTION_UNSUPPORTED.
      throw new AnalysisException(ErrorClass.UNSUPPORTED_FEATURE, (f.isDistinct() ? "DISTINCT" : "a FILTER predicate")
          + " in a window aggregate (" + w.sql() + "); compute it in a subquery, e.g. with CASE WHEN ... THEN x END "
          + "inside the aggregate");
    }
    Expression agg = resolveFunction(new Unresolved.Function(f.name(), args, false, null, f.isStar()));
    WindowFrame frame = w.frame() == null ? WindowFrame.defaultFor(!order.isEmpty())
        : WindowFrameCheck.check(w.frame(), order, spec, constants);
    String display = display(w, spec, frame);
    if (!(agg instanceof AggregateExpression ae) || ae.isDistinct() || ae.filter() != null) {
      throw new AnalysisException(ErrorClass.UNSUPPORTED_FEATURE, "DISTINCT or FILTER in a window aggregate (" + display
          + ")");
    }
    return new WindowExpression(WindowExpression.Kind.AGGREGATE, List.of(ae.function()), partition, order, frame,
        display);
  }

  /**
   * The frame a ranking or offset function is computed over; an OVER clause may name it only if it names
   * exactly that frame, as in Spark.
   */
  private static WindowFrame requiredFrame(UnresolvedWindowExpression w, WindowFrame required) {
    if (w.frame() != null && !w.frame().equals(required)) {
      String fn = w.function().sql();
      throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, fn, "the window frame " + w.frame().sql()
          + " does not match the frame the function is computed over, " + required.sql()
          + "; remove the frame clause");
    }
    return required;
  }

  /** {@code PARTITION BY ... ORDER BY ...} of the OVER clause, as Spark prints it. */
  private static String windowSpecSql(UnresolvedWindowExpression w) {
    StringBuilder sb = new StringBuilder();
    if (!w.partitionBy().isEmpty()) {
      sb.append("PARTITION BY ").append(w.partitionBy().stream().map(Expression::sql)
          .collect(Collectors.joining(", ")));
    }
    if (!w.orderBy().isEmpty()) {
      sb.append(sb.length() == 0 ? "" : " ").append("ORDER BY ")
          .append(w.orderBy().stream().map(Expression::sql).collect(Collectors.joining(", ")));
    }
    return sb.toString();
  }

  /** Spark's column name of a window function: {@code f(x) OVER (PARTITION BY ... ORDER BY ... frame)}. */
  private static String display(UnresolvedWindowExpression w, String spec, WindowFrame frame) {
    return w.function().sql() + " OVER (" + spec + (spec.isEmpty() ? "" : " ") + frame.sql() + ")";
  }

  static AnalysisException nestedGenerator(Expression e) {
    return new AnalysisException(ErrorClass.UNSUPPORTED_GENERATOR, "a generator cannot be nested in an "
        + "expression, as in " + e.sql() + "; select the generator alone (explode(...) AS x) and use x in an "
        + "outer query");
  }

  Expression bool(Expression e, String clause) {
    if (e.dataType() == dev.sluice.types.DataTypes.BooleanType) {
      return e;
    }
    if (e.dataType() == dev.sluice.types.DataTypes.NullType) {
      return new Literal(null, dev.sluice.types.DataTypes.BooleanType);
    }
    throw new AnalysisException(ErrorClass.DATATYPE_MISMATCH, e.sql(),
        "the " + clause + " condition must be a BOOLEAN, but it is " + e.dataType().sql());
  }

  List<Expression> expandStars(List<Expression> items, List<AttributeReference> input, LogicalPlan node) {
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
  static Expression named(Expression e) {
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

  static Expression stripAlias(Expression e) {
    return e instanceof Alias a ? a.child() : e;
  }

  static boolean containsAggregate(Expression e) {
    return e.exists(x -> x instanceof AggregateExpression);
  }

  /** Resolves, or returns null when some name does not resolve against {@code input}. */
  Expression tryResolve(Expression e, List<AttributeReference> input, LogicalPlan node, boolean allowAgg) {
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

  AnalysisException unresolved(Unresolved.Attribute ua, List<AttributeReference> input) {
    return new UnresolvedNameException("`" + ua.name() + "`", candidates(input));
  }

  static String candidates(List<AttributeReference> input) {
    return input.stream().map(a -> "`" + (a.qualifier().isEmpty() ? "" : String.join(".", a.qualifier()) + "`.`")
        + a.name() + "`").distinct().collect(Collectors.joining(", "));
  }

  /** Resolves every unresolved node of an expression against the given input attributes. */
  Expression resolveExpression(Expression e, List<AttributeReference> input, LogicalPlan node, boolean allowAgg) {
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
          r = virtualColumn(ua);
        }
        if (r == null) {
          r = resolveOuter(ua);
        }
        if (r == null) {
          throw unresolved(ua, input);
        }
        return r;
      }
      if (x instanceof SubqueryExpression sq && !sq.resolved()) {
        return Subqueries.resolve(this, sq, input, node);
      }
      return resolveOne(x, node);
    });
  }

  /** A column of an enclosing query, as an outer reference, or null (innermost scope first). */
  private Expression resolveOuter(Unresolved.Attribute ua) {
    for (List<AttributeReference> scope : outerScopes) {
      Expression r = resolveName(ua.nameParts(), scope);
      if (r != null) {
        return r.transformUp(x -> x instanceof AttributeReference a ? new OuterReference(a) : null);
      }
    }
    return null;
  }

  /** Resolves a subquery's plan with {@code outer} as the innermost enclosing scope. */
  LogicalPlan resolveInScope(LogicalPlan plan, List<AttributeReference> outer) {
    outerScopes.push(outer);
    try {
      return subqueryAnalyzer.apply(plan);
    } finally {
      outerScopes.pop();
    }
  }

  /**
   * A name no column has that still means something: Hive's {@code grouping__id}, the grouping id of
   * a CUBE/ROLLUP/GROUPING SETS aggregation (as {@code grouping_id()}). Null for other names.
   */
  static Expression virtualColumn(Unresolved.Attribute ua) {
    if (ua.nameParts().size() == 1 && ua.nameParts().get(0).equalsIgnoreCase(GroupingAnalytics.HIVE_GROUPING_ID)) {
      return new dev.sluice.plan.expr.GroupingId(List.of(), true);
    }
    return null;
  }

  /** Resolves one node whose children are resolved (functions, casts, field access, aliases). */
  Expression resolveOne(Expression x, LogicalPlan node) {
    if (x instanceof SubqueryExpression sq && !sq.resolved()) {
      // Resolved here when the caller resolves names itself (HAVING, ORDER BY over an aggregate).
      return Subqueries.resolve(this, sq, node.childOutput(), node);
    }
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

  Expression resolveFunction(Unresolved.Function f) {
    String name = f.name();
    FunctionSpec entry = functions.lookup(name);
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
    if (filter != null) {
      List<Expression> found = new ArrayList<>();
      found.addAll(filter.collect(AggregateExpression.class));
      found.addAll(filter.collect(WindowExpression.class));
      found.addAll(filter.collect(UnresolvedWindowExpression.class));
      Expression inner = found.isEmpty() ? null : found.get(0);
      if (inner != null || !filter.deterministic()) {
        String sub = inner instanceof AggregateExpression ? "CONTAINS_AGGREGATE"
            : inner != null ? "CONTAINS_WINDOW_FUNCTION" : "NON_DETERMINISTIC";
        throw new AnalysisException(ErrorClass.INVALID_AGGREGATE_FILTER, "\"" + filter.sql() + "\"", sub,
            inner != null ? "it uses " + inner.sql() + "; compute that in a subquery and filter on its result"
                : "the condition must give the same answer every time a row is read");
      }
    }
    if (f.isDistinct()) {
      return new AggregateExpression(new DistinctAggregate(fn), true, filter);
    }
    return new AggregateExpression(fn, false, filter);
  }

  Expression extractField(Expression struct, String field) {
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

  boolean nameEquals(String a, String b) {
    return conf.caseSensitive() ? a.equals(b) : a.equalsIgnoreCase(b);
  }

  boolean qualifierMatches(List<String> qualifier, List<String> wanted) {
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

  static List<AttributeReference> concat(List<AttributeReference> a, List<AttributeReference> b) {
    List<AttributeReference> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
