package dev.sluice.sql;

import static dev.sluice.sql.Trees.col;
import static dev.sluice.sql.Trees.fn;
import static dev.sluice.sql.Trees.lines;
import static dev.sluice.sql.Trees.lit;
import static dev.sluice.sql.Trees.shape;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.plan.expr.Alias;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.SortOrder;
import dev.sluice.plan.expr.Unresolved;
import dev.sluice.plan.logical.Aggregate;
import dev.sluice.plan.logical.EventTimeWatermark;
import dev.sluice.plan.logical.Filter;
import dev.sluice.plan.logical.Join;
import dev.sluice.plan.logical.JoinType;
import dev.sluice.plan.logical.Limit;
import dev.sluice.plan.logical.LocalRelation;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Project;
import dev.sluice.plan.logical.SetOperation;
import dev.sluice.plan.logical.Sort;
import dev.sluice.plan.logical.SubqueryAlias;
import dev.sluice.plan.logical.UnresolvedRelation;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlParserQueryTest {

  private static LogicalPlan parse(String sql) {
    return SqlParser.parseQuery(sql);
  }

  private static UnresolvedRelation table(String... parts) {
    return new UnresolvedRelation(List.of(parts), false);
  }

  // ------------------------------------------------------------------ select list

  @Test
  void selectListKeepsColumnsAliasesAndAutoAliases() {
    Project p = (Project) parse("SELECT id, name AS n, amount * 2 doubled, upper(name), * , t.* FROM orders");
    assertThat(p.child()).isEqualTo(table("orders"));
    List<?> items = p.projectList();
    assertThat(items.get(0)).isEqualTo(col("id"));
    assertThat(items.get(1)).isInstanceOf(Alias.class);
    assertThat(((Alias) items.get(1)).name()).isEqualTo("n");
    assertThat(((Alias) items.get(1)).child()).isEqualTo(col("name"));
    assertThat(((Alias) items.get(2)).name()).isEqualTo("doubled");
    assertThat(((Alias) items.get(2)).child()).isEqualTo(fn("*", col("amount"), lit(2)));
    assertThat(items.get(3)).isEqualTo(new Unresolved.AutoAlias(fn("upper", col("name"))));
    assertThat(items.get(4)).isEqualTo(new Unresolved.Star(List.of()));
    assertThat(items.get(5)).isEqualTo(new Unresolved.Star(List.of("t")));
  }

  @Test
  void selectWithoutFromReadsOneRowWithNoColumns() {
    Project p = (Project) parse("SELECT 1 AS one");
    LocalRelation r = (LocalRelation) p.child();
    assertThat(r.output()).isEmpty();
    assertThat(r.numRows()).isEqualTo(1);
  }

  @Test
  void columnAliasesAfterARelationAlias() {
    assertThat(shape(parse("SELECT a FROM t AS x(a, b)"))).isEqualTo(lines(
        "Project [a]",
        "+- SubqueryAlias x",
        "   +- UnresolvedColumnAliases [a, b]",
        "      +- UnresolvedRelation [t] false"));
  }

  @Test
  void selectDistinct() {
    assertThat(shape(parse("SELECT DISTINCT k FROM events"))).isEqualTo(lines(
        "Distinct",
        "+- Project [k]",
        "   +- UnresolvedRelation [events] false"));
  }

  // ------------------------------------------------------------------ query shape

  @Test
  void whereGroupByHavingOrderByLimitStackInSparkOrder() {
    LogicalPlan plan = parse("SELECT k, sum(v) AS total FROM events WHERE v > 0 GROUP BY k "
        + "HAVING sum(v) > 10 ORDER BY total DESC LIMIT 3");
    assertThat(shape(plan)).isEqualTo(lines(
        "Limit 3",
        "+- Sort [total DESC NULLS LAST]",
        "   +- Filter [>(sum(v), 10)]",
        "      +- Aggregate keys=[k] [k, sum(v) AS total]",
        "         +- Filter [>(v, 0)]",
        "            +- UnresolvedRelation [events] false"));
    Limit limit = (Limit) plan;
    assertThat(limit.limit()).isEqualTo(3);
    Aggregate agg = (Aggregate) ((Filter) ((Sort) limit.child()).child()).child();
    assertThat(agg.groupingExpressions()).containsExactly(col("k"));
  }

  @Test
  void aggregateWithoutGroupByStaysAProject() {
    Project p = (Project) parse("SELECT count(*) AS cnt, sum(v) AS total FROM events");
    assertThat(p.child()).isEqualTo(table("events"));
  }

  @Test
  void havingWithoutGroupByIsAGlobalAggregate() {
    assertThat(shape(parse("SELECT count(*) AS n FROM t HAVING count(*) > 1"))).isEqualTo(lines(
        "Filter [>(count(*), 1)]",
        "+- Aggregate keys=[] [count(*) AS n]",
        "   +- UnresolvedRelation [t] false"));
  }

  @Test
  void groupByOrdinalsAliasesAndExpressions() {
    Aggregate a = (Aggregate) parse("SELECT k, window.start AS ws, count(*) FROM events "
        + "GROUP BY 1, ws, window(ts, '10 seconds')");
    assertThat(a.groupingExpressions()).containsExactly(new Unresolved.Ordinal(1), col("ws"),
        fn("window", col("ts"), Trees.str("10 seconds")));
    assertThat(a.aggregateExpressions().get(2))
        .isEqualTo(new Unresolved.AutoAlias(new Unresolved.Function("count", List.of(), false, null, true)));
  }

  private static List<Expression> groups(String groupBy) {
    return ((Aggregate) parse("SELECT count(*) FROM t GROUP BY " + groupBy)).groupingExpressions();
  }

  private static Unresolved.GroupingSets sets(List<Expression> userGiven, List<List<Expression>> sets) {
    return Unresolved.GroupingSets.of(userGiven, sets);
  }

  @Test
  void groupByCubeRollupAndGroupingSetsSpellOutTheirSets() {
    Expression a = col("a");
    Expression b = col("b");
    assertThat(groups("CUBE(a, b)")).containsExactly(
        sets(List.of(), List.of(List.of(a, b), List.of(a), List.of(b), List.of())));
    assertThat(groups("a, b WITH CUBE")).isEqualTo(groups("CUBE(a, b)"));
    assertThat(groups("ROLLUP(a, (a, b))")).containsExactly(
        sets(List.of(), List.of(List.of(a, a, b), List.of(a), List.of())));
    assertThat(groups("a, b WITH ROLLUP")).isEqualTo(groups("ROLLUP(a, b)"));
    // Nested analytics flatten into the outer GROUPING SETS; an ordinal stays a position.
    assertThat(groups("a, GROUPING SETS (ROLLUP(b), (a, 1), ())")).containsExactly(a,
        sets(List.of(), List.of(List.of(b), List.of(), List.of(a, new Unresolved.Ordinal(1)), List.of())));
    // Hive's form: the GROUP BY list comes first, as the grouping columns.
    Unresolved.GroupingSets hive = (Unresolved.GroupingSets) groups("a, b GROUPING SETS ((a), a, ())").get(0);
    assertThat(hive.userGiven()).isEqualTo(2);
    assertThat(hive.expressionSets()).containsExactly(List.of(a), List.of(a), List.of());
    // The words stay names elsewhere.
    assertThat(groups("cube, rollup, grouping, sets")).containsExactly(col("cube"), col("rollup"), col("grouping"),
        col("sets"));
    assertThat(groups("cube(a)")).containsExactly(sets(List.of(), List.of(List.of(a), List.of())));
  }

  @Test
  void allIsAQuantifierOrAName() {
    assertThat(groups("ALL")).containsExactly(col("ALL"));
    Project p = (Project) parse("SELECT ALL a FROM t");
    assertThat(p.projectList()).containsExactly(col("a"));
    p = (Project) parse("SELECT all, b AS all FROM t AS x(all, b)");
    assertThat(p.projectList().get(0)).isEqualTo(col("all"));
    assertThat(((Alias) p.projectList().get(1)).name()).isEqualTo("all");
    Sort s = (Sort) parse("SELECT * FROM t ORDER BY ALL DESC");
    assertThat(s.order()).containsExactly(new SortOrder(col("ALL"), false, false));
  }

  @Test
  void orderByDirectionsNullOrderingAndOrdinals() {
    Sort s = (Sort) parse("SELECT a, b, c, d FROM t ORDER BY a, b DESC, c ASC NULLS LAST, d DESC NULLS FIRST, 2");
    assertThat(s.order()).containsExactly(
        new SortOrder(col("a"), true, true),
        new SortOrder(col("b"), false, false),
        new SortOrder(col("c"), true, false),
        new SortOrder(col("d"), false, true),
        new SortOrder(new Unresolved.Ordinal(2), true, true));
  }

  @Test
  void limitAll() {
    assertThat(parse("SELECT a FROM t LIMIT ALL")).isInstanceOf(Project.class);
    assertThat(((Limit) parse("SELECT a FROM t LIMIT 0")).limit()).isZero();
  }

  // ------------------------------------------------------------------ set operations

  @Test
  void unionAllAndUnionDistinct() {
    assertThat(shape(parse("SELECT k FROM a UNION ALL SELECT k FROM b"))).isEqualTo(lines(
        "Union false false",
        ":- Project [k]",
        ":  +- UnresolvedRelation [a] false",
        "+- Project [k]",
        "   +- UnresolvedRelation [b] false"));
    assertThat(shape(parse("SELECT k FROM a UNION SELECT k FROM b")))
        .isEqualTo(shape(parse("SELECT k FROM a UNION DISTINCT SELECT k FROM b")))
        .startsWith("Distinct\n+- Union");
  }

  @Test
  void exceptMinusAndIntersect() {
    SetOperation e = (SetOperation) parse("SELECT k FROM events EXCEPT SELECT k FROM blocked");
    assertThat(e.kind()).isEqualTo(SetOperation.Kind.EXCEPT);
    assertThat(e.all()).isFalse();
    SetOperation m = (SetOperation) parse("SELECT k FROM a MINUS ALL SELECT k FROM b");
    assertThat(m.kind()).isEqualTo(SetOperation.Kind.EXCEPT);
    assertThat(m.all()).isTrue();
    SetOperation i = (SetOperation) parse("SELECT k FROM a INTERSECT DISTINCT SELECT k FROM b");
    assertThat(i.kind()).isEqualTo(SetOperation.Kind.INTERSECT);
    assertThat(i.all()).isFalse();
  }

  @Test
  void intersectBindsTighterThanUnionAndOrderByAppliesToTheWhole() {
    assertThat(shape(parse("SELECT k FROM a UNION ALL SELECT k FROM b INTERSECT SELECT k FROM c ORDER BY k")))
        .isEqualTo(lines(
            "Sort [k ASC NULLS FIRST]",
            "+- Union false false",
            "   :- Project [k]",
            "   :  +- UnresolvedRelation [a] false",
            "   +- SetOperation INTERSECT false",
            "      :- Project [k]",
            "      :  +- UnresolvedRelation [b] false",
            "      +- Project [k]",
            "         +- UnresolvedRelation [c] false"));
    assertThat(shape(parse("(SELECT k FROM a LIMIT 1) UNION ALL (SELECT k FROM b)")))
        .startsWith("Union false false\n:- Limit 1");
  }

  // ------------------------------------------------------------------ relations

  @Test
  void tableNamesAliasesAndStreams() {
    assertThat(parse("SELECT * FROM db.events")).isEqualTo(new Project(List.of(new Unresolved.Star(List.of())),
        table("db", "events")));
    assertThat(((Project) parse("SELECT * FROM events e")).child())
        .isEqualTo(new SubqueryAlias("e", table("events")));
    assertThat(((Project) parse("SELECT * FROM events AS e")).child())
        .isEqualTo(new SubqueryAlias("e", table("events")));
    UnresolvedRelation stream = new UnresolvedRelation(List.of("events"), true);
    assertThat(((Project) parse("SELECT * FROM STREAM(events)")).child()).isEqualTo(stream);
    assertThat(((Project) parse("SELECT * FROM stream events")).child()).isEqualTo(stream);
    assertThat(((Project) parse("SELECT * FROM STREAM(events) AS e")).child())
        .isEqualTo(new SubqueryAlias("e", stream));
    assertThat(((Project) parse("SELECT * FROM stream")).child()).isEqualTo(table("stream"));
  }

  @Test
  void directFileReferencesAreTwoPartNames() {
    assertThat(((Project) parse("SELECT * FROM json.`/data/in/*.json`")).child())
        .isEqualTo(table("json", "/data/in/*.json"));
    assertThat(((Project) parse("SELECT * FROM parquet.`s3://b/p` p")).child())
        .isEqualTo(new SubqueryAlias("p", table("parquet", "s3://b/p")));
  }

  @Test
  void subqueriesWithAndWithoutAlias() {
    assertThat(shape(parse("SELECT x FROM (SELECT a AS x FROM t) s"))).isEqualTo(lines(
        "Project [x]",
        "+- SubqueryAlias s",
        "   +- Project [a AS x]",
        "      +- UnresolvedRelation [t] false"));
    assertThat(shape(parse("SELECT cnt FROM (SELECT count(*) AS cnt FROM t) GROUP BY cnt"))).isEqualTo(lines(
        "Aggregate keys=[cnt] [cnt]",
        "+- SubqueryAlias __auto_generated_subquery_name",
        "   +- Project [count(*) AS cnt]",
        "      +- UnresolvedRelation [t] false"));
  }

  @Test
  void watermarkGoesRightAboveTheRelationAndBelowTheAlias() {
    LogicalPlan p = ((Project) parse(
        "SELECT * FROM STREAM(events) WATERMARK ts DELAY OF INTERVAL 10 SECONDS AS e")).child();
    assertThat(p).isInstanceOf(SubqueryAlias.class);
    EventTimeWatermark w = (EventTimeWatermark) ((SubqueryAlias) p).child();
    assertThat(w.eventTime()).isEqualTo(col("ts"));
    assertThat(w.delayMicros()).isEqualTo(10_000_000L);
    assertThat(w.child()).isEqualTo(new UnresolvedRelation(List.of("events"), true));

    for (String delay : List.of("INTERVAL '10' SECOND", "INTERVAL '10 seconds'", "INTERVAL 10 SECONDS")) {
      EventTimeWatermark w2 = (EventTimeWatermark) ((Project) parse(
          "SELECT * FROM events WATERMARK e.ts DELAY OF " + delay)).child();
      assertThat(w2.delayMicros()).as(delay).isEqualTo(10_000_000L);
      assertThat(w2.eventTime()).isEqualTo(col("e", "ts"));
    }
    assertThat(shape(parse("SELECT * FROM (SELECT * FROM t) WATERMARK ts DELAY OF INTERVAL 1 MINUTE s")))
        .isEqualTo(lines(
            "Project [*]",
            "+- SubqueryAlias s",
            "   +- EventTimeWatermark ts, delay=60000ms",
            "      +- Project [*]",
            "         +- UnresolvedRelation [t] false"));
  }

  @Test
  void inlineTablesAreUnionsOfOneRowProjections() {
    assertThat(shape(parse("VALUES (1, 'a'), (2, 'b')"))).isEqualTo(lines(
        "Union false false",
        ":- Project [1 AS col1, a AS col2]",
        ":  +- LocalRelation [] rows=1",
        "+- Project [2 AS col1, b AS col2]",
        "   +- LocalRelation [] rows=1"));
    assertThat(shape(parse("SELECT id FROM VALUES (1, 'x') AS v(id, name)"))).isEqualTo(lines(
        "Project [id]",
        "+- SubqueryAlias v",
        "   +- Project [1 AS id, x AS name]",
        "      +- LocalRelation [] rows=1"));
    assertThat(shape(parse("SELECT * FROM (VALUES 1, 2) t"))).contains("Project [1 AS col1]", "Project [2 AS col1]");
  }

  @Test
  void tableStatementReadsATable() {
    assertThat(parse("TABLE events")).isEqualTo(table("events"));
  }

  // ------------------------------------------------------------------ joins

  @Test
  void joinTypes() {
    assertJoin("a JOIN b ON a.id = b.id", JoinType.INNER);
    assertJoin("a INNER JOIN b ON a.id = b.id", JoinType.INNER);
    assertJoin("a LEFT JOIN b ON a.id = b.id", JoinType.LEFT_OUTER);
    assertJoin("a LEFT OUTER JOIN b ON a.id = b.id", JoinType.LEFT_OUTER);
    assertJoin("a RIGHT JOIN b ON a.id = b.id", JoinType.RIGHT_OUTER);
    assertJoin("a RIGHT OUTER JOIN b ON a.id = b.id", JoinType.RIGHT_OUTER);
    assertJoin("a FULL JOIN b ON a.id = b.id", JoinType.FULL_OUTER);
    assertJoin("a FULL OUTER JOIN b ON a.id = b.id", JoinType.FULL_OUTER);
    assertJoin("a LEFT SEMI JOIN b ON a.id = b.id", JoinType.LEFT_SEMI);
    assertJoin("a SEMI JOIN b ON a.id = b.id", JoinType.LEFT_SEMI);
    assertJoin("a LEFT ANTI JOIN b ON a.id = b.id", JoinType.LEFT_ANTI);
    assertJoin("a ANTI JOIN b ON a.id = b.id", JoinType.LEFT_ANTI);
  }

  private static void assertJoin(String from, JoinType type) {
    Join j = (Join) ((Project) parse("SELECT * FROM " + from)).child();
    assertThat(j.joinType()).as(from).isEqualTo(type);
    assertThat(j.left()).isEqualTo(table("a"));
    assertThat(j.right()).isEqualTo(table("b"));
    assertThat(j.condition()).isEqualTo(fn("=", col("a", "id"), col("b", "id")));
    assertThat(j.usingColumns()).isEmpty();
  }

  @Test
  void crossCommaAndUsingJoins() {
    Join cross = (Join) ((Project) parse("SELECT * FROM a CROSS JOIN b")).child();
    assertThat(cross.joinType()).isEqualTo(JoinType.CROSS);
    assertThat(cross.condition()).isNull();
    Join comma = (Join) ((Project) parse("SELECT * FROM a, b")).child();
    assertThat(comma).isEqualTo(new Join(table("a"), table("b"), JoinType.INNER, null, List.of()));
    Join using = (Join) ((Project) parse("SELECT * FROM a JOIN b USING (x, y)")).child();
    assertThat(using.usingColumns()).containsExactly("x", "y");
    assertThat(using.condition()).isNull();
    Join noCondition = (Join) ((Project) parse("SELECT * FROM a JOIN b")).child();
    assertThat(noCondition.joinType()).isEqualTo(JoinType.INNER);
    assertThat(noCondition.condition()).isNull();
  }

  @Test
  void joinsChainLeftDeepWithAliases() {
    assertThat(shape(parse("SELECT i.adId FROM impressions i JOIN clicks c ON i.adId = c.clickAdId "
        + "LEFT OUTER JOIN dim d ON d.id = i.adId"))).isEqualTo(lines(
            "Project [i.adId]",
            "+- Join [=(d.id, i.adId)] LEFT_OUTER []",
            "   :- Join [=(i.adId, c.clickAdId)] INNER []",
            "   :  :- SubqueryAlias i",
            "   :  :  +- UnresolvedRelation [impressions] false",
            "   :  +- SubqueryAlias c",
            "   :     +- UnresolvedRelation [clicks] false",
            "   +- SubqueryAlias d",
            "      +- UnresolvedRelation [dim] false"));
  }

  @Test
  void tablesNamedLeftAndRight() {
    assertThat(shape(parse("SELECT left.id, l, r FROM left JOIN right ON left.id = right.id"))).isEqualTo(lines(
        "Project [left.id, l, r]",
        "+- Join [=(left.id, right.id)] INNER []",
        "   :- UnresolvedRelation [left] false",
        "   +- UnresolvedRelation [right] false"));
    assertThat(shape(parse("SELECT left.id FROM left LEFT OUTER JOIN right ON left.id = right.id")))
        .contains("Join [=(left.id, right.id)] LEFT_OUTER []");
  }

  @Test
  void parenthesizedJoins() {
    assertThat(shape(parse("SELECT * FROM (a JOIN b ON a.x = b.x) ab")))
        .isEqualTo(lines(
            "Project [*]",
            "+- SubqueryAlias ab",
            "   +- Join [=(a.x, b.x)] INNER []",
            "      :- UnresolvedRelation [a] false",
            "      +- UnresolvedRelation [b] false"));
  }

  // ------------------------------------------------------------------ CTEs

  @Test
  void ctesAreInlinedAndMayReferenceEarlierOnes() {
    assertThat(shape(parse("WITH priced AS (SELECT id, price * 1.1 AS gross FROM items), "
        + "cheap AS (SELECT * FROM priced WHERE gross < 20) SELECT id FROM cheap"))).isEqualTo(lines(
            "Project [id]",
            "+- SubqueryAlias cheap",
            "   +- Project [*]",
            "      +- Filter [<(gross, 20)]",
            "         +- SubqueryAlias priced",
            "            +- Project [id, *(price, 1.1) AS gross]",
            "               +- UnresolvedRelation [items] false"));
  }

  @Test
  void eachCteReferenceIsBuiltAfreshAndAliasesStack() {
    Join j = (Join) ((Project) parse("WITH c AS (SELECT a + 1 AS x FROM t) SELECT * FROM c JOIN C c2 ON c.x = c2.x"))
        .child();
    SubqueryAlias left = (SubqueryAlias) j.left();
    SubqueryAlias right = (SubqueryAlias) j.right();
    assertThat(left.alias()).isEqualTo("c");
    assertThat(right.alias()).isEqualTo("c2");
    SubqueryAlias inner = (SubqueryAlias) right.child();
    assertThat(inner.alias()).isEqualTo("c");
    Alias x1 = (Alias) ((Project) left.child()).projectList().get(0);
    Alias x2 = (Alias) ((Project) inner.child()).projectList().get(0);
    assertThat(x1.exprId()).isNotEqualTo(x2.exprId());
  }

  @Test
  void cteScopesNestAndShadowTablesButNotThemselves() {
    // Inside the CTE named t, "t" is the table t; outside, it is the CTE.
    assertThat(shape(parse("WITH t AS (SELECT * FROM t WHERE x > 0) SELECT * FROM t"))).isEqualTo(lines(
        "Project [*]",
        "+- SubqueryAlias t",
        "   +- Project [*]",
        "      +- Filter [>(x, 0)]",
        "         +- UnresolvedRelation [t] false"));
    // A WITH in a subquery is visible only there.
    assertThat(shape(parse("SELECT * FROM (WITH q AS (SELECT 1 AS one) SELECT * FROM q) s, q")))
        .endsWith("+- UnresolvedRelation [q] false");
    // STREAM(name) always reads the table.
    assertThat(shape(parse("WITH e AS (SELECT 1) SELECT * FROM STREAM(e)")))
        .endsWith("UnresolvedRelation [e] true");
  }

  @Test
  void trailingSemicolonAndCaseInsensitiveKeywords() {
    assertThat(shape(parse("select A from T where B = 1;"))).isEqualTo(lines(
        "Project [A]",
        "+- Filter [=(B, 1)]",
        "   +- UnresolvedRelation [T] false"));
  }
}
