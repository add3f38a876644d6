package dev.sluice.exec.eval;

import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.ExecutionException;
import dev.sluice.plan.expr.Kernel;
import dev.sluice.plan.expr.ScalarFunction;
import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.types.DataTypes.Physical;
import dev.sluice.vector.BooleanVector;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;
import dev.sluice.vector.DoubleVector;
import dev.sluice.vector.IntVector;
import dev.sluice.vector.LongVector;
import dev.sluice.vector.ObjectVector;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleToLongFunction;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.function.IntBinaryOperator;
import java.util.function.IntUnaryOperator;
import java.util.function.LongToIntFunction;
import java.util.function.LongUnaryOperator;
import java.util.function.Predicate;
import java.util.function.ToIntBiFunction;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

/**
 * Vector loops for the typed {@link Kernel} shapes of built-in functions, one evaluator per shape.
 * Each loops over its argument's backing array and writes a primitive or object result array: no
 * per-row argument array, no boxing of primitives, no builder. A NULL constant argument makes the
 * whole result NULL at once; a constant operand of a binary shape is read once per batch, not expanded.
 * A unary kernel with a primitive result shares its argument's null mask (vectors are immutable).
 */
final class KernelEvaluators {
  private KernelEvaluators() {}

  /** The evaluator for a function's kernel; checks at compile time that the vectors fit the shape. */
  static Evaluator create(ScalarFunction f, Evaluator[] args) {
    Kernel k = f.kernel();
    if (k instanceof Kernel.Row r) {
      return new RowFunctionEvaluator(f, r.f(), args);
    }
    if (k instanceof Kernel.DoubleUnary u) {
      expect(f, args, Physical.DOUBLE, Physical.DOUBLE);
      return new DoubleUnary(f, args[0], u.f());
    }
    if (k instanceof Kernel.DoubleBinary b) {
      expect(f, args, Physical.DOUBLE, Physical.DOUBLE, Physical.DOUBLE);
      return new DoubleBinary(f, args[0], args[1], b.f());
    }
    if (k instanceof Kernel.DoubleToLong u) {
      expect(f, args, Physical.LONG, Physical.DOUBLE);
      return new DoubleToLong(f, args[0], u.f());
    }
    if (k instanceof Kernel.IntUnary u) {
      expect(f, args, Physical.INT, Physical.INT);
      return new IntUnary(f, args[0], u.f());
    }
    if (k instanceof Kernel.IntBinary b) {
      expect(f, args, Physical.INT, Physical.INT, Physical.INT);
      return new IntBinary(f, args[0], args[1], b.f());
    }
    if (k instanceof Kernel.LongUnary u) {
      expect(f, args, Physical.LONG, Physical.LONG);
      return new LongUnary(f, args[0], u.f());
    }
    if (k instanceof Kernel.LongToInt u) {
      expect(f, args, Physical.INT, Physical.LONG);
      return new LongToInt(f, args[0], u.f());
    }
    if (k instanceof Kernel.ObjUnary<?> u) {
      expect(f, args, Physical.OBJECT, Physical.OBJECT);
      return new ObjUnary(f, args[0], u.f());
    }
    if (k instanceof Kernel.ObjToInt<?> u) {
      expect(f, args, Physical.INT, Physical.OBJECT);
      return new ObjToInt(f, args[0], u.f());
    }
    if (k instanceof Kernel.ObjToLong<?> u) {
      expect(f, args, Physical.LONG, Physical.OBJECT);
      return new ObjToLong(f, args[0], u.f());
    }
    if (k instanceof Kernel.ObjToBool<?> u) {
      expect(f, args, Physical.BOOLEAN, Physical.OBJECT);
      return new ObjToBool(f, args[0], u.f());
    }
    if (k instanceof Kernel.ObjBinary<?, ?> b) {
      expect(f, args, Physical.OBJECT, Physical.OBJECT, Physical.OBJECT);
      return new ObjBinary(f, args[0], args[1], b.f());
    }
    if (k instanceof Kernel.ObjBinaryToBool<?, ?> b) {
      expect(f, args, Physical.BOOLEAN, Physical.OBJECT, Physical.OBJECT);
      return new ObjBinaryToBool(f, args[0], args[1], b.f());
    }
    if (k instanceof Kernel.ObjBinaryToInt<?, ?> b) {
      expect(f, args, Physical.INT, Physical.OBJECT, Physical.OBJECT);
      return new ObjBinaryToInt(f, args[0], args[1], b.f());
    }
    throw new IllegalStateException("no evaluator for the kernel of " + f.sql());
  }

  /** A registration bug (arguments not coerced to the shape) fails when the plan is compiled. */
  private static void expect(ScalarFunction f, Evaluator[] args, Physical result, Physical... inputs) {
    if (physical(f.dataType()) != result) {
      throw new IllegalStateException(f.name() + ": a " + f.kernel().getClass().getSimpleName()
          + " kernel cannot give " + f.dataType().sql());
    }
    for (int i = 0; i < inputs.length; i++) {
      DataType t = args[i].dataType();
      if (physical(t) != inputs[i] && t != DataTypes.NullType) {
        throw new IllegalStateException(f.name() + ": argument " + (i + 1) + " of a "
            + f.kernel().getClass().getSimpleName() + " kernel cannot be " + t.sql());
      }
    }
  }

  private static Physical physical(DataType t) {
    return DataTypes.physical(t);
  }

  /**
   * A kernel's exact arithmetic ({@code Math.multiplyExact} and the like) that overflowed: a user error
   * naming the expression, never a raw {@code ArithmeticException}.
   */
  static ExecutionException outOfRange(Evaluator e, ArithmeticException cause) {
    return new ExecutionException(ErrorClass.RESULT_OUT_OF_RANGE, e.expression().sql(), e.dataType().sql(),
        cause.getMessage());
  }

  private static boolean nullConstant(Evaluator e) {
    return e.isConstant() && e.constantValue() == null;
  }

  /** One argument: a NULL constant gives all NULL; otherwise the kernel runs over the argument vector. */
  private abstract static class Unary extends Evaluator {
    private final Evaluator arg;

    Unary(ScalarFunction f, Evaluator arg) {
      super(f);
      this.arg = arg;
    }

    @Override
    public final ColumnVector eval(ColumnBatch batch) {
      int n = batch.numRows();
      if (nullConstant(arg)) {
        return ColumnVector.allNull(dataType(), n);
      }
      ColumnVector in = arg.eval(batch);
      try {
        return apply(in, n);
      } catch (ArithmeticException e) {
        throw outOfRange(this, e);
      }
    }

    abstract ColumnVector apply(ColumnVector in, int n);
  }

  private static final class DoubleUnary extends Unary {
    private final DoubleUnaryOperator f;

    DoubleUnary(ScalarFunction fn, Evaluator arg, DoubleUnaryOperator f) {
      super(fn, arg);
      this.f = f;
    }

    @Override
    ColumnVector apply(ColumnVector in, int n) {
      double[] x = ((DoubleVector) in).values();
      boolean[] nulls = in.nulls();
      double[] out = new double[n];
      if (nulls == null) {
        for (int i = 0; i < n; i++) {
          out[i] = f.applyAsDouble(x[i]);
        }
      } else {
        for (int i = 0; i < n; i++) {
          if (!nulls[i]) {
            out[i] = f.applyAsDouble(x[i]);
          }
        }
      }
      return new DoubleVector(out, n, nulls);
    }
  }

  private static final class DoubleToLong extends Unary {
    private final DoubleToLongFunction f;

    DoubleToLong(ScalarFunction fn, Evaluator arg, DoubleToLongFunction f) {
      super(fn, arg);
      this.f = f;
    }

    @Override
    ColumnVector apply(ColumnVector in, int n) {
      double[] x = ((DoubleVector) in).values();
      boolean[] nulls = in.nulls();
      long[] out = new long[n];
      if (nulls == null) {
        for (int i = 0; i < n; i++) {
          out[i] = f.applyAsLong(x[i]);
        }
      } else {
        for (int i = 0; i < n; i++) {
          if (!nulls[i]) {
            out[i] = f.applyAsLong(x[i]);
          }
        }
      }
      return new LongVector(dataType(), out, n, nulls);
    }
  }

  private static final class IntUnary extends Unary {
    private final IntUnaryOperator f;

    IntUnary(ScalarFunction fn, Evaluator arg, IntUnaryOperator f) {
      super(fn, arg);
      this.f = f;
    }

    @Override
    ColumnVector apply(ColumnVector in, int n) {
      int[] x = ((IntVector) in).values();
      boolean[] nulls = in.nulls();
      int[] out = new int[n];
      if (nulls == null) {
        for (int i = 0; i < n; i++) {
          out[i] = f.applyAsInt(x[i]);
        }
      } else {
        for (int i = 0; i < n; i++) {
          if (!nulls[i]) {
            out[i] = f.applyAsInt(x[i]);
          }
        }
      }
      return new IntVector(dataType(), out, n, nulls);
    }
  }

  private static final class LongUnary extends Unary {
    private final LongUnaryOperator f;

    LongUnary(ScalarFunction fn, Evaluator arg, LongUnaryOperator f) {
      super(fn, arg);
      this.f = f;
    }

    @Override
    ColumnVector apply(ColumnVector in, int n) {
      long[] x = ((LongVector) in).values();
      boolean[] nulls = in.nulls();
      long[] out = new long[n];
      if (nulls == null) {
        for (int i = 0; i < n; i++) {
          out[i] = f.applyAsLong(x[i]);
        }
      } else {
        for (int i = 0; i < n; i++) {
          if (!nulls[i]) {
            out[i] = f.applyAsLong(x[i]);
          }
        }
      }
      return new LongVector(dataType(), out, n, nulls);
    }
  }

  private static final class LongToInt extends Unary {
    private final LongToIntFunction f;

    LongToInt(ScalarFunction fn, Evaluator arg, LongToIntFunction f) {
      super(fn, arg);
      this.f = f;
    }

    @Override
    ColumnVector apply(ColumnVector in, int n) {
      long[] x = ((LongVector) in).values();
      boolean[] nulls = in.nulls();
      int[] out = new int[n];
      if (nulls == null) {
        for (int i = 0; i < n; i++) {
          out[i] = f.applyAsInt(x[i]);
        }
      } else {
        for (int i = 0; i < n; i++) {
          if (!nulls[i]) {
            out[i] = f.applyAsInt(x[i]);
          }
        }
      }
      return new IntVector(dataType(), out, n, nulls);
    }
  }

  /** Whether row i of an object vector is NULL (the element is null, or masked). */
  private static boolean isNull(Object[] values, boolean[] nulls, int i) {
    return values[i] == null || (nulls != null && nulls[i]);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static final class ObjUnary extends Unary {
    private final Function f;

    ObjUnary(ScalarFunction fn, Evaluator arg, Function<?, ?> f) {
      super(fn, arg);
      this.f = f;
    }

    @Override
    ColumnVector apply(ColumnVector in, int n) {
      Object[] x = ((ObjectVector) in).values();
      boolean[] inNulls = in.nulls();
      Object[] out = new Object[n];
      boolean[] nulls = null;
      for (int i = 0; i < n; i++) {
        Object r = isNull(x, inNulls, i) ? null : f.apply(x[i]);
        if (r == null) {
          nulls = Vectors.setNull(nulls, i, n);
        } else {
          out[i] = r;
        }
      }
      return new ObjectVector(dataType(), out, n, nulls);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static final class ObjToInt extends Unary {
    private final ToIntFunction f;

    ObjToInt(ScalarFunction fn, Evaluator arg, ToIntFunction<?> f) {
      super(fn, arg);
      this.f = f;
    }

    @Override
    ColumnVector apply(ColumnVector in, int n) {
      Object[] x = ((ObjectVector) in).values();
      boolean[] nulls = in.nulls();
      int[] out = new int[n];
      for (int i = 0; i < n; i++) {
        if (!isNull(x, nulls, i)) {
          out[i] = f.applyAsInt(x[i]);
        }
      }
      return new IntVector(dataType(), out, n, nulls);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static final class ObjToLong extends Unary {
    private final ToLongFunction f;

    ObjToLong(ScalarFunction fn, Evaluator arg, ToLongFunction<?> f) {
      super(fn, arg);
      this.f = f;
    }

    @Override
    ColumnVector apply(ColumnVector in, int n) {
      Object[] x = ((ObjectVector) in).values();
      boolean[] nulls = in.nulls();
      long[] out = new long[n];
      for (int i = 0; i < n; i++) {
        if (!isNull(x, nulls, i)) {
          out[i] = f.applyAsLong(x[i]);
        }
      }
      return new LongVector(dataType(), out, n, nulls);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static final class ObjToBool extends Unary {
    private final Predicate f;

    ObjToBool(ScalarFunction fn, Evaluator arg, Predicate<?> f) {
      super(fn, arg);
      this.f = f;
    }

    @Override
    ColumnVector apply(ColumnVector in, int n) {
      Object[] x = ((ObjectVector) in).values();
      boolean[] nulls = in.nulls();
      boolean[] out = new boolean[n];
      for (int i = 0; i < n; i++) {
        if (!isNull(x, nulls, i)) {
          out[i] = f.test(x[i]);
        }
      }
      return new BooleanVector(out, n, nulls);
    }
  }

  /**
   * Two arguments, each a vector or a scalar: a NULL constant gives all NULL, a non-null constant is
   * read once. The result's null mask is the union of the vector arguments' masks (object shapes may
   * add to it).
   */
  private abstract static class Binary extends Evaluator {
    private final Evaluator left;
    private final Evaluator right;

    Binary(ScalarFunction f, Evaluator left, Evaluator right) {
      super(f);
      this.left = left;
      this.right = right;
    }

    @Override
    public final ColumnVector eval(ColumnBatch batch) {
      int n = batch.numRows();
      if (nullConstant(left) || nullConstant(right)) {
        return ColumnVector.allNull(dataType(), n);
      }
      ColumnVector l = left.isConstant() ? null : left.eval(batch);
      ColumnVector r = right.isConstant() ? null : right.eval(batch);
      boolean[] nulls = l == null ? (r == null ? null : Vectors.copyNulls(r, n))
          : r == null ? Vectors.copyNulls(l, n) : Vectors.unionNulls(n, l, r);
      try {
        return apply(l, left.isConstant() ? left.constantValue() : null,
            r, right.isConstant() ? right.constantValue() : null, nulls, n);
      } catch (ArithmeticException e) {
        throw outOfRange(this, e);
      }
    }

    /** {@code l}/{@code r} are null when that side is the constant {@code lc}/{@code rc}. */
    abstract ColumnVector apply(ColumnVector l, Object lc, ColumnVector r, Object rc, boolean[] nulls, int n);
  }

  private static final class DoubleBinary extends Binary {
    private final DoubleBinaryOperator f;

    DoubleBinary(ScalarFunction fn, Evaluator left, Evaluator right, DoubleBinaryOperator f) {
      super(fn, left, right);
      this.f = f;
    }

    @Override
    ColumnVector apply(ColumnVector l, Object lc, ColumnVector r, Object rc, boolean[] nulls, int n) {
      double[] out = new double[n];
      double[] x = l == null ? null : ((DoubleVector) l).values();
      double[] y = r == null ? null : ((DoubleVector) r).values();
      if (x != null && y != null) {
        for (int i = 0; i < n; i++) {
          if (nulls == null || !nulls[i]) {
            out[i] = f.applyAsDouble(x[i], y[i]);
          }
        }
      } else if (x != null) {
        double c = (Double) rc;
        for (int i = 0; i < n; i++) {
          if (nulls == null || !nulls[i]) {
            out[i] = f.applyAsDouble(x[i], c);
          }
        }
      } else if (y != null) {
        double c = (Double) lc;
        for (int i = 0; i < n; i++) {
          if (nulls == null || !nulls[i]) {
            out[i] = f.applyAsDouble(c, y[i]);
          }
        }
      } else {
        java.util.Arrays.fill(out, 0, n, f.applyAsDouble((Double) lc, (Double) rc));
      }
      return new DoubleVector(out, n, nulls);
    }
  }

  private static final class IntBinary extends Binary {
    private final IntBinaryOperator f;

    IntBinary(ScalarFunction fn, Evaluator left, Evaluator right, IntBinaryOperator f) {
      super(fn, left, right);
      this.f = f;
    }

    @Override
    ColumnVector apply(ColumnVector l, Object lc, ColumnVector r, Object rc, boolean[] nulls, int n) {
      int[] out = new int[n];
      int[] x = l == null ? null : ((IntVector) l).values();
      int[] y = r == null ? null : ((IntVector) r).values();
      if (x != null && y != null) {
        for (int i = 0; i < n; i++) {
          if (nulls == null || !nulls[i]) {
            out[i] = f.applyAsInt(x[i], y[i]);
          }
        }
      } else if (x != null) {
        int c = (Integer) rc;
        for (int i = 0; i < n; i++) {
          if (nulls == null || !nulls[i]) {
            out[i] = f.applyAsInt(x[i], c);
          }
        }
      } else if (y != null) {
        int c = (Integer) lc;
        for (int i = 0; i < n; i++) {
          if (nulls == null || !nulls[i]) {
            out[i] = f.applyAsInt(c, y[i]);
          }
        }
      } else {
        java.util.Arrays.fill(out, 0, n, f.applyAsInt((Integer) lc, (Integer) rc));
      }
      return new IntVector(dataType(), out, n, nulls);
    }
  }

  /** Row i's value of an object argument that is a vector's backing array or the constant {@code c}. */
  private static Object at(Object[] values, Object c, int i) {
    return values == null ? c : values[i];
  }

  private static Object[] objects(ColumnVector v) {
    return v == null ? null : ((ObjectVector) v).values();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static final class ObjBinary extends Binary {
    private final BiFunction f;

    ObjBinary(ScalarFunction fn, Evaluator left, Evaluator right, BiFunction<?, ?, ?> f) {
      super(fn, left, right);
      this.f = f;
    }

    @Override
    ColumnVector apply(ColumnVector l, Object lc, ColumnVector r, Object rc, boolean[] nulls, int n) {
      Object[] x = objects(l);
      Object[] y = objects(r);
      Object[] out = new Object[n];
      for (int i = 0; i < n; i++) {
        if (nulls != null && nulls[i]) {
          continue;
        }
        Object v = f.apply(at(x, lc, i), at(y, rc, i));
        if (v == null) {
          nulls = Vectors.setNull(nulls, i, n);
        } else {
          out[i] = v;
        }
      }
      return new ObjectVector(dataType(), out, n, nulls);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static final class ObjBinaryToBool extends Binary {
    private final BiPredicate f;

    ObjBinaryToBool(ScalarFunction fn, Evaluator left, Evaluator right, BiPredicate<?, ?> f) {
      super(fn, left, right);
      this.f = f;
    }

    @Override
    ColumnVector apply(ColumnVector l, Object lc, ColumnVector r, Object rc, boolean[] nulls, int n) {
      Object[] x = objects(l);
      Object[] y = objects(r);
      boolean[] out = new boolean[n];
      for (int i = 0; i < n; i++) {
        if (nulls == null || !nulls[i]) {
          out[i] = f.test(at(x, lc, i), at(y, rc, i));
        }
      }
      return new BooleanVector(out, n, nulls);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static final class ObjBinaryToInt extends Binary {
    private final ToIntBiFunction f;

    ObjBinaryToInt(ScalarFunction fn, Evaluator left, Evaluator right, ToIntBiFunction<?, ?> f) {
      super(fn, left, right);
      this.f = f;
    }

    @Override
    ColumnVector apply(ColumnVector l, Object lc, ColumnVector r, Object rc, boolean[] nulls, int n) {
      Object[] x = objects(l);
      Object[] y = objects(r);
      int[] out = new int[n];
      for (int i = 0; i < n; i++) {
        if (nulls == null || !nulls[i]) {
          out[i] = f.applyAsInt(at(x, lc, i), at(y, rc, i));
        }
      }
      return new IntVector(dataType(), out, n, nulls);
    }
  }
}
