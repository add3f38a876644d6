package dev.sluice.plan.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import dev.sluice.plan.expr.Alias;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.Literal;
import dev.sluice.plan.expr.Unresolved;
import dev.sluice.plan.logical.Filter;
import dev.sluice.plan.logical.LocalRelation;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Project;
import dev.sluice.types.DataTypes;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The rule executor's discipline, on toy rules over a one-column relation. */
class RuleExecutorTest {
  private static final AttributeReference A = AttributeReference.create("a", DataTypes.IntegerType, true);
  private static final LocalRelation RELATION = new LocalRelation(List.of(A), List.of());

  /** A named rule that counts its invocations. */
  private static final class TestRule implements Rule {
    final String name;
    final UnaryOperator<LogicalPlan> body;
    final AtomicInteger calls = new AtomicInteger();

    TestRule(String name, UnaryOperator<LogicalPlan> body) {
      this.name = name;
      this.body = body;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public LogicalPlan apply(LogicalPlan plan) {
      calls.incrementAndGet();
      return body.apply(plan);
    }
  }

  private static LogicalPlan filtered(int n) {
    LogicalPlan p = RELATION;
    for (int i = 0; i < n; i++) {
      p = new Filter(Literal.TRUE, p);
    }
    return p;
  }

  /** Removes the top filter, one per application. */
  private static TestRule peelFilter() {
    return new TestRule("PeelFilter", p -> p instanceof Filter f ? f.child() : p);
  }

  /** Adds a filter every time: never reaches a fixed point. */
  private static TestRule addFilter() {
    return new TestRule("AddFilter", p -> new Filter(Literal.TRUE, p));
  }

  private static RuleExecutor executor(boolean strict, Batch... batches) {
    return RuleExecutor.builder("Test", List.of(batches)).strict(strict).build();
  }

  @Test
  void fixedPointStopsWhenThePlanStopsChanging() {
    TestRule peel = peelFilter();
    RuleExecutor ex = executor(true, Batch.fixedPoint("Peel", 100, List.of(peel)));
    assertThat(ex.execute(filtered(3))).isEqualTo(RELATION);
    // three effective runs, then one that changes nothing ends the batch
    assertThat(peel.calls).hasValue(4);
    assertThat(ex.effectiveRuns()).containsEntry("PeelFilter", 3);
    assertThat(ex.ruleTimes()).containsKey("PeelFilter");
  }

  @Test
  void reachingTheIterationCapFailsInStrictModeOnly() {
    Batch batch = Batch.fixedPoint("Grow", 5, List.of(addFilter()));
    assertThatThrownBy(() -> executor(true, batch).execute(RELATION))
        .isInstanceOf(SluiceException.class)
        .satisfies(e -> assertThat(((SluiceException) e).errorClass()).isEqualTo(ErrorClass.INTERNAL_ERROR))
        .hasMessageContaining("batch 'Grow' reached its limit of 5 iterations");

    // in production the batch stops at the cap (with a warning) and the query goes on
    LogicalPlan out = executor(false, batch).execute(RELATION);
    assertThat(out).isEqualTo(filtered(5));
  }

  @Test
  void aOnceRuleThatIsNotIdempotentIsCaughtInStrictMode() {
    // PeelFilter has nothing to peel from the relation, then AddFilter adds a filter; a second run of
    // PeelFilter takes it off again, so the batch depends on running exactly once
    Batch batch = Batch.once("Decorate", List.of(peelFilter(), addFilter()));
    assertThatThrownBy(() -> executor(true, batch).execute(RELATION))
        .isInstanceOf(SluiceException.class)
        .hasMessageContaining("once batch 'Decorate' is not idempotent: running rule PeelFilter again");
    assertThat(executor(false, batch).execute(RELATION)).isEqualTo(filtered(1));

    // an idempotent once batch passes the check
    Batch peelAll = Batch.once("PeelOnce", List.of(peelFilter()));
    assertThat(executor(true, peelAll).execute(filtered(1))).isEqualTo(RELATION);
  }

  @Test
  void anIntegrityViolationNamesTheRule() {
    // one expression id for an INT and a STRING column
    TestRule reuseId = new TestRule("ReuseId", p -> p instanceof Project ? p
        : new Project(List.of(A, new Alias(Literal.of("x"), "b", A.exprId())), p));
    assertThatThrownBy(() -> executor(true, Batch.once("Ids", List.of(reuseId))).execute(RELATION))
        .hasMessageContaining("rule ReuseId in batch 'Ids' broke the plan's integrity")
        .hasMessageContaining("expression id");
    // outside strict mode (production) the check is skipped, as Catalyst's isPlanIntegral
    assertThat(executor(false, Batch.once("Ids", List.of(reuseId))).execute(RELATION)).isInstanceOf(Project.class);

    // a batch that keeps plans resolved must not leave an unresolved one
    TestRule unresolve = new TestRule("Unresolve", p -> p instanceof Project ? p
        : new Project(List.<Expression>of(Unresolved.Attribute.parse("nope")), p));
    assertThatThrownBy(() -> executor(true, Batch.once("Resolved", List.of(unresolve)).keepingResolved())
        .execute(RELATION))
        .hasMessageContaining("rule Unresolve in batch 'Resolved' broke the plan's integrity: the plan was resolved");
    // without the promise (analysis before resolution) that is allowed
    assertThat(executor(true, Batch.once("Unresolved", List.of(unresolve))).execute(RELATION).resolved()).isFalse();

    // the optimizer's check: the output schema stays as it was
    TestRule dropColumn = new TestRule("DropColumn", p -> p instanceof Project ? p : new Project(List.of(), p));
    RuleExecutor optimizerLike = RuleExecutor.builder("Optimizer", List.of(Batch.once("Prune", List.of(dropColumn))))
        .integrity(PlanIntegrity.standard(true)).build();
    assertThatThrownBy(() -> optimizerLike.execute(RELATION))
        .hasMessageContaining("rule DropColumn in batch 'Prune' broke the plan's integrity: the output schema changed "
            + "from [a INT] to []");
  }

  @Test
  void excludedRulesAreSkipped() {
    TestRule peel = peelFilter();
    TestRule add = addFilter();
    RuleExecutor ex = RuleExecutor.builder("Test", List.of(Batch.fixedPoint("Both", 10, List.of(peel, add))))
        .excluding(RuleExecutor.ruleNames(" AddFilter , ")).strict(true).build();
    assertThat(ex.execute(filtered(2))).isEqualTo(RELATION);
    assertThat(add.calls).hasValue(0);
    assertThat(ex.ruleTimes()).containsOnlyKeys("PeelFilter");
    assertThat(RuleExecutor.ruleNames(null)).isEmpty();
    assertThat(RuleExecutor.ruleNames("X,,Y ")).isEqualTo(Set.of("X", "Y"));
  }

  @Test
  void planChangesCanBeLogged() {
    RuleExecutor ex = RuleExecutor.builder("Test", List.of(Batch.fixedPoint("Peel", 10, List.of(peelFilter()))))
        .planChangeLog("debug").build();
    assertThat(ex.execute(filtered(1))).isEqualTo(RELATION);
    assertThatThrownBy(() -> RuleExecutor.builder("Test", List.of()).planChangeLog("loud"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("off, trace, debug");
  }

  @Test
  void testsRunInStrictMode() {
    // the build sets the property for every test JVM, so rule bugs fail tests instead of logging
    assertThat(RuleExecutor.strictByDefault()).isTrue();
  }
}
