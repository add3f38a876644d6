package dev.sluice.sql;

import dev.sluice.errors.ParseException;
import dev.sluice.plan.expr.Alias;
import dev.sluice.plan.expr.Exists;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.InSubquery;
import dev.sluice.plan.expr.ScalarSubquery;
import dev.sluice.plan.expr.Literal;
import dev.sluice.plan.expr.UnaryMinus;
import dev.sluice.plan.expr.SortOrder;
import dev.sluice.plan.expr.Unresolved;
import dev.sluice.plan.expr.UnresolvedWindowExpression;
import dev.sluice.plan.expr.WindowFrame;
import dev.sluice.plan.logical.Aggregate;
import dev.sluice.plan.logical.Distinct;
import dev.sluice.plan.logical.EventTimeWatermark;
import dev.sluice.plan.logical.Filter;
import dev.sluice.plan.logical.Join;
import dev.sluice.plan.logical.JoinType;
import dev.sluice.plan.logical.LateralView;
import dev.sluice.plan.logical.Limit;
import dev.sluice.plan.logical.LocalRelation;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Project;
import dev.sluice.plan.logical.SetOperation;
import dev.sluice.plan.logical.Sort;
import dev.sluice.plan.logical.SubqueryAlias;
import dev.sluice.plan.logical.UnresolvedColumnAliases;
import dev.sluice.plan.logical.Union;
import dev.sluice.plan.logical.UnresolvedRelation;
import dev.sluice.sql.SqlBaseParser.*;
import dev.sluice.types.ArrayType;
import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.types.DateTimeUtil;
import dev.sluice.types.DecimalType;
import dev.sluice.types.MapType;
import dev.sluice.types.StructField;
import dev.sluice.types.StructType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Interval;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Builds unresolved logical plans, expressions, types and statements from parse trees. One instance
 * per parse (it holds the CTE scope); not thread-safe.
 *
 * <p>Shapes produced (the analyzer's contract): FROM → Filter (WHERE) → Aggregate (GROUP BY) or
 * Project → Filter (HAVING) → Distinct → Sort → Limit. Operators become {@link Unresolved.Function}
 * calls under the names the function registry uses ({@code +}, {@code =}, {@code and}, {@code
 * casewhen}, {@code isnull}, ...). CTEs are inlined: each reference is rebuilt from the CTE's parse
 * tree, so two references never share expression ids.
 */
final class AstBuilder {
  /** Spark's name for a FROM subquery written without an alias. */
  static final String AUTO_SUBQUERY_NAME = "__auto_generated_subquery_name";

  /** A CTE definition and the CTEs visible where it was defined. */
  private record Cte(String name, QueryContext query, List<String> columns, Map<String, Cte> scope) {}

  private Map<String, Cte> ctes = Map.of();
  /** The WINDOW clause of the query specification being built: name (lower case) to its definition. */
  private Map<String, WindowSpecContext> windows = Map.of();

  // ================================================================== statements

  List<Statement> statements(StatementsContext ctx) {
    List<Statement> out = new ArrayList<>();
    for (StatementContext s : ctx.statement()) {
      out.add(statement(s));
    }
    return out;
  }

  Statement statement(StatementContext ctx) {
    if (ctx instanceof StatementDefaultContext c) {
      return new Statement.QueryStatement(query(c.query()));
    }
    if (ctx instanceof ExplainContext c) {
      return new Statement.Explain(query(c.query()), c.explainMode != null);
    }
    if (ctx instanceof CreateTableContext c) {
      return createTable(c);
    }
    if (ctx instanceof CreateViewContext c) {
      boolean temporary = c.TEMP() != null || c.TEMPORARY() != null;
      LogicalPlan q = query(c.query());
      if (!c.viewColumn().isEmpty()) {
        // CREATE VIEW v(a, b [COMMENT '...']) AS ...: the names rename the query's columns in order.
        List<String> columns = new ArrayList<>();
        for (ViewColumnContext vc : c.viewColumn()) {
          columns.add(identifier(vc.identifier()));
        }
        q = new UnresolvedColumnAliases(columns, q);
      }
      return new Statement.CreateView(name(c.multipartIdentifier()), q, temporary, c.REPLACE() != null);
    }
    if (ctx instanceof InsertIntoContext c) {
      return new Statement.InsertInto(name(c.multipartIdentifier()), query(c.query()));
    }
    if (ctx instanceof DropTableContext c) {
      return new Statement.DropTable(name(c.multipartIdentifier()), c.EXISTS() != null);
    }
    if (ctx instanceof DropViewContext c) {
      return new Statement.DropView(name(c.multipartIdentifier()), c.EXISTS() != null);
    }
    if (ctx instanceof SetConfigurationContext c) {
      return setConfig(c);
    }
    if (ctx instanceof ShowFunctionsContext c) {
      String scope = c.scope == null ? "ALL" : c.scope.getText().toUpperCase(java.util.Locale.ROOT);
      String pattern = c.pattern != null ? string(c.pattern) : c.legacy != null ? c.legacy.getText() : null;
      return new Statement.ShowFunctions(scope, pattern);
    }
    if (ctx instanceof DescribeQueryContext c) {
      return new Statement.DescribeRelation(query(c.query()));
    }
    if (ctx instanceof DescribeTableContext c) {
      return new Statement.DescribeRelation(new UnresolvedRelation(nameParts(c.multipartIdentifier()), false));
    }
    if (ctx instanceof DescribeFunctionContext c) {
      DescribeFuncNameContext n = c.describeFuncName();
      String name = n.stringLit() != null ? string(n.stringLit()) : n.getText();
      return new Statement.DescribeFunction(name, c.EXTENDED() != null);
    }
    throw error(ctx, "this statement is not supported");
  }

  private Statement createTable(CreateTableContext c) {
    boolean orReplace = c.REPLACE() != null;
    boolean ifNotExists = c.EXISTS() != null;
    if (orReplace && ifNotExists) {
      throw error(c, "CREATE OR REPLACE TABLE cannot be combined with IF NOT EXISTS; use one of them");
    }
    StructType schema = c.colTypeList() == null ? null : schema(c.colTypeList());
    Map<String, String> options = new LinkedHashMap<>();
    for (TableClauseContext clause : c.tableClause()) {
      if (clause instanceof OptionsClauseContext o) {
        for (PropertyContext p : o.propertyList().property()) {
          String key = propertyKey(p.key);
          if (containsIgnoreCase(options, key)) {
            throw error(p, "the option '" + key + "' is given twice");
          }
          options.put(key, propertyValue(p.value));
        }
      } else if (clause instanceof LocationClauseContext l) {
        if (containsIgnoreCase(options, "path")) {
          throw error(l, "the table location is given twice (LOCATION and the option 'path')");
        }
        options.put("path", string(l.stringLit()));
      }
      // COMMENT is accepted and ignored.
    }
    LogicalPlan asSelect = c.query() == null ? null : query(c.query());
    if (asSelect != null && schema != null) {
      throw error(c.colTypeList(), "CREATE TABLE ... AS SELECT takes its columns from the query; remove the column "
          + "list, or name the columns in the SELECT");
    }
    return new Statement.CreateTable(name(c.multipartIdentifier()), schema, qualifiedNameText(c.format), options,
        ifNotExists, orReplace, asSelect);
  }

  private static boolean containsIgnoreCase(Map<String, String> m, String key) {
    return m.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(key));
  }

  private String propertyKey(PropertyKeyContext ctx) {
    if (ctx.stringLit() != null) {
      return string(ctx.stringLit());
    }
    List<String> parts = new ArrayList<>();
    for (AnyIdentifierContext a : ctx.anyIdentifier()) {
      parts.add(anyIdentifier(a));
    }
    return String.join(".", parts);
  }

  private String propertyValue(PropertyValueContext ctx) {
    if (ctx.stringLit() != null) {
      return string(ctx.stringLit());
    }
    if (ctx.booleanValue() != null) {
      return ctx.booleanValue().TRUE() != null ? "true" : "false";
    }
    if (ctx.anyIdentifier() != null) {
      return anyIdentifier(ctx.anyIdentifier());
    }
    return ctx.number().getText();
  }

  private Statement setConfig(SetConfigurationContext c) {
    Token set = c.SET().getSymbol();
    Token stop = c.getStop();
    String text = stop.getTokenIndex() <= set.getTokenIndex() ? ""
        : set.getInputStream().getText(Interval.of(set.getStopIndex() + 1, stop.getStopIndex())).trim();
    if (text.isEmpty()) {
      return new Statement.SetConfig(null, null);
    }
    if (text.matches("(?is)(VAR|VARIABLE)\\s+.*")) {
      // Spark's SET VAR x = ... assigns a session variable (DECLARE); it must not become a config key "VAR x".
      throw error(c, "session variables (DECLARE, SET VAR) are not supported yet; use a literal, a CTE or a "
          + "temporary view instead");
    }
    int eq = indexOfUnquoted(text, '=');
    String key = (eq < 0 ? text : text.substring(0, eq)).trim();
    if (key.isEmpty()) {
      throw error(c, "SET needs a configuration key before '=', e.g. SET sluice.sql.shuffle.partitions = 4");
    }
    if (key.contains("`")) {
      key = String.join(".", Unresolved.Attribute.splitName(key));
    }
    if (eq < 0) {
      return new Statement.SetConfig(key, null);
    }
    String value = text.substring(eq + 1).trim();
    if (value.length() >= 2 && (value.charAt(0) == '\'' || value.charAt(0) == '"')
        && value.charAt(value.length() - 1) == value.charAt(0)) {
      value = Literals.unquote(value);
    }
    return new Statement.SetConfig(key, value);
  }

  private static int indexOfUnquoted(String s, char target) {
    char quote = 0;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (quote != 0) {
        if (ch == '\\' && quote != '`') {
          i++;
        } else if (ch == quote) {
          quote = 0;
        }
      } else if (ch == '\'' || ch == '"' || ch == '`') {
        quote = ch;
      } else if (ch == target) {
        return i;
      }
    }
    return -1;
  }

  // ================================================================== queries

  LogicalPlan query(QueryContext ctx) {
    Map<String, Cte> saved = ctes;
    try {
      if (ctx.ctes() != null) {
        Map<String, String> seen = new HashMap<>();
        for (NamedQueryContext nq : ctx.ctes().namedQuery()) {
          String name = identifier(nq.name);
          String key = name.toLowerCase(Locale.ROOT);
          if (seen.put(key, name) != null) {
            throw error(nq, "the CTE name '" + name + "' is defined twice in the same WITH clause");
          }
          Map<String, Cte> next = new HashMap<>(ctes);
          List<String> columns = new ArrayList<>();
          if (nq.columnAliases != null) {
            for (IdentifierContext c : nq.columnAliases.identifier()) {
              columns.add(identifier(c));
            }
          }
          next.put(key, new Cte(name, nq.query(), columns, ctes));
          ctes = Map.copyOf(next);
        }
      }
      LogicalPlan plan = queryTerm(ctx.queryTerm());
      return organize(ctx.queryOrganization(), plan);
    } finally {
      ctes = saved;
    }
  }

  private LogicalPlan organize(QueryOrganizationContext ctx, LogicalPlan plan) {
    if (!ctx.sortItem().isEmpty()) {
      plan = new Sort(sortOrders(ctx.sortItem()), plan);
    }
    if (ctx.limit != null) {
      int n;
      try {
        n = Integer.parseInt(ctx.limit.getText());
      } catch (NumberFormatException e) {
        throw error(ctx.limit, "LIMIT must be at most " + Integer.MAX_VALUE);
      }
      plan = new Limit(n, plan);
    }
    return plan;
  }

  private List<SortOrder> sortOrders(List<SortItemContext> items) {
    List<SortOrder> out = new ArrayList<>(items.size());
    for (SortItemContext s : items) {
      Expression e = ordinalOrExpression(expression(s.expression()));
      boolean asc = s.DESC() == null;
      boolean nullsFirst = s.nullOrder == null ? asc : s.nullOrder.getType() == SqlBaseLexer.FIRST;
      out.add(new SortOrder(e, asc, nullsFirst));
    }
    return out;
  }

  /** A bare integer literal in GROUP BY / ORDER BY is a position in the select list. */
  private static Expression ordinalOrExpression(Expression e) {
    if (e instanceof Literal l && l.dataType() == DataTypes.IntegerType && l.value() != null) {
      return new Unresolved.Ordinal((Integer) l.value());
    }
    return e;
  }

  private LogicalPlan queryTerm(QueryTermContext ctx) {
    if (ctx instanceof QueryTermDefaultContext c) {
      return queryPrimary(c.queryPrimary());
    }
    SetOperationContext c = (SetOperationContext) ctx;
    LogicalPlan left = queryTerm(c.left);
    LogicalPlan right = queryTerm(c.right);
    boolean all = c.setQuantifier() != null && c.setQuantifier().ALL() != null;
    return switch (c.operator.getType()) {
      case SqlBaseLexer.UNION -> all ? new Union(List.of(left, right)) : new Distinct(new Union(List.of(left, right)));
      case SqlBaseLexer.INTERSECT -> new SetOperation(SetOperation.Kind.INTERSECT, all, left, right);
      default -> new SetOperation(SetOperation.Kind.EXCEPT, all, left, right);
    };
  }

  private LogicalPlan queryPrimary(QueryPrimaryContext ctx) {
    if (ctx instanceof QueryPrimaryDefaultContext c) {
      return querySpecification(c.querySpecification());
    }
    if (ctx instanceof TableContext c) {
      return tableOrCte(c.multipartIdentifier());
    }
    if (ctx instanceof InlineTableDefaultContext c) {
      // A query of its own may name its columns too: CREATE VIEW v AS VALUES (1, 2) AS t(a, b).
      TableAliasContext alias = c.tableAlias();
      List<String> columns = alias.identifierList() == null ? null : identifierList(alias.identifierList());
      LogicalPlan plan = inlineTable(c.inlineTable(), columns);
      return alias.strictIdentifier() == null ? plan : new SubqueryAlias(strictIdentifier(alias.strictIdentifier()), plan);
    }
    return query(((SubqueryContext) ctx).query());
  }

  private LogicalPlan querySpecification(QuerySpecificationContext ctx) {
    Map<String, WindowSpecContext> outer = windows;
    windows = windowDefinitions(ctx.windowClause());
    try {
      return selectFromWhere(ctx);
    } finally {
      windows = outer;
    }
  }

  /** {@code WINDOW w AS (...), ...}: a name given twice is Spark's REPETITIVE_WINDOW_DEFINITION. */
  private static Map<String, WindowSpecContext> windowDefinitions(WindowClauseContext c) {
    if (c == null) {
      return Map.of();
    }
    Map<String, WindowSpecContext> out = new HashMap<>();
    for (NamedWindowContext w : c.namedWindow()) {
      String name = identifier(w.name);
      if (out.put(name.toLowerCase(Locale.ROOT), w.windowSpec()) != null) {
        throw error(w, "INVALID_SQL_SYNTAX.REPETITIVE_WINDOW_DEFINITION: the definition of window `" + name
            + "` is repetitive; give each window of the WINDOW clause its own name");
      }
    }
    return out;
  }

  private LogicalPlan selectFromWhere(QuerySpecificationContext ctx) {
    LogicalPlan plan = ctx.fromClause() == null ? oneRowRelation() : from(ctx.fromClause());
    if (ctx.whereClause() != null) {
      plan = new Filter(expression(ctx.whereClause().booleanExpression()), plan);
    }
    SelectClauseContext select = ctx.selectClause();
    List<Expression> items = new ArrayList<>();
    for (NamedExpressionContext n : select.namedExpressionSeq().namedExpression()) {
      items.add(selectItem(n));
    }
    if (ctx.aggregationClause() != null) {
      plan = new Aggregate(groupBy(ctx.aggregationClause()), items, plan);
      if (ctx.havingClause() != null) {
        plan = new Filter(expression(ctx.havingClause().booleanExpression()), plan);
      }
    } else if (ctx.havingClause() != null) {
      // HAVING without GROUP BY: one global group, as in Spark.
      plan = new Filter(expression(ctx.havingClause().booleanExpression()), new Aggregate(List.of(), items, plan));
    } else {
      plan = new Project(items, plan);
    }
    if (select.setQuantifier() != null && select.setQuantifier().DISTINCT() != null) {
      plan = new Distinct(plan);
    }
    return plan;
  }

  // ================================================================== GROUP BY

  private static final int MAX_GROUPING_SETS = Unresolved.GroupingSets.MAX_SETS;

  /**
   * The GROUP BY items: expressions (an integer literal is a select-list position), and CUBE, ROLLUP
   * and GROUPING SETS as {@link Unresolved.GroupingSets} with their sets spelled out; Hive's trailing
   * {@code WITH CUBE}, {@code WITH ROLLUP} and {@code GROUPING SETS (...)} apply to the whole list.
   */
  private List<Expression> groupBy(AggregationClauseContext ctx) {
    List<Expression> groups = new ArrayList<>();
    if (!ctx.groupByItems.isEmpty()) {
      for (GroupByClauseContext g : ctx.groupByItems) {
        groups.add(g.groupingAnalytics() != null ? groupingAnalytics(g.groupingAnalytics())
            : ordinalOrExpression(expression(g.expression())));
      }
      return groups;
    }
    List<Expression> exprs = new ArrayList<>();
    for (ExpressionContext g : ctx.groupingExpressions) {
      exprs.add(ordinalOrExpression(expression(g)));
    }
    if (ctx.kind == null) {
      return exprs;
    }
    List<List<Expression>> elements = exprs.stream().map(List::of).toList();
    return switch (ctx.kind.getType()) {
      case SqlBaseLexer.CUBE -> List.of(cube(elements, ctx));
      case SqlBaseLexer.ROLLUP -> List.of(Unresolved.GroupingSets.rollup(elements));
      default -> {
        List<List<Expression>> sets = new ArrayList<>();
        for (GroupingSetContext gs : ctx.groupingSet()) {
          sets.add(groupingSet(gs));
        }
        yield List.of(Unresolved.GroupingSets.of(exprs, sets));
      }
    };
  }

  private Unresolved.GroupingSets groupingAnalytics(GroupingAnalyticsContext ctx) {
    return Unresolved.GroupingSets.of(List.of(), selectedSets(ctx));
  }

  /** The grouping sets of {@code CUBE(...)}, {@code ROLLUP(...)} or {@code GROUPING SETS(...)}, nested ones flattened. */
  private List<List<Expression>> selectedSets(GroupingAnalyticsContext ctx) {
    if (ctx.GROUPING() == null) {
      List<List<Expression>> elements = new ArrayList<>();
      for (GroupingSetContext gs : ctx.groupingSet()) {
        List<Expression> element = groupingSet(gs);
        if (element.isEmpty()) {
          // Spark's _LEGACY_ERROR_TEMP_0051.
          String kind = ctx.CUBE() != null ? "CUBE" : "ROLLUP";
          throw error(gs, "Empty set in " + kind + " grouping sets is not supported; write () in GROUPING SETS "
              + "instead, e.g. GROUPING SETS (" + kind + "(a, b), ())");
        }
        elements.add(element);
      }
      return (ctx.CUBE() != null ? cube(elements, ctx) : Unresolved.GroupingSets.rollup(elements)).expressionSets();
    }
    List<List<Expression>> sets = new ArrayList<>();
    for (GroupingElementContext e : ctx.groupingElement()) {
      if (e.groupingAnalytics() != null) {
        sets.addAll(selectedSets(e.groupingAnalytics()));
      } else {
        sets.add(groupingSet(e.groupingSet()));
      }
      checkSetCount(sets.size(), ctx);
    }
    return sets;
  }

  private List<Expression> groupingSet(GroupingSetContext ctx) {
    List<Expression> out = new ArrayList<>();
    for (ExpressionContext e : ctx.expression()) {
      out.add(ordinalOrExpression(expression(e)));
    }
    return out;
  }

  private static Unresolved.GroupingSets cube(List<List<Expression>> elements, ParserRuleContext ctx) {
    checkSetCount(elements.size() >= 31 ? Integer.MAX_VALUE : 1 << elements.size(), ctx);
    return Unresolved.GroupingSets.cube(elements);
  }

  private static void checkSetCount(int n, ParserRuleContext ctx) {
    if (n > MAX_GROUPING_SETS) {
      throw error(ctx, "this GROUP BY has more than " + MAX_GROUPING_SETS + " grouping sets (a CUBE of n columns has "
          + "2^n); list the sets you need with GROUPING SETS");
    }
  }

  /** Explicit aliases become {@link Alias}; columns and stars stay; other expressions get an auto alias. */
  private Expression selectItem(NamedExpressionContext n) {
    Expression e = expression(n.expression());
    String alias = n.name != null ? identifier(n.name) : n.alias != null ? strictIdentifier(n.alias) : null;
    if (alias != null) {
      if (e instanceof Unresolved.Star) {
        throw error(n, "'*' cannot have an alias");
      }
      return new Alias(e, alias);
    }
    if (n.aliases != null) {
      return new Unresolved.MultiAlias(e, identifierList(n.aliases));
    }
    if (e instanceof Unresolved.Attribute || e instanceof Unresolved.Star) {
      return e;
    }
    return new Unresolved.AutoAlias(e);
  }

  /** A relation producing one row and no columns: the input of SELECT without FROM. */
  static LogicalPlan oneRowRelation() {
    return LocalRelation.oneRow();
  }

  // ================================================================== relations

  private LogicalPlan from(FromClauseContext ctx) {
    LogicalPlan plan = null;
    for (RelationContext r : ctx.relation()) {
      LogicalPlan next = relation(r);
      plan = plan == null ? next : new Join(plan, next, JoinType.INNER, null, List.of());
    }
    for (LateralViewContext lv : ctx.lateralView()) {
      List<Expression> args = new ArrayList<>();
      for (ExpressionContext a : lv.argument) {
        args.add(expression(a));
      }
      List<String> columns = new ArrayList<>();
      for (IdentifierContext c : lv.columnName) {
        columns.add(identifier(c));
      }
      Expression fn = new Unresolved.Function(qualifiedNameText(lv.functionName().qualifiedName()), args);
      plan = new LateralView(fn, lv.OUTER() != null, strictIdentifier(lv.tableName), columns, plan);
    }
    return plan;
  }

  private LogicalPlan relation(RelationContext ctx) {
    LogicalPlan plan = relationPrimary(ctx.relationPrimary());
    for (JoinRelationContext j : ctx.joinRelation()) {
      LogicalPlan right = relationPrimary(j.right);
      JoinType type = joinType(j.joinType());
      Expression condition = null;
      List<String> using = List.of();
      if (j.joinCriteria() != null) {
        if (j.joinCriteria().ON() != null) {
          condition = expression(j.joinCriteria().booleanExpression());
        } else {
          using = identifierList(j.joinCriteria().identifierList());
        }
      }
      if (j.NATURAL() != null) {
        if (j.joinCriteria() != null) {
          throw error(j.joinCriteria(), "a NATURAL JOIN takes no ON or USING: it joins on the columns both sides have");
        }
        if (type == JoinType.CROSS) {
          throw error(j, "NATURAL CROSS JOIN is not allowed; use CROSS JOIN or NATURAL JOIN");
        }
      }
      plan = new Join(plan, right, type, condition, using, j.NATURAL() != null);
    }
    return plan;
  }

  private static JoinType joinType(JoinTypeContext t) {
    if (t.CROSS() != null) {
      return JoinType.CROSS;
    }
    if (t.SEMI() != null) {
      return JoinType.LEFT_SEMI;
    }
    if (t.ANTI() != null) {
      return JoinType.LEFT_ANTI;
    }
    if (t.LEFT() != null) {
      return JoinType.LEFT_OUTER;
    }
    if (t.RIGHT() != null) {
      return JoinType.RIGHT_OUTER;
    }
    if (t.FULL() != null) {
      return JoinType.FULL_OUTER;
    }
    return JoinType.INNER;
  }

  private LogicalPlan relationPrimary(RelationPrimaryContext ctx) {
    if (ctx instanceof StreamTableNameContext c) {
      LogicalPlan plan = new UnresolvedRelation(nameParts(c.multipartIdentifier()), true);
      return aliased(watermark(plan, c.watermarkClause()), c.tableAlias());
    }
    if (ctx instanceof TableNameContext c) {
      LogicalPlan plan = tableOrCte(c.multipartIdentifier());
      return aliased(watermark(plan, c.watermarkClause()), c.tableAlias());
    }
    if (ctx instanceof AliasedQueryContext c) {
      LogicalPlan plan = watermark(query(c.query()), c.watermarkClause());
      if (c.tableAlias().strictIdentifier() == null) {
        return new SubqueryAlias(AUTO_SUBQUERY_NAME, plan);
      }
      return aliased(plan, c.tableAlias());
    }
    if (ctx instanceof AliasedRelationContext c) {
      return aliased(watermark(relation(c.relation()), c.watermarkClause()), c.tableAlias());
    }
    InlineTableRelationContext c = (InlineTableRelationContext) ctx;
    TableAliasContext alias = c.tableAlias();
    List<String> columns = alias.identifierList() == null ? null : identifierList(alias.identifierList());
    LogicalPlan plan = watermark(inlineTable(c.inlineTable(), columns), c.watermarkClause());
    return alias.strictIdentifier() == null ? plan : new SubqueryAlias(strictIdentifier(alias.strictIdentifier()), plan);
  }

  /** A table by name, or the inlined plan of a CTE of that name in scope. */
  private LogicalPlan tableOrCte(MultipartIdentifierContext ctx) {
    List<String> parts = nameParts(ctx);
    if (parts.size() == 1) {
      Cte cte = ctes.get(parts.get(0).toLowerCase(Locale.ROOT));
      if (cte != null) {
        Map<String, Cte> saved = ctes;
        ctes = cte.scope();
        try {
          LogicalPlan q = query(cte.query());
          return new SubqueryAlias(cte.name(), cte.columns().isEmpty() ? q : new UnresolvedColumnAliases(cte.columns(), q));
        } finally {
          ctes = saved;
        }
      }
    }
    return new UnresolvedRelation(parts, false);
  }

  private LogicalPlan aliased(LogicalPlan plan, TableAliasContext alias) {
    if (alias.strictIdentifier() == null) {
      return plan;
    }
    String name = strictIdentifier(alias.strictIdentifier());
    if (alias.identifierList() != null) {
      List<String> columns = new ArrayList<>();
      for (IdentifierContext c : alias.identifierList().identifier()) {
        columns.add(identifier(c));
      }
      return new SubqueryAlias(name, new UnresolvedColumnAliases(columns, plan));
    }
    return new SubqueryAlias(name, plan);
  }

  private LogicalPlan watermark(LogicalPlan plan, WatermarkClauseContext ctx) {
    if (ctx == null) {
      return plan;
    }
    Literals.Interval delay = interval(ctx.delay);
    long micros;
    try {
      micros = Math.addExact(Math.multiplyExact(delay.months(), 31L * DateTimeUtil.MICROS_PER_DAY), delay.micros());
    } catch (ArithmeticException e) {
      throw error(ctx.delay, "the watermark delay is too large");
    }
    if (micros < 0) {
      throw error(ctx.delay, "the watermark delay must not be negative");
    }
    return new EventTimeWatermark(new Unresolved.Attribute(qualifiedName(ctx.column)), micros, plan);
  }

  /** {@code VALUES (1, 'a'), (2, 'b')}: one projection of literals per row over a one-row relation, unioned. */
  private LogicalPlan inlineTable(InlineTableContext ctx, List<String> columnNames) {
    List<List<Expression>> rows = new ArrayList<>();
    for (ExpressionContext rowCtx : ctx.expression()) {
      List<Expression> row = new ArrayList<>();
      PrimaryExpressionContext p = primaryOf(rowCtx);
      if (p instanceof RowConstructorContext rc) {
        for (NamedExpressionContext n : rc.namedExpression()) {
          row.add(expression(n.expression()));
        }
      } else {
        row.add(expression(rowCtx));
      }
      if (!rows.isEmpty() && row.size() != rows.get(0).size()) {
        throw error(rowCtx, "every row of VALUES must have the same number of values; the first has "
            + rows.get(0).size() + ", this one " + row.size());
      }
      rows.add(row);
    }
    int width = rows.get(0).size();
    if (columnNames != null && columnNames.size() != width) {
      throw error(ctx, "VALUES has " + width + " columns but " + columnNames.size() + " column names are given");
    }
    List<LogicalPlan> projections = new ArrayList<>();
    for (List<Expression> row : rows) {
      List<Expression> items = new ArrayList<>();
      for (int i = 0; i < width; i++) {
        items.add(new Alias(row.get(i), columnNames != null ? columnNames.get(i) : "col" + (i + 1)));
      }
      projections.add(new Project(items, oneRowRelation()));
    }
    return projections.size() == 1 ? projections.get(0) : new Union(projections);
  }

  /** The primary expression an expression consists of, or null when it has operators. */
  private static PrimaryExpressionContext primaryOf(ExpressionContext ctx) {
    if (ctx.booleanExpression() instanceof PredicatedContext p && p.predicate() == null
        && p.valueExpression() instanceof ValueExpressionDefaultContext v) {
      return v.primaryExpression();
    }
    return null;
  }

  // ================================================================== expressions

  Expression namedExpression(NamedExpressionContext n) {
    Expression e = expression(n.expression());
    if (n.name != null) {
      return new Alias(e, identifier(n.name));
    }
    if (n.alias != null) {
      return new Alias(e, strictIdentifier(n.alias));
    }
    if (n.aliases != null) {
      return new Unresolved.MultiAlias(e, identifierList(n.aliases));
    }
    return e;
  }

  Expression expression(ExpressionContext ctx) {
    return expression(ctx.booleanExpression());
  }

  private Expression expression(BooleanExpressionContext ctx) {
    if (ctx instanceof LogicalNotContext c) {
      return fn("not", expression(c.booleanExpression()));
    }
    if (ctx instanceof LogicalBinaryContext c) {
      // Long AND/OR chains are left-deep: walk them iteratively so a large generated filter cannot overflow the stack.
      List<BooleanExpressionContext> operands = new ArrayList<>();
      BooleanExpressionContext cur = c;
      int op = c.operator.getType();
      while (cur instanceof LogicalBinaryContext b && b.operator.getType() == op) {
        operands.add(b.right);
        cur = b.left;
      }
      operands.add(cur);
      java.util.Collections.reverse(operands);
      List<Expression> terms = new ArrayList<>(operands.size());
      for (BooleanExpressionContext o : operands) {
        terms.add(expression(o));
      }
      // Balanced, as Spark builds it: a chain of n terms is log2(n) deep, not n.
      return balanced(op == SqlBaseLexer.AND ? "and" : "or", terms, 0, terms.size());
    }
    if (ctx instanceof ExistsContext c) {
      return new Exists(query(c.query()));
    }
    PredicatedContext p = (PredicatedContext) ctx;
    Expression value = value(p.valueExpression());
    return p.predicate() == null ? value : predicate(value, p.predicate());
  }

  private Expression balanced(String name, List<Expression> terms, int from, int to) {
    if (to - from == 1) {
      return terms.get(from);
    }
    int mid = from + (to - from + 1) / 2; // the larger half on the left, as Spark splits it
    return fn(name, balanced(name, terms, from, mid), balanced(name, terms, mid, to));
  }

  /**
   * {@code v [NOT] LIKE ANY|SOME|ALL (p1, p2, ...)} as Spark defines it: ANY is p1 OR p2 ..., ALL is
   * p1 AND p2 ...; NOT negates each LIKE (NOT LIKE ANY: some pattern does not match). SQL's three-valued
   * AND and OR give its NULL answers.
   */
  private Expression likeQuantified(String name, Expression v, PredicateContext ctx, boolean not) {
    if (ctx.patterns.isEmpty()) {
      throw error(ctx, "Expected something between '(' and ')': " + ctx.kind.getText() + " "
          + ctx.quantifier.getText() + " needs at least one pattern");
    }
    boolean all = ctx.quantifier.getType() == SqlBaseLexer.ALL;
    Expression out = null;
    for (ExpressionContext p : ctx.patterns) {
      Expression one = fn(name, v, expression(p));
      if (not) {
        one = fn("not", one);
      }
      out = out == null ? one : fn(all ? "and" : "or", out, one);
    }
    return out;
  }

  private Expression predicate(Expression v, PredicateContext ctx) {
    boolean not = ctx.NOT() != null;
    Expression e;
    switch (ctx.kind.getType()) {
      case SqlBaseLexer.BETWEEN -> e = fn("and", fn(">=", v, value(ctx.lower)), fn("<=", v, value(ctx.upper)));
      case SqlBaseLexer.IN -> {
        if (ctx.query() != null) {
          // (a, b) IN (SELECT x, y ...) compares column by column, as Spark reads a row constructor there.
          List<Expression> values = v instanceof Unresolved.Function f && f.name().equals("struct")
              ? f.arguments() : List.of(v);
          e = new InSubquery(values, query(ctx.query()));
          return not ? fn("not", e) : e;
        }
        List<Expression> args = new ArrayList<>();
        args.add(v);
        for (ExpressionContext x : ctx.expression()) {
          args.add(expression(x));
        }
        e = new Unresolved.Function("in", args);
      }
      case SqlBaseLexer.RLIKE, SqlBaseLexer.REGEXP -> e = fn("rlike", v, value(ctx.pattern));
      case SqlBaseLexer.LIKE, SqlBaseLexer.ILIKE -> {
        String name = ctx.kind.getType() == SqlBaseLexer.LIKE ? "like" : "ilike";
        if (ctx.quantifier != null) {
          return likeQuantified(name, v, ctx, not);
        }
        if (ctx.escapeChar != null) {
          String esc = string(ctx.escapeChar);
          if (esc.length() != 1) {
            throw error(ctx.escapeChar, "the ESCAPE string must be exactly one character, got '" + esc + "'");
          }
          e = fn(name, v, value(ctx.pattern), new Literal(esc, DataTypes.StringType));
        } else {
          e = fn(name, v, value(ctx.pattern));
        }
      }
      case SqlBaseLexer.NULL -> {
        return fn(not ? "isnotnull" : "isnull", v);
      }
      case SqlBaseLexer.TRUE, SqlBaseLexer.FALSE -> e = fn("<=>", v,
          ctx.kind.getType() == SqlBaseLexer.TRUE ? Literal.TRUE : Literal.FALSE);
      case SqlBaseLexer.UNKNOWN -> {
        return fn(not ? "isnotnull" : "isnull", v);
      }
      case SqlBaseLexer.DISTINCT -> {
        // a IS DISTINCT FROM b = NOT (a <=> b); IS NOT DISTINCT FROM is <=> itself.
        Expression eq = fn("<=>", v, value(ctx.right));
        return not ? eq : fn("not", eq);
      }
      default -> throw error(ctx, "unsupported predicate");
    }
    return not ? fn("not", e) : e;
  }

  private Expression value(ValueExpressionContext ctx) {
    if (ctx instanceof ValueExpressionDefaultContext c) {
      return primary(c.primaryExpression());
    }
    if (ctx instanceof ArithmeticUnaryContext c) {
      Expression x = value(c.valueExpression());
      return switch (c.operator.getType()) {
        case SqlBaseLexer.MINUS -> fn("negative", x);
        case SqlBaseLexer.PLUS -> fn("positive", x);
        default -> fn("~", x);
      };
    }
    if (ctx instanceof ArithmeticBinaryContext c) {
      String name = switch (c.operator.getType()) {
        case SqlBaseLexer.ASTERISK -> "*";
        case SqlBaseLexer.SLASH -> "/";
        case SqlBaseLexer.PERCENT -> "%";
        case SqlBaseLexer.DIV -> "div";
        case SqlBaseLexer.PLUS -> "+";
        case SqlBaseLexer.MINUS -> "-";
        case SqlBaseLexer.CONCAT_PIPE -> "concat";
        case SqlBaseLexer.AMPERSAND -> "&";
        case SqlBaseLexer.HAT -> "^";
        default -> "|";
      };
      return fn(name, value(c.left), value(c.right));
    }
    ComparisonContext c = (ComparisonContext) ctx;
    String name = switch (((TerminalNode) c.comparisonOperator().getChild(0)).getSymbol().getType()) {
      case SqlBaseLexer.EQ -> "=";
      case SqlBaseLexer.NEQ, SqlBaseLexer.NEQJ -> "<>";
      case SqlBaseLexer.LT -> "<";
      case SqlBaseLexer.LTE -> "<=";
      case SqlBaseLexer.GT -> ">";
      case SqlBaseLexer.GTE -> ">=";
      default -> "<=>";
    };
    return fn(name, value(c.left), value(c.right));
  }

  private Expression primary(PrimaryExpressionContext ctx) {
    if (ctx instanceof ColumnReferenceContext c) {
      return new Unresolved.Attribute(List.of(identifier(c.identifier())));
    }
    if (ctx instanceof DereferenceContext c) {
      Expression base = primary(c.base);
      String field = anyIdentifier(c.fieldName);
      if (base instanceof Unresolved.Attribute a
          && (c.base instanceof ColumnReferenceContext || c.base instanceof DereferenceContext)) {
        List<String> parts = new ArrayList<>(a.nameParts());
        parts.add(field);
        return new Unresolved.Attribute(parts);
      }
      return new Unresolved.ExtractValue(base, field);
    }
    if (ctx instanceof ConstantDefaultContext c) {
      return constant(c.constant());
    }
    if (ctx instanceof FunctionCallContext c) {
      return functionCall(c);
    }
    if (ctx instanceof FunctionStarContext c) {
      String name = qualifiedNameText(c.functionName().qualifiedName());
      Expression filter = c.filterClause() == null ? null : expression(c.filterClause().booleanExpression());
      Expression f = new Unresolved.Function(name, List.of(), false, filter, true);
      return c.overClause() == null ? f : window(f, c.overClause());
    }
    if (ctx instanceof ParenthesizedExpressionContext c) {
      return expression(c.expression());
    }
    if (ctx instanceof StarContext c) {
      return new Unresolved.Star(c.qualifiedName() == null ? List.of() : qualifiedName(c.qualifiedName()));
    }
    if (ctx instanceof CastContext c) {
      return new Unresolved.CastTo(expression(c.expression()), dataType(c.dataType()),
          c.name.getType() == SqlBaseLexer.TRY_CAST);
    }
    if (ctx instanceof CastByColonContext c) {
      return new Unresolved.CastTo(primary(c.primaryExpression()), dataType(c.dataType()), false);
    }
    if (ctx instanceof SearchedCaseContext c) {
      List<Expression> args = new ArrayList<>();
      for (WhenClauseContext w : c.whenClause()) {
        args.add(expression(w.condition));
        args.add(expression(w.result));
      }
      if (c.elseExpression != null) {
        args.add(expression(c.elseExpression));
      }
      return new Unresolved.Function("casewhen", args);
    }
    if (ctx instanceof SimpleCaseContext c) {
      Expression v = expression(c.value);
      List<Expression> args = new ArrayList<>();
      for (WhenClauseContext w : c.whenClause()) {
        args.add(fn("=", v, expression(w.condition)));
        args.add(expression(w.result));
      }
      if (c.elseExpression != null) {
        args.add(expression(c.elseExpression));
      }
      return new Unresolved.Function("casewhen", args);
    }
    if (ctx instanceof SubscriptContext c) {
      return fn("[]", primary(c.value), value(c.index));
    }
    if (ctx instanceof FirstLastIgnoreNullsContext c) {
      return fn(c.name.getText().toLowerCase(Locale.ROOT), expression(c.expression()), Literal.TRUE);
    }
    if (ctx instanceof ExtractContext c) {
      return extract(c);
    }
    if (ctx instanceof SubstringContext c) {
      List<Expression> args = new ArrayList<>(List.of(value(c.str), value(c.pos)));
      if (c.len != null) {
        args.add(value(c.len));
      }
      return new Unresolved.Function(c.name.getText().toLowerCase(Locale.ROOT), args);
    }
    if (ctx instanceof TrimContext c) {
      String name = c.trimOption == null || c.trimOption.getType() == SqlBaseLexer.BOTH ? "trim"
          : c.trimOption.getType() == SqlBaseLexer.LEADING ? "ltrim" : "rtrim";
      Expression src = value(c.srcStr);
      return c.trimStr == null ? fn(name, src) : fn(name, value(c.trimStr), src); // trim(trimStr, str)
    }
    if (ctx instanceof PositionContext c) {
      return fn("position", value(c.substr), value(c.str));
    }
    if (ctx instanceof RowConstructorContext c) {
      List<Expression> args = new ArrayList<>();
      for (NamedExpressionContext n : c.namedExpression()) {
        args.add(namedExpression(n));
      }
      return new Unresolved.Function("struct", args);
    }
    if (ctx instanceof SubqueryExpressionContext c) {
      return new ScalarSubquery(query(c.query()));
    }
    throw error(ctx, "unsupported expression");
  }

  private Expression functionCall(FunctionCallContext c) {
    String name = qualifiedNameText(c.functionName().qualifiedName());
    List<Expression> args = new ArrayList<>();
    for (ExpressionContext a : c.argument) {
      args.add(expression(a));
    }
    boolean distinct = c.setQuantifier() != null && c.setQuantifier().DISTINCT() != null;
    Expression filter = c.filterClause() == null ? null : expression(c.filterClause().booleanExpression());
    if (c.nullsOption != null && c.nullsOption.getType() == SqlBaseLexer.IGNORE) {
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.equals("nth_value")) {
        if (args.size() != 2) {
          throw error(c.nullsOption, "nth_value(...) IGNORE NULLS takes exactly two arguments");
        }
      } else if (!List.of("first", "last", "first_value", "last_value", "any_value").contains(lower)) {
        throw error(c.nullsOption, "IGNORE NULLS is supported for first, last, first_value, last_value, "
            + "any_value and nth_value only, not for " + name);
      } else if (args.size() != 1) {
        throw error(c.nullsOption, name + "(...) IGNORE NULLS takes exactly one argument");
      }
      args.add(Literal.TRUE);
    }
    Expression f = new Unresolved.Function(name, args, distinct, filter, false);
    return c.overClause() == null ? f : window(f, c.overClause());
  }

  private Expression window(Expression function, OverClauseContext over) {
    WindowSpecContext spec = over.windowSpec();
    if (spec == null) {
      IdentifierContext ref = over.windowName != null ? over.windowName : over.windowRef;
      String name = identifier(ref);
      spec = windows.get(name.toLowerCase(Locale.ROOT));
      if (spec == null) {
        throw error(ref, "window specification " + name + " is not defined in the WINDOW clause"
            + (windows.isEmpty() ? "; define it after HAVING: WINDOW " + name + " AS (PARTITION BY ... ORDER BY ...)"
                : " (defined: " + String.join(", ", windows.keySet()) + ")"));
      }
    }
    List<Expression> partitionBy = new ArrayList<>();
    for (ExpressionContext p : spec.partition) {
      partitionBy.add(expression(p));
    }
    WindowFrame frame = spec.windowFrame() == null ? null : frame(spec.windowFrame());
    return new UnresolvedWindowExpression(function, partitionBy, sortOrders(spec.sortItem()), frame);
  }

  /** {@code ROWS|RANGE [BETWEEN] start [AND end]}; a lone start bound ends at the current row, as in Spark. */
  private WindowFrame frame(WindowFrameContext c) {
    WindowFrame.Type type = c.frameType.getType() == SqlBaseLexer.ROWS ? WindowFrame.Type.ROWS : WindowFrame.Type.RANGE;
    WindowFrame.Bound lower = bound(c.start);
    WindowFrame.Bound upper = c.end == null ? WindowFrame.Bound.CURRENT_ROW : bound(c.end);
    return new WindowFrame(type, lower, upper);
  }

  private WindowFrame.Bound bound(FrameBoundContext b) {
    if (b.CURRENT() != null) {
      return WindowFrame.Bound.CURRENT_ROW;
    }
    boolean preceding = b.boundType.getType() == SqlBaseLexer.PRECEDING;
    if (b.UNBOUNDED() != null) {
      return preceding ? WindowFrame.Bound.UNBOUNDED_PRECEDING : WindowFrame.Bound.UNBOUNDED_FOLLOWING;
    }
    Expression offset = value(b.valueExpression());
    if (!(offset instanceof Literal) && !(offset instanceof UnaryMinus u && u.child() instanceof Literal)) {
      // Spark's parser: _LEGACY_ERROR_TEMP_0064.
      throw error(b, "Frame bound value must be a literal, not " + offset.sql());
    }
    return new WindowFrame.Bound(preceding ? WindowFrame.BoundKind.PRECEDING : WindowFrame.BoundKind.FOLLOWING, offset);
  }

  private Expression extract(ExtractContext c) {
    String field = anyIdentifier(c.field).toLowerCase(Locale.ROOT);
    String fn = switch (field) {
      case "year", "years", "y", "yr", "yrs", "yyyy" -> "year";
      case "quarter", "qtr" -> "quarter";
      case "month", "months", "mon", "mons" -> "month";
      case "week", "weeks", "w" -> "weekofyear";
      case "day", "days", "d" -> "day";
      case "dayofweek", "dow" -> "dayofweek";
      case "dayofweek_iso", "dow_iso" -> "weekday";
      case "doy" -> "dayofyear";
      case "hour", "hours", "h", "hr", "hrs" -> "hour";
      case "minute", "minutes", "m", "min", "mins" -> "minute";
      case "second", "seconds", "s", "sec", "secs" -> "second";
      default -> throw error(c.field, "EXTRACT does not know the field '" + anyIdentifier(c.field)
          + "'; use YEAR, QUARTER, MONTH, WEEK, DAY, DAYOFWEEK, DOY, HOUR, MINUTE or SECOND");
    };
    return fn(fn, value(c.source));
  }

  private static Unresolved.Function fn(String name, Expression... args) {
    return new Unresolved.Function(name, List.of(args));
  }

  // ================================================================== literals

  private Expression constant(ConstantContext ctx) {
    if (ctx instanceof NullLiteralContext) {
      return Literal.NULL;
    }
    if (ctx instanceof BooleanLiteralContext c) {
      return c.booleanValue().TRUE() != null ? Literal.TRUE : Literal.FALSE;
    }
    if (ctx instanceof StringLiteralContext c) {
      StringBuilder sb = new StringBuilder();
      for (StringLitContext s : c.stringLit()) {
        sb.append(string(s));
      }
      return new Literal(sb.toString(), DataTypes.StringType);
    }
    if (ctx instanceof NumericLiteralContext c) {
      return number(c.number());
    }
    if (ctx instanceof TypedLiteralContext c) {
      String text = string(c.stringLit());
      if (c.literalType.getType() == SqlBaseLexer.DATE) {
        Integer days = DateTimeUtil.parseDate(text);
        if (days == null) {
          throw error(c, "'" + text + "' is not a valid DATE; write it as 'yyyy-MM-dd'");
        }
        return new Literal(days, DataTypes.DateType);
      }
      Long micros = DateTimeUtil.parseTimestamp(text);
      if (micros == null) {
        throw error(c, "'" + text + "' is not a valid TIMESTAMP; write it as 'yyyy-MM-dd HH:mm:ss[.ffffff]'");
      }
      return new Literal(micros, DataTypes.TimestampType);
    }
    if (ctx instanceof IntervalLiteralContext c) {
      Literals.Interval i = interval(c.interval());
      if (i.hasMonths() && i.hasMicros()) {
        throw error(c, "an interval cannot mix YEAR/MONTH with DAY/HOUR/MINUTE/SECOND units; add two intervals instead");
      }
      if (i.hasMonths()) {
        try {
          return new Literal(Math.toIntExact(i.months()), DataTypes.YearMonthIntervalType);
        } catch (ArithmeticException e) {
          throw error(c, "the interval is too large");
        }
      }
      return new Literal(i.micros(), DataTypes.DayTimeIntervalType);
    }
    BinaryLiteralContext c = (BinaryLiteralContext) ctx;
    String text = c.getText();
    String hex = text.substring(2, text.length() - 1);
    if (hex.length() % 2 == 1) {
      hex = "0" + hex;
    }
    return new Literal(HexFormat.of().parseHex(hex), DataTypes.BinaryType);
  }

  private Literals.Interval interval(IntervalContext ctx) {
    try {
      if (ctx instanceof StringIntervalContext c) {
        return Literals.interval(string(c.stringLit()));
      }
      if (ctx instanceof UnitToUnitIntervalContext c) {
        return Literals.interval(intervalValueText(c.intervalValue()), c.from.getText(), c.to.getText());
      }
      MultiUnitsIntervalContext c = (MultiUnitsIntervalContext) ctx;
      Literals.Interval total = Literals.Interval.ZERO;
      for (int i = 0; i < c.intervalValue().size(); i++) {
        IntervalValueContext v = c.intervalValue(i);
        String unit = c.intervalUnit(i).getText();
        Literals.Interval part;
        if (v.stringLit() != null && v.MINUS() == null && v.PLUS() == null) {
          String s = string(v.stringLit()).trim();
          part = Literals.interval(s, unit);
        } else {
          part = Literals.interval(intervalValueText(v), unit);
        }
        total = total.plus(part);
      }
      return total;
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw error(ctx, "invalid interval: " + e.getMessage());
    }
  }

  private String intervalValueText(IntervalValueContext v) {
    String sign = v.MINUS() != null ? "-" : "";
    String body = v.stringLit() != null ? string(v.stringLit()).trim() : v.getChild(v.getChildCount() - 1).getText();
    if (!sign.isEmpty() && body.startsWith("-")) {
      return body.substring(1);
    }
    return sign + body;
  }

  private Expression number(NumberContext ctx) {
    Token t = ((TerminalNode) ctx.getChild(ctx.getChildCount() - 1)).getSymbol();
    String sign = ctx.getChildCount() > 1 ? "-" : "";
    String text = t.getText();
    try {
      switch (t.getType()) {
        case SqlBaseLexer.INTEGER_VALUE -> {
          BigInteger v = new BigInteger(sign + text);
          if (v.bitLength() < 32) {
            return new Literal(v.intValue(), DataTypes.IntegerType);
          }
          if (v.bitLength() < 64) {
            return new Literal(v.longValue(), DataTypes.LongType);
          }
          return decimal(ctx, new BigDecimal(v));
        }
        case SqlBaseLexer.BIGINT_LITERAL -> {
          return new Literal(Long.parseLong(sign + strip(text, 1)), DataTypes.LongType);
        }
        case SqlBaseLexer.SMALLINT_LITERAL -> {
          return new Literal((int) Short.parseShort(sign + strip(text, 1)), DataTypes.IntegerType);
        }
        case SqlBaseLexer.TINYINT_LITERAL -> {
          return new Literal((int) Byte.parseByte(sign + strip(text, 1)), DataTypes.IntegerType);
        }
        case SqlBaseLexer.EXPONENT_VALUE -> {
          return doubleLiteral(ctx, sign + text);
        }
        case SqlBaseLexer.DOUBLE_LITERAL, SqlBaseLexer.FLOAT_LITERAL -> {
          return doubleLiteral(ctx, sign + strip(text, 1));
        }
        case SqlBaseLexer.BIGDECIMAL_LITERAL -> {
          return decimal(ctx, new BigDecimal(sign + strip(text, 2)));
        }
        default -> {
          return decimal(ctx, new BigDecimal(sign + text));
        }
      }
    } catch (NumberFormatException e) {
      String type = switch (t.getType()) {
        case SqlBaseLexer.BIGINT_LITERAL -> "BIGINT";
        case SqlBaseLexer.SMALLINT_LITERAL -> "SMALLINT";
        case SqlBaseLexer.TINYINT_LITERAL -> "TINYINT";
        default -> "a number";
      };
      throw error(ctx, "the literal " + sign + text + " is out of range for " + type);
    }
  }

  private static String strip(String text, int suffix) {
    return text.substring(0, text.length() - suffix);
  }

  private Expression doubleLiteral(ParserRuleContext ctx, String text) {
    double d = Double.parseDouble(text);
    if (Double.isInfinite(d)) {
      throw error(ctx, "the literal " + text + " is out of range for DOUBLE");
    }
    return new Literal(d, DataTypes.DoubleType);
  }

  private Expression decimal(ParserRuleContext ctx, BigDecimal v) {
    int scale = Math.max(v.scale(), 0);
    int precision = Math.max(v.precision() - v.scale() + scale, scale);
    if (precision > DecimalType.MAX_PRECISION) {
      throw error(ctx, "the literal " + v.toPlainString() + " needs " + precision
          + " digits; DECIMAL allows at most 38 (write it with a D suffix for a DOUBLE)");
    }
    return Literal.of(v);
  }

  private static String string(StringLitContext ctx) {
    return Literals.unquote(ctx.getStart().getText());
  }

  // ================================================================== types

  DataType dataType(DataTypeContext ctx) {
    if (ctx instanceof ArrayDataTypeContext c) {
      return new ArrayType(dataType(c.dataType()), true);
    }
    if (ctx instanceof MapDataTypeContext c) {
      return new MapType(dataType(c.dataType(0)), dataType(c.dataType(1)), true);
    }
    if (ctx instanceof StructDataTypeContext c) {
      List<StructField> fields = new ArrayList<>();
      if (c.complexColTypeList() != null) {
        for (ComplexColTypeContext f : c.complexColTypeList().complexColType()) {
          fields.add(new StructField(anyIdentifier(f.name), dataType(f.dataType()), f.NOT() == null));
        }
      }
      return new StructType(fields);
    }
    PrimitiveDataTypeContext c = (PrimitiveDataTypeContext) ctx;
    String name = c.typeName.getText().toLowerCase(Locale.ROOT);
    List<Integer> params = new ArrayList<>();
    for (TerminalNode n : c.INTEGER_VALUE()) {
      try {
        params.add(Integer.parseInt(n.getText()));
      } catch (NumberFormatException e) {
        throw error(c, "the type parameter " + n.getText() + " is too large");
      }
    }
    DataType simple = SimpleDdl.type(name);
    if (simple != null) {
      if (!params.isEmpty()) {
        throw error(c, "the type " + name.toUpperCase(Locale.ROOT) + " takes no parameters");
      }
      return simple;
    }
    switch (name) {
      case "varchar", "char", "character" -> {
        if (params.size() != 1) {
          throw error(c, name.toUpperCase(Locale.ROOT) + " needs one length parameter, e.g. " + name.toUpperCase(Locale.ROOT) + "(10)");
        }
        return DataTypes.StringType;
      }
      case "decimal", "dec", "numeric" -> {
        if (params.size() > 2) {
          throw error(c, "DECIMAL takes at most two parameters: DECIMAL(precision, scale)");
        }
        int precision = params.isEmpty() ? 10 : params.get(0);
        int scale = params.size() < 2 ? 0 : params.get(1);
        if (precision < 1 || precision > DecimalType.MAX_PRECISION) {
          throw error(c, "DECIMAL precision " + precision + " is out of range [1, 38]");
        }
        if (scale > precision) {
          throw error(c, "DECIMAL scale " + scale + " cannot be larger than the precision " + precision);
        }
        return new DecimalType(precision, scale);
      }
      default -> throw error(c, "unsupported data type " + c.typeName.getText().toUpperCase(Locale.ROOT)
          + "; use BOOLEAN, INT, BIGINT, DOUBLE, DECIMAL(p,s), STRING, BINARY, DATE, TIMESTAMP, ARRAY<>, MAP<>"
          + " or STRUCT<>");
    }
  }

  StructType schema(ColTypeListContext ctx) {
    List<StructField> fields = new ArrayList<>();
    for (ColTypeContext c : ctx.colType()) {
      fields.add(new StructField(anyIdentifier(c.name), dataType(c.dataType()), c.NOT() == null));
    }
    return new StructType(fields);
  }

  // ================================================================== identifiers

  static String identifier(IdentifierContext ctx) {
    if (ctx.strictIdentifier() != null) {
      return strictIdentifier(ctx.strictIdentifier());
    }
    return ctx.getText();
  }

  static String strictIdentifier(StrictIdentifierContext ctx) {
    if (ctx instanceof QuotedIdentifierContext q) {
      return Literals.unquoteIdentifier(q.getText());
    }
    return ctx.getText();
  }

  static String anyIdentifier(AnyIdentifierContext ctx) {
    return ctx.identifier() != null ? identifier(ctx.identifier()) : ctx.getText();
  }

  static List<String> nameParts(MultipartIdentifierContext ctx) {
    List<String> parts = new ArrayList<>();
    parts.add(identifier(ctx.identifier()));
    for (AnyIdentifierContext a : ctx.anyIdentifier()) {
      parts.add(anyIdentifier(a));
    }
    return parts;
  }

  static List<String> qualifiedName(QualifiedNameContext ctx) {
    List<String> parts = new ArrayList<>();
    parts.add(identifier(ctx.identifier()));
    for (AnyIdentifierContext a : ctx.anyIdentifier()) {
      parts.add(anyIdentifier(a));
    }
    return parts;
  }

  private static String qualifiedNameText(QualifiedNameContext ctx) {
    return String.join(".", qualifiedName(ctx));
  }

  /** A statement's object name: parts joined by dots, quoted where needed so it splits back the same. */
  private static String name(MultipartIdentifierContext ctx) {
    List<String> parts = nameParts(ctx);
    StringBuilder sb = new StringBuilder();
    for (String p : parts) {
      sb.append(sb.length() == 0 ? "" : ".").append(Literals.quoteIfNeeded(p));
    }
    return sb.toString();
  }

  private static List<String> identifierList(IdentifierListContext ctx) {
    List<String> out = new ArrayList<>();
    for (IdentifierContext i : ctx.identifier()) {
      out.add(identifier(i));
    }
    return out;
  }

  // ================================================================== errors

  static ParseException error(ParserRuleContext ctx, String detail) {
    return error(ctx.getStart(), detail);
  }

  static ParseException error(Token t, String detail) {
    return new ParseException(ParserErrors.describe(t), t.getLine(), t.getCharPositionInLine(), detail);
  }
}
