package dev.sluice.exec.eval;

import dev.sluice.types.DataType;
import dev.sluice.vector.BooleanVector;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;
import dev.sluice.vector.VectorBuilder;
import java.util.List;

/** Null-mask and row-subset helpers shared by the kernels. */
public final class Vectors {
  private Vectors() {}

  /** The union of the null masks (a fresh array), or null when no input has nulls. */
  public static boolean[] unionNulls(int n, ColumnVector a, ColumnVector b) {
    boolean[] na = a.nulls();
    boolean[] nb = b.nulls();
    if (na == null && nb == null) {
      return null;
    }
    boolean[] out = new boolean[n];
    if (na != null) {
      System.arraycopy(na, 0, out, 0, n);
    }
    if (nb != null) {
      for (int i = 0; i < n; i++) {
        out[i] |= nb[i];
      }
    }
    return out;
  }

  /** A fresh copy of the null mask, or null when the vector has none. */
  public static boolean[] copyNulls(ColumnVector a, int n) {
    boolean[] na = a.nulls();
    if (na == null) {
      return null;
    }
    boolean[] out = new boolean[n];
    System.arraycopy(na, 0, out, 0, n);
    return out;
  }

  /** Returns the mask, or null when nothing is set. */
  public static boolean[] normalize(boolean[] nulls, int n) {
    if (nulls == null) {
      return null;
    }
    for (int i = 0; i < n; i++) {
      if (nulls[i]) {
        return nulls;
      }
    }
    return null;
  }

  /** Marks row i null in the mask, allocating it when absent; returns the mask. */
  public static boolean[] setNull(boolean[] nulls, int i, int n) {
    boolean[] out = nulls == null ? new boolean[n] : nulls;
    out[i] = true;
    return out;
  }

  /** Evaluates on a subset of the batch's rows; the result has {@code count} rows. */
  public static ColumnVector evalOnRows(Evaluator e, ColumnBatch batch, int[] rows, int count) {
    if (count == batch.numRows()) {
      return e.eval(batch);
    }
    return e.eval(batch.gather(rows, count));
  }

  /** Whether row i of a boolean vector is TRUE (not FALSE, not NULL). */
  public static boolean isTrue(ColumnVector v, int i) {
    return !v.isNull(i) && ((BooleanVector) v).getBoolean(i);
  }

  /**
   * Assembles a vector of n rows from parts: row i comes from {@code parts[src[i]]} at position
   * {@code pos[i]}; a negative src means null.
   */
  public static ColumnVector assemble(DataType type, int n, List<ColumnVector> parts, int[] src, int[] pos) {
    VectorBuilder b = VectorBuilder.create(type, n);
    for (int i = 0; i < n; i++) {
      if (src[i] < 0) {
        b.appendNull();
      } else {
        b.appendFrom(parts.get(src[i]), pos[i]);
      }
    }
    return b.build();
  }
}
