package dev.sluice.plan.optimizer;

import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.logical.DataSourceRelation;
import dev.sluice.plan.logical.Expand;
import dev.sluice.plan.logical.Generate;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Project;
import dev.sluice.plan.logical.StreamingRelation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads only the columns the query uses: walks the plan top-down with the set of columns each node
 * must produce, drops unused select items of inner projections, stops generators and expands from
 * copying input columns nobody reads, and narrows connector relations so sources can skip columns.
 */
public final class ColumnPruning implements Rule {
  @Override
  public LogicalPlan apply(LogicalPlan plan) {
    return prune(plan, new LinkedHashSet<>(plan.output()), true);
  }

  private LogicalPlan prune(LogicalPlan p, Set<AttributeReference> required, boolean root) {
    if (p instanceof Project pr) {
      List<Expression> kept = new ArrayList<>();
      for (Expression e : pr.projectList()) {
        AttributeReference a = ((dev.sluice.plan.expr.NamedExpression) e).toAttribute();
        if (root || required.contains(a)) {
          kept.add(e);
        }
      }
      Set<AttributeReference> childReq = new LinkedHashSet<>();
      for (Expression e : kept) {
        childReq.addAll(e.references());
      }
      return new Project(kept, prune(pr.child(), childReq, false));
    }
    if (p instanceof Generate g) {
      // Copy only the input columns read above; the generator's input must still be produced below.
      List<AttributeReference> keep = g.requiredChildOutput().stream().filter(a -> root || required.contains(a))
          .toList();
      Set<AttributeReference> childReq = new LinkedHashSet<>(keep);
      childReq.addAll(g.generator().references());
      return new Generate(g.generator(), keep, g.generatorOutput(), prune(g.child(), childReq, false));
    }
    if (p instanceof Expand e) {
      // Copy only the columns read above into each projection (grouping sets, sliding windows).
      List<Integer> keep = new ArrayList<>();
      for (int i = 0; i < e.output().size(); i++) {
        if (root || required.contains(e.output().get(i))) {
          keep.add(i);
        }
      }
      List<List<Expression>> projections = new ArrayList<>();
      Set<AttributeReference> childReq = new LinkedHashSet<>();
      for (List<Expression> proj : e.projections()) {
        List<Expression> kept = keep.stream().map(proj::get).toList();
        kept.forEach(x -> childReq.addAll(x.references()));
        projections.add(kept);
      }
      List<AttributeReference> out = keep.stream().map(e.output()::get).toList();
      return new Expand(projections, out, prune(e.child(), childReq, false));
    }
    if (p instanceof DataSourceRelation r) {
      List<AttributeReference> out = r.output().stream().filter(required::contains).toList();
      return out.size() == r.output().size() ? r : r.withOutput(out);
    }
    if (p instanceof StreamingRelation r) {
      List<AttributeReference> out = r.output().stream().filter(required::contains).toList();
      return out.size() == r.output().size() ? r : r.withOutput(out);
    }
    if (p.children().isEmpty()) {
      return p;
    }
    // Operators that pass rows through: children must produce what is required plus what this node reads.
    boolean passThrough = p instanceof dev.sluice.plan.logical.Filter || p instanceof dev.sluice.plan.logical.Sort
        || p instanceof dev.sluice.plan.logical.Limit || p instanceof dev.sluice.plan.logical.SubqueryAlias
        || p instanceof dev.sluice.plan.logical.Join || p instanceof dev.sluice.plan.logical.ExistenceJoin
        || p instanceof dev.sluice.plan.logical.Aggregate
        || p instanceof dev.sluice.plan.logical.EventTimeWatermark;
    if (!passThrough) {
      // Keep every column below nodes whose semantics depend on whole rows (union, dedup, ...).
      List<LogicalPlan> cs = new ArrayList<>();
      for (LogicalPlan c : p.children()) {
        cs.add(prune(c, new LinkedHashSet<>(c.output()), false));
      }
      return p.withNewChildren(cs);
    }
    Set<AttributeReference> need = new LinkedHashSet<>(p instanceof dev.sluice.plan.logical.Aggregate
        ? Set.of() : required);
    for (Expression e : p.expressions()) {
      need.addAll(e.references());
    }
    List<LogicalPlan> cs = new ArrayList<>();
    for (LogicalPlan c : p.children()) {
      Set<AttributeReference> childReq = new LinkedHashSet<>();
      for (AttributeReference a : c.output()) {
        if (need.contains(a)) {
          childReq.add(a);
        }
      }
      cs.add(prune(c, childReq, false));
    }
    return p.withNewChildren(cs);
  }
}
