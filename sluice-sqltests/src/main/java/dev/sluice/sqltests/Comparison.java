package dev.sluice.sqltests;

import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.ParseException;
import dev.sluice.errors.SluiceException;
import dev.sluice.sqltests.Outcome.Kind;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares what Sluice did with what Spark recorded, the way Spark's SQLQueryTestSuite compares a
 * run with its golden file: rows as text, one line each; when the plan is not sorted both sides are
 * sorted first (Spark sorted its own output before writing the golden file); trailing whitespace of
 * the whole output does not count. Where Spark raised an error, Sluice raising a user-facing error
 * matches (whether its error class is Spark's is reported beside). Anything thrown that is not a
 * {@link SluiceException} is a defect whatever Spark did.
 */
public final class Comparison {
  private static final Pattern UNKNOWN_FUNCTION = Pattern.compile("Cannot resolve function `([^`]+)`");
  private static final Pattern PARSE = Pattern.compile(
      "Syntax error at or near (.*?) \\(line \\d+, position \\d+\\): (.*)", Pattern.DOTALL);
  private static final Pattern FUNCTION_NAME = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\(.*", Pattern.DOTALL);
  private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
      .appendPattern("yyyy-MM-dd HH:mm:ss").optionalStart()
      .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd().toFormatter();
  private static final int MAX_DETAIL_LINES = 30;

  private Comparison() {}

  public static Outcome compare(GoldenFile.Query expected, Actual actual) {
    if (actual instanceof Actual.Timeout t) {
      return new Outcome(Kind.TIMEOUT, "timeout", "no answer after " + t.millis() + " ms", null);
    }
    if (actual instanceof Actual.Failure f) {
      return failed(expected, unwrap(f.error()));
    }
    Actual.Result r = (Actual.Result) actual;
    if (expected.isError()) {
      String what = expected.errorClass() != null ? expected.errorClass() : expected.exceptionClass();
      return new Outcome(Kind.NO_ERROR, "no error where Spark raised " + topClass(what),
          "expected error:\n" + expected.output() + "\nactual schema: " + r.catalogString() + "\nactual rows:\n"
              + clip(String.join("\n", r.rows())), null);
    }
    return compareResult(expected, r);
  }

  private static Outcome failed(GoldenFile.Query expected, Throwable e) {
    if (!(e instanceof SluiceException se)) {
      return new Outcome(Kind.RAW_EXCEPTION, rawCause(e), stackText(e), null);
    }
    if (expected.isError()) {
      String sparkClass = expected.errorClass();
      Boolean same = sparkClass == null ? null : sameErrorClass(sparkClass, se.errorClass());
      String expectedClass = sparkClass != null ? topClass(sparkClass) : expected.exceptionClass();
      return new Outcome(Kind.ERROR_AS_EXPECTED, expectedClass + " <- " + se.errorClass(),
          "expected: " + (sparkClass != null ? sparkClass : expected.exceptionClass()) + "\nactual: "
              + se.errorClass() + ": " + se.getMessage(), same);
    }
    String detail = se.errorClass() + ": " + se.getMessage() + "\nexpected schema: " + expected.schema()
        + "\nexpected rows:\n" + clip(expected.output());
    if (se instanceof ParseException pe) {
      return new Outcome(Kind.PARSE_ERROR, parseCause(pe, expected.sql()), detail, null);
    }
    if (se.errorClass() == ErrorClass.UNRESOLVED_ROUTINE) {
      Matcher m = UNKNOWN_FUNCTION.matcher(se.getMessage());
      String name = m.find() ? m.group(1).toLowerCase(java.util.Locale.ROOT) : "?";
      return new Outcome(Kind.UNKNOWN_FUNCTION, "unknown function: " + name, detail, null);
    }
    Kind kind = se instanceof AnalysisException ? Kind.ANALYSIS_ERROR : Kind.RUNTIME_ERROR;
    return new Outcome(kind, se.errorClass() + ": " + errorCause(se), detail, null);
  }

  private static Outcome compareResult(GoldenFile.Query expected, Actual.Result r) {
    List<SchemaString.Field> fields = SchemaString.parse(expected.schema());
    boolean typesMatch;
    boolean namesMatch;
    String schemaCause = null;
    if (fields == null) {
      typesMatch = namesMatch = r.catalogString().equals(expected.schema());
      if (!typesMatch) {
        schemaCause = "schema: unreadable " + expected.schema();
      }
    } else if (fields.size() != r.types().size()) {
      typesMatch = namesMatch = false;
      schemaCause = "schema: " + fields.size() + " columns expected, " + r.types().size() + " returned";
    } else {
      typesMatch = true;
      namesMatch = true;
      for (int i = 0; i < fields.size(); i++) {
        if (!fields.get(i).type().equals(r.types().get(i))) {
          if (typesMatch) {
            schemaCause = "type " + fields.get(i).type() + " expected, " + r.types().get(i) + " returned";
          }
          typesMatch = false;
        }
        namesMatch &= fields.get(i).name().equals(r.names().get(i));
      }
    }

    List<String> want = expected.outputLines();
    List<String> got = r.rows();
    String wantText = expected.output();
    String gotText = render(got, r.sorted());
    boolean rowsMatch = gotText.equals(wantText) || (!r.sorted() && render(got, false).equals(render(want, false)));
    String schemas = "expected schema: " + expected.schema() + "\nactual schema:   " + r.catalogString();
    if (rowsMatch) {
      if (typesMatch) {
        return new Outcome(namesMatch ? Kind.MATCH : Kind.MATCH_NAMES_DIFFER, namesMatch ? "match" : "names differ",
            namesMatch ? "" : schemas, null);
      }
      return new Outcome(Kind.WRONG_SCHEMA, schemaCause, schemas, null);
    }
    String detail = schemas + "\nexpected rows:\n" + clip(wantText) + "\nactual rows:\n" + clip(gotText);
    if (r.sorted() && render(got, false).equals(render(want, false))) {
      return new Outcome(Kind.WRONG_ORDER, "rows in another order", detail, null);
    }
    return new Outcome(Kind.WRONG_ANSWER, commandPrefix(expected.sql()) + wrongAnswerCause(fields, want, got,
        r.sorted()), detail, null);
  }

  /**
   * Rows joined as Spark joins them for its golden files: sorted first unless the plan is sorted,
   * trailing whitespace removed.
   */
  static String render(List<String> rows, boolean sorted) {
    List<String> lines = new ArrayList<>(rows);
    if (!sorted) {
      lines.sort(null);
    }
    return GoldenFile.rtrim(String.join("\n", lines));
  }

  /** The first differing value, named by its column's function and expected type. */
  private static String wrongAnswerCause(List<SchemaString.Field> fields, List<String> want, List<String> got,
      boolean sorted) {
    List<String> w = new ArrayList<>(want);
    List<String> g = new ArrayList<>(got);
    if (!sorted) {
      w.sort(null);
      g.sort(null);
    }
    if (w.size() != g.size()) {
      return "wrong row count (" + w.size() + " expected, " + g.size() + " returned)";
    }
    for (int i = 0; i < w.size(); i++) {
      if (w.get(i).equals(g.get(i)) || GoldenFile.rtrim(w.get(i)).equals(GoldenFile.rtrim(g.get(i)))) {
        continue;
      }
      String[] wc = w.get(i).split("\t", -1);
      String[] gc = g.get(i).split("\t", -1);
      for (int c = 0; c < Math.max(wc.length, gc.length); c++) {
        String a = c < wc.length ? wc[c] : "";
        String b = c < gc.length ? gc[c] : "";
        if (GoldenFile.rtrim(a).equals(GoldenFile.rtrim(b))) {
          continue;
        }
        String column = fields != null && c < fields.size() ? columnLabel(fields.get(c)) : "column " + (c + 1);
        if (shiftedByTimeZone(a, b)) {
          return "wrong value: " + column + ": shifted by the time zone (Spark's tests run in America/Los_Angeles)";
        }
        return "wrong value: " + column;
      }
      return "wrong value";
    }
    return "wrong answer";
  }

  private static final Pattern MISSING_TABLE = Pattern.compile("The table or view `([^`]+)`");

  /**
   * A table that is not found because the earlier statement creating it failed is a consequence, not
   * a cause of its own: the verdict says so, so that the cause lists point at the creating statement.
   * Other missing tables keep their name.
   */
  static Outcome afterEarlier(Outcome o, List<FileResult.Verdict> earlier) {
    if (o.matches() || !o.cause().startsWith("TABLE_OR_VIEW_NOT_FOUND")) {
      return o;
    }
    Matcher m = MISSING_TABLE.matcher(o.detail());
    if (!m.find()) {
      return o;
    }
    String table = m.group(1).substring(m.group(1).lastIndexOf('.') + 1);
    Pattern creates = Pattern.compile("(?is).*\\b(CREATE|REPLACE|ALTER|CACHE)\\b.*(?<![\\w.])`?"
        + Pattern.quote(table) + "`?(?![\\w]).*");
    for (FileResult.Verdict v : earlier) {
      if (!v.outcome().matches() && creates.matcher(v.query().sql()).matches()) {
        return new Outcome(o.kind(), "TABLE_OR_VIEW_NOT_FOUND: made by an earlier statement that failed",
            o.detail() + "\n(created by #" + v.query().index() + ", which failed: " + v.outcome().kind().label()
                + ")", null);
      }
    }
    return new Outcome(o.kind(), "TABLE_OR_VIEW_NOT_FOUND: `" + table.toLowerCase(java.util.Locale.ROOT) + "`",
        o.detail(), null);
  }

  /** "SET VAR: " for the statements that are no queries, so that their wrong answers group by command. */
  static String commandPrefix(String sql) {
    String[] words = sql.trim().split("\\s+", 3);
    String first = words[0].toUpperCase(java.util.Locale.ROOT);
    if (first.isEmpty() || first.startsWith("(") || java.util.Set.of("SELECT", "WITH", "VALUES", "FROM", "TABLE")
        .contains(first)) {
      return "";
    }
    if ((first.equals("SET") || first.equals("SHOW") || first.equals("DESC") || first.equals("DESCRIBE"))
        && words.length > 1 && words[1].matches("[A-Za-z]+")) {
      first += " " + words[1].toUpperCase(java.util.Locale.ROOT);
    }
    return first + ": ";
  }

  /** {@code to_timestamp -> timestamp}: the function a generated column name starts with, and its type. */
  private static String columnLabel(SchemaString.Field f) {
    Matcher m = FUNCTION_NAME.matcher(f.name());
    String what = m.matches() ? m.group(1).toLowerCase(java.util.Locale.ROOT)
        : f.name().matches("(?s)([XxDd]|DATE |TIMESTAMP |INTERVAL )?'.*|-?[0-9].*|NULL|true|false") ? "(literal)"
        : "(expression)";
    return what + " -> " + f.type();
  }

  /** Two timestamps a whole number of hours apart, 7 or 8: the UTC/Los Angeles difference. */
  static boolean shiftedByTimeZone(String a, String b) {
    try {
      long minutes = Math.abs(Duration.between(LocalDateTime.parse(a, TIMESTAMP), LocalDateTime.parse(b, TIMESTAMP))
          .toMinutes());
      return minutes == 7 * 60 || minutes == 8 * 60;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** Spark's error class {@code A.B} matches Sluice's {@code A} or {@code A.B}. */
  static boolean sameErrorClass(String spark, ErrorClass sluice) {
    return sluice.isSparks(spark);
  }

  private static String topClass(String errorClass) {
    int dot = errorClass.indexOf('.');
    return dot < 0 || errorClass.contains("Exception") ? errorClass : errorClass.substring(0, dot);
  }

  /** Concurrency wrappers are not Sluice's doing; anything else wrapping an error is what the user sees. */
  static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while ((t instanceof java.util.concurrent.ExecutionException || t instanceof CompletionException
        || t instanceof UndeclaredThrowableException || t instanceof InvocationTargetException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /**
   * A Sluice error's message for grouping. The particulars are blanked, except where they are the
   * point: the format of UNKNOWN_FORMAT, the function of INVALID_ARGUMENT, the name of a column
   * looked up where no columns are in scope (a niladic function like current_date, or a variable).
   */
  private static String errorCause(SluiceException se) {
    String message = se.getMessage();
    String name = se.errorClass().name();
    if (name.equals("UNRESOLVED_COLUMN") && message.endsWith("[]")) {
      Matcher m = Pattern.compile("`([^`]+)`").matcher(message);
      return "no columns in scope for " + (m.find() ? "`" + m.group(1) + "`" : "?");
    }
    if (name.equals("UNKNOWN_FORMAT") || name.equals("INVALID_ARGUMENT")) {
      Matcher m = Pattern.compile("[`'][^`']{1,40}[`']").matcher(message);
      if (m.find()) {
        return m.group() + ": " + normalize(message.substring(m.end()).replaceFirst("^[:\\s]+", ""));
      }
    }
    return normalize(message);
  }

  /**
   * "parse: at '(' after IDENTIFIER: expected ...": the offending token, the word before it (a
   * keyword as itself, any other name as {@code <name>}: {@code IDENTIFIER (}, {@code LATERAL (} and
   * {@code <name> (} are three different missing constructs), and the parser's detail, whose tokens
   * are the point and kept.
   */
  private static String parseCause(ParseException pe, String sql) {
    Matcher m = PARSE.matcher(pe.getMessage());
    if (!m.find()) {
      return "parse: " + normalize(pe.getMessage());
    }
    String detail = m.group(2).split("\n", 2)[0].replaceAll("\\b\\d+\\b", "N");
    String before = wordBefore(sql, pe.line(), pe.position());
    return "parse: at " + m.group(1) + (before == null ? "" : " after " + before) + ": "
        + (detail.length() > 110 ? detail.substring(0, 110) + "..." : detail);
  }

  private static final Pattern LAST_TOKEN = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*|[^\\sA-Za-z0-9_])\\s*$");
  private static volatile java.util.Set<String> keywords = java.util.Set.of();

  /** Spark's SQL keywords (upper case), for naming the word before a parse error. */
  static void useKeywords(java.util.Collection<String> words) {
    keywords = java.util.Set.copyOf(words);
  }

  /** The token before (line, position) of the statement, named for grouping; null at the start. */
  static String wordBefore(String sql, int line, int position) {
    int offset = 0;
    for (int l = 1; l < line; l++) {
      int nl = sql.indexOf('\n', offset);
      if (nl < 0) {
        return null;
      }
      offset = nl + 1;
    }
    offset = Math.min(sql.length(), offset + Math.max(position, 0));
    Matcher m = LAST_TOKEN.matcher(sql.substring(0, offset));
    if (!m.find()) {
      return null;
    }
    String t = m.group(1);
    if (!Character.isLetter(t.charAt(0)) && t.charAt(0) != '_') {
      return "'" + t + "'";
    }
    String upper = t.toUpperCase(java.util.Locale.ROOT);
    return keywords.contains(upper) ? upper : "<name>";
  }

  private static String rawCause(Throwable e) {
    String where = "";
    for (StackTraceElement f : e.getStackTrace()) {
      if (f.getClassName().startsWith("dev.sluice.")) {
        String cls = f.getClassName();
        where = " @ " + cls.substring(cls.lastIndexOf('.') + 1) + "." + f.getMethodName();
        break;
      }
    }
    return e.getClass().getName() + ": " + normalize(String.valueOf(e.getMessage())) + where;
  }

  private static String stackText(Throwable e) {
    StringBuilder sb = new StringBuilder(e.toString());
    StackTraceElement[] st = e.getStackTrace();
    for (int i = 0; i < Math.min(st.length, 12); i++) {
      sb.append("\n    at ").append(st[i]);
    }
    if (e.getCause() != null && e.getCause() != e) {
      sb.append("\ncaused by: ").append(e.getCause());
    }
    return sb.toString();
  }

  /**
   * A message with its particulars blanked, so that the same problem in different statements groups
   * together: quoted and back-quoted text, numbers, and anything past the first sentence-ish chunk.
   */
  static String normalize(String message) {
    String first = message.split("\n", 2)[0].replaceFirst("^\\[[A-Z_.]+\\] ", "");
    String s = first.replaceAll("`[^`]*`", "`?`").replaceAll("'[^']*'", "'?'").replaceAll("\"[^\"]*\"", "\"?\"")
        .replaceAll("\\b\\d+(\\.\\d+)?\\b", "N");
    return s.length() > 110 ? s.substring(0, 110) + "..." : s;
  }

  private static String clip(String text) {
    String[] lines = text.split("\n", -1);
    if (lines.length <= MAX_DETAIL_LINES) {
      return text;
    }
    return String.join("\n", java.util.Arrays.copyOf(lines, MAX_DETAIL_LINES)) + "\n... ("
        + (lines.length - MAX_DETAIL_LINES) + " more lines)";
  }
}
