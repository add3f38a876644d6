package dev.sluice.plan.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.ExecutionException;
import dev.sluice.errors.SluiceException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Functions whose result grows with an argument fail fast, before allocating, when the result would
 * be larger than one value may be (Spark's array limit of 2147483632 elements, and Sluice's share of
 * the heap for one value), with COLLECTION_SIZE_LIMIT_EXCEEDED for arrays (as Spark) and
 * STRING_SIZE_LIMIT_EXCEEDED for strings: never a "Java heap space" error.
 */
@Timeout(60)
class SizeLimitsTest extends FunctionTestSupport {

  private static void stringTooLarge(String expr, String size) {
    failsWith(expr, ExecutionException.class)
        .satisfies(e -> assertThat(((SluiceException) e).errorClass()).isEqualTo(ErrorClass.STRING_SIZE_LIMIT_EXCEEDED))
        .hasMessageContaining(size).hasMessageContaining(String.valueOf(SizeLimits.maxStringLength()));
  }

  private static void arrayTooLarge(String expr, String size) {
    failsWith(expr, ExecutionException.class)
        .satisfies(e -> assertThat(((SluiceException) e).errorClass()).isEqualTo(ErrorClass.COLLECTION_SIZE_LIMIT_EXCEEDED))
        .hasMessageContaining(size);
  }

  @Test
  void repeatAndSpace() {
    stringTooLarge("repeat('x', 2147483647)", "2147483647");
    stringTooLarge("repeat('abc', 1000000000)", "3000000000");
    stringTooLarge("space(2000000000)", "2000000000");
    assertThat(eval("length(repeat('ab', 1000))")).isEqualTo(2000);
    assertThat(eval("space(3)")).isEqualTo("   ");
  }

  @Test
  void lpadAndRpad() {
    stringTooLarge("lpad('a', 2000000000, 'b')", "2000000000");
    stringTooLarge("rpad('a', 2000000000, 'b')", "2000000000");
    stringTooLarge("lpad('a', 2000000000)", "2000000000");
    stringTooLarge("hex(rpad(x'01', 2000000000))", "2000000000");
    // Cutting is never too large.
    assertThat(eval("lpad('abc', 2)")).isEqualTo("ab");
    assertThat(eval("rpad('hi', 5, '??')")).isEqualTo("hi???");
  }

  @Test
  void formatStringWidthAndPrecision() {
    stringTooLarge("format_string('%999999999d', 1)", "999999999");
    stringTooLarge("printf('%.999999999f', 1.5D)", "999999999");
    stringTooLarge("format_string('%2$999999999s', 1, 'a')", "999999999");
    assertThat(eval("format_string('%5d|%-3s|%.2f', 42, 'a', 1.5D)")).isEqualTo("   42|a  |1.50");
  }

  @Test
  void replaceAndConcatGrowingPastTheLimit() {
    long max = SizeLimits.maxStringLength();
    long n = max / 1000 + 1;
    stringTooLarge("replace(repeat('a', " + n + "), 'a', repeat('b', 1000))", String.valueOf(n * 1000));
    assertThat(eval("replace('aXa', 'a', 'bb')")).isEqualTo("bbXbb");
  }

  @Test
  void arrayRepeatAndSequence() {
    arrayTooLarge("array_repeat(1, 2000000000)", "2000000000");
    arrayTooLarge("sequence(1, 2000000000)", "2000000000");
    arrayTooLarge("sequence(1L, 3000000000L)", "3000000000");
    arrayTooLarge("sequence(0L, 9000000000000000000L, 2L)", "4500000000000000001");
    failsWith("array_repeat('x', 2000000000)", ExecutionException.class)
        .hasMessageContaining("COLLECTION_SIZE_LIMIT_EXCEEDED").hasMessageContaining("`count`")
        .hasMessageContaining("`array_repeat`");
    assertThat(eval("sequence(1, 5)")).isEqualTo(List.of(1, 2, 3, 4, 5));
    assertThat(eval("size(array_repeat(0, 100000))")).isEqualTo(100000);
  }

  @Test
  void theLimitsAreAShareOfTheHeapAndNeverAboveSparks() {
    long heap = Runtime.getRuntime().maxMemory();
    assertThat((long) SizeLimits.maxArrayLength()).isLessThanOrEqualTo(SizeLimits.MAX_ROUNDED_ARRAY_LENGTH)
        .isLessThan(heap / 8);
    assertThat((long) SizeLimits.maxStringLength()).isLessThanOrEqualTo(SizeLimits.MAX_ROUNDED_ARRAY_LENGTH)
        .isLessThan(heap / 4);
  }
}
