package dev.sluice.plan.analysis;

import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.plan.expr.Alias;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Cast;
import dev.sluice.plan.expr.EvalMode;
import dev.sluice.plan.expr.ExprId;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.Grouping;
import dev.sluice.plan.expr.GroupingId;
import dev.sluice.plan.expr.Literal;
import dev.sluice.plan.expr.NamedExpression;
import dev.sluice.plan.expr.Unresolved;
import dev.sluice.plan.expr.agg.AggregateExpression;
import dev.sluice.plan.logical.Aggregate;
import dev.sluice.plan.logical.Expand;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Project;
import dev.sluice.types.DataTypes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * CUBE, ROLLUP and GROUPING SETS planned as Spark plans them (its ResolveGroupingAnalytics): the
 * aggregation runs once per grouping set over an Expand that copies every input row once per set,
 * with the grouping expressions the set leaves out set to NULL and the set's grouping id added.
 *
 * <pre>
 * Aggregate  keys = [g1', ..., gn', spark_grouping_id (, _gen_grouping_pos)]
 * +- Expand  one projection per set: [input columns, gi or NULL for each i, the set's id (, its position)]
 *    +- Project [input columns, g1 AS g1, ..., gn AS gn]
 *       +- input
 * </pre>
 *
 * Aggregate functions read the input columns as they are (a set's NULL never reaches {@code sum(x)}
 * when {@code x} is also grouped); everything else in the select list, HAVING and ORDER BY reads the
 * expanded copies {@code gi'}. The grouping id has bit {@code n - 1 - i} set when {@code gi} is not in
 * the set; {@code grouping(gi)} is that bit, {@code grouping_id()} the whole id. When the same set is
 * listed twice, {@code _gen_grouping_pos} keeps the copies apart, as in Spark.
 *
 * <p>An instance describes such an aggregation after it was built ({@link #of}), so that HAVING and
 * ORDER BY above it resolve against the input columns and are rewritten the same way.
 */
final class GroupingAnalytics {
  /** Spark's name of the grouping id column (VirtualColumn.groupingIdName). */
  static final String GROUPING_ID = "spark_grouping_id";
  /** The virtual column that reads the grouping id in SQL (Hive's name). */
  static final String HIVE_GROUPING_ID = "grouping__id";
  static final String GROUPING_POS = "_gen_grouping_pos";
  /** Spark's limit: the grouping id is a BIGINT with one bit per grouping expression. */
  static final int MAX_GROUPING_EXPRESSIONS = 64;

  /** The aggregation's input columns, which aggregate functions read. */
  final List<AttributeReference> input;
  /** The grouping expressions, over {@link #input}. */
  final List<Expression> groupExprs;
  /** The Expand's copy of each grouping expression: its value, or NULL in sets without it. */
  final List<AttributeReference> groupingAttrs;
  final AttributeReference gid;
  /** {@link #groupExprs} in canonical form, to find them by meaning. */
  private final List<Expression> canonicalGroups;

  private GroupingAnalytics(List<AttributeReference> input, List<Expression> groupExprs,
      List<AttributeReference> groupingAttrs, AttributeReference gid) {
    this.input = input;
    this.groupExprs = groupExprs;
    this.groupingAttrs = groupingAttrs;
    this.gid = gid;
    this.canonicalGroups = groupExprs.stream().map(GroupingAnalytics::canonical).toList();
  }

  private int groupIndex(Expression e) {
    return canonicalGroups.indexOf(canonical(e));
  }

  /**
   * The position of {@code e} in {@code list} by meaning, as Spark's semanticEquals: the operands of
   * {@code +} and {@code *} may come in either order ({@code a + b} is {@code b + a}).
   */
  static int semanticIndexOf(List<Expression> list, Expression e) {
    Expression c = canonical(e);
    for (int i = 0; i < list.size(); i++) {
      if (canonical(list.get(i)).equals(c)) {
        return i;
      }
    }
    return -1;
  }

  private static Expression canonical(Expression e) {
    return e.transformUp(x -> {
      if (x instanceof dev.sluice.plan.expr.BinaryArithmetic b
          && (b.op() == dev.sluice.plan.expr.BinaryArithmetic.Op.ADD
              || b.op() == dev.sluice.plan.expr.BinaryArithmetic.Op.MULTIPLY)
          && order(b.left()) > order(b.right())) {
        return b.withNewChildren(List.of(b.right(), b.left()));
      }
      return null;
    });
  }

  private static long order(Expression e) {
    return ((long) e.sql().hashCode() << 32) | (e.hashCode() & 0xffffffffL);
  }

  static boolean containsGroupingFunction(Expression e) {
    return e.exists(x -> x instanceof Grouping || x instanceof GroupingId);
  }

  static AnalysisException unsupported(Expression e) {
    Expression[] found = {null};
    e.foreach(x -> {
      if (found[0] == null && (x instanceof Grouping || x instanceof GroupingId)) {
        found[0] = x;
      }
    });
    return new AnalysisException(ErrorClass.UNSUPPORTED_GROUPING_EXPRESSION, (found[0] == null ? e : found[0]).sql());
  }

  /** The grouping analytics an Aggregate was built with ({@link #build}), or null for a plain aggregation. */
  static GroupingAnalytics of(LogicalPlan p) {
    if (!(p instanceof Aggregate a) || !(a.child() instanceof Expand e) || !(e.child() instanceof Project pr)) {
      return null;
    }
    List<Expression> keys = a.groupingExpressions();
    int n = -1;
    for (int i = 0; i < keys.size(); i++) {
      if (keys.get(i) instanceof AttributeReference k && k.name().equals(GROUPING_ID)) {
        n = i;
        break;
      }
    }
    int inputSize = pr.projectList().size() - n;
    if (n < 0 || inputSize < 0 || e.output().size() < inputSize + n + 1
        || !e.output().subList(inputSize, inputSize + n + 1).equals(keys.subList(0, n + 1))) {
      return null;
    }
    List<Expression> groupExprs = new ArrayList<>();
    for (Expression x : pr.projectList().subList(inputSize, inputSize + n)) {
      groupExprs.add(ExpressionResolver.stripAlias(x));
    }
    List<AttributeReference> groupingAttrs = new ArrayList<>();
    for (Expression k : keys.subList(0, n)) {
      groupingAttrs.add((AttributeReference) k);
    }
    return new GroupingAnalytics(pr.child().output(), groupExprs, groupingAttrs, (AttributeReference) keys.get(n));
  }

  /**
   * The Expand and Aggregate for {@code sets} (each a list of expressions from {@code groupExprs}) over
   * {@code child}; {@code aggs} are the resolved, named select items over the child's output.
   */
  static Aggregate build(List<Expression> groupExprs, List<List<Expression>> sets, List<Expression> aggs,
      LogicalPlan child, ExpressionResolver resolver) {
    int n = groupExprs.size();
    if (n > MAX_GROUPING_EXPRESSIONS) {
      throw new AnalysisException(ErrorClass.GROUPING_SIZE_LIMIT_EXCEEDED, MAX_GROUPING_EXPRESSIONS);
    }
    List<AttributeReference> input = child.output();
    List<Alias> aliases = new ArrayList<>();
    for (Expression g : groupExprs) {
      aliases.add(new Alias(g, g instanceof NamedExpression ne ? ne.name() : g.sql()));
    }
    List<List<Integer>> positions = new ArrayList<>();
    Set<Set<Integer>> distinct = new HashSet<>();
    for (List<Expression> set : sets) {
      List<Integer> ps = new ArrayList<>();
      for (Expression e : set) {
        ps.add(semanticIndexOf(groupExprs, e));
      }
      positions.add(ps);
      distinct.add(new HashSet<>(ps));
    }
    boolean duplicates = distinct.size() < positions.size();
    List<AttributeReference> groupingAttrs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Alias al = aliases.get(i);
      int idx = i;
      boolean alwaysThere = positions.stream().allMatch(ps -> ps.contains(idx));
      List<String> qualifier = groupExprs.get(i) instanceof AttributeReference a ? a.qualifier() : List.of();
      groupingAttrs.add(new AttributeReference(al.name(), al.dataType(), al.nullable() || !alwaysThere, ExprId.next(),
          qualifier, Alias.eventTimeDelay(al.child())));
    }
    AttributeReference gid = new AttributeReference(GROUPING_ID, DataTypes.LongType, false, ExprId.next(), List.of());
    AttributeReference gpos = duplicates
        ? new AttributeReference(GROUPING_POS, DataTypes.IntegerType, false, ExprId.next(), List.of()) : null;

    List<Expression> below = new ArrayList<>(input);
    below.addAll(aliases);
    Project project = new Project(below, child);
    List<List<Expression>> projections = new ArrayList<>();
    for (int s = 0; s < positions.size(); s++) {
      List<Integer> ps = positions.get(s);
      List<Expression> proj = new ArrayList<>(input);
      long mask = n == 64 ? -1L : (1L << n) - 1;
      for (int i = 0; i < n; i++) {
        if (ps.contains(i)) {
          proj.add(aliases.get(i).toAttribute());
          mask &= ~(1L << (n - 1 - i));
        } else {
          proj.add(new Literal(null, groupExprs.get(i).dataType()));
        }
      }
      proj.add(new Literal(mask, DataTypes.LongType));
      if (gpos != null) {
        proj.add(new Literal(s, DataTypes.IntegerType));
      }
      projections.add(proj);
    }
    List<AttributeReference> expandOut = new ArrayList<>(input);
    expandOut.addAll(groupingAttrs);
    expandOut.add(gid);
    List<Expression> keys = new ArrayList<>(groupingAttrs);
    keys.add(gid);
    if (gpos != null) {
      expandOut.add(gpos);
      keys.add(gpos);
    }
    Expand expand = new Expand(projections, expandOut, project);
    GroupingAnalytics ga = new GroupingAnalytics(input, groupExprs, groupingAttrs, gid);
    List<Expression> rewritten = new ArrayList<>();
    for (Expression e : aggs) {
      rewritten.add(ga.rewrite(e, null, resolver));
    }
    Aggregate out = new Aggregate(keys, rewritten, expand);
    CheckAnalysis.checkAggregate(out);
    return out;
  }

  /**
   * An expression of the select list, HAVING or ORDER BY (over the input columns and, above the
   * aggregation, its output {@code agg}) rewritten to read the expanded grouping columns:
   * grouping()/grouping_id() become the grouping id's bits, and grouping expressions outside
   * aggregate functions become their expanded copies.
   */
  Expression rewrite(Expression e, Aggregate agg, ExpressionResolver resolver) {
    Expression g = e.transformDown(x -> {
      if (x instanceof Grouping gr) {
        int i = indexOf(gr.child(), agg);
        if (i < 0) {
          throw new AnalysisException(ErrorClass.GROUPING_COLUMN_MISMATCH, gr.child().sql(), groupingColumns());
        }
        return groupingBit(i, resolver);
      }
      if (x instanceof GroupingId id) {
        List<Expression> cols = id.children();
        boolean matches = cols.isEmpty() || cols.size() == groupExprs.size();
        for (int i = 0; matches && i < cols.size(); i++) {
          matches = indexOf(cols.get(i), agg) == i;
        }
        if (!matches) {
          throw new AnalysisException(ErrorClass.GROUPING_ID_COLUMN_MISMATCH,
              cols.stream().map(Expression::sql).collect(Collectors.joining(", ")),
              groupExprs.stream().map(Expression::sql).collect(Collectors.joining(", ")));
        }
        return gid;
      }
      return null;
    });
    return replaceGroupExprs(g);
  }

  private String groupingColumns() {
    return groupExprs.stream().map(Expression::sql).collect(Collectors.joining(", ", "[", "]"));
  }

  /** Which grouping expression {@code col} is: itself, its expanded copy, or a select item naming one. */
  private int indexOf(Expression col, Aggregate agg) {
    if (col instanceof AttributeReference a && agg != null) {
      for (Expression item : agg.aggregateExpressions()) {
        if (item instanceof Alias al && al.exprId().equals(a.exprId())) {
          col = al.child();
        }
      }
    }
    int i = groupIndex(col);
    return i >= 0 ? i : col instanceof AttributeReference a ? groupingAttrs.indexOf(a) : -1;
  }

  /** {@code CAST((gid >> (n - 1 - i)) & 1 AS INT)}: 1 when grouping expression {@code i} is not in the row's set. */
  private Expression groupingBit(int i, ExpressionResolver resolver) {
    Expression shifted = resolver.resolveFunction(new Unresolved.Function("shiftright",
        List.of(gid, new Literal(groupExprs.size() - 1 - i, DataTypes.IntegerType))));
    Expression bit = resolver.resolveFunction(new Unresolved.Function("&",
        List.of(shifted, new Literal(1L, DataTypes.LongType))));
    // The grouping id is never NULL; the coalesce only says so (a cast is always nullable), as Spark's
    // grouping() is a NOT NULL column.
    return new dev.sluice.plan.expr.Coalesce(List.of(new Cast(bit, DataTypes.IntegerType, EvalMode.LEGACY),
        new Literal(0, DataTypes.IntegerType)));
  }

  /** Grouping expressions outside aggregate functions become their expanded copies. */
  private Expression replaceGroupExprs(Expression e) {
    if (e instanceof AggregateExpression) {
      return e;
    }
    int i = groupIndex(e);
    if (i >= 0) {
      return groupingAttrs.get(i);
    }
    List<Expression> cs = e.children();
    if (cs.isEmpty()) {
      return e;
    }
    List<Expression> nc = new ArrayList<>(cs.size());
    boolean changed = false;
    for (Expression c : cs) {
      Expression r = replaceGroupExprs(c);
      changed |= r != c;
      nc.add(r);
    }
    return changed ? e.withNewChildren(nc) : e;
  }
}
