package dev.sluice.plan.analysis;

import dev.sluice.conf.SluiceConf;
import dev.sluice.plan.expr.ConstantEvaluation;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.agg.AggregateExpression;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.rules.Batch;
import dev.sluice.plan.rules.RuleExecutor;
import java.util.List;
import java.util.Map;

/**
 * Turns an unresolved plan into a resolved one, as named rule batches on the shared
 * {@link RuleExecutor}: relations are looked up, column names resolved against the children's
 * output (qualified names and struct fields included), functions resolved with their implicit casts,
 * unnamed select items named, and syntactic forms (DISTINCT, EXCEPT, INTERSECT, JOIN USING, HAVING,
 * ORDER BY on columns not selected, generators, window functions, time windows) rewritten into core
 * operators. {@link CheckAnalysis} then reports anything left unresolved.
 *
 * <p>Every resolution rule works bottom-up on nodes whose children are resolved
 * ({@link ResolutionRule}), so a name that does not resolve is an error at once, reported with the
 * columns that do exist; the batch repeats until no rule changes the plan.
 */
public final class Analyzer {
  /** As Spark's analyzer: a plan that needs more iterations than this has a rule that never settles. */
  static final int MAX_ITERATIONS = 100;

  private final RuleExecutor executor;

  /**
   * {@code ddl} parses schema arguments ({@code from_json(s, 'a INT')}); {@code constants} evaluates
   * constant arguments. Both come from layers above this one.
   */
  public Analyzer(Catalog catalog, FunctionRegistry functions, SluiceConf conf, DdlParser ddl,
      ConstantEvaluation constants) {
    ExpressionResolver resolver = new ExpressionResolver(functions, conf, ddl, constants);
    this.executor = RuleExecutor.builder("Analyzer", batches(catalog, resolver))
        .planChangeLog(conf.get(SluiceConf.PLAN_CHANGE_LOG_LEVEL))
        .build();
    // A subquery's plan is resolved by the same batches, with the enclosing query's columns in scope.
    resolver.subqueryAnalyzer(executor::execute);
  }

  /**
   * The analyzer's batches. Within the resolution batch the order matters only where two rules could
   * claim the same projection: generators first, then window functions, then aggregates, then time
   * windows (each rule declines a projection an earlier one owns), and DeduplicateRelations before
   * the rules that resolve joins (which wait for it).
   */
  static List<Batch> batches(Catalog catalog, ExpressionResolver r) {
    return List.of(Batch.fixedPoint("Resolution", MAX_ITERATIONS, List.of(
        new ResolveRelations(catalog),
        new ResolveColumnAliases(),
        new DeduplicateRelations(),
        new ResolveReferences(r),
        new ResolveUsingJoins(r),
        new ResolveGenerators(r),
        new ExtractWindowExpressions(),
        new ResolveAggregates(r),
        new ResolveTimeWindows(),
        new ResolveWhereAndHaving(r),
        new ResolveOrderBy(r),
        new ResolveUnion(r),
        new ResolveSetOperations(r),
        new ReplaceDistinct())));
  }

  public LogicalPlan analyze(LogicalPlan plan) {
    LogicalPlan out = executor.execute(plan);
    CheckAnalysis.check(out);
    return out;
  }

  /** Time spent per rule name, in nanoseconds, over the plans this analyzer has analyzed. */
  public Map<String, Long> ruleTimes() {
    return executor.ruleTimes();
  }

  static boolean containsAggregate(Expression e) {
    return e.exists(x -> x instanceof AggregateExpression);
  }
}
