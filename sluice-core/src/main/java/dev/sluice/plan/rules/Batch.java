package dev.sluice.plan.rules;

import java.util.List;

/**
 * A named group of rules run in order, either once or repeatedly until the plan stops changing.
 *
 * @param keepsResolved the batch promises that a resolved plan stays resolved after each of its
 *     rules (every optimizer batch, and analyzer batches that run after resolution); the executor
 *     checks it after every rule that changed the plan
 */
public record Batch(String name, Strategy strategy, List<? extends Rule> rules, boolean keepsResolved) {

  public Batch {
    rules = List.copyOf(rules);
  }

  /** How often a batch runs. */
  public sealed interface Strategy permits Once, FixedPoint {
    int maxIterations();
  }

  /** Run the rules one time. In strict (test) mode a second run must not change the plan. */
  public record Once() implements Strategy {
    @Override
    public int maxIterations() {
      return 1;
    }
  }

  /**
   * Repeat the rules until an iteration leaves the plan unchanged. Reaching {@code maxIterations}
   * first is a bug in some rule (two rules undoing each other, a rule that always rewrites): it fails
   * in strict mode and is logged as a warning otherwise.
   */
  public record FixedPoint(int maxIterations) implements Strategy {
    public FixedPoint {
      if (maxIterations < 1) {
        throw new IllegalArgumentException("maxIterations must be positive: " + maxIterations);
      }
    }
  }

  public static Batch once(String name, List<? extends Rule> rules) {
    return new Batch(name, new Once(), rules, false);
  }

  public static Batch fixedPoint(String name, int maxIterations, List<? extends Rule> rules) {
    return new Batch(name, new FixedPoint(maxIterations), rules, false);
  }

  /** This batch, promising that it keeps a resolved plan resolved. */
  public Batch keepingResolved() {
    return new Batch(name, strategy, rules, true);
  }

  public boolean isOnce() {
    return strategy instanceof Once;
  }
}
