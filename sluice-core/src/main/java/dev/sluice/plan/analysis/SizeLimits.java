package dev.sluice.plan.analysis;

import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.ExecutionException;

/**
 * How large one value a function builds may be, checked before it is built so that a huge argument
 * ({@code repeat('x', 2147483647)}, {@code sequence(1, 2000000000)}) fails fast with an error naming
 * the size and the limit instead of exhausting the heap.
 *
 * <p>Arrays: Spark's limit of {@link #MAX_ROUNDED_ARRAY_LENGTH} elements, and no more elements than a
 * sixteenth of the heap in bytes (an element costs a reference and usually a boxed value, so such
 * an array is around a quarter of the heap). Strings: no more characters than an eighth of the heap
 * (a character takes one or two bytes, and a builder growing to it copies once more). Where Spark
 * itself would run out of memory, Sluice is stricter than Spark: a clear error rather than a dead JVM.
 */
final class SizeLimits {
  /** Spark's ByteArrayMethods.MAX_ROUNDED_ARRAY_LENGTH: the most elements an array may have. */
  static final int MAX_ROUNDED_ARRAY_LENGTH = Integer.MAX_VALUE - 15;

  private SizeLimits() {}

  /** The most elements one array value may have. */
  static int maxArrayLength() {
    return (int) Math.min(MAX_ROUNDED_ARRAY_LENGTH, Runtime.getRuntime().maxMemory() / 16);
  }

  /** The most characters (or bytes, for BINARY) one string value may have. */
  static int maxStringLength() {
    return (int) Math.min(MAX_ROUNDED_ARRAY_LENGTH, Runtime.getRuntime().maxMemory() / 8);
  }

  private static String why(long limit) {
    return limit < MAX_ROUNDED_ARRAY_LENGTH
        ? "Sluice's limit for one value on this JVM (" + (Runtime.getRuntime().maxMemory() >> 20)
            + " MB of heap; -Xmx raises it)"
        : "the largest array the JVM can hold";
  }

  /**
   * Checks that a string of {@code length} characters may be built by {@code function}; throws
   * STRING_SIZE_LIMIT_EXCEEDED naming both otherwise.
   */
  static void checkString(String function, long length) {
    long max = maxStringLength();
    if (length > max) {
      throw new ExecutionException(ErrorClass.STRING_SIZE_LIMIT_EXCEEDED, length, "`" + function + "`", max, why(max));
    }
  }

  /** {@link #checkString} for a length that is a product (a count of repetitions), without overflow. */
  static void checkString(String function, long unit, long times) {
    if (unit > 0 && times > 0) {
      checkString(function, unit > Long.MAX_VALUE / times ? Long.MAX_VALUE : unit * times);
    }
  }

  /**
   * Checks that an array of {@code elements} may be built by {@code function} from its parameter
   * {@code parameter}: COLLECTION_SIZE_LIMIT_EXCEEDED (Spark's PARAMETER case) otherwise.
   */
  static void checkArrayParameter(String function, String parameter, Object elements) {
    long n = elements instanceof java.math.BigInteger b ? (b.bitLength() < 63 ? b.longValue() : Long.MAX_VALUE)
        : ((Number) elements).longValue();
    long max = maxArrayLength();
    if (n > max) {
      throw new ExecutionException(ErrorClass.COLLECTION_SIZE_LIMIT_EXCEEDED, elements, max, "PARAMETER",
          "the value of parameter(s) `" + parameter + "` in the function `" + function + "` is invalid; " + why(max));
    }
  }

  /** Checks an array built by {@code function} from other arrays: Spark's FUNCTION case. */
  static void checkArrayResult(String function, long elements) {
    long max = maxArrayLength();
    if (elements > max) {
      throw new ExecutionException(ErrorClass.COLLECTION_SIZE_LIMIT_EXCEEDED, elements, max, "FUNCTION",
          "unsuccessful try to create arrays in the function `" + function + "`; " + why(max));
    }
  }
}
