package dev.sluice.exec.eval;

import dev.sluice.plan.expr.Expression;
import dev.sluice.vector.BooleanVector;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** {@code CASE WHEN} and {@code coalesce}: branches run only on the rows that reach them. */
final class ConditionalEvaluators {
  private ConditionalEvaluators() {}

  /**
   * Each THEN value is evaluated only on the rows its condition selects (and each later condition
   * only on the rows no earlier one took), so a branch that would fail on other rows (a division by
   * zero, a bad cast) does not. A NULL-typed value or ELSE contributes NULL without being evaluated.
   */
  static final class CaseWhen extends Evaluator {
    private final Evaluator[] conditions;
    private final Evaluator[] values;
    private final Evaluator elseValue;

    CaseWhen(Expression e, List<Evaluator> conditions, List<Evaluator> values, Evaluator elseValue) {
      super(e);
      this.conditions = conditions.toArray(new Evaluator[0]);
      this.values = values.toArray(new Evaluator[0]);
      this.elseValue = elseValue;
    }

    @Override
    public ColumnVector eval(ColumnBatch batch) {
      int n = batch.numRows();
      int[] src = new int[n];
      int[] pos = new int[n];
      Arrays.fill(src, -1);
      List<ColumnVector> parts = new ArrayList<>();
      int[] remaining = identity(n);
      int remainingCount = n;
      for (int b = 0; b < conditions.length && remainingCount > 0; b++) {
        BooleanVector cond = (BooleanVector) Vectors.evalOnRows(conditions[b], batch, remaining, remainingCount);
        int[] chosen = new int[remainingCount];
        int chosenCount = 0;
        int[] rest = new int[remainingCount];
        int restCount = 0;
        for (int k = 0; k < remainingCount; k++) {
          if (Vectors.isTrue(cond, k)) {
            chosen[chosenCount++] = remaining[k];
          } else {
            rest[restCount++] = remaining[k];
          }
        }
        if (chosenCount > 0 && !isNullType(values[b])) {
          place(Vectors.evalOnRows(values[b], batch, chosen, chosenCount), chosen, chosenCount, parts, src, pos);
        }
        remaining = rest;
        remainingCount = restCount;
      }
      if (remainingCount > 0 && elseValue != null && !isNullType(elseValue)) {
        place(Vectors.evalOnRows(elseValue, batch, remaining, remainingCount), remaining, remainingCount, parts, src,
            pos);
      }
      if (parts.size() == 1 && parts.get(0).size() == n) {
        return parts.get(0);
      }
      return Vectors.assemble(dataType(), n, parts, src, pos);
    }
  }

  /** The first non-NULL argument; later arguments are evaluated only on the rows still NULL. */
  static final class Coalesce extends Evaluator {
    private final Evaluator[] arguments;

    Coalesce(Expression e, List<Evaluator> arguments) {
      super(e);
      this.arguments = arguments.toArray(new Evaluator[0]);
    }

    @Override
    public ColumnVector eval(ColumnBatch batch) {
      int n = batch.numRows();
      int[] src = new int[n];
      int[] pos = new int[n];
      Arrays.fill(src, -1);
      List<ColumnVector> parts = new ArrayList<>();
      int[] remaining = identity(n);
      int count = n;
      for (Evaluator a : arguments) {
        if (count == 0) {
          break;
        }
        if (isNullType(a)) {
          continue;
        }
        ColumnVector v = Vectors.evalOnRows(a, batch, remaining, count);
        if (count == n && !v.mayHaveNulls()) {
          return v;
        }
        int p = parts.size();
        parts.add(v);
        int[] rest = new int[count];
        int restCount = 0;
        for (int k = 0; k < count; k++) {
          if (v.isNull(k)) {
            rest[restCount++] = remaining[k];
          } else {
            src[remaining[k]] = p;
            pos[remaining[k]] = k;
          }
        }
        remaining = rest;
        count = restCount;
      }
      return Vectors.assemble(dataType(), n, parts, src, pos);
    }
  }

  private static boolean isNullType(Evaluator e) {
    return e.dataType() == dev.sluice.types.DataTypes.NullType;
  }

  private static int[] identity(int n) {
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) {
      rows[i] = i;
    }
    return rows;
  }

  /** Records that rows[k] of the output come from position k of a new part. */
  private static void place(ColumnVector part, int[] rows, int count, List<ColumnVector> parts, int[] src, int[] pos) {
    int p = parts.size();
    parts.add(part);
    for (int k = 0; k < count; k++) {
      src[rows[k]] = p;
      pos[rows[k]] = k;
    }
  }
}
