package dev.sluice.plan.optimizer;

import static dev.sluice.api.functions.col;
import static dev.sluice.api.functions.count;
import static dev.sluice.plan.optimizer.PlanTestSupport.and;
import static dev.sluice.plan.optimizer.PlanTestSupport.attr;
import static dev.sluice.plan.optimizer.PlanTestSupport.as;
import static dev.sluice.plan.optimizer.PlanTestSupport.assertIdempotent;
import static dev.sluice.plan.optimizer.PlanTestSupport.assertRewrites;
import static dev.sluice.plan.optimizer.PlanTestSupport.assertUnchanged;
import static dev.sluice.plan.optimizer.PlanTestSupport.eq;
import static dev.sluice.plan.optimizer.PlanTestSupport.gt;
import static dev.sluice.plan.optimizer.PlanTestSupport.intAttr;
import static dev.sluice.plan.optimizer.PlanTestSupport.isNull;
import static dev.sluice.plan.optimizer.PlanTestSupport.join;
import static dev.sluice.plan.optimizer.PlanTestSupport.lt;
import static dev.sluice.plan.optimizer.PlanTestSupport.plus;
import static dev.sluice.plan.optimizer.PlanTestSupport.random;
import static dev.sluice.plan.optimizer.PlanTestSupport.relation;
import static dev.sluice.plan.optimizer.PlanTestSupport.select;
import static dev.sluice.plan.optimizer.PlanTestSupport.stringAttr;
import static dev.sluice.plan.optimizer.PlanTestSupport.where;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.DataFrame;
import dev.sluice.api.Session;
import dev.sluice.plan.expr.Alias;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.Literal;
import dev.sluice.plan.logical.Aggregate;
import dev.sluice.plan.logical.JoinType;
import dev.sluice.plan.logical.LocalRelation;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.SubqueryAlias;
import dev.sluice.types.Row;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * PushDownPredicate: filters move below projections (aliases substituted), subquery aliases, and into
 * the join sides the join type allows.
 */
class PushDownPredicateTest {
  private static final Rule RULE = new PushDownPredicate();

  private final AttributeReference a = intAttr("a");
  private final AttributeReference b = intAttr("b");
  private final AttributeReference k = intAttr("k");
  private final AttributeReference v = stringAttr("v");
  private final LocalRelation left = relation(a, b);
  private final LocalRelation right = relation(k, v);
  private final Expression onLeft = gt(a, Literal.of(1));
  private final Expression onRight = isNull(v);
  private final Expression onBoth = lt(b, k);
  private final Expression keys = eq(a, k);

  @Test
  void movesBelowAProjectionSubstitutingAliases() {
    Alias x = as(plus(a, Literal.of(1)), "x");
    LogicalPlan before = where(select(left, x, b), and(gt(x.toAttribute(), Literal.of(10)), gt(b, Literal.of(0))));
    LogicalPlan expected = select(where(left, and(gt(plus(a, Literal.of(1)), Literal.of(10)), gt(b, Literal.of(0)))),
        x, b);
    assertRewrites(RULE, before, expected);
  }

  @Test
  void movesBelowSubqueryAliasesAndProjectionsInOnePass() {
    Alias x = as(a, "x");
    LogicalPlan before = where(new SubqueryAlias("t", select(left, x)), gt(x.toAttribute(), Literal.of(1)));
    LogicalPlan expected = new SubqueryAlias("t", select(where(left, gt(a, Literal.of(1))), x));
    assertRewrites(RULE, before, expected);
    assertIdempotent(RULE, before);
  }

  @Test
  void innerJoinSplitsConjunctsBySide() {
    LogicalPlan before = where(join(left, right, JoinType.INNER, keys), and(and(onLeft, onRight), onBoth));
    LogicalPlan expected = where(join(where(left, onLeft), where(right, onRight), JoinType.INNER, keys), onBoth);
    assertRewrites(RULE, before, expected);
  }

  @Test
  void leftOuterJoinOnlyPushesIntoThePreservedSide() {
    // v IS NULL above a left join finds the unmatched rows: below it, it would keep them all.
    LogicalPlan before = where(join(left, right, JoinType.LEFT_OUTER, keys), and(onLeft, onRight));
    LogicalPlan expected = where(join(where(left, onLeft), right, JoinType.LEFT_OUTER, keys), onRight);
    assertRewrites(RULE, before, expected);
    assertUnchanged(RULE, where(join(left, right, JoinType.LEFT_OUTER, keys), onRight));
  }

  @Test
  void rightOuterJoinOnlyPushesIntoThePreservedSide() {
    Expression aIsNull = isNull(a);
    LogicalPlan before = where(join(left, right, JoinType.RIGHT_OUTER, keys), and(aIsNull, onRight));
    LogicalPlan expected = where(join(left, where(right, onRight), JoinType.RIGHT_OUTER, keys), aIsNull);
    assertRewrites(RULE, before, expected);
    // a condition on no column at all is not pushed into the null-supplying side either
    assertUnchanged(RULE, where(join(left, right, JoinType.RIGHT_OUTER, keys), eq(Literal.of(1), Literal.of(2))));
  }

  @Test
  void fullOuterJoinKeepsEveryFilterAbove() {
    assertUnchanged(RULE, where(join(left, right, JoinType.FULL_OUTER, keys), and(onLeft, onRight)));
  }

  @Test
  void semiAndAntiJoinsPushIntoTheirLeftSide() {
    for (JoinType t : List.of(JoinType.LEFT_SEMI, JoinType.LEFT_ANTI)) {
      assertRewrites(RULE, where(join(left, right, t, keys), onLeft), join(where(left, onLeft), right, t, keys));
    }
  }

  @Test
  void doesNotMoveANonDeterministicFilter() {
    Expression r = gt(random(Literal.of(3)), Literal.of(0.5));
    assertUnchanged(RULE, where(select(left, a), r));
    assertUnchanged(RULE, where(join(left, right, JoinType.INNER, keys), and(r, onLeft)));
  }

  @Test
  void doesNotMoveBelowANonDeterministicProjection() {
    Alias r = as(random(Literal.of(3)), "r");
    assertUnchanged(RULE, where(select(left, a, r), onLeft));
  }

  @Test
  void doesNotMoveBelowAnAggregate() {
    Alias total = as(plus(a, b), "total");
    LogicalPlan agg = new Aggregate(List.of(a), List.of(a, total), left);
    assertUnchanged(RULE, where(agg, gt(total.toAttribute(), Literal.of(3))));
  }

  /** The same answer with and without the rule for filters over outer joins. */
  @Test
  void outerJoinResultsDoNotChange() {
    try (Session session = Session.builder().config("sluice.sql.shuffle.partitions", "2").getOrCreate()) {
      DataFrame l = session.createDataFrame(List.of(Row.of(1, 10), Row.of(2, 20), Row.of(3, 30)), "a INT, b INT");
      DataFrame r = session.createDataFrame(List.of(Row.of(1, "x"), Row.of(2, null)), "k INT, v STRING");
      for (String how : List.of("left", "right", "full", "inner", "left_semi", "left_anti")) {
        DataFrame q = l.join(r, col("a").equalTo(col("k")), how);
        q = how.startsWith("left_") ? q.filter(col("a").gt(1)) : q.filter(col("a").gt(1).or(col("a").isNull()))
            .filter(col("v").isNull());
        List<Row> optimized = q.collectAsList();
        session.conf().set("sluice.sql.optimizer.excludedRules", "PushDownPredicate");
        List<Row> plain = q.collectAsList();
        session.conf().set("sluice.sql.optimizer.excludedRules", "");
        assertThat(optimized).as(how + " join").containsExactlyInAnyOrderElementsOf(plain);
      }
      DataFrame counted = l.join(r, col("a").equalTo(col("k")), "left").filter(col("v").isNull()).agg(count("*"));
      assertThat(counted.collectAsList()).containsExactly(Row.of(2L));
    }
  }

  @Test
  void movesConjunctsOnTheInputBelowAGenerator() {
    AttributeReference tags = attr("tags", new dev.sluice.types.ArrayType(dev.sluice.types.DataTypes.StringType, true));
    AttributeReference tag = stringAttr("tag");
    LocalRelation rel = relation(a, tags);
    dev.sluice.plan.expr.Generator explode = new dev.sluice.plan.expr.Generator(
        dev.sluice.plan.expr.Generator.Kind.EXPLODE, false, tags);
    Expression onTag = isNull(tag);
    LogicalPlan before = where(new dev.sluice.plan.logical.Generate(explode, List.of(a, tags), List.of(tag), rel),
        and(onLeft, onTag));
    assertRewrites(RULE, before, where(new dev.sluice.plan.logical.Generate(explode, List.of(a, tags), List.of(tag),
        where(rel, onLeft)), onTag));
    assertIdempotent(RULE, before);
    // A condition on the generated column alone stays above.
    assertUnchanged(RULE, where(new dev.sluice.plan.logical.Generate(explode, List.of(a, tags), List.of(tag), rel),
        onTag));
  }
}
