package dev.sluice.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.types.Row;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowComparisonTest {
  private static RowComparison.Diff unordered(List<Row> e, List<Row> a) {
    return RowComparison.compare(e, a, 1e-9, false);
  }

  @Test
  void comparesAsMultisets() {
    assertThat(unordered(List.of(Row.of("a", 1), Row.of("b", 2)), List.of(Row.of("b", 2), Row.of("a", 1))).matches())
        .isTrue();
    RowComparison.Diff d = unordered(List.of(Row.of("a", 1), Row.of("a", 1)), List.of(Row.of("a", 1)));
    assertThat(d.missing()).containsExactly(Row.of("a", 1));
    assertThat(d.unexpected()).isEmpty();
    d = unordered(List.of(Row.of("a", 1)), List.of(Row.of("a", 1), Row.of("a", 1), Row.of("c", 3)));
    assertThat(d.missing()).isEmpty();
    assertThat(d.unexpected()).containsExactly(Row.of("a", 1), Row.of("c", 3));
  }

  @Test
  void doublesWithinARelativeTolerance() {
    assertThat(unordered(List.of(Row.of(1e12)), List.of(Row.of(1e12 + 1))).matches()).isTrue();
    assertThat(unordered(List.of(Row.of(1.0)), List.of(Row.of(1.001))).matches()).isFalse();
    assertThat(RowComparison.compare(List.of(Row.of(0.1 + 0.2)), List.of(Row.of(0.3)), 0, false).matches()).isFalse();
    assertThat(unordered(List.of(Row.of(Double.NaN)), List.of(Row.of(Double.NaN))).matches()).isTrue();
    assertThat(unordered(List.of(Row.of(Double.POSITIVE_INFINITY)), List.of(Row.of(Double.MAX_VALUE))).matches())
        .isFalse();
    assertThat(unordered(List.of(Row.of(0.0)), List.of(Row.of(-0.0))).matches()).isTrue();
    // the tolerance applies inside nested values too
    assertThat(unordered(List.of(Row.of(List.of(1.0, 2.0), Map.of("k", 3.0), Row.of(4.0))),
        List.of(Row.of(List.of(1.0, 2.0000000000001), Map.of("k", 3.0000000000001), Row.of(4.0000000000001))))
        .matches()).isTrue();
  }

  @Test
  void decimalsByValueAndTypesStrictly() {
    assertThat(unordered(List.of(Row.of(new BigDecimal("1.50"))), List.of(Row.of(new BigDecimal("1.5")))).matches())
        .isTrue();
    RowComparison.Diff d = unordered(List.of(Row.of("a", 1)), List.of(Row.of("a", 1L)));
    assertThat(d.matches()).isFalse();
    assertThat(RowComparison.typeHints(d)).isEqualTo(
        "expected [a,1] has types (String, Integer), the actual row has (String, Long)\n");
  }

  @Test
  void orderedComparisonNamesTheFirstDifference() {
    RowComparison.Diff d = RowComparison.compare(List.of(Row.of(1), Row.of(2)), List.of(Row.of(2), Row.of(1)), 0,
        true);
    assertThat(d.matches()).isFalse();
    assertThat(d.orderProblem())
        .isEqualTo("first difference at position 0: expected [1] but was [2] (the same rows, in another order)");
    d = RowComparison.compare(List.of(Row.of(1)), List.of(Row.of(1), Row.of(3)), 0, true);
    assertThat(d.orderProblem()).isEqualTo("expected 1 rows but got 2");
    assertThat(d.unexpected()).containsExactly(Row.of(3));
    assertThat(RowComparison.compare(List.of(Row.of(1.0)), List.of(Row.of(1.0 + 1e-12)), 1e-9, true).matches())
        .isTrue();
  }
}
