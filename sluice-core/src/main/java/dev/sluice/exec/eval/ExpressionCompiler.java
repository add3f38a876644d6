package dev.sluice.exec.eval;

import dev.sluice.plan.expr.Alias;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.BinaryArithmetic;
import dev.sluice.plan.expr.BitwiseOp;
import dev.sluice.plan.expr.BoundReference;
import dev.sluice.plan.expr.CaseWhen;
import dev.sluice.plan.expr.Cast;
import dev.sluice.plan.expr.Coalesce;
import dev.sluice.plan.expr.Comparison;
import dev.sluice.plan.expr.ConstantEvaluation;
import dev.sluice.plan.expr.CreateStruct;
import dev.sluice.plan.expr.CurrentTime;
import dev.sluice.plan.expr.ExprId;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.GetStructField;
import dev.sluice.plan.expr.ImplicitCast;
import dev.sluice.plan.expr.In;
import dev.sluice.plan.expr.IsNull;
import dev.sluice.plan.expr.Literal;
import dev.sluice.plan.expr.Logic;
import dev.sluice.plan.expr.Not;
import dev.sluice.plan.expr.ScalarFunction;
import dev.sluice.plan.expr.SessionBounds;
import dev.sluice.plan.expr.UnaryMinus;
import dev.sluice.plan.expr.WindowBounds;
import dev.sluice.plan.expr.WindowTime;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns resolved expressions into {@link Evaluator}s: attributes become input positions, each node
 * gets the kernel for its operand types and mode, and literals stay scalars. This is the one place
 * that knows which evaluator runs which expression node; the plan layer's expressions carry no
 * evaluation code.
 *
 * <p>It also evaluates constant expressions for the analyzer and optimizer ({@link #CONSTANTS}), so
 * planning-time folding and run time use the same kernels.
 */
public final class ExpressionCompiler {
  private ExpressionCompiler() {}

  private static final ColumnBatch ONE_ROW = new ColumnBatch(new ColumnVector[0], 1);

  /** Planning-time evaluation of foldable expressions, handed to the analyzer and optimizer. */
  public static final ConstantEvaluation CONSTANTS = ExpressionCompiler::constantValue;

  /** The value of a foldable expression, computed once on a one-row batch. */
  public static Object constantValue(Expression e) {
    if (e instanceof Literal l) {
      return l.value();
    }
    if (!e.foldable()) {
      throw new IllegalArgumentException(e.sql() + " is not a constant");
    }
    return compile(e).eval(ONE_ROW).get(0);
  }

  /** Binds attributes to the positions of {@code input} and compiles. */
  public static Evaluator bind(Expression e, List<AttributeReference> input) {
    return compile(bindReferences(e, input));
  }

  public static List<Evaluator> bindAll(List<? extends Expression> es, List<AttributeReference> input) {
    List<Evaluator> out = new ArrayList<>(es.size());
    for (Expression e : es) {
      out.add(bind(e, input));
    }
    return out;
  }

  /** Replaces attribute references with positions in an operator's input batch. */
  public static Expression bindReferences(Expression e, List<AttributeReference> input) {
    Map<ExprId, Integer> pos = new HashMap<>();
    for (int i = 0; i < input.size(); i++) {
      pos.putIfAbsent(input.get(i).exprId(), i);
    }
    return e.transformUp(x -> {
      if (x instanceof AttributeReference a) {
        Integer i = pos.get(a.exprId());
        if (i == null) {
          throw new IllegalStateException("attribute " + a + " is not in the operator input " + input);
        }
        return new BoundReference(i, a.dataType(), a.nullable(), a.name());
      }
      return null;
    });
  }

  /** Compiles an expression whose attributes are already bound ({@link BoundReference}s). */
  public static Evaluator compile(Expression e) {
    if (e instanceof BoundReference r) {
      return new ColumnEvaluator(r);
    }
    if (e instanceof Literal l) {
      return new ConstantEvaluator(l, l.value());
    }
    if (e instanceof Alias a) {
      return compile(a.child());
    }
    if (e instanceof BinaryArithmetic b) {
      return new ArithmeticEvaluator(b, compile(b.left()), compile(b.right()));
    }
    if (e instanceof Comparison c) {
      return new ComparisonEvaluator(c, compile(c.left()), compile(c.right()));
    }
    if (e instanceof Cast c) {
      return new CastEvaluator(c, compile(c.child()), c.mode());
    }
    if (e instanceof ImplicitCast c) {
      return new CastEvaluator(c, compile(c.child()), c.mode());
    }
    if (e instanceof Logic l) {
      return new PredicateEvaluators.Logic(l, l.isAnd(), compile(l.left()), compile(l.right()));
    }
    if (e instanceof Not n) {
      return new PredicateEvaluators.Not(n, compile(n.child()));
    }
    if (e instanceof IsNull n) {
      return new PredicateEvaluators.IsNull(n, compile(n.child()), n.negated());
    }
    if (e instanceof In in) {
      return new PredicateEvaluators.In(in, compile(in.value()), compileAll(in.list()));
    }
    if (e instanceof CaseWhen c) {
      return new ConditionalEvaluators.CaseWhen(c, compileAll(c.conditions()), compileAll(c.values()),
          c.elseValue() == null ? null : compile(c.elseValue()));
    }
    if (e instanceof Coalesce c) {
      return new ConditionalEvaluators.Coalesce(c, compileAll(c.children()));
    }
    if (e instanceof ScalarFunction f) {
      return KernelEvaluators.create(f, compileAll(f.children()).toArray(new Evaluator[0]));
    }
    if (e instanceof UnaryMinus u) {
      return new NegateEvaluator(u, compile(u.child()));
    }
    if (e instanceof BitwiseOp b) {
      List<Evaluator> c = compileAll(b.children());
      return new BitwiseEvaluator(b, c.get(0), c.size() > 1 ? c.get(1) : null);
    }
    if (e instanceof CreateStruct s) {
      return new StructEvaluators.Create(s, compileAll(s.children()));
    }
    if (e instanceof GetStructField g) {
      return new StructEvaluators.GetField(g, compile(g.child()), g.ordinal());
    }
    if (e instanceof WindowBounds w) {
      return new TimeWindowEvaluators.Bounds(w, compile(w.time()));
    }
    if (e instanceof SessionBounds s) {
      return new TimeWindowEvaluators.Session(s, compile(s.time()), compile(s.gap()));
    }
    if (e instanceof WindowTime w) {
      return new TimeWindowEvaluators.Time(w, compile(w.window()));
    }
    if (e instanceof CurrentTime t) {
      // Planners replace it with the query's start time; evaluated alone (a constant fold), it is now.
      Literal now = t.at(System.currentTimeMillis() * 1000L);
      return new ConstantEvaluator(t, now.value());
    }
    throw new IllegalStateException("expression " + e.sql() + " (" + e.getClass().getSimpleName()
        + ") has no evaluator; it must be rewritten or planned before it is executed");
  }

  private static List<Evaluator> compileAll(List<Expression> es) {
    List<Evaluator> out = new ArrayList<>(es.size());
    for (Expression e : es) {
      out.add(compile(e));
    }
    return out;
  }

  /** A column of the input batch, returned as it is. */
  private static final class ColumnEvaluator extends Evaluator {
    private final int ordinal;

    ColumnEvaluator(BoundReference r) {
      super(r);
      this.ordinal = r.ordinal();
    }

    @Override
    public ColumnVector eval(ColumnBatch batch) {
      return batch.column(ordinal);
    }
  }
}
