package dev.sluice.plan.optimizer;

import dev.sluice.plan.expr.Alias;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.BinaryArithmetic;
import dev.sluice.plan.expr.Comparison;
import dev.sluice.plan.expr.EvalMode;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.IsNull;
import dev.sluice.plan.expr.Literal;
import dev.sluice.plan.expr.Logic;
import dev.sluice.plan.expr.Not;
import dev.sluice.plan.expr.ScalarFunction;
import dev.sluice.plan.logical.Filter;
import dev.sluice.plan.logical.Join;
import dev.sluice.plan.logical.JoinType;
import dev.sluice.plan.logical.LocalRelation;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Project;
import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import java.util.List;

/**
 * A small plan-building DSL for rule tests, in the spirit of Catalyst's test DSL, and assertions
 * that print the plan before the rule, after it, and what was expected.
 */
final class PlanTestSupport {
  private PlanTestSupport() {}

  // ------------------------------------------------------------------ leaves and expressions

  static AttributeReference attr(String name, DataType type) {
    return AttributeReference.create(name, type, true);
  }

  static AttributeReference intAttr(String name) {
    return attr(name, DataTypes.IntegerType);
  }

  static AttributeReference stringAttr(String name) {
    return attr(name, DataTypes.StringType);
  }

  /** An empty in-memory relation with these columns. */
  static LocalRelation relation(AttributeReference... output) {
    return new LocalRelation(List.of(output), List.of());
  }

  static Literal lit(Object v) {
    return Literal.of(v);
  }

  static Literal nullBoolean() {
    return new Literal(null, DataTypes.BooleanType);
  }

  static Expression plus(Expression l, Expression r) {
    return new BinaryArithmetic(BinaryArithmetic.Op.ADD, l, r, EvalMode.ANSI);
  }

  static Expression plusLegacy(Expression l, Expression r) {
    return new BinaryArithmetic(BinaryArithmetic.Op.ADD, l, r, EvalMode.LEGACY);
  }

  static Expression times(Expression l, Expression r) {
    return new BinaryArithmetic(BinaryArithmetic.Op.MULTIPLY, l, r, EvalMode.ANSI);
  }

  /** {@code l / r} on doubles, ANSI (division by zero fails). */
  static Expression divide(Expression l, Expression r) {
    return new BinaryArithmetic(BinaryArithmetic.Op.DIVIDE, l, r, EvalMode.ANSI);
  }

  static Expression divideLegacy(Expression l, Expression r) {
    return new BinaryArithmetic(BinaryArithmetic.Op.DIVIDE, l, r, EvalMode.LEGACY);
  }

  static Expression gt(Expression l, Expression r) {
    return new Comparison(Comparison.Op.GT, l, r);
  }

  static Expression lt(Expression l, Expression r) {
    return new Comparison(Comparison.Op.LT, l, r);
  }

  static Expression eq(Expression l, Expression r) {
    return new Comparison(Comparison.Op.EQ, l, r);
  }

  static Expression and(Expression l, Expression r) {
    return Logic.and(l, r);
  }

  static Expression or(Expression l, Expression r) {
    return Logic.or(l, r);
  }

  static Expression not(Expression e) {
    return new Not(e);
  }

  static Expression isNull(Expression e) {
    return new IsNull(e, false);
  }

  /**
   * A non-deterministic function of its argument (like {@code rand(seed)}): foldable arguments do
   * not make it foldable, and rules must not duplicate, merge or move it.
   */
  static Expression random(Expression seed) {
    return new ScalarFunction("random", List.of(seed), DataTypes.DoubleType, true, false, args -> Math.random());
  }

  static Alias as(Expression e, String name) {
    return new Alias(e, name);
  }

  /** The same alias (name and id) over another child: what a rule produces when it rewrites the child. */
  static Alias sameAlias(Alias a, Expression newChild) {
    return new Alias(newChild, a.name(), a.exprId());
  }

  // ------------------------------------------------------------------ operators

  static Filter where(LogicalPlan child, Expression condition) {
    return new Filter(condition, child);
  }

  static Project select(LogicalPlan child, Expression... items) {
    return new Project(List.of(items), child);
  }

  static Join join(LogicalPlan left, LogicalPlan right, JoinType type, Expression condition) {
    return new Join(left, right, type, condition);
  }

  // ------------------------------------------------------------------ assertions

  /** Applies the rule and demands exactly {@code expected}; returns the rewritten plan. */
  static LogicalPlan assertRewrites(Rule rule, LogicalPlan before, LogicalPlan expected) {
    LogicalPlan after = rule.apply(before);
    if (!after.equals(expected)) {
      throw new AssertionError(rule.name() + " did not produce the expected plan\n" + trees(before, after)
          + "== Expected ==\n" + expected.treeString());
    }
    return after;
  }

  /** The rule must leave the plan as it is. */
  static void assertUnchanged(Rule rule, LogicalPlan plan) {
    LogicalPlan after = rule.apply(plan);
    if (!after.equals(plan)) {
      throw new AssertionError(rule.name() + " must not rewrite this plan, but did\n" + trees(plan, after));
    }
  }

  /**
   * Catalyst's check for rules of a run-once batch: a second application must not change the plan
   * the first one produced.
   */
  static void assertIdempotent(Rule rule, LogicalPlan plan) {
    LogicalPlan once = rule.apply(plan);
    LogicalPlan twice = rule.apply(once);
    if (!twice.equals(once)) {
      throw new AssertionError(rule.name() + " changed the plan again when applied a second time\n"
          + "== Before ==\n" + plan.treeString() + "== After one application ==\n" + once.treeString()
          + "== After two applications ==\n" + twice.treeString());
    }
  }

  static String trees(LogicalPlan before, LogicalPlan after) {
    return "== Before ==\n" + before.treeString() + "== After ==\n" + after.treeString();
  }
}
