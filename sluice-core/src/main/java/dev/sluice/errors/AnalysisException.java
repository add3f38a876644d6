package dev.sluice.errors;

/**
 * Thrown when a query cannot be analyzed or planned: unknown columns, tables or functions, type
 * mismatches, or an operation a stream does not support. Thrown by the DataFrame method that builds
 * the query, by {@code sql()}, or by {@code start()} for streaming-only checks.
 */
public class AnalysisException extends SluiceException {
  public AnalysisException(ErrorClass errorClass, Object... args) {
    super(errorClass, args);
  }
}
