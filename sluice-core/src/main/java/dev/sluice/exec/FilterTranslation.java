package dev.sluice.exec;

import dev.sluice.connector.SourceFilter;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Comparison;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.In;
import dev.sluice.plan.expr.IsNull;
import dev.sluice.plan.expr.Literal;
import dev.sluice.plan.expr.Logic;
import dev.sluice.plan.expr.Not;
import dev.sluice.plan.expr.Predicates;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates the conjuncts of a filter into {@link SourceFilter}s a source can use to skip data:
 * comparisons of a column with a literal, IN lists of literals, IS [NOT] NULL, and AND/OR/NOT of
 * those. Conjuncts it cannot translate are left out (the filter itself still runs on every row).
 */
public final class FilterTranslation {
  private FilterTranslation() {}

  public static List<SourceFilter> translate(Expression condition) {
    return translate(Predicates.conjuncts(condition));
  }

  /** The translatable ones of {@code conjuncts}, each translated. */
  public static List<SourceFilter> translate(List<Expression> conjuncts) {
    List<SourceFilter> out = new ArrayList<>();
    for (Expression c : conjuncts) {
      SourceFilter f = translateOne(c);
      if (f != null) {
        out.add(f);
      }
    }
    return out;
  }

  static SourceFilter translateOne(Expression e) {
    if (e instanceof Logic l) {
      SourceFilter a = translateOne(l.left());
      SourceFilter b = translateOne(l.right());
      if (a == null || b == null) {
        return null;
      }
      return l.isAnd() ? new SourceFilter.And(a, b) : new SourceFilter.Or(a, b);
    }
    if (e instanceof Not n) {
      SourceFilter c = translateOne(n.child());
      return c == null ? null : new SourceFilter.Not(c);
    }
    if (e instanceof IsNull n && n.child() instanceof AttributeReference a) {
      return n.negated() ? new SourceFilter.IsNotNull(a.name()) : new SourceFilter.IsNull(a.name());
    }
    if (e instanceof In in && in.value() instanceof AttributeReference a) {
      List<Object> vals = new ArrayList<>();
      for (Expression x : in.list()) {
        if (!(x instanceof Literal lit) || !lit.dataType().equals(a.dataType())) {
          return null;
        }
        vals.add(lit.value());
      }
      return new SourceFilter.In(a.name(), vals);
    }
    if (e instanceof Comparison c) {
      Comparison.Op op = c.op();
      AttributeReference a;
      Literal lit;
      if (c.left() instanceof AttributeReference x && c.right() instanceof Literal y) {
        a = x;
        lit = y;
      } else if (c.right() instanceof AttributeReference x && c.left() instanceof Literal y) {
        a = x;
        lit = y;
        op = op.flip();
      } else {
        return null;
      }
      if (lit.value() == null || !lit.dataType().equals(a.dataType())) {
        return null;
      }
      return switch (op) {
        case EQ -> new SourceFilter.EqualTo(a.name(), lit.value());
        case LT -> new SourceFilter.LessThan(a.name(), lit.value());
        case LTE -> new SourceFilter.LessThanOrEqual(a.name(), lit.value());
        case GT -> new SourceFilter.GreaterThan(a.name(), lit.value());
        case GTE -> new SourceFilter.GreaterThanOrEqual(a.name(), lit.value());
        case NEQ -> new SourceFilter.Not(new SourceFilter.EqualTo(a.name(), lit.value()));
        default -> null;
      };
    }
    return null;
  }
}
