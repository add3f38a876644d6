package dev.sluice.sqltests;

import java.util.List;
import java.util.function.Predicate;

/** The verdicts on one corpus file's statements, in order, and notes on its setup. */
record FileResult(String name, List<Verdict> statements, List<String> notes, long millis) {
  FileResult {
    statements = List.copyOf(statements);
    notes = List.copyOf(notes);
  }

  /** One statement: what Spark recorded and the verdict on what Sluice did. */
  record Verdict(GoldenFile.Query query, Outcome outcome) {}

  int count(Predicate<Verdict> p) {
    return (int) statements.stream().filter(p).count();
  }

  int total() {
    return statements.size();
  }

  int matched() {
    return count(v -> v.outcome().matches());
  }

  int exact() {
    return count(v -> v.outcome().kind() == Outcome.Kind.MATCH);
  }

  int sparkOk() {
    return count(v -> !v.query().isError());
  }

  int sparkOkMatched() {
    return count(v -> !v.query().isError() && v.outcome().matches());
  }

  int sparkErrors() {
    return count(v -> v.query().isError());
  }

  int errorsRaised() {
    return count(v -> v.outcome().kind() == Outcome.Kind.ERROR_AS_EXPECTED);
  }

  int errorClassMatches() {
    return count(v -> Boolean.TRUE.equals(v.outcome().errorClassMatches()));
  }

  int kind(Outcome.Kind k) {
    return count(v -> v.outcome().kind() == k);
  }
}
