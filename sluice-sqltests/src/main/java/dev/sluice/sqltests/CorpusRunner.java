package dev.sluice.sqltests;

import dev.sluice.api.Session;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;

/**
 * Runs Spark's SQL test corpus through Sluice and reports, per file and in total, how many
 * statements give Spark's recorded answer, and why the others do not. See docs/spark-corpus.md.
 *
 * <pre>
 * CorpusRunner [options] [FILE|GLOB ...]
 *   FILE|GLOB          input files relative to sql-tests/inputs/ (string-functions.sql, 'subquery/**');
 *                      default: every top-level file (*.sql)
 *   --all              every input file, all folders
 *   --list FILE        names or globs, one a line (# comments)
 *   --jar PATH         Spark's test jar (default: the module's target/spark-corpus/, then ~/.m2)
 *   --out DIR          where summary.tsv, statements.tsv, causes.tsv and report.txt go
 *                      (default: sluice-sqltests/target/corpus-report, or target/corpus-report)
 *   --timeout SECONDS  per statement (default 10)
 *   --show-failures F  print every failing statement of the files matching F, expected against actual
 *   --verbose          the same for every file
 *   --show-name-diffs  with the two above, also the matches whose column names differ from Spark's
 *   --top N            how many causes the summary lists (default 30)
 * </pre>
 *
 * Each file runs in a fresh session configured as Spark's SQLQueryTestSuite configures its own (ANSI
 * on, except under nonansi/; the file's --SET lines and the first set of each --CONFIG_DIM; the
 * suite's test tables), and its statements run in order, each with a time limit.
 */
public final class CorpusRunner {
  private CorpusRunner() {}

  static final class Options {
    String jar;
    Path out;
    long timeoutMs = 10_000;
    boolean all;
    boolean verbose;
    boolean nameDiffs;
    int top = 30;
    final List<String> patterns = new ArrayList<>();
    final List<String> showFailures = new ArrayList<>();

    static Options parse(String[] args) throws IOException {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "--all" -> o.all = true;
          case "--verbose", "-v" -> o.verbose = true;
          case "--show-name-diffs" -> o.nameDiffs = true;
          case "--jar" -> o.jar = value(args, ++i, a);
          case "--out" -> o.out = Path.of(value(args, ++i, a));
          case "--timeout" -> o.timeoutMs = (long) (Double.parseDouble(value(args, ++i, a)) * 1000);
          case "--top" -> o.top = Integer.parseInt(value(args, ++i, a));
          case "--show-failures" -> o.showFailures.add(value(args, ++i, a));
          case "--list" -> {
            for (String line : Files.readAllLines(Path.of(value(args, ++i, a)))) {
              String t = line.trim();
              if (!t.isEmpty() && !t.startsWith("#")) {
                o.patterns.add(t);
              }
            }
          }
          case "--help", "-h" -> {
            System.out.println("usage: CorpusRunner [--all] [--list FILE] [--jar PATH] [--out DIR] [--timeout S] "
                + "[--show-failures FILE|GLOB] [--verbose] [--show-name-diffs] [--top N] [FILE|GLOB ...]   (see docs/spark-corpus.md)");
            System.exit(0);
          }
          default -> {
            if (a.startsWith("--")) {
              throw new IllegalArgumentException("unknown option " + a + " (--help lists them)");
            }
            o.patterns.add(a);
          }
        }
      }
      if (o.out == null) {
        o.out = Files.isDirectory(Path.of("sluice-sqltests")) ? Path.of("sluice-sqltests", "target", "corpus-report")
            : Path.of("target", "corpus-report");
      }
      return o;
    }

    private static String value(String[] args, int i, String option) {
      if (i >= args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return args[i];
    }
  }

  public static void main(String[] args) throws Exception {
    Options o = Options.parse(args);
    quietLogging();
    // Spark's test JVMs run with user.timezone=America/Los_Angeles and the US locale.
    TimeZone.setDefault(TimeZone.getTimeZone("America/Los_Angeles"));
    Locale.setDefault(Locale.US);
    Files.createDirectories(o.out);
    ByteArrayOutputStream copy = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(new Tee(System.out, copy), true, StandardCharsets.UTF_8);
    try (Corpus corpus = new Corpus(Corpus.locate(o.jar))) {
      List<String> files = select(corpus.inputs(), o.patterns, o.all);
      if (files.isEmpty()) {
        throw new IllegalArgumentException("no input file matches " + o.patterns);
      }
      Path data = corpus.extractTestData(o.out.resolve("test-data"));
      Comparison.useKeywords(keywords(corpus));
      out.println("Spark " + Corpus.VERSION + " SQL corpus from " + corpus.jar() + ": " + files.size()
          + " files, timeout " + o.timeoutMs + " ms per statement");
      out.println("match = Sluice gives Spark's rows and column types, or raises an error where Spark did; "
          + "sparkOk = statements Spark ran without error; clsOk = Sluice's error class is Spark's");
      out.println(Report.header());
      Report report = new Report();
      for (String f : files) {
        FileResult r = runFile(corpus, f, data, o.timeoutMs);
        report.add(r);
        out.println(Report.line(r));
        if (o.verbose || matchesAny(f, o.showFailures)) {
          Report.printFailures(out, r, o.nameDiffs);
        }
      }
      report.printSummary(out, o.top);
      report.writeTsv(o.out);
      out.flush();
      Files.write(o.out.resolve("report.txt"), copy.toByteArray());
      System.err.println("wrote " + o.out.resolve("report.txt") + ", summary.tsv, statements.tsv, causes.tsv");
    }
    System.exit(0); // threads of timed-out statements may linger
  }

  /** Spark's SQL keywords, as its keywords.sql golden file lists them (SELECT * FROM SQL_KEYWORDS()). */
  static List<String> keywords(Corpus corpus) {
    String golden = corpus.result("keywords.sql");
    if (golden == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (GoldenFile.Query q : GoldenFile.parse("keywords.sql.out", golden).queries()) {
      if (q.sql().toUpperCase(Locale.ROOT).contains("SQL_KEYWORDS()") && !q.isError()) {
        q.outputLines().forEach(l -> out.add(l.split("\t")[0]));
        break;
      }
    }
    return out;
  }

  /** The files to run: those matching the patterns, or the top-level ones (or all with --all). */
  static List<String> select(List<String> inputs, List<String> patterns, boolean all) {
    if (patterns.isEmpty()) {
      return inputs.stream().filter(n -> all || !n.contains("/")).toList();
    }
    Set<String> out = new LinkedHashSet<>();
    for (String p : patterns) {
      for (String n : inputs) {
        if (matches(n, p)) {
          out.add(n);
        }
      }
    }
    return new ArrayList<>(out);
  }

  private static boolean matchesAny(String name, List<String> patterns) {
    return patterns.stream().anyMatch(p -> matches(name, p));
  }

  static boolean matches(String name, String pattern) {
    if (name.equals(pattern) || name.equals(pattern + ".sql")) {
      return true;
    }
    if (pattern.chars().noneMatch(c -> "*?[{".indexOf(c) >= 0)) {
      return false;
    }
    PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    return m.matches(Path.of(name)) || m.matches(Path.of(name.replaceFirst("\\.sql$", "")));
  }

  /** Configuration Spark's suite gives a file by its folder. */
  static List<Map.Entry<String, String>> suiteSettings(String name) {
    List<Map.Entry<String, String>> s = new ArrayList<>();
    s.add(Map.entry("spark.sql.shuffle.partitions", "4"));
    s.add(Map.entry("spark.sql.session.timeZone", "America/Los_Angeles"));
    if (name.startsWith("nonansi/")) {
      s.add(Map.entry("spark.sql.ansi.enabled", "false"));
    } else if (name.startsWith("timestampNTZ/")) {
      s.add(Map.entry("spark.sql.timestampType", "TIMESTAMP_NTZ"));
    } else {
      s.add(Map.entry("spark.sql.ansi.enabled", "true"));
      if (name.startsWith("postgreSQL/") || name.startsWith("udf/postgreSQL/")) {
        s.add(Map.entry("spark.sql.legacy.interval.enabled", "true"));
      }
    }
    return s;
  }

  static FileResult runFile(Corpus corpus, String name, Path data, long timeoutMs) {
    long start = System.nanoTime();
    List<String> notes = new ArrayList<>();
    List<FileResult.Verdict> verdicts = new ArrayList<>();
    String golden = corpus.result(name);
    if (golden == null) {
      notes.add("no golden file (results/" + name + ".out): skipped");
      return new FileResult(name, verdicts, notes, 0);
    }
    GoldenFile g = GoldenFile.parse(name, golden);
    String input = corpus.input(name);
    InputDirectives d = InputDirectives.parse(input == null ? "" : input);
    List<Map.Entry<String, String>> settings = new ArrayList<>(suiteSettings(name));
    settings.addAll(d.effectiveSettings());
    java.nio.file.Path warehouse;
    try {
      // Each file gets its own warehouse, as each of Spark's suite runs gets a fresh one: managed tables
      // one file creates must not collide with another's of the same name.
      warehouse = java.nio.file.Files.createTempDirectory("sluice-corpus-warehouse");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    try (StatementThreads threads = new StatementThreads(name)) {
      Session session;
      try {
        session = threads.setup(() -> Session.builder().config("sluice.sql.warehouse.dir", warehouse.toString())
            .getOrCreate(), 60_000);
        notes.addAll(threads.setup(() -> TestTables.create(session, data), 60_000));
      } catch (RuntimeException e) {
        notes.add("session setup failed: " + e.getMessage());
        for (GoldenFile.Query q : g.queries()) {
          verdicts.add(new FileResult.Verdict(q, Comparison.compare(q, new Actual.Failure(e))));
        }
        return new FileResult(name, verdicts, notes, (System.nanoTime() - start) / 1_000_000);
      }
      for (Map.Entry<String, String> kv : settings) {
        try {
          session.conf().set(kv.getKey(), kv.getValue());
        } catch (RuntimeException e) {
          notes.add("configuration " + kv.getKey() + "=" + kv.getValue() + " refused: " + e.getMessage());
        }
      }
      for (GoldenFile.Query q : g.queries()) {
        Actual a = threads.call(() -> SluiceStatement.run(session, q.sql()), timeoutMs);
        verdicts.add(new FileResult.Verdict(q, Comparison.afterEarlier(Comparison.compare(q, a), verdicts)));
      }
      try {
        threads.setup(() -> {
          session.close();
          return Boolean.TRUE;
        }, 10_000);
      } catch (RuntimeException e) {
        notes.add("session close: " + e.getMessage());
      }
    } finally {
      deleteTree(warehouse);
    }
    return new FileResult(name, verdicts, notes, (System.nanoTime() - start) / 1_000_000);
  }

  private static void deleteTree(java.nio.file.Path root) {
    try (java.util.stream.Stream<java.nio.file.Path> paths = java.nio.file.Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException e) {
      // A leftover temporary folder is harmless.
    }
  }

  /** Sluice logs through SLF4J; the report is what this program prints, so only errors get through. */
  private static void quietLogging() {
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "off");
    }
  }

  /** Writes to two streams: the console and the copy that becomes report.txt. */
  private static final class Tee extends java.io.OutputStream {
    private final java.io.OutputStream a;
    private final java.io.OutputStream b;

    Tee(java.io.OutputStream a, java.io.OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int c) throws IOException {
      a.write(c);
      b.write(c);
    }

    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
      a.write(buf, off, len);
      b.write(buf, off, len);
    }

    @Override
    public void flush() throws IOException {
      a.flush();
      b.flush();
    }
  }
}
