package dev.sluice.plan.rules;

import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import dev.sluice.plan.logical.LogicalPlan;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Runs named batches of rules over a logical plan; the analyzer and the optimizer are both batches on
 * it. A {@link Batch.Once} batch runs its rules one time, a {@link Batch.FixedPoint} batch repeats
 * them until an iteration leaves the plan unchanged.
 *
 * <p>The executor keeps rules honest:
 * <ul>
 *   <li>In strict mode, after every rule that changed the plan, the integrity check runs (consistent expression ids,
 *       plus whatever the owner adds, e.g. an unchanged schema for the optimizer), and in a batch that
 *       {@linkplain Batch#keepsResolved() keeps plans resolved} a resolved plan must stay resolved. A
 *       violation fails naming the rule and batch.</li>
 *   <li>A fixed-point batch that reaches its iteration cap fails in strict mode and logs a warning
 *       otherwise. Strict mode is on when the system property {@value #STRICT_PROPERTY} is
 *       {@code true}, which the build sets for every test run.</li>
 *   <li>In strict mode a once batch is run a second time and must not change the plan (a rule that
 *       keeps rewriting would silently depend on running exactly once).</li>
 * </ul>
 *
 * <p>The time spent in each rule and how often it changed the plan are recorded; rules can be
 * skipped by name. With a plan-change log level set, every effective rule logs its name and the plan
 * before and after (nothing is logged, and no logger is created, when it is not set).
 */
public final class RuleExecutor {
  /** System property that turns on strict mode (set by the build for tests). */
  public static final String STRICT_PROPERTY = "sluice.test.strictRules";

  private final String owner;
  private final List<Batch> batches;
  private final Set<String> excluded;
  private final PlanIntegrity.Check integrity;
  private final boolean strict;
  private final Level planChangeLog;
  private final Map<String, Long> nanosByRule = new LinkedHashMap<>();
  private final Map<String, Integer> effectiveByRule = new LinkedHashMap<>();

  private RuleExecutor(Builder b) {
    this.owner = b.owner;
    this.batches = List.copyOf(b.batches);
    this.excluded = b.excluded;
    this.integrity = b.integrity;
    this.strict = b.strict;
    this.planChangeLog = b.planChangeLog;
  }

  public static Builder builder(String owner, List<Batch> batches) {
    return new Builder(owner, batches);
  }

  /** Whether strict mode is on for this JVM ({@value #STRICT_PROPERTY}). */
  public static boolean strictByDefault() {
    return Boolean.getBoolean(STRICT_PROPERTY);
  }

  /** Parses a comma-separated list of rule names (blank entries ignored). */
  public static Set<String> ruleNames(String commaSeparated) {
    if (commaSeparated == null) {
      return Set.of();
    }
    return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }

  public List<Batch> batches() {
    return batches;
  }

  /** Runs every batch in order. */
  public LogicalPlan execute(LogicalPlan plan) {
    LogicalPlan p = plan;
    for (Batch batch : batches) {
      p = runBatch(batch, p);
    }
    return p;
  }

  private LogicalPlan runBatch(Batch batch, LogicalPlan plan) {
    int max = batch.strategy().maxIterations();
    LogicalPlan p = plan;
    for (int iteration = 1; ; iteration++) {
      LogicalPlan before = p;
      for (Rule rule : batch.rules()) {
        p = applyRule(batch, rule, p);
      }
      if (p.equals(before)) {
        break;
      }
      if (iteration >= max) {
        if (!batch.isOnce()) {
          String msg = owner + ": batch '" + batch.name() + "' reached its limit of " + max
              + " iterations without reaching a fixed point; its rules keep rewriting the plan:\n" + p.treeString();
          if (strict) {
            throw new SluiceException(ErrorClass.INTERNAL_ERROR, msg);
          }
          LogHolder.LOG.warn(msg);
        }
        break;
      }
    }
    if (strict && batch.isOnce()) {
      checkIdempotent(batch, p);
    }
    return p;
  }

  private LogicalPlan applyRule(Batch batch, Rule rule, LogicalPlan p) {
    if (excluded.contains(rule.name())) {
      return p;
    }
    long start = System.nanoTime();
    LogicalPlan out = rule.apply(p);
    nanosByRule.merge(rule.name(), System.nanoTime() - start, Long::sum);
    if (out == null) {
      throw new SluiceException(ErrorClass.INTERNAL_ERROR, owner + ": rule " + rule.name() + " in batch '"
          + batch.name() + "' returned no plan");
    }
    if (out == p || out.equals(p)) {
      return p;
    }
    effectiveByRule.merge(rule.name(), 1, Integer::sum);
    if (planChangeLog != null) {
      LogHolder.LOG.atLevel(planChangeLog).log("{}: rule {} in batch '{}' changed the plan\n=== before ===\n{}"
          + "=== after ===\n{}", owner, rule.name(), batch.name(), p.treeString(), out.treeString());
    }
    if (!strict) {
      return out; // as Catalyst's isPlanIntegral: checked where rules are developed, not on every query
    }
    String violation = batch.keepsResolved() && p.resolved() && !out.resolved()
        ? "the plan was resolved before the rule and is not after it" : integrity.violation(p, out);
    if (violation != null) {
      throw new SluiceException(ErrorClass.INTERNAL_ERROR, owner + ": rule " + rule.name() + " in batch '"
          + batch.name() + "' broke the plan's integrity: " + violation + "\n=== before ===\n" + p.treeString()
          + "=== after ===\n" + out.treeString());
    }
    return out;
  }

  /** A once batch run again must leave the plan as it is; names the first rule that does not. */
  private void checkIdempotent(Batch batch, LogicalPlan plan) {
    LogicalPlan p = plan;
    for (Rule rule : batch.rules()) {
      if (excluded.contains(rule.name())) {
        continue;
      }
      LogicalPlan again = rule.apply(p);
      if (again != p && !again.equals(p)) {
        throw new SluiceException(ErrorClass.INTERNAL_ERROR, owner + ": once batch '" + batch.name()
            + "' is not idempotent: running rule " + rule.name() + " again changed the plan\n=== before ===\n"
            + p.treeString() + "=== after ===\n" + again.treeString());
      }
    }
  }

  /** Nanoseconds spent per rule name (rules that ran at least once). */
  public Map<String, Long> ruleTimes() {
    return Collections.unmodifiableMap(nanosByRule);
  }

  /** How many times each rule changed the plan (rules that never did are absent). */
  public Map<String, Integer> effectiveRuns() {
    return Collections.unmodifiableMap(effectiveByRule);
  }

  /** Options of an executor. */
  public static final class Builder {
    private final String owner;
    private final List<Batch> batches;
    private Set<String> excluded = Set.of();
    private PlanIntegrity.Check integrity = PlanIntegrity.standard(false);
    private boolean strict = strictByDefault();
    private Level planChangeLog;

    private Builder(String owner, List<Batch> batches) {
      this.owner = owner;
      this.batches = batches;
    }

    /** Rule names to skip. */
    public Builder excluding(Set<String> names) {
      this.excluded = Set.copyOf(names);
      return this;
    }

    /** The check after every effective rule (default: {@link PlanIntegrity#standard(boolean) standard(false)}). */
    public Builder integrity(PlanIntegrity.Check check) {
      this.integrity = check;
      return this;
    }

    /** Overrides {@link #strictByDefault()}. */
    public Builder strict(boolean strict) {
      this.strict = strict;
      return this;
    }

    /**
     * Logs every plan change at this SLF4J level ({@code trace}, {@code debug}, {@code info},
     * {@code warn}); {@code null}, blank or {@code off} logs nothing.
     */
    public Builder planChangeLog(String level) {
      if (level == null || level.isBlank() || level.trim().equalsIgnoreCase("off")) {
        this.planChangeLog = null;
      } else {
        try {
          this.planChangeLog = Level.valueOf(level.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("plan change log level must be one of off, trace, debug, info, warn, "
              + "error, got " + level, e);
        }
      }
      return this;
    }

    public RuleExecutor build() {
      return new RuleExecutor(this);
    }
  }

  /** Created on first use, so that planning a query does not bind SLF4J unless something is logged. */
  private static final class LogHolder {
    static final Logger LOG = LoggerFactory.getLogger(RuleExecutor.class);
  }
}
