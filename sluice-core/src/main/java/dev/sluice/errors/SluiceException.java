package dev.sluice.errors;

/**
 * Base of every error a user can cause. {@link #errorClass()} is stable (tests assert it); the
 * message names the problem and the fix.
 */
public class SluiceException extends RuntimeException {
  private final ErrorClass errorClass;

  public SluiceException(ErrorClass errorClass, Object... args) {
    super(errorClass.format(args));
    this.errorClass = errorClass;
  }

  public SluiceException(ErrorClass errorClass, Throwable cause, Object... args) {
    super(errorClass.format(args), cause);
    this.errorClass = errorClass;
  }

  protected SluiceException(ErrorClass errorClass, String message, Throwable cause) {
    super(message, cause);
    this.errorClass = errorClass;
  }

  public ErrorClass errorClass() {
    return errorClass;
  }

  public String sqlState() {
    return errorClass.sqlState();
  }
}
