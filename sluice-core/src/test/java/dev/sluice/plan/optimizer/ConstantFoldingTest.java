package dev.sluice.plan.optimizer;

import dev.sluice.exec.eval.ExpressionCompiler;
import static dev.sluice.api.functions.col;
import static dev.sluice.api.functions.concat;
import static dev.sluice.api.functions.lit;
import static dev.sluice.api.functions.upper;
import static dev.sluice.plan.optimizer.PlanTestSupport.as;
import static dev.sluice.plan.optimizer.PlanTestSupport.assertIdempotent;
import static dev.sluice.plan.optimizer.PlanTestSupport.assertRewrites;
import static dev.sluice.plan.optimizer.PlanTestSupport.assertUnchanged;
import static dev.sluice.plan.optimizer.PlanTestSupport.divide;
import static dev.sluice.plan.optimizer.PlanTestSupport.divideLegacy;
import static dev.sluice.plan.optimizer.PlanTestSupport.eq;
import static dev.sluice.plan.optimizer.PlanTestSupport.gt;
import static dev.sluice.plan.optimizer.PlanTestSupport.intAttr;
import static dev.sluice.plan.optimizer.PlanTestSupport.join;
import static dev.sluice.plan.optimizer.PlanTestSupport.plus;
import static dev.sluice.plan.optimizer.PlanTestSupport.plusLegacy;
import static dev.sluice.plan.optimizer.PlanTestSupport.random;
import static dev.sluice.plan.optimizer.PlanTestSupport.relation;
import static dev.sluice.plan.optimizer.PlanTestSupport.sameAlias;
import static dev.sluice.plan.optimizer.PlanTestSupport.select;
import static dev.sluice.plan.optimizer.PlanTestSupport.times;
import static dev.sluice.plan.optimizer.PlanTestSupport.where;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.DataFrame;
import dev.sluice.api.Session;
import dev.sluice.plan.expr.Alias;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.CurrentTime;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.Literal;
import dev.sluice.plan.logical.JoinType;
import dev.sluice.plan.logical.LocalRelation;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Project;
import dev.sluice.types.DataTypes;
import dev.sluice.types.Row;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ConstantFolding: constant sub-expressions become literals, unless evaluating them fails or varies. */
class ConstantFoldingTest {
  private static final Rule RULE = new ConstantFolding(ExpressionCompiler.CONSTANTS);
  static Session session;

  private final AttributeReference a = intAttr("a");
  private final AttributeReference k = intAttr("k");
  private final LocalRelation rel = relation(a);

  @BeforeAll
  static void setUp() {
    session = Session.builder().config("sluice.sql.shuffle.partitions", "2").getOrCreate();
  }

  @AfterAll
  static void tearDown() {
    session.close();
  }

  @Test
  void foldsArithmeticInProjectionsAndFilters() {
    Alias x = as(plus(Literal.of(1), Literal.of(2)), "x");
    LogicalPlan before = select(where(rel, gt(a, plus(Literal.of(1), Literal.of(2)))), x, a);
    LogicalPlan expected = select(where(rel, gt(a, Literal.of(3))), sameAlias(x, Literal.of(3)), a);
    assertRewrites(RULE, before, expected);
    assertIdempotent(RULE, before);
  }

  @Test
  void foldsConstantPartsOfNonConstantExpressions() {
    Alias y = as(plus(a, times(Literal.of(2), Literal.of(3))), "y");
    assertRewrites(RULE, select(rel, y), select(rel, sameAlias(y, plus(a, Literal.of(6)))));
  }

  @Test
  void foldsInJoinConditionsAndKeepsTheValueType() {
    LocalRelation right = relation(k);
    LogicalPlan before = join(rel, right, JoinType.INNER, eq(a, plus(k, plus(Literal.of(1L), Literal.of(1L)))));
    LogicalPlan after = assertRewrites(RULE, before,
        join(rel, right, JoinType.INNER, eq(a, plus(k, new Literal(2L, DataTypes.LongType)))));
    assertThat(after.toString()).contains("2L");
  }

  @Test
  void foldsFunctionsInAnAnalyzedPlan() {
    DataFrame df = session.range(1).select(upper(lit("sluice")).alias("u"), concat(lit("a"), lit("b")).alias("ab"),
        col("id").plus(lit(1).plus(lit(1))).alias("id2"));
    LogicalPlan after = RULE.apply(df.logicalPlan());
    List<Expression> items = ((Project) after).projectList();
    assertThat(((Alias) items.get(0)).child()).as(PlanTestSupport.trees(df.logicalPlan(), after))
        .isEqualTo(Literal.of("SLUICE"));
    assertThat(((Alias) items.get(1)).child()).isEqualTo(Literal.of("ab"));
    assertThat(((Alias) items.get(2)).child().toString()).isEqualTo("(id + 2L)");
  }

  @Test
  void doesNotFoldWhatFailsUnderAnsiButFoldsTheRest() {
    Alias byZero = as(divide(Literal.of(1.0), Literal.of(0.0)), "q");
    Alias overflow = as(plus(Literal.of(Integer.MAX_VALUE), Literal.of(1)), "o");
    Alias fine = as(plus(Literal.of(1), Literal.of(2)), "f");
    assertRewrites(RULE, select(rel, byZero, overflow, fine),
        select(rel, byZero, overflow, sameAlias(fine, Literal.of(3))));
  }

  @Test
  void foldsWhatOnlyFailsUnderAnsiInLegacyMode() {
    Alias byZero = as(divideLegacy(Literal.of(1.0), Literal.of(0.0)), "q");
    Alias overflow = as(plusLegacy(Literal.of(Integer.MAX_VALUE), Literal.of(1)), "o");
    assertRewrites(RULE, select(rel, byZero, overflow), select(rel, sameAlias(byZero,
        new Literal(null, DataTypes.DoubleType)), sameAlias(overflow, Literal.of(Integer.MIN_VALUE))));
  }

  @Test
  void aConstantThatFailsStillFailsWhenTheQueryRuns() {
    DataFrame df = session.createDataFrame(List.of(Row.of(1)), "a INT").select(lit(1).divide(lit(0)).alias("q"));
    assertThat(df.explainString(true)).contains("Optimized Logical Plan");   // planning does not throw
    assertThatThrownBy(df::collectAsList).hasMessageContaining("DIVIDE_BY_ZERO");
  }

  @Test
  void doesNotFoldNonDeterministicExpressions() {
    Alias r = as(random(Literal.of(42)), "r");
    assertUnchanged(RULE, select(rel, r));
    // the constant argument inside is folded, the call is not
    Alias r2 = as(plus(random(plus(Literal.of(40), Literal.of(2))), Literal.of(1.0)), "r2");
    assertRewrites(RULE, select(rel, r2), select(rel, sameAlias(r2, plus(random(Literal.of(42)), Literal.of(1.0)))));
  }

  @Test
  void doesNotFoldTheCurrentTimeWhichEachBatchSetsItself() {
    Alias now = as(new CurrentTime(false), "now");
    Alias today = as(new CurrentTime(true), "today");
    assertUnchanged(RULE, select(rel, now, today));
  }

  @Test
  void leavesPlansWithoutConstantsAlone() {
    assertUnchanged(RULE, select(where(rel, gt(a, Literal.of(1))), as(plus(a, a), "s"), a));
  }
}
