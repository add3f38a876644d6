package dev.sluice.plan.analysis;

import dev.sluice.plan.expr.Alias;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Comparison;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.Literal;
import dev.sluice.plan.expr.Logic;
import dev.sluice.plan.expr.Unresolved;
import dev.sluice.plan.logical.Aggregate;
import dev.sluice.plan.logical.Filter;
import dev.sluice.plan.logical.Join;
import dev.sluice.plan.logical.JoinType;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Project;
import dev.sluice.plan.logical.SetOperation;
import dev.sluice.plan.logical.Union;
import dev.sluice.types.DataTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * EXCEPT and INTERSECT: the inputs are aligned as for UNION, then EXCEPT is a left anti join and
 * INTERSECT a left semi join on null-safe equality of all columns, followed by a distinct; the ALL
 * forms count each distinct row's occurrences on both sides and repeat it as often as it remains.
 */
final class ResolveSetOperations extends ResolutionRule {
  private final ResolveUnion union;

  ResolveSetOperations(ExpressionResolver r) {
    this.union = new ResolveUnion(r);
  }

  @Override
  protected LogicalPlan resolve(LogicalPlan p) {
    if (p instanceof SetOperation s && !DeduplicateRelations.conflicting(s.left(), s.right())) {
      return resolveSetOperation(s);
    }
    return null;
  }

  private LogicalPlan resolveSetOperation(SetOperation s) {
    LogicalPlan left = s.left();
    LogicalPlan right = s.right();
    Union aligned = (Union) union.resolveUnion(new Union(List.of(left, right)));
    left = aligned.children().get(0);
    right = aligned.children().get(1);
    if (s.all()) {
      return s.kind() == SetOperation.Kind.EXCEPT ? exceptAll(left, right) : intersectAll(left, right);
    }
    List<Expression> conds = new ArrayList<>();
    for (int i = 0; i < left.output().size(); i++) {
      conds.add(new Comparison(Comparison.Op.NULL_SAFE_EQ, left.output().get(i), right.output().get(i)));
    }
    Expression cond = conds.stream().reduce(Logic::and).orElse(Literal.TRUE);
    JoinType type = s.kind() == SetOperation.Kind.EXCEPT ? JoinType.LEFT_ANTI : JoinType.LEFT_SEMI;
    Join join = new Join(left, right, type, cond);
    List<AttributeReference> out = join.output();
    return new Aggregate(out, out, join);
  }

  private static final String LEFT_COUNT = "__sluice_left_count";
  private static final String RIGHT_COUNT = "__sluice_right_count";
  private static final String TIMES = "__sluice_times";

  /**
   * EXCEPT ALL, as Spark's RewriteExceptAll: each distinct row counted +1 per left and -1 per right
   * occurrence, kept when the sum is positive, and repeated that many times. Built from unresolved
   * functions over the aligned inputs' attributes, which the next passes of the batch resolve.
   */
  private static LogicalPlan exceptAll(LogicalPlan left, LogicalPlan right) {
    Union tagged = new Union(List.of(tag(left, Literal.of(1L)), tag(right, Literal.of(-1L))));
    List<AttributeReference> cols = tagged.output().subList(1, tagged.output().size());
    AttributeReference vcol = tagged.output().get(0);
    List<Expression> aggs = new ArrayList<>(cols);
    aggs.add(new Alias(new Unresolved.Function("sum", List.of(vcol)), TIMES));
    LogicalPlan counted = new Aggregate(cols, aggs, tagged);
    LogicalPlan kept = new Filter(new Comparison(Comparison.Op.GT, name(TIMES), Literal.of(0L)), counted);
    return replicate(cols, kept);
  }

  /**
   * INTERSECT ALL, as Spark's RewriteIntersectAll: each distinct row's occurrences counted on each
   * side, kept when it occurs on both, and repeated as often as on the side where it occurs least.
   */
  private static LogicalPlan intersectAll(LogicalPlan left, LogicalPlan right) {
    Literal yes = Literal.TRUE;
    Literal none = new Literal(null, DataTypes.BooleanType);
    Union tagged = new Union(List.of(tag(tag(left, none), yes), tag(tag(right, yes), none)));
    List<AttributeReference> out = tagged.output();
    AttributeReference inLeft = out.get(0);
    AttributeReference inRight = out.get(1);
    List<AttributeReference> cols = out.subList(2, out.size());
    List<Expression> aggs = new ArrayList<>(cols);
    aggs.add(new Alias(new Unresolved.Function("count", List.of(inLeft)), LEFT_COUNT));
    aggs.add(new Alias(new Unresolved.Function("count", List.of(inRight)), RIGHT_COUNT));
    LogicalPlan counted = new Aggregate(cols, aggs, tagged);
    LogicalPlan both = new Filter(Logic.and(new Comparison(Comparison.Op.GTE, name(LEFT_COUNT), Literal.of(1L)),
        new Comparison(Comparison.Op.GTE, name(RIGHT_COUNT), Literal.of(1L))), counted);
    List<Expression> least = new ArrayList<>(cols);
    least.add(new Alias(new Unresolved.Function("least", List.of(name(LEFT_COUNT), name(RIGHT_COUNT))), TIMES));
    return replicate(cols, new Project(least, both));
  }

  /** The plan with a first column {@code tag} (named so that both sides of the union line up). */
  private static LogicalPlan tag(LogicalPlan p, Literal tag) {
    List<Expression> list = new ArrayList<>();
    list.add(new Alias(tag, "__sluice_tag" + p.output().size()));
    list.addAll(p.output());
    return new Project(list, p);
  }

  /** Each row of {@code p}, {@code TIMES} times, with the columns {@code cols}. */
  private static LogicalPlan replicate(List<AttributeReference> cols, LogicalPlan p) {
    List<Expression> fields = new ArrayList<>();
    for (AttributeReference c : cols) {
      fields.add(Literal.of(c.name()));
      fields.add(c);
    }
    Expression rows = new Unresolved.Function("array_repeat", List.of(
        new Unresolved.Function("named_struct", fields), new Unresolved.Function("int", List.of(name(TIMES)))));
    return new Project(List.of(new Unresolved.Function("inline", List.of(rows))), p);
  }

  private static Expression name(String n) {
    return new Unresolved.Attribute(List.of(n));
  }
}
