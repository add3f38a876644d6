package dev.sluice.exec.eval;

import dev.sluice.plan.expr.Expression;
import dev.sluice.types.DataTypes;
import dev.sluice.vector.BooleanVector;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;
import dev.sluice.vector.VectorOrdering;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** {@code AND}, {@code OR}, {@code NOT}, {@code IS [NOT] NULL} and {@code IN}, with SQL's three-valued logic. */
final class PredicateEvaluators {
  private PredicateEvaluators() {}

  /**
   * AND / OR. The right side is evaluated only on the rows whose result the left side does not
   * decide, so {@code x <> 0 AND 10 / x > 1} never divides by zero, as in Spark.
   */
  static final class Logic extends Evaluator {
    private final boolean isAnd;
    private final Evaluator left;
    private final Evaluator right;

    Logic(Expression e, boolean isAnd, Evaluator left, Evaluator right) {
      super(e);
      this.isAnd = isAnd;
      this.left = left;
      this.right = right;
    }

    @Override
    public ColumnVector eval(ColumnBatch batch) {
      int n = batch.numRows();
      BooleanVector l = (BooleanVector) left.eval(batch);
      boolean[] lv = l.values();
      int[] rows = new int[n];
      int count = 0;
      for (int i = 0; i < n; i++) {
        // AND needs the right side unless left is FALSE; OR unless left is TRUE.
        if (l.isNull(i) || lv[i] == isAnd) {
          rows[count++] = i;
        }
      }
      if (count == 0) {
        return l;
      }
      BooleanVector r = (BooleanVector) Vectors.evalOnRows(right, batch, rows, count);
      boolean[] out = Arrays.copyOf(lv, n);
      boolean[] nulls = null;
      for (int k = 0; k < count; k++) {
        int i = rows[k];
        boolean ln = l.isNull(i);
        boolean rn = r.isNull(k);
        boolean rb = r.getBoolean(k);
        // The right side decides when it is the absorbing value (FALSE for AND, TRUE for OR).
        if (!rn && rb != isAnd) {
          out[i] = !isAnd;
        } else if (ln || rn) {
          out[i] = false;
          nulls = Vectors.setNull(nulls, i, n);
        } else {
          out[i] = isAnd;
        }
      }
      return new BooleanVector(out, n, nulls);
    }
  }

  /** NOT: NULL stays NULL. */
  static final class Not extends Evaluator {
    private final Evaluator child;

    Not(Expression e, Evaluator child) {
      super(e);
      this.child = child;
    }

    @Override
    public ColumnVector eval(ColumnBatch batch) {
      BooleanVector v = (BooleanVector) child.eval(batch);
      int n = batch.numRows();
      boolean[] in = v.values();
      boolean[] out = new boolean[n];
      for (int i = 0; i < n; i++) {
        out[i] = !in[i];
      }
      return new BooleanVector(out, n, v.nulls());
    }
  }

  /** IS NULL / IS NOT NULL, read off the null mask; never NULL itself. */
  static final class IsNull extends Evaluator {
    private final Evaluator child;
    private final boolean negated;

    IsNull(Expression e, Evaluator child, boolean negated) {
      super(e);
      this.child = child;
      this.negated = negated;
    }

    @Override
    public ColumnVector eval(ColumnBatch batch) {
      ColumnVector v = child.eval(batch);
      int n = batch.numRows();
      boolean[] out = new boolean[n];
      boolean[] nulls = v.nulls();
      if (nulls == null) {
        if (negated) {
          Arrays.fill(out, true);
        }
      } else {
        for (int i = 0; i < n; i++) {
          out[i] = nulls[i] != negated;
        }
      }
      return new BooleanVector(out, n, null);
    }
  }

  /**
   * value IN (list): TRUE when some element equals the value; otherwise NULL when the value or some
   * element is NULL; otherwise FALSE. When every element is a constant (the usual {@code x IN (1, 2,
   * 3)}), the non-null elements are put in a hash set once, at compile time.
   */
  static final class In extends Evaluator {
    private final Evaluator value;
    private final Evaluator[] list;
    private final Set<Object> constants;
    private final boolean constantNull;

    In(Expression e, Evaluator value, List<Evaluator> list) {
      super(e);
      this.value = value;
      this.list = list.toArray(new Evaluator[0]);
      boolean allConstant = value.dataType() != DataTypes.NullType && hashable(value.dataType())
          && list.stream().allMatch(Evaluator::isConstant);
      Set<Object> set = null;
      boolean sawNull = false;
      if (allConstant) {
        set = new HashSet<>();
        for (Evaluator c : list) {
          Object v = c.constantValue();
          if (v == null) {
            sawNull = true;
          } else {
            set.add(v);
          }
        }
      }
      this.constants = set;
      this.constantNull = sawNull;
    }

    /** Types whose internal values have value equality (not arrays, byte[], doubles with -0.0/NaN). */
    private static boolean hashable(dev.sluice.types.DataType t) {
      return t == DataTypes.IntegerType || t == DataTypes.LongType || t == DataTypes.StringType
          || t == DataTypes.DateType || t == DataTypes.TimestampType || t == DataTypes.BooleanType;
    }

    @Override
    public ColumnVector eval(ColumnBatch batch) {
      int n = batch.numRows();
      ColumnVector v = value.eval(batch);
      boolean[] out = new boolean[n];
      boolean[] nulls = null;
      if (constants != null) {
        for (int i = 0; i < n; i++) {
          if (v.isNull(i)) {
            nulls = Vectors.setNull(nulls, i, n);
          } else if (constants.contains(v.get(i))) {
            out[i] = true;
          } else if (constantNull) {
            nulls = Vectors.setNull(nulls, i, n);
          }
        }
        return new BooleanVector(out, n, nulls);
      }
      List<ColumnVector> items = new ArrayList<>(list.length);
      for (Evaluator e : list) {
        items.add(e.eval(batch));
      }
      boolean nullType = value.dataType() == DataTypes.NullType;
      for (int i = 0; i < n; i++) {
        if (v.isNull(i)) {
          nulls = Vectors.setNull(nulls, i, n);
          continue;
        }
        boolean found = false;
        boolean sawNull = false;
        for (ColumnVector item : items) {
          if (item.isNull(i)) {
            sawNull = true;
          } else if (!nullType && VectorOrdering.compareRows(v, i, item, i) == 0) {
            found = true;
            break;
          }
        }
        if (found) {
          out[i] = true;
        } else if (sawNull) {
          nulls = Vectors.setNull(nulls, i, n);
        }
      }
      return new BooleanVector(out, n, nulls);
    }
  }
}
