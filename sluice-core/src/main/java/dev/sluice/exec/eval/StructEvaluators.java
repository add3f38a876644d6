package dev.sluice.exec.eval;

import dev.sluice.plan.expr.Expression;
import dev.sluice.types.StructType;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;
import dev.sluice.vector.StructVector;
import dev.sluice.vector.VectorBuilder;
import java.util.List;

/** Building structs from columns and reading a field out of one. */
final class StructEvaluators {
  private StructEvaluators() {}

  /** {@code struct(a, b)} / {@code named_struct}: the field vectors are the arguments' vectors, not copies. */
  static final class Create extends Evaluator {
    private final Evaluator[] values;

    Create(Expression e, List<Evaluator> values) {
      super(e);
      this.values = values.toArray(new Evaluator[0]);
    }

    @Override
    public ColumnVector eval(ColumnBatch batch) {
      ColumnVector[] cols = new ColumnVector[values.length];
      for (int i = 0; i < cols.length; i++) {
        cols[i] = values[i].eval(batch);
      }
      return new StructVector((StructType) dataType(), cols, batch.numRows(), null);
    }
  }

  /** {@code s.field}: the field's vector itself when the struct has no NULL rows. */
  static final class GetField extends Evaluator {
    private final Evaluator child;
    private final int ordinal;

    GetField(Expression e, Evaluator child, int ordinal) {
      super(e);
      this.child = child;
      this.ordinal = ordinal;
    }

    @Override
    public ColumnVector eval(ColumnBatch batch) {
      StructVector s = (StructVector) child.eval(batch);
      ColumnVector f = s.child(ordinal);
      if (!s.mayHaveNulls()) {
        return f;
      }
      int n = batch.numRows();
      VectorBuilder b = VectorBuilder.create(f.type(), n);
      for (int i = 0; i < n; i++) {
        if (s.isNull(i)) {
          b.appendNull();
        } else {
          b.appendFrom(f, i);
        }
      }
      return b.build();
    }
  }
}
