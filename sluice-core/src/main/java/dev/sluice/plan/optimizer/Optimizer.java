package dev.sluice.plan.optimizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import dev.sluice.plan.expr.ConstantEvaluation;
import dev.sluice.plan.logical.LogicalPlan;

/**
 * Runs batches of rules: a "once" batch applies each rule one time; a fixed-point batch repeats until
 * the plan stops changing (or an iteration cap). Each rule can be switched off by name
 * ({@code sluice.sql.optimizer.excludedRules}) to bisect a wrong answer, and the time spent in each
 * rule is recorded.
 */
public final class Optimizer {
  /** A named group of rules. */
  public record Batch(String name, boolean fixedPoint, List<Rule> rules) {}

  private static final int MAX_ITERATIONS = 100;

  private final List<Batch> batches;
  private final Set<String> excluded;
  private final Map<String, Long> nanosByRule = new LinkedHashMap<>();

  public Optimizer(List<Batch> batches, String excludedRules) {
    this.batches = batches;
    this.excluded = Arrays.stream(excludedRules == null ? new String[0] : excludedRules.split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
  }

  /** The default rule batches; {@code constants} evaluates what ConstantFolding folds. */
  public static List<Batch> defaultBatches(ConstantEvaluation constants) {
    List<Batch> b = new ArrayList<>();
    b.add(new Batch("Operator optimizations", true, List.of(
        new CombineFilters(),
        new PushDownPredicate(),
        new CollapseProject(),
        new ConstantFolding(constants),
        new BooleanSimplification(),
        new PruneFilters(),
        new RemoveNoopProject())));
    b.add(new Batch("Column pruning", false, List.of(new ColumnPruning(), new RemoveNoopProject())));
    return b;
  }

  public LogicalPlan optimize(LogicalPlan plan) {
    LogicalPlan p = plan;
    for (Batch batch : batches) {
      int iterations = batch.fixedPoint() ? MAX_ITERATIONS : 1;
      for (int i = 0; i < iterations; i++) {
        LogicalPlan before = p;
        for (Rule r : batch.rules()) {
          if (excluded.contains(r.name())) {
            continue;
          }
          long start = System.nanoTime();
          p = r.apply(p);
          nanosByRule.merge(r.name(), System.nanoTime() - start, Long::sum);
        }
        if (p.equals(before)) {
          break;
        }
      }
    }
    return p;
  }

  /** Time spent per rule name, in nanoseconds. */
  public Map<String, Long> ruleTimes() {
    return nanosByRule;
  }
}
