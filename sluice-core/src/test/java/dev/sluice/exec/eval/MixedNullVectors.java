package dev.sluice.exec.eval;

import dev.sluice.plan.expr.BoundReference;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.Literal;
import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Spark's {@code checkEvaluation} for Sluice's evaluators: an expression over literals is evaluated
 * once constant-folded (one row, every operand a scalar) and again on multi-row column batches in
 * which its literals become columns, each alone and all together, so the vector kernels and the
 * scalar-operand kernels both run. Every batch interleaves rows holding the test values with rows in
 * which one operand, or every operand, is NULL; each row must equal what folding the expression with
 * that row's values gives. A wrong null mask, a kernel that reads a neighbouring row, or a scalar
 * path that differs from the vector path fails here with the row, the columns and both values.
 */
public final class MixedNullVectors {
  private MixedNullVectors() {}

  /** A row's operand values and what folding gives for them (a value, or the error raised). */
  private record Expected(Object[] values, Object result, RuntimeException error) {}

  /**
   * Checks the expression; returns how many batches were evaluated (0 when it has no literal that can
   * become a column).
   */
  public static int check(Expression e) {
    List<Literal> leaves = new ArrayList<>();
    Map<Literal, Boolean> seen = new IdentityHashMap<>();
    e.foreach(x -> {
      if (x instanceof Literal l && l.dataType() != DataTypes.NullType && seen.put(l, Boolean.TRUE) == null) {
        leaves.add(l);
      }
    });
    if (leaves.isEmpty()) {
      return 0;
    }
    int batches = 0;
    // All literals as columns, then each literal alone as a column (the others stay scalars).
    List<boolean[]> choices = new ArrayList<>();
    boolean[] all = new boolean[leaves.size()];
    Arrays.fill(all, true);
    choices.add(all);
    if (leaves.size() > 1) {
      for (int i = 0; i < leaves.size(); i++) {
        boolean[] one = new boolean[leaves.size()];
        one[i] = true;
        choices.add(one);
      }
    }
    for (boolean[] asColumn : choices) {
      checkWithColumns(e, leaves, asColumn);
      batches++;
    }
    return batches;
  }

  private static void checkWithColumns(Expression e, List<Literal> leaves, boolean[] asColumn) {
    List<Integer> columns = new ArrayList<>();
    for (int i = 0; i < leaves.size(); i++) {
      if (asColumn[i]) {
        columns.add(i);
      }
    }
    Object[] testValues = leaves.stream().map(Literal::value).toArray();
    // Rows: test, one NULL operand per column (each followed by a test row), all NULL, test.
    List<Object[]> rows = new ArrayList<>();
    rows.add(testValues);
    for (int c : columns) {
      Object[] r = testValues.clone();
      r[c] = null;
      rows.add(r);
      rows.add(testValues);
    }
    Object[] allNull = testValues.clone();
    for (int c : columns) {
      allNull[c] = null;
    }
    rows.add(allNull);
    rows.add(testValues);

    List<Expected> expected = new ArrayList<>();
    for (Object[] r : rows) {
      Expression substituted = substitute(e, leaves, r, null);
      try {
        expected.add(new Expected(r, ExpressionCompiler.constantValue(substituted), null));
      } catch (RuntimeException ex) {
        expected.add(new Expected(r, null, ex));
      }
    }
    if (expected.get(0).error() != null) {
      throw new AssertionError("folding " + e.sql() + " failed; check errors with failsWith", expected.get(0).error());
    }
    // A row whose values make folding fail (assert_true(NULL)) would fail the whole batch: leave it out.
    List<Expected> kept = expected.stream().filter(x -> x.error() == null).toList();
    Map<Integer, Integer> ordinal = new LinkedHashMap<>();
    for (int c : columns) {
      ordinal.put(c, ordinal.size());
    }
    ColumnVector[] vectors = new ColumnVector[columns.size()];
    for (int c : columns) {
      List<Object> values = new ArrayList<>();
      for (Expected x : kept) {
        values.add(x.values()[c]);
      }
      vectors[ordinal.get(c)] = ColumnVector.of(leaves.get(c).dataType(), values);
    }
    Expression bound = substitute(e, leaves, testValues, ordinal);
    ColumnVector out;
    try {
      out = ExpressionCompiler.compile(bound).eval(new ColumnBatch(vectors, kept.size()));
    } catch (RuntimeException ex) {
      throw new AssertionError(describe(e, leaves, columns) + " failed on a batch of " + kept.size()
          + " rows, though folding each row works", ex);
    }
    if (out.size() != kept.size()) {
      throw new AssertionError(describe(e, leaves, columns) + " returned " + out.size() + " rows for "
          + kept.size());
    }
    for (int i = 0; i < kept.size(); i++) {
      Object want = kept.get(i).result();
      Object got = out.get(i);
      if (!Objects.equals(normalize(want), normalize(got))) {
        throw new AssertionError(describe(e, leaves, columns) + ": row " + i + " with operands "
            + Arrays.deepToString(kept.get(i).values()) + " gave " + show(got) + " on the batch but "
            + show(want) + " folded");
      }
    }
  }

  /**
   * The expression with each literal replaced: by a bound column when {@code ordinal} maps it, else by
   * a literal of the given value.
   */
  private static Expression substitute(Expression e, List<Literal> leaves, Object[] values, Map<Integer, Integer> ordinal) {
    Map<Literal, Integer> index = new IdentityHashMap<>();
    for (int i = 0; i < leaves.size(); i++) {
      index.put(leaves.get(i), i);
    }
    return e.transformUp(x -> {
      if (!(x instanceof Literal l)) {
        return null;
      }
      Integer i = index.get(l);
      if (i == null) {
        return null;
      }
      DataType t = l.dataType();
      if (ordinal != null && ordinal.containsKey(i)) {
        return new BoundReference(ordinal.get(i), t, true, "c" + i);
      }
      return values[i] == l.value() ? l : new Literal(values[i], t);
    });
  }

  private static String describe(Expression e, List<Literal> leaves, List<Integer> columns) {
    StringBuilder sb = new StringBuilder(e.sql()).append(" with ");
    for (int k = 0; k < columns.size(); k++) {
      sb.append(k > 0 ? ", " : "").append(leaves.get(columns.get(k)).sql());
    }
    return sb.append(columns.size() == 1 ? " as a column" : " as columns").toString();
  }

  private static String show(Object v) {
    Object n = normalize(v);
    return n == null ? "NULL" : n + " (" + v.getClass().getSimpleName() + ")";
  }

  /** Internal values with array-valued parts (binary, structs) made comparable by value. */
  private static Object normalize(Object v) {
    if (v instanceof byte[] b) {
      List<Byte> out = new ArrayList<>(b.length);
      for (byte x : b) {
        out.add(x);
      }
      return out;
    }
    if (v instanceof Object[] a) {
      return normalize(Arrays.asList(a));
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (Object x : l) {
        out.add(normalize(x));
      }
      return out;
    }
    if (v instanceof Map<?, ?> m) {
      Map<Object, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(normalize(k), normalize(x)));
      return out;
    }
    return v;
  }
}
