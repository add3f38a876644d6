package dev.sluice.plan.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ExecutionException;
import dev.sluice.types.Row;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Math and bitwise functions: Spark's NULLs at logarithm asymptotes, buckets, bases, and operators. */
class MathFunctionsTest extends FunctionTestSupport {

  @BeforeAll
  static void table() {
    session.createDataFrame(List.of(Row.of(1, 3, 5L, 2.0), Row.of(2, null, 6L, -1.0), Row.of(3, 12, null, null)),
        "id INT, a INT, b BIGINT, d DOUBLE").createOrReplaceTempView("nums");
  }

  @Test
  void logarithmsAreNullAtAndBelowTheirAsymptote() {
    assertThat(eval("ln(1)")).isEqualTo(0.0);
    assertThat(eval("ln(0)")).isNull();
    assertThat(eval("ln(-1)")).isNull();
    assertThat(eval("log10(100)")).isEqualTo(2.0);
    assertThat(eval("log10(0)")).isNull();
    assertThat(eval("log2(8)")).isEqualTo(3.0);
    assertThat(eval("log2(-8)")).isNull();
    assertThat(eval("log(2, 8)")).isEqualTo(3.0);
    assertThat(eval("log(10)")).isEqualTo(Math.log(10));
    assertThat(eval("log(0, 8)")).isNull();
    assertThat(eval("log(2, 0)")).isNull();
    assertThat(eval("log1p(0)")).isEqualTo(0.0);
    assertThat(eval("log1p(-1)")).isNull();
    assertThat(column("SELECT ln(d) FROM nums ORDER BY id")).containsExactly(Math.log(2.0), null, null);
  }

  /** Spark's rounding of integers to tens and beyond: a result past the type's range is ARITHMETIC_OVERFLOW. */
  @Test
  void roundingAnIntegerPastItsRangeOverflows() {
    assertThat(eval("round(2147483644, -1)")).isEqualTo(2147483640);
    assertThat(eval("round(-15, -1)")).isEqualTo(-20);
    assertThat(eval("bround(25, -1)")).isEqualTo(20);
    assertThat(eval("bround(-15, -1)")).isEqualTo(-20);
    assertThat(eval("round(CAST(NULL AS INT), -1)")).isNull();
    assertThat(eval("round(9223372036854775804, -1)")).as("bigint stays bigint").isEqualTo(9223372036854775800L);
    failsWith("round(2147483647, -1)", ExecutionException.class).hasMessageContaining("ARITHMETIC_OVERFLOW")
        .hasMessageContaining("INT overflow in round(2147483647, -1)");
    failsWith("round(-2147483647, -1)", ExecutionException.class).hasMessageContaining("ARITHMETIC_OVERFLOW");
    failsWith("bround(9223372036854775807, -1)", ExecutionException.class)
        .hasMessageContaining("ARITHMETIC_OVERFLOW").hasMessageContaining("BIGINT");
    assertThat(column("SELECT round(a * 178956970, -1) FROM nums ORDER BY id"))
        .as("a column of ints, one NULL").containsExactly(536870910, null, 2147483640);
  }

  /** As Spark under ANSI: a string with a fractional part is no integer; try_cast gives NULL, CAST fails. */
  @Test
  void aFractionalStringIsNoInteger() {
    assertThat(eval("try_cast('3.7' AS INT)")).isNull();
    assertThat(eval("try_cast('3' AS INT)")).isEqualTo(3);
    assertThat(eval("try_cast('-3.0' AS BIGINT)")).isNull();
    failsWith("CAST('3.7' AS INT)", ExecutionException.class).hasMessageContaining("CAST_INVALID_INPUT");
  }

  @Test
  void trigonometryAndConstants() {
    assertThat(eval("pi()")).isEqualTo(Math.PI);
    assertThat(eval("e()")).isEqualTo(Math.E);
    assertThat(eval("exp(0)")).isEqualTo(1.0);
    assertThat(eval("expm1(0)")).isEqualTo(0.0);
    assertThat(eval("sqrt(-1)")).isEqualTo(Double.NaN);
    assertThat(eval("degrees(pi())")).isEqualTo(180.0);
    assertThat(eval("radians(180)")).isEqualTo(Math.PI);
    assertThat(eval("atan2(1, 1)")).isEqualTo(Math.PI / 4);
    assertThat(eval("atan2(0, 0)")).isEqualTo(0.0);
    assertThat(eval("asin(1)")).isEqualTo(Math.PI / 2);
    assertThat(eval("asin(2)")).isEqualTo(Double.NaN);
    assertThat(eval("acos(1)")).isEqualTo(0.0);
    assertThat(eval("atan(1)")).isEqualTo(Math.PI / 4);
    assertThat(eval("sinh(0)")).isEqualTo(0.0);
    assertThat(eval("cosh(0)")).isEqualTo(1.0);
    assertThat(eval("tanh(0)")).isEqualTo(0.0);
    assertThat(eval("asinh(0)")).isEqualTo(0.0);
    assertThat(eval("acosh(1)")).isEqualTo(0.0);
    assertThat(eval("atanh(0)")).isEqualTo(0.0);
    assertThat((Double) eval("cot(1)")).isCloseTo(1 / Math.tan(1), within(1e-15));
    assertThat(eval("sec(0)")).isEqualTo(1.0);
    assertThat(eval("csc(0)")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(eval("rint(12.5)")).isEqualTo(12.0);
    assertThat(eval("rint(13.5)")).isEqualTo(14.0);
    assertThat(eval("hypot(3, 4)")).isEqualTo(5.0);
    assertThat(eval("sin(NULL)")).isNull();
  }

  @Test
  void integersAndBuckets() {
    assertThat(eval("factorial(5)")).isEqualTo(120L);
    assertThat(eval("factorial(0)")).isEqualTo(1L);
    assertThat(eval("factorial(20)")).isEqualTo(2432902008176640000L);
    assertThat(eval("factorial(21)")).isNull();
    assertThat(eval("factorial(-1)")).isNull();
    assertThat(eval("width_bucket(5.3, 0.2, 10.6, 5)")).isEqualTo(3L);
    assertThat(eval("width_bucket(-2.1, 1.3, 3.4, 3)")).isEqualTo(0L);
    assertThat(eval("width_bucket(8.1, 0.0, 5.7, 4)")).isEqualTo(5L);
    assertThat(eval("width_bucket(-0.9, 5.2, 0.5, 2)")).isEqualTo(3L);
    assertThat(eval("width_bucket(1, 1, 1, 2)")).isNull();
    assertThat(eval("width_bucket(1, 0, 2, 0)")).isNull();
    assertThat(eval("pmod(-7, 3)")).isEqualTo(2);
    assertThat(eval("mod(-7, 3)")).isEqualTo(-1);
  }

  @Test
  void numberBases() {
    assertThat(eval("bin(13)")).isEqualTo("1101");
    assertThat(eval("bin(-13)")).isEqualTo(Long.toBinaryString(-13));
    assertThat(eval("conv('100', 2, 10)")).isEqualTo("4");
    assertThat(eval("conv(-10, 16, -10)")).isEqualTo("-16");
    assertThat(eval("conv('-10', 16, 10)")).isEqualTo("18446744073709551600");
    assertThat(eval("conv('ff', 16, 2)")).isEqualTo("11111111");
    assertThat(eval("conv('12z', 10, 10)")).isEqualTo("12");
    assertThat(eval("conv('zz', 10, 16)")).isEqualTo("0");
    assertThat(eval("conv('1', 1, 10)")).isNull();
    failsWith("conv('FFFFFFFFFFFFFFFFFF', 16, 10)", ExecutionException.class).hasMessageContaining("conv");
  }

  @Test
  void nanHandling() {
    assertThat(eval("isnan(CAST('NaN' AS DOUBLE))")).isEqualTo(true);
    assertThat(eval("isnan(1)")).isEqualTo(false);
    assertThat(eval("isnan(NULL)")).isEqualTo(false);
    assertThat(eval("nanvl(CAST('NaN' AS DOUBLE), 123)")).isEqualTo(123.0);
    assertThat(eval("nanvl(1.5, 2)")).isEqualTo(1.5);
    assertThat(eval("nanvl(NULL, 2)")).isNull();
  }

  @Test
  void randomNumbersAreReproducibleWithASeed() {
    Object a = eval("rand(42)");
    assertThat(a).isEqualTo(eval("rand(42)")).isEqualTo(eval("random(42)"));
    assertThat((Double) a).isBetween(0.0, 1.0);
    assertThat((Double) eval("rand()")).isBetween(0.0, 1.0);
    assertThat(eval("randn(7)")).isEqualTo(eval("randn(7)")).isInstanceOf(Double.class);
    assertThat(column("SELECT rand(1) FROM nums")).doesNotHaveDuplicates();
    failsWith("rand(a) FROM nums", AnalysisException.class).hasMessageContaining("seed");
  }

  @Test
  void bitwiseOperators() {
    assertThat(eval("3 & 5")).isEqualTo(1);
    assertThat(eval("3 | 5")).isEqualTo(7);
    assertThat(eval("3 ^ 5")).isEqualTo(6);
    assertThat(eval("~0")).isEqualTo(-1);
    assertThat(eval("3 & CAST(5 AS BIGINT)")).isEqualTo(1L);
    assertThat(eval("NULL | 1")).isNull();
    assertThat(column("SELECT a & b FROM nums ORDER BY id")).containsExactly(1L, null, null);
    assertThat(column("SELECT ~a FROM nums ORDER BY id")).containsExactly(-4, null, -13);
    assertThat(session.sql("SELECT a | b, ~a FROM nums").columns()).containsExactly("(a | b)", "~a");
    failsWith("1.5 & 1", AnalysisException.class).hasMessageContaining("INT or BIGINT");
  }

  @Test
  void bitwiseFunctions() {
    assertThat(eval("shiftleft(2, 1)")).isEqualTo(4);
    assertThat(eval("shiftleft(CAST(1 AS BIGINT), 40)")).isEqualTo(1L << 40);
    assertThat(eval("shiftright(-8, 1)")).isEqualTo(-4);
    assertThat(eval("shiftrightunsigned(-1, 28)")).isEqualTo(15);
    assertThat(eval("bit_count(7)")).isEqualTo(3);
    // Spark counts the bits of the value sign-extended to 64 bits, INT or BIGINT.
    assertThat(eval("bit_count(-1)")).isEqualTo(64);
    assertThat(eval("bit_count(CAST(-1 AS BIGINT))")).isEqualTo(64);
    assertThat(eval("bit_get(11, 0)")).isEqualTo(1);
    assertThat(eval("getbit(11, 2)")).isEqualTo(0);
    failsWith("bit_get(11, 40)", ExecutionException.class).hasMessageContaining("bit position 40");
  }
}
