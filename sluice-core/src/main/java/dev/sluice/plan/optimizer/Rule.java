package dev.sluice.plan.optimizer;

/**
 * An optimizer rule: a rewrite of a resolved logical plan that keeps its meaning and its output
 * schema. Rules are stateless and run on the shared {@link dev.sluice.plan.rules.RuleExecutor}.
 */
public interface Rule extends dev.sluice.plan.rules.Rule {}
