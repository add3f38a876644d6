package dev.sluice.plan.analysis;

import dev.sluice.plan.expr.Alias;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.ExprId;
import dev.sluice.plan.logical.DataSourceRelation;
import dev.sluice.plan.logical.Expand;
import dev.sluice.plan.logical.Generate;
import dev.sluice.plan.logical.Join;
import dev.sluice.plan.logical.LocalRelation;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.SetOperation;
import dev.sluice.plan.logical.StreamingRelation;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A self-join, or EXCEPT / INTERSECT of a relation with itself, reads columns with the same
 * expression ids on both sides; the right side gets new ids so that references (and the join
 * condition) can tell the sides apart. The rules that resolve joins and set operations wait until
 * this one has run ({@link #conflicting}).
 */
final class DeduplicateRelations extends ResolutionRule {
  @Override
  protected LogicalPlan resolve(LogicalPlan p) {
    if (!(p instanceof Join || p instanceof SetOperation)) {
      return null;
    }
    LogicalPlan left = p.children().get(0);
    LogicalPlan right = p.children().get(1);
    LogicalPlan renamed = dedupRight(left, right);
    return renamed == right ? null : p.withNewChildren(List.of(left, renamed));
  }

  /** Whether the two sides still share expression ids. */
  static boolean conflicting(LogicalPlan left, LogicalPlan right) {
    return !conflictingIds(left, right).isEmpty();
  }

  private static Set<ExprId> conflictingIds(LogicalPlan left, LogicalPlan right) {
    Set<ExprId> leftIds = new HashSet<>();
    left.foreach(p -> p.output().forEach(a -> leftIds.add(a.exprId())));
    Set<ExprId> conflicting = new HashSet<>();
    right.foreach(p -> p.output().forEach(a -> {
      if (leftIds.contains(a.exprId())) {
        conflicting.add(a.exprId());
      }
    }));
    return conflicting;
  }

  /** Gives the right side of a self-join new attribute ids so both sides can be told apart. */
  private static LogicalPlan dedupRight(LogicalPlan left, LogicalPlan right) {
    Set<ExprId> conflicting = conflictingIds(left, right);
    if (conflicting.isEmpty()) {
      return right;
    }
    Map<ExprId, ExprId> mapping = new HashMap<>();
    for (ExprId id : conflicting) {
      mapping.put(id, ExprId.next());
    }
    return right.transformUp(p -> {
      LogicalPlan q = p;
      if (q instanceof LocalRelation lr) {
        q = lr.withOutput(remapAll(lr.output(), mapping));
      } else if (q instanceof StreamingRelation sr) {
        q = sr.withOutput(remapAll(sr.output(), mapping));
      } else if (q instanceof DataSourceRelation dr) {
        q = dr.withOutput(remapAll(dr.output(), mapping));
      } else if (q instanceof Expand ex) {
        // An Expand makes its columns (grouping sets, sliding windows): they are not any child's.
        q = new Expand(ex.projections(), remapAll(ex.output(), mapping), ex.child());
      } else if (q instanceof Generate g) {
        // Its columns are lists beside its expression: the child's it passes on and those it makes.
        q = new Generate(g.generator(), remapAll(g.requiredChildOutput(), mapping),
            remapAll(g.generatorOutput(), mapping), g.child());
      }
      return q.mapExpressions(e -> e.transformUp(x -> {
        if (x instanceof AttributeReference a && mapping.containsKey(a.exprId())) {
          return a.withExprId(mapping.get(a.exprId()));
        }
        if (x instanceof Alias al && mapping.containsKey(al.exprId())) {
          return new Alias(al.child(), al.name(), mapping.get(al.exprId()));
        }
        return null;
      }));
    });
  }

  private static List<AttributeReference> remapAll(List<AttributeReference> attrs, Map<ExprId, ExprId> mapping) {
    return attrs.stream().map(a -> mapping.containsKey(a.exprId()) ? a.withExprId(mapping.get(a.exprId())) : a).toList();
  }
}
