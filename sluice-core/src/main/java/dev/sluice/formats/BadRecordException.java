package dev.sluice.formats;

/**
 * A record that could not be parsed. {@link #partial()} holds the fields that could be parsed (null
 * elsewhere), for PERMISSIVE mode; the message says what is wrong.
 */
public final class BadRecordException extends Exception {
  private final transient Object[] partial;

  public BadRecordException(String reason, Object[] partial) {
    super(reason, null, false, false);
    this.partial = partial;
  }

  public Object[] partial() {
    return partial;
  }
}
