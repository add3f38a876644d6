package dev.sluice.exec.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.plan.expr.BoundReference;
import dev.sluice.plan.expr.Cast;
import dev.sluice.plan.expr.EvalMode;
import dev.sluice.types.ArrayType;
import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.types.DecimalType;
import dev.sluice.types.MapType;
import dev.sluice.types.StructType;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;
import dev.sluice.vector.VectorBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The analyzer's rule of what casts exist ({@link Cast#canCast}) and the evaluator's kernels agree:
 * every cast the analyzer accepts compiles and runs, for atoms, nested types and the NULL type
 * (what {@code array()} and {@code map()} hold), so no accepted query meets a missing kernel.
 */
class CastKernelsTest {
  private static final List<DataType> ATOMS = List.of(DataTypes.NullType, DataTypes.BooleanType,
      DataTypes.IntegerType, DataTypes.LongType, DataTypes.DoubleType, new DecimalType(10, 2), DataTypes.StringType,
      DataTypes.BinaryType, DataTypes.DateType, DataTypes.TimestampType);

  private static List<DataType> types() {
    List<DataType> out = new ArrayList<>(ATOMS);
    for (DataType a : ATOMS) {
      out.add(new ArrayType(a, true));
      out.add(new MapType(DataTypes.StringType, a, true));
      out.add(new StructType().add("f", a));
    }
    return out;
  }

  @Test
  void everyCastTheAnalyzerAcceptsHasAKernel() {
    Map<String, String> missing = new TreeMap<>();
    int checked = 0;
    for (DataType from : types()) {
      for (DataType to : types()) {
        if (!Cast.canCast(from, to)) {
          continue;
        }
        for (EvalMode mode : EvalMode.values()) {
          checked++;
          try {
            Evaluator e = ExpressionCompiler.compile(new Cast(new BoundReference(0, from, true, "c"), to, mode));
            VectorBuilder b = VectorBuilder.create(from, 2);
            b.appendNull();
            b.appendNull();
            ColumnVector out = e.eval(new ColumnBatch(new ColumnVector[] {b.build()}, 2));
            assertThat(out.isNull(0)).isTrue();
          } catch (RuntimeException | AssertionError ex) {
            missing.put(from.sql() + " -> " + to.sql() + " (" + mode + ")", ex.toString());
          }
        }
      }
    }
    assertThat(checked).isGreaterThan(300);
    assertThat(missing).as("accepted casts that do not run").isEmpty();
  }
}
