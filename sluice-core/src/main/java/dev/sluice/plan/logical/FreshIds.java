package dev.sluice.plan.logical;

import dev.sluice.plan.expr.Alias;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.ExprId;
import dev.sluice.plan.expr.OuterReference;
import dev.sluice.plan.expr.SubqueryExpression;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * New expression ids for the columns one plan shares with another: what a self-join (or a subquery
 * reading the table its enclosing query reads) needs so that its two sides can be told apart.
 */
public final class FreshIds {
  private FreshIds() {}

  /** The ids of columns produced anywhere in {@code right} that are also produced in {@code left}. */
  public static Set<ExprId> conflicting(LogicalPlan left, LogicalPlan right) {
    Set<ExprId> leftIds = new HashSet<>();
    left.foreach(p -> p.output().forEach(a -> leftIds.add(a.exprId())));
    Set<ExprId> out = new HashSet<>();
    right.foreach(p -> p.output().forEach(a -> {
      if (leftIds.contains(a.exprId())) {
        out.add(a.exprId());
      }
    }));
    return out;
  }

  /** {@code right} with new ids for the columns it shares with {@code left} (itself when none). */
  public static LogicalPlan dedupRight(LogicalPlan left, LogicalPlan right) {
    return renamed(left, right).plan();
  }

  /** A plan with some columns renamed, and the new id of each renamed one. */
  public record Renamed(LogicalPlan plan, Map<ExprId, ExprId> mapping) {}

  /** As {@link #dedupRight}, also saying which ids were renamed to what. */
  public static Renamed renamed(LogicalPlan left, LogicalPlan right) {
    Set<ExprId> conflicting = conflicting(left, right);
    if (conflicting.isEmpty()) {
      return new Renamed(right, Map.of());
    }
    Map<ExprId, ExprId> mapping = new HashMap<>();
    for (ExprId id : conflicting) {
      mapping.put(id, ExprId.next());
    }
    return new Renamed(remap(right, mapping, false), mapping);
  }

  /**
   * Renames the columns of {@code plan} by {@code mapping}, in the subqueries its expressions hold too. The
   * outer references of {@code plan} itself name columns of the enclosing query and keep their ids; those
   * of a nested subquery name columns of {@code plan}, which are renamed with them.
   */
  private static LogicalPlan remap(LogicalPlan plan, Map<ExprId, ExprId> mapping, boolean nested) {
    return plan.transformUp(p -> {
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
      } else if (q instanceof ExistenceJoin ej && mapping.containsKey(ej.exists().exprId())) {
        q = new ExistenceJoin(ej.left(), ej.right(), ej.condition(), ej.exists().withExprId(mapping.get(
            ej.exists().exprId())));
      }
      return q.mapExpressions(e -> e.transformUp(x -> {
        if (x instanceof AttributeReference a && mapping.containsKey(a.exprId())) {
          return a.withExprId(mapping.get(a.exprId()));
        }
        if (x instanceof Alias al && mapping.containsKey(al.exprId())) {
          return new Alias(al.child(), al.name(), mapping.get(al.exprId()));
        }
        if (nested && x instanceof OuterReference o && mapping.containsKey(o.attribute().exprId())) {
          return new OuterReference(o.attribute().withExprId(mapping.get(o.attribute().exprId())));
        }
        if (x instanceof SubqueryExpression s) {
          LogicalPlan renamed = remap(s.plan(), mapping, true);
          return renamed == s.plan() ? null : s.withPlan(renamed);
        }
        return null;
      }));
    });
  }

  private static List<AttributeReference> remapAll(List<AttributeReference> attrs, Map<ExprId, ExprId> mapping) {
    return attrs.stream().map(a -> mapping.containsKey(a.exprId()) ? a.withExprId(mapping.get(a.exprId())) : a).toList();
  }
}
