package dev.sluice.sqltests;

/**
 * The verdict on one statement: its kind, a short cause for grouping ("unknown function: sha3"), a
 * longer detail for people (expected against actual), and for an expected error whether Sluice's
 * error class is Spark's (null when that question does not arise).
 */
public record Outcome(Kind kind, String cause, String detail, Boolean errorClassMatches) {

  /** Every statement gets exactly one kind; the first three count as matching. */
  public enum Kind {
    MATCH("match", true),
    MATCH_NAMES_DIFFER("match, column names differ", true),
    ERROR_AS_EXPECTED("error as expected", true),
    PARSE_ERROR("parse error", false),
    UNKNOWN_FUNCTION("unknown function", false),
    ANALYSIS_ERROR("analysis error where Spark ran", false),
    RUNTIME_ERROR("runtime error where Spark ran", false),
    WRONG_ANSWER("wrong answer", false),
    WRONG_ORDER("wrong row order", false),
    WRONG_SCHEMA("wrong schema only", false),
    NO_ERROR("error expected but none", false),
    RAW_EXCEPTION("raw Java exception", false),
    TIMEOUT("timeout", false);

    private final String label;
    private final boolean matches;

    Kind(String label, boolean matches) {
      this.label = label;
      this.matches = matches;
    }

    public String label() {
      return label;
    }

    /** Whether the statement counts as matching Spark. */
    public boolean matches() {
      return matches;
    }
  }

  public boolean matches() {
    return kind.matches();
  }
}
