package dev.sluice.plan.analysis;

import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.plan.expr.Alias;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.ExprId;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.Generator;
import dev.sluice.plan.expr.Unresolved;
import dev.sluice.plan.expr.WindowExpression;
import dev.sluice.plan.logical.Generate;
import dev.sluice.plan.logical.LateralView;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Project;
import dev.sluice.types.StructField;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Generators get a {@link Generate} operator: {@code SELECT a, explode(b) AS x FROM t} (one
 * generator per SELECT, at the top of its item) and {@code FROM t LATERAL VIEW [OUTER] gen(...)}.
 * A generator in the same SELECT as aggregate or window functions is refused.
 */
final class ResolveGenerators extends ResolutionRule {
  private final ExpressionResolver resolver;

  ResolveGenerators(ExpressionResolver r) {
    this.resolver = r;
  }

  @Override
  protected LogicalPlan resolve(LogicalPlan p) {
    if (p instanceof LateralView lv) {
      return resolveLateralView(lv);
    }
    if (!(p instanceof Project pr) || !ExpressionResolver.allSettled(pr.projectList())
        || !ExpressionResolver.anyContains(pr.projectList(), Generator.class)) {
      return null;
    }
    List<Expression> resolved = pr.projectList();
    boolean hasAggregate = resolved.stream().anyMatch(ExpressionResolver::containsAggregate);
    if (hasAggregate || resolved.stream().anyMatch(x -> x.exists(y -> y instanceof WindowExpression))) {
      throw new AnalysisException(ErrorClass.UNSUPPORTED_GENERATOR, "a generator cannot be used in the same "
          + "SELECT as aggregate or window functions; aggregate in a subquery and apply the generator to its "
          + "result, or the other way round");
    }
    return extractGenerator(resolved, pr.child());
  }

  /**
   * {@code SELECT a, explode(b) AS x FROM t}: a {@link Generate} below the projection, which then
   * selects the generated columns in the generator's place. One generator per SELECT, at the top of
   * its select item (optionally aliased), as in Spark.
   */
  private LogicalPlan extractGenerator(List<Expression> items, LogicalPlan child) {
    List<Expression> generatorItems = new ArrayList<>();
    for (Expression item : items) {
      Expression top = item instanceof Alias a ? a.child()
          : item instanceof Unresolved.MultiAlias m ? m.child() : item;
      if (top instanceof Generator) {
        generatorItems.add(item);
      } else if (top.exists(x -> x instanceof Generator)) {
        throw ExpressionResolver.nestedGenerator(item);
      }
    }
    if (generatorItems.size() > 1) {
      throw new AnalysisException(ErrorClass.UNSUPPORTED_GENERATOR, "only one generator is allowed per SELECT "
          + "clause, but found " + generatorItems.size() + ": " + generatorItems.stream().map(Expression::sql)
          .collect(Collectors.joining(", ")) + "; apply the others in an outer query or with LATERAL VIEW");
    }
    Expression item = generatorItems.get(0);
    Generator g;
    List<String> names;
    if (item instanceof Alias a) {
      g = (Generator) a.child();
      names = List.of(a.name());
    } else if (item instanceof Unresolved.MultiAlias m) {
      g = (Generator) m.child();
      names = m.names();
    } else {
      g = (Generator) item;
      names = null;
    }
    List<AttributeReference> generated = generatorOutput(g, names, List.of());
    List<Expression> proj = new ArrayList<>();
    for (Expression e : items) {
      if (e == item) {
        proj.addAll(generated);
      } else {
        proj.add(e);
      }
    }
    return new Project(proj, new Generate(g, child.output(), generated, child));
  }

  /** The attributes a generator produces, with the given names (or its default names). */
  private static List<AttributeReference> generatorOutput(Generator g, List<String> names, List<String> qualifier) {
    List<dev.sluice.types.StructField> schema = g.elementSchema();
    if (names != null && names.size() != schema.size()) {
      throw new AnalysisException(ErrorClass.UDTF_ALIAS_NUMBER_MISMATCH, g.functionName(),
          Integer.toString(schema.size()), names.isEmpty() ? "none" : String.join(", ", names)
              + (schema.size() > 1 && names.size() == 1 ? " (name several columns with AS (a, b))" : ""));
    }
    List<AttributeReference> out = new ArrayList<>();
    for (int i = 0; i < schema.size(); i++) {
      dev.sluice.types.StructField f = schema.get(i);
      out.add(new AttributeReference(names == null ? f.name() : names.get(i), f.dataType(), f.nullable(),
          ExprId.next(), qualifier));
    }
    return out;
  }

  /** {@code FROM t LATERAL VIEW [OUTER] gen(args) name [AS c1, ...]}: a Generate over the relation. */
  private LogicalPlan resolveLateralView(LateralView lv) {
    List<AttributeReference> input = lv.child().output();
    Expression fn = resolver.resolveExpression(lv.function(), input, lv, false);
    if (!(fn instanceof Generator g)) {
      throw new AnalysisException(ErrorClass.UNSUPPORTED_GENERATOR, "LATERAL VIEW needs a generator function "
          + "(explode, posexplode, inline and their _outer forms), but " + fn.sql() + " is not one");
    }
    if (lv.outer() && !g.outer()) {
      g = new Generator(g.kind(), true, g.child());
    }
    List<AttributeReference> generated = generatorOutput(g, lv.columnNames().isEmpty() ? null : lv.columnNames(),
        List.of(lv.tableName()));
    return new Generate(g, input, generated, lv.child());
  }
}
