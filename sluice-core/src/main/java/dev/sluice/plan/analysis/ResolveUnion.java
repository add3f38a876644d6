package dev.sluice.plan.analysis;

import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.plan.expr.Alias;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.Literal;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Project;
import dev.sluice.plan.logical.Union;
import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * UNION (and unionByName): by-name inputs are aligned to the first input's column names (missing
 * columns as NULL when allowed), then every column is cast to the widest type of its inputs. The
 * inputs must have the same number of columns.
 */
final class ResolveUnion extends ResolutionRule {
  private final ExpressionResolver resolver;

  ResolveUnion(ExpressionResolver r) {
    this.resolver = r;
  }

  @Override
  protected LogicalPlan resolve(LogicalPlan p) {
    return p instanceof Union u ? resolveUnion(u) : null;
  }

  LogicalPlan resolveUnion(Union u) {
    List<LogicalPlan> children = new ArrayList<>(u.children());
    if (u.byName()) {
      children = alignByName(children, u.allowMissingColumns());
    }
    int n = children.get(0).output().size();
    for (int i = 1; i < children.size(); i++) {
      int m = children.get(i).output().size();
      if (m != n) {
        throw new AnalysisException(ErrorClass.UNION_COLUMN_MISMATCH, "UNION", n, i + 1, m);
      }
    }
    List<DataType> types = new ArrayList<>();
    for (int c = 0; c < n; c++) {
      DataType t = children.get(0).output().get(c).dataType();
      for (LogicalPlan child : children) {
        DataType w = TypeCoercion.widerType(t, child.output().get(c).dataType());
        if (w == null) {
          throw new AnalysisException(ErrorClass.DATATYPE_MISMATCH, "UNION column " + (c + 1) + " ("
              + children.get(0).output().get(c).name() + ")", "the inputs have incompatible types " + t.sql()
              + " and " + child.output().get(c).dataType().sql());
        }
        t = w;
      }
      types.add(t);
    }
    List<LogicalPlan> cast = new ArrayList<>();
    for (LogicalPlan child : children) {
      List<AttributeReference> out = child.output();
      boolean needs = false;
      List<Expression> proj = new ArrayList<>();
      for (int c = 0; c < n; c++) {
        AttributeReference a = out.get(c);
        if (a.dataType().equals(types.get(c))) {
          proj.add(a);
        } else {
          needs = true;
          proj.add(new Alias(TypeCoercion.castIfNeeded(a, types.get(c), resolver.ansi()), a.name()));
        }
      }
      cast.add(needs ? new Project(proj, child) : child);
    }
    return new Union(cast, false, false);
  }

  List<LogicalPlan> alignByName(List<LogicalPlan> children, boolean allowMissing) {
    List<AttributeReference> first = children.get(0).output();
    List<String> names = new ArrayList<>(first.stream().map(AttributeReference::name).toList());
    if (allowMissing) {
      for (LogicalPlan c : children) {
        for (AttributeReference a : c.output()) {
          if (names.stream().noneMatch(n -> resolver.nameEquals(n, a.name()))) {
            names.add(a.name());
          }
        }
      }
    }
    List<LogicalPlan> out = new ArrayList<>();
    for (LogicalPlan c : children) {
      List<Expression> proj = new ArrayList<>();
      for (String name : names) {
        Expression found = resolver.resolveName(List.of(name), c.output());
        if (found == null) {
          if (!allowMissing) {
            throw new AnalysisException(ErrorClass.UNRESOLVED_COLUMN, "`" + name + "` (unionByName)",
                ExpressionResolver.candidates(c.output()));
          }
          DataType t = typeOfName(name, children);
          proj.add(new Alias(new Literal(null, t), name));
        } else {
          proj.add(found);
        }
      }
      if (!allowMissing && c.output().size() != names.size()) {
        throw new AnalysisException(ErrorClass.UNION_COLUMN_MISMATCH, "unionByName", names.size(), out.size() + 1,
            c.output().size());
      }
      out.add(new Project(proj, c));
    }
    return out;
  }

  DataType typeOfName(String name, List<LogicalPlan> children) {
    for (LogicalPlan c : children) {
      for (AttributeReference a : c.output()) {
        if (resolver.nameEquals(a.name(), name)) {
          return a.dataType();
        }
      }
    }
    return dev.sluice.types.DataTypes.NullType;
  }
}
