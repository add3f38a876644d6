package dev.sluice.plan.optimizer;

import dev.sluice.plan.expr.ConstantEvaluation;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.rules.PlanIntegrity;
import dev.sluice.plan.rules.RuleExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The optimizer: batches of rules on the shared {@link RuleExecutor}. A "once" batch applies each
 * rule one time; a fixed-point batch repeats until the plan stops changing (or an iteration cap).
 * Each rule can be switched off by name ({@code sluice.sql.optimizer.excludedRules}) to bisect a
 * wrong answer, and the time spent in each rule is recorded. Every rule must keep the plan resolved
 * and its output schema unchanged; the executor checks that after each rule that changed the plan.
 */
public final class Optimizer {
  /** A named group of rules. */
  public record Batch(String name, boolean fixedPoint, List<Rule> rules) {
    dev.sluice.plan.rules.Batch toExecutorBatch() {
      dev.sluice.plan.rules.Batch b = fixedPoint
          ? dev.sluice.plan.rules.Batch.fixedPoint(name, MAX_ITERATIONS, rules)
          : dev.sluice.plan.rules.Batch.once(name, rules);
      return b.keepingResolved();
    }
  }

  private static final int MAX_ITERATIONS = 100;

  private final RuleExecutor executor;

  public Optimizer(List<Batch> batches, String excludedRules) {
    this(batches, excludedRules, null);
  }

  /**
   * @param planChangeLogLevel SLF4J level to log every plan change at
   *     ({@code sluice.sql.planChangeLog.level}), or {@code null} for none
   */
  public Optimizer(List<Batch> batches, String excludedRules, String planChangeLogLevel) {
    this.executor = RuleExecutor.builder("Optimizer", batches.stream().map(Batch::toExecutorBatch).toList())
        .excluding(RuleExecutor.ruleNames(excludedRules))
        .integrity(PlanIntegrity.standard(true))
        .planChangeLog(planChangeLogLevel)
        .build();
  }

  /** The default rule batches; {@code constants} evaluates what ConstantFolding folds. */
  public static List<Batch> defaultBatches(ConstantEvaluation constants) {
    List<Batch> b = new ArrayList<>();
    b.add(new Batch("Rewrite subqueries", false, List.of(
        new RewritePredicateSubquery(constants),
        new RewriteCorrelatedScalarSubquery(constants))));
    b.add(new Batch("Operator optimizations", true, List.of(
        new CombineFilters(),
        new PushDownPredicate(),
        new CollapseProject(),
        new ConstantFolding(constants),
        new BooleanSimplification(),
        new PruneFilters(),
        new RemoveNoopProject())));
    b.add(new Batch("Column pruning", false, List.of(new ColumnPruning(), new RemoveNoopProject())));
    b.add(new Batch("Scan push-down", false, List.of(new PushFiltersToScans())));
    return b;
  }

  public LogicalPlan optimize(LogicalPlan plan) {
    return executor.execute(plan);
  }

  /** Time spent per rule name, in nanoseconds. */
  public Map<String, Long> ruleTimes() {
    return executor.ruleTimes();
  }
}
