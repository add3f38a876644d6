package dev.sluice.errors;

/**
 * Thrown while a query runs, when data makes an expression fail: arithmetic overflow or division
 * by zero under ANSI mode, an invalid cast, a malformed record under FAILFAST.
 */
public class ExecutionException extends SluiceException {
  public ExecutionException(ErrorClass errorClass, Object... args) {
    super(errorClass, args);
  }

  private ExecutionException(ErrorClass errorClass, String message) {
    super(errorClass, message, null);
  }

  /**
   * The error with the expression it happened in appended, as Spark's query context, for errors
   * whose message names only the value (an invalid or overflowing cast).
   */
  public static ExecutionException in(String expressionSql, ErrorClass errorClass, Object... args) {
    return new ExecutionException(errorClass, errorClass.format(args) + "\n== Expression ==\n" + expressionSql);
  }
}
