package dev.sluice.exec.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.plan.expr.BoundReference;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.Kernel;
import dev.sluice.plan.expr.Literal;
import dev.sluice.plan.expr.ScalarFunction;
import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The vector loops of the typed kernel shapes: NULL rows give NULL without calling the kernel, a
 * constant operand on either side gives the same rows as a column of copies, a NULL constant makes
 * every row NULL, object kernels may return NULL, and a kernel whose shape does not fit its argument
 * types is refused when the plan is compiled, not on the first row.
 */
class KernelEvaluatorsTest {
  private static final BoundReference D0 = new BoundReference(0, DataTypes.DoubleType, true, "d0");
  private static final BoundReference D1 = new BoundReference(1, DataTypes.DoubleType, true, "d1");
  private static final BoundReference I0 = new BoundReference(2, DataTypes.IntegerType, true, "i0");
  private static final BoundReference I1 = new BoundReference(3, DataTypes.IntegerType, true, "i1");
  private static final BoundReference S0 = new BoundReference(4, DataTypes.StringType, true, "s0");
  private static final BoundReference S1 = new BoundReference(5, DataTypes.StringType, true, "s1");
  private static final BoundReference L0 = new BoundReference(6, DataTypes.LongType, true, "l0");

  /** Five rows; NULLs sit in different rows of different columns. */
  private static final ColumnBatch BATCH = new ColumnBatch(new ColumnVector[] {
      ColumnVector.of(DataTypes.DoubleType, 4.0, null, 9.0, 2.0, 0.25),
      ColumnVector.of(DataTypes.DoubleType, 0.5, 2.0, null, 3.0, 1.0),
      ColumnVector.of(DataTypes.IntegerType, 10, 20, null, 40, 50),
      ColumnVector.of(DataTypes.IntegerType, 1, null, 3, 4, 5),
      ColumnVector.of(DataTypes.StringType, "spark", null, "sluice", "", "sql"),
      ColumnVector.of(DataTypes.StringType, "sp", "x", null, "", "q"),
      ColumnVector.of(DataTypes.LongType, 7L, 8L, null, 10L, 11L)}, 5);

  private static List<Object> run(Expression e) {
    ColumnVector v = ExpressionCompiler.compile(e).eval(BATCH);
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      out.add(v.get(i));
    }
    return out;
  }

  private static Expression fn(DataType type, Kernel k, Expression... args) {
    return new ScalarFunction("f", List.of(args), type, k);
  }

  @Test
  void unaryPrimitiveShapesSkipNullRows() {
    assertThat(run(fn(DataTypes.DoubleType, new Kernel.DoubleUnary(Math::sqrt), D0)))
        .containsExactly(2.0, null, 3.0, Math.sqrt(2.0), 0.5);
    assertThat(run(fn(DataTypes.LongType, new Kernel.DoubleToLong(x -> (long) Math.floor(x)), D1)))
        .containsExactly(0L, 2L, null, 3L, 1L);
    assertThat(run(fn(DataTypes.IntegerType, new Kernel.IntUnary(x -> x / 10), I0)))
        .containsExactly(1, 2, null, 4, 5);
    assertThat(run(fn(DataTypes.LongType, new Kernel.LongUnary(x -> -x), L0)))
        .containsExactly(-7L, -8L, null, -10L, -11L);
    assertThat(run(fn(DataTypes.IntegerType, new Kernel.LongToInt(x -> (int) (x % 3)), L0)))
        .containsExactly(1, 2, null, 1, 2);
  }

  @Test
  void objectShapesSkipNullRowsAndMayReturnNull() {
    assertThat(run(fn(DataTypes.StringType, new Kernel.ObjUnary<String>(s -> s.isEmpty() ? null : s.toUpperCase()),
        S0))).containsExactly("SPARK", null, "SLUICE", null, "SQL");
    assertThat(run(fn(DataTypes.IntegerType, new Kernel.ObjToInt<String>(String::length), S0)))
        .containsExactly(5, null, 6, 0, 3);
    assertThat(run(fn(DataTypes.LongType, new Kernel.ObjToLong<String>(s -> s.length() * 2L), S0)))
        .containsExactly(10L, null, 12L, 0L, 6L);
    assertThat(run(fn(DataTypes.BooleanType, new Kernel.ObjToBool<String>(String::isEmpty), S0)))
        .containsExactly(false, null, false, true, false);
  }

  @Test
  void binaryShapesOverTwoColumnsUnionTheirNulls() {
    assertThat(run(fn(DataTypes.DoubleType, new Kernel.DoubleBinary(Math::pow), D0, D1)))
        .containsExactly(2.0, null, null, 8.0, 0.25);
    assertThat(run(fn(DataTypes.IntegerType, new Kernel.IntBinary(Integer::sum), I0, I1)))
        .containsExactly(11, null, null, 44, 55);
    assertThat(run(fn(DataTypes.BooleanType, new Kernel.ObjBinaryToBool<String, String>(String::startsWith), S0, S1)))
        .containsExactly(true, null, null, true, false);
    assertThat(run(fn(DataTypes.IntegerType, new Kernel.ObjBinaryToInt<String, String>(String::indexOf), S0, S1)))
        .containsExactly(0, null, null, 0, 1);
    assertThat(run(fn(DataTypes.StringType,
        new Kernel.ObjBinary<String, String>((a, b) -> b.isEmpty() ? null : a + b), S0, S1)))
        .containsExactly("sparksp", null, null, null, "sqlq");
  }

  @Test
  void aConstantOperandOnEitherSideGivesWhatAColumnOfCopiesGives() {
    Literal two = Literal.of(2.0);
    assertThat(run(fn(DataTypes.DoubleType, new Kernel.DoubleBinary(Math::pow), D0, two)))
        .containsExactly(16.0, null, 81.0, 4.0, 0.0625);
    assertThat(run(fn(DataTypes.DoubleType, new Kernel.DoubleBinary(Math::pow), two, D1)))
        .containsExactly(Math.sqrt(2.0), 4.0, null, 8.0, 2.0);
    assertThat(run(fn(DataTypes.IntegerType, new Kernel.IntBinary((a, b) -> a - b), Literal.of(100), I1)))
        .containsExactly(99, null, 97, 96, 95);
    assertThat(run(fn(DataTypes.BooleanType, new Kernel.ObjBinaryToBool<String, String>(String::startsWith), S0,
        Literal.of("s")))).containsExactly(true, null, true, false, true);
    assertThat(run(fn(DataTypes.StringType, new Kernel.ObjBinary<String, String>(String::concat), Literal.of(">"),
        S0))).containsExactly(">spark", null, ">sluice", ">", ">sql");
  }

  @Test
  void aNullConstantMakesEveryRowNullWithoutCallingTheKernel() {
    Kernel.DoubleBinary failing = new Kernel.DoubleBinary((a, b) -> {
      throw new AssertionError("called");
    });
    assertThat(run(fn(DataTypes.DoubleType, failing, D0, new Literal(null, DataTypes.DoubleType))))
        .containsExactly(null, null, null, null, null);
    assertThat(run(fn(DataTypes.IntegerType, new Kernel.ObjToInt<String>(s -> {
      throw new AssertionError("called");
    }), new Literal(null, DataTypes.StringType)))).containsExactly(null, null, null, null, null);
  }

  @Test
  void twoConstantsFillEveryRow() {
    assertThat(run(fn(DataTypes.IntegerType, new Kernel.IntBinary(Integer::sum), Literal.of(1), Literal.of(2))))
        .isEqualTo(Arrays.asList(3, 3, 3, 3, 3));
  }

  @Test
  void aShapeThatDoesNotFitItsTypesIsRefusedAtCompileTime() {
    assertThatThrownBy(() -> ExpressionCompiler.compile(fn(DataTypes.DoubleType, new Kernel.DoubleUnary(x -> x), S0)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("argument 1 of a DoubleUnary kernel");
    assertThatThrownBy(() -> ExpressionCompiler.compile(fn(DataTypes.StringType, new Kernel.IntUnary(x -> x), I0)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot give STRING");
    assertThatThrownBy(() -> new ScalarFunction("f", List.of(D0, D1), DataTypes.DoubleType,
        new Kernel.DoubleUnary(x -> x))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("takes 1 arguments, not 2");
  }
}
