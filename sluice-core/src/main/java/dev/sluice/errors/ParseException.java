package dev.sluice.errors;

/** Thrown when SQL text (a statement, expression or DDL schema) does not parse. */
public class ParseException extends SluiceException {
  private final int line;
  private final int position;

  public ParseException(String token, int line, int position, String detail) {
    super(ErrorClass.PARSE_SYNTAX_ERROR, token, line, position, detail);
    this.line = line;
    this.position = position;
  }

  public int line() {
    return line;
  }

  public int position() {
    return position;
  }
}
