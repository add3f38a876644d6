package dev.sluice.sqltests;

import dev.sluice.sqltests.Outcome.Kind;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The run's results: a table line per file as it finishes, totals, failures by kind, the most common
 * causes, every raw Java exception and timeout; and the same as TSV files for diffing runs.
 */
final class Report {
  private static final String HEADER = String.format(Locale.ROOT, "%-46s %6s %6s %7s | %6s %6s %7s | %6s %6s %6s",
      "file", "stmts", "match", "match%", "sparkOk", "match", "ok%", "sparkEr", "raised", "clsOk");
  private final List<FileResult> files = new ArrayList<>();

  void add(FileResult r) {
    files.add(r);
  }

  static String header() {
    return HEADER + "\n" + "-".repeat(HEADER.length());
  }

  static String line(FileResult r) {
    return line(r.name(), r.total(), r.matched(), r.sparkOk(), r.sparkOkMatched(), r.sparkErrors(), r.errorsRaised(),
        r.errorClassMatches());
  }

  private static String line(String name, int total, int matched, int ok, int okMatched, int errors, int raised,
      int classOk) {
    return String.format(Locale.ROOT, "%-46s %6d %6d %6.1f%% | %7d %6d %6.1f%% | %7d %6d %6d", name, total, matched,
        pct(matched, total), ok, okMatched, pct(okMatched, ok), errors, raised, classOk);
  }

  private static double pct(int a, int b) {
    return b == 0 ? 0 : 100.0 * a / b;
  }

  String totalLine() {
    return line("TOTAL (" + files.size() + " files)", sum(FileResult::total), sum(FileResult::matched),
        sum(FileResult::sparkOk), sum(FileResult::sparkOkMatched), sum(FileResult::sparkErrors),
        sum(FileResult::errorsRaised), sum(FileResult::errorClassMatches));
  }

  private int sum(java.util.function.ToIntFunction<FileResult> f) {
    return files.stream().mapToInt(f).sum();
  }

  /** Totals, kinds, top causes, raw exceptions and timeouts. */
  void printSummary(PrintStream out, int topCauses) {
    out.println("-".repeat(HEADER.length()));
    out.println(totalLine());
    int total = sum(FileResult::total);
    out.printf(Locale.ROOT, "exact matches (names too): %d; matches with other column names: %d%n",
        sum(FileResult::exact), sum(r -> r.kind(Kind.MATCH_NAMES_DIFFER)));
    out.println();
    out.println("Statements by kind:");
    for (Kind k : Kind.values()) {
      int n = sum(r -> r.kind(k));
      out.printf(Locale.ROOT, "  %-34s %6d  %5.1f%%%n", k.label(), n, pct(n, total));
    }
    out.println();
    out.println("Top " + topCauses + " causes of failures (kind | cause | statements | example):");
    int i = 0;
    for (Map.Entry<String, List<String>> e : causes(false).entrySet()) {
      if (i++ == topCauses) {
        break;
      }
      out.printf(Locale.ROOT, "  %3d. %5d  %s   [%s]%n", i, e.getValue().size(), e.getKey(), e.getValue().get(0));
    }
    out.println();
    out.println("Failures by kind, top 10 causes each:");
    for (Kind k : Kind.values()) {
      if (k.matches() || sum(r -> r.kind(k)) == 0) {
        continue;
      }
      out.println("  " + k.label() + " (" + sum(r -> r.kind(k)) + "):");
      int j = 0;
      for (Map.Entry<String, List<String>> e : causes(false).entrySet()) {
        if (e.getKey().startsWith(k.label() + " | ") && j++ < 10) {
          out.printf(Locale.ROOT, "    %5d  %s   [%s]%n", e.getValue().size(),
              e.getKey().substring(k.label().length() + 3), e.getValue().get(0));
        }
      }
    }
    out.println();
    out.println("Expected errors Sluice raised with another error class (Spark's <- Sluice's), top 15:");
    int m = 0;
    for (Map.Entry<String, List<String>> e : causes(true).entrySet()) {
      if (m++ == 15) {
        break;
      }
      out.printf(Locale.ROOT, "  %5d  %s   [%s]%n", e.getValue().size(), e.getKey(), e.getValue().get(0));
    }
    out.println();
    printAll(out, Kind.RAW_EXCEPTION, "Raw Java exceptions (defects: not a Sluice user-facing exception)");
    printAll(out, Kind.TIMEOUT, "Timeouts");
    List<String> notes = new ArrayList<>();
    for (FileResult r : files) {
      r.notes().forEach(n -> notes.add(r.name() + ": " + n));
    }
    if (!notes.isEmpty()) {
      out.println("Setup notes:");
      notes.forEach(n -> out.println("  " + n));
    }
  }

  private void printAll(PrintStream out, Kind kind, String title) {
    List<String> lines = new ArrayList<>();
    for (FileResult r : files) {
      for (FileResult.Verdict v : r.statements()) {
        if (v.outcome().kind() == kind) {
          lines.add(String.format(Locale.ROOT, "  %s #%d: %s%n      %s", r.name(), v.query().index(),
              v.outcome().cause(), oneLine(v.query().sql(), 160)));
        }
      }
    }
    out.println(title + ": " + lines.size());
    lines.forEach(out::println);
    out.println();
  }

  /**
   * Failing statements grouped by "kind | cause", largest group first; each group lists its
   * statements as file#index. With {@code classMismatches}, instead the expected errors whose error
   * class differs, grouped by Spark's and Sluice's class.
   */
  private Map<String, List<String>> causes(boolean classMismatches) {
    Map<String, List<String>> groups = new LinkedHashMap<>();
    for (FileResult r : files) {
      for (FileResult.Verdict v : r.statements()) {
        Outcome o = v.outcome();
        boolean wanted = classMismatches ? Boolean.FALSE.equals(o.errorClassMatches()) : !o.matches();
        if (wanted) {
          String key = classMismatches ? o.cause() : o.kind().label() + " | " + o.cause();
          groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r.name() + "#" + v.query().index());
        }
      }
    }
    List<Map.Entry<String, List<String>>> sorted = new ArrayList<>(groups.entrySet());
    sorted.sort((a, b) -> b.getValue().size() != a.getValue().size() ? b.getValue().size() - a.getValue().size()
        : a.getKey().compareTo(b.getKey()));
    Map<String, List<String>> out = new LinkedHashMap<>();
    sorted.forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /**
   * Each failing statement of a file: kind, cause, the statement, expected against actual; with
   * {@code nameDiffs} also the matches whose column names differ from Spark's.
   */
  static void printFailures(PrintStream out, FileResult r, boolean nameDiffs) {
    out.println("=== failures in " + r.name());
    for (FileResult.Verdict v : r.statements()) {
      Outcome o = v.outcome();
      if (o.matches() && !(nameDiffs && o.kind() == Kind.MATCH_NAMES_DIFFER)) {
        continue;
      }
      out.println("--- #" + v.query().index() + " " + o.kind().label() + ": " + o.cause());
      out.println(indent(v.query().sql()));
      out.println(indent(o.detail()));
    }
  }

  private static String indent(String text) {
    return "    " + text.replace("\n", "\n    ");
  }

  static String oneLine(String s, int max) {
    String t = s.replace('\n', ' ').replace('\t', ' ').replaceAll(" +", " ").trim();
    return t.length() > max ? t.substring(0, max) + "..." : t;
  }

  /** summary.tsv (a line per file and a total), statements.tsv (a line per statement), causes.tsv. */
  void writeTsv(Path dir) {
    StringBuilder summary = new StringBuilder("file\tstatements\tmatched\texact\tspark_ok\tspark_ok_matched"
        + "\tspark_errors\terrors_raised\terror_class_match");
    for (Kind k : Kind.values()) {
      summary.append('\t').append(k.name().toLowerCase(Locale.ROOT));
    }
    summary.append('\n');
    Map<Kind, Integer> totals = new EnumMap<>(Kind.class);
    for (FileResult r : files) {
      summary.append(r.name()).append('\t').append(r.total()).append('\t').append(r.matched()).append('\t')
          .append(r.exact()).append('\t').append(r.sparkOk()).append('\t').append(r.sparkOkMatched()).append('\t')
          .append(r.sparkErrors()).append('\t').append(r.errorsRaised()).append('\t').append(r.errorClassMatches());
      for (Kind k : Kind.values()) {
        summary.append('\t').append(r.kind(k));
        totals.merge(k, r.kind(k), Integer::sum);
      }
      summary.append('\n');
    }
    summary.append("TOTAL\t").append(sum(FileResult::total)).append('\t').append(sum(FileResult::matched))
        .append('\t').append(sum(FileResult::exact)).append('\t').append(sum(FileResult::sparkOk)).append('\t')
        .append(sum(FileResult::sparkOkMatched)).append('\t').append(sum(FileResult::sparkErrors)).append('\t')
        .append(sum(FileResult::errorsRaised)).append('\t').append(sum(FileResult::errorClassMatches));
    for (Kind k : Kind.values()) {
      summary.append('\t').append(totals.getOrDefault(k, 0));
    }
    summary.append('\n');

    StringBuilder statements = new StringBuilder("file\tindex\tkind\tmatches\tspark_error\terror_class_match"
        + "\tcause\tsql\n");
    for (FileResult r : files) {
      for (FileResult.Verdict v : r.statements()) {
        Outcome o = v.outcome();
        statements.append(r.name()).append('\t').append(v.query().index()).append('\t')
            .append(o.kind().name().toLowerCase(Locale.ROOT)).append('\t').append(o.matches() ? 1 : 0).append('\t')
            .append(v.query().isError() ? 1 : 0).append('\t')
            .append(o.errorClassMatches() == null ? "-" : o.errorClassMatches() ? "1" : "0").append('\t')
            .append(oneLine(o.cause(), 300)).append('\t').append(oneLine(v.query().sql(), 300)).append('\n');
      }
    }

    StringBuilder causes = new StringBuilder("kind\tcause\tstatements\texamples\n");
    for (Map.Entry<String, List<String>> e : causes(false).entrySet()) {
      int bar = e.getKey().indexOf(" | ");
      List<String> ex = e.getValue();
      causes.append(e.getKey(), 0, bar).append('\t').append(oneLine(e.getKey().substring(bar + 3), 300)).append('\t')
          .append(ex.size()).append('\t').append(String.join(" ", ex.subList(0, Math.min(5, ex.size()))))
          .append('\n');
    }
    write(dir.resolve("summary.tsv"), summary.toString());
    write(dir.resolve("statements.tsv"), statements.toString());
    write(dir.resolve("causes.tsv"), causes.toString());
  }

  private static void write(Path p, String text) {
    try {
      Files.writeString(p, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
