package dev.sluice.plan.optimizer;

import static dev.sluice.api.functions.col;
import static dev.sluice.api.functions.lit;
import static dev.sluice.api.functions.not;
import static dev.sluice.plan.optimizer.PlanTestSupport.and;
import static dev.sluice.plan.optimizer.PlanTestSupport.assertIdempotent;
import static dev.sluice.plan.optimizer.PlanTestSupport.assertRewrites;
import static dev.sluice.plan.optimizer.PlanTestSupport.assertUnchanged;
import static dev.sluice.plan.optimizer.PlanTestSupport.gt;
import static dev.sluice.plan.optimizer.PlanTestSupport.intAttr;
import static dev.sluice.plan.optimizer.PlanTestSupport.isNull;
import static dev.sluice.plan.optimizer.PlanTestSupport.not;
import static dev.sluice.plan.optimizer.PlanTestSupport.nullBoolean;
import static dev.sluice.plan.optimizer.PlanTestSupport.or;
import static dev.sluice.plan.optimizer.PlanTestSupport.random;
import static dev.sluice.plan.optimizer.PlanTestSupport.relation;
import static dev.sluice.plan.optimizer.PlanTestSupport.stringAttr;
import static dev.sluice.plan.optimizer.PlanTestSupport.where;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.Column;
import dev.sluice.api.DataFrame;
import dev.sluice.api.Session;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.Literal;
import dev.sluice.plan.logical.LocalRelation;
import dev.sluice.types.Row;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** BooleanSimplification: AND/OR with constant operands, double negation and repeated operands. */
class BooleanSimplificationTest {
  private static final Rule RULE = new BooleanSimplification();

  private final AttributeReference a = intAttr("a");
  private final AttributeReference b = stringAttr("b");
  private final LocalRelation rel = relation(a, b);
  private final Expression x = gt(a, Literal.of(1));
  private final Expression y = isNull(b);

  private void assertSimplifies(Expression before, Expression after) {
    assertRewrites(RULE, where(rel, before), where(rel, after));
  }

  @Test
  void constantOperandsOfAnd() {
    assertSimplifies(and(Literal.TRUE, x), x);
    assertSimplifies(and(x, Literal.TRUE), x);
    assertSimplifies(and(Literal.FALSE, x), Literal.FALSE);
    assertSimplifies(and(x, Literal.FALSE), Literal.FALSE);
    // NULL AND FALSE is FALSE in three-valued logic
    assertSimplifies(and(nullBoolean(), Literal.FALSE), Literal.FALSE);
  }

  @Test
  void constantOperandsOfOr() {
    assertSimplifies(or(Literal.FALSE, x), x);
    assertSimplifies(or(x, Literal.FALSE), x);
    assertSimplifies(or(Literal.TRUE, x), Literal.TRUE);
    assertSimplifies(or(x, Literal.TRUE), Literal.TRUE);
    assertSimplifies(or(nullBoolean(), Literal.TRUE), Literal.TRUE);
  }

  @Test
  void doubleNegationAndRepeatedOperands() {
    assertSimplifies(not(not(x)), x);
    assertSimplifies(and(x, x), x);
    assertSimplifies(or(y, y), y);
    // bottom-up: the inner simplification enables the outer one
    assertSimplifies(or(and(Literal.TRUE, x), Literal.FALSE), x);
    assertSimplifies(and(or(x, Literal.FALSE), or(Literal.FALSE, x)), x);
  }

  @Test
  void doesNotFireWithoutSomethingToSimplify() {
    assertUnchanged(RULE, where(rel, and(x, y)));
    assertUnchanged(RULE, where(rel, or(x, y)));
    assertUnchanged(RULE, where(rel, not(x)));
    // NULL AND x is NULL or FALSE depending on x: not a constant
    assertUnchanged(RULE, where(rel, and(nullBoolean(), x)));
    assertUnchanged(RULE, where(rel, or(nullBoolean(), x)));
  }

  @Test
  void doesNotMergeRepeatedNonDeterministicOperands() {
    Expression r = gt(random(Literal.of(1)), Literal.of(0.5));
    assertUnchanged(RULE, where(rel, and(r, r)));
    assertUnchanged(RULE, where(rel, or(r, r)));
  }

  @Test
  void reachesItsResultInOnePass() {
    assertIdempotent(RULE, where(rel, or(and(not(not(x)), Literal.TRUE), and(y, y))));
  }

  /** Every rewrite keeps three-valued logic: same results with and without the rule. */
  @Test
  void keepsThreeValuedLogic() {
    try (Session session = Session.builder().config("sluice.sql.shuffle.partitions", "1").getOrCreate()) {
      List<Row> rows = new ArrayList<>();
      for (Boolean p : Arrays.asList(true, false, null)) {
        rows.add(Row.of(p));
      }
      DataFrame t = session.createDataFrame(rows, "p BOOLEAN");
      Column p = col("p");
      DataFrame q = t.select(p, lit(true).and(p), p.and(lit(true)), lit(false).and(p), p.and(lit(false)),
          lit(false).or(p), p.or(lit(false)), lit(true).or(p), p.or(lit(true)), not(not(p)), p.and(p), p.or(p));
      List<Row> optimized = q.collectAsList();
      session.conf().set("sluice.sql.optimizer.excludedRules", "BooleanSimplification,ConstantFolding");
      List<Row> plain = q.collectAsList();
      assertThat(optimized).containsExactlyInAnyOrderElementsOf(plain);
      assertThat(plain).contains(Row.of(null, null, null, false, false, null, null, true, true, null, null, null));
    }
  }
}
