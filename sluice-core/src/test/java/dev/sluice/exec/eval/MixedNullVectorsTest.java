package dev.sluice.exec.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.plan.expr.BinaryArithmetic;
import dev.sluice.plan.expr.EvalMode;
import dev.sluice.plan.expr.Literal;
import dev.sluice.plan.expr.ScalarFunction;
import dev.sluice.types.DataTypes;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The harness itself: it runs the column paths, and it fails when a row differs from its folded value. */
class MixedNullVectorsTest {

  @Test
  void aCorrectExpressionPassesOnEveryChoiceOfColumns() {
    BinaryArithmetic plus = new BinaryArithmetic(BinaryArithmetic.Op.ADD, Literal.of(2L), Literal.of(3L),
        EvalMode.ANSI);
    // Both literals as columns, then each alone.
    assertThat(MixedNullVectors.check(plus)).isEqualTo(3);
    assertThat(MixedNullVectors.check(Literal.of(1))).isEqualTo(1);
  }

  @Test
  void aKernelWhoseRowsDifferFromTheFoldedValueIsCaught() {
    AtomicInteger calls = new AtomicInteger();
    // Not a function of its arguments: every call returns a new number, so batch rows differ from folds.
    ScalarFunction drifting = new ScalarFunction("drifting", List.of(Literal.of(7)), DataTypes.IntegerType,
        v -> (Integer) v[0] + calls.incrementAndGet());
    assertThatThrownBy(() -> MixedNullVectors.check(drifting)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("drifting(7) with 7 as a column").hasMessageContaining("on the batch but");
  }

  @Test
  void anExpressionThatFailsWhenFoldedIsReportedNotCompared() {
    BinaryArithmetic overflow = new BinaryArithmetic(BinaryArithmetic.Op.ADD, Literal.of(Long.MAX_VALUE),
        Literal.of(1L), EvalMode.ANSI);
    assertThatThrownBy(() -> MixedNullVectors.check(overflow)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("failsWith");
  }
}
