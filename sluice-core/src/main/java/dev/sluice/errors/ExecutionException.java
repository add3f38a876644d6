package dev.sluice.errors;

/**
 * Thrown while a query runs, when data makes an expression fail: arithmetic overflow or division
 * by zero under ANSI mode, an invalid cast, a malformed record under FAILFAST.
 */
public class ExecutionException extends SluiceException {
  public ExecutionException(ErrorClass errorClass, Object... args) {
    super(errorClass, args);
  }
}
