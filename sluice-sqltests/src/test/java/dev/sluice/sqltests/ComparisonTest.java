package dev.sluice.sqltests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.ExecutionException;
import dev.sluice.errors.ParseException;
import dev.sluice.sqltests.Outcome.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The verdicts: rows, order, schema, errors, on small expected/actual pairs written for these tests. */
class ComparisonTest {
  private static GoldenFile.Query ok(String schema, String output) {
    return new GoldenFile.Query(0, "SELECT ...", schema, output);
  }

  private static final GoldenFile.Query ERROR = new GoldenFile.Query(0, "SELECT ...", "struct<>",
      "org.apache.spark.sql.AnalysisException\n{\n  \"errorClass\" : \"DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE\"\n}");

  private static Actual.Result result(List<String> names, List<String> types, boolean sorted, String... rows) {
    return new Actual.Result(names, types, List.of(rows), sorted);
  }

  @Test
  void unsortedRowsCompareAsSets() {
    // Spark sorted its output before writing it, since the plan is not sorted
    Outcome o = Comparison.compare(ok("struct<k:int,v:string>", "1\tb\n2\ta"),
        result(List.of("k", "v"), List.of("int", "string"), false, "2\ta", "1\tb"));
    assertThat(o.kind()).isEqualTo(Kind.MATCH);
    assertThat(o.matches()).isTrue();
  }

  @Test
  void sortedRowsMustKeepTheirOrder() {
    GoldenFile.Query q = ok("struct<k:int>", "2\n1");
    assertThat(Comparison.compare(q, result(List.of("k"), List.of("int"), true, "2", "1")).kind())
        .isEqualTo(Kind.MATCH);
    assertThat(Comparison.compare(q, result(List.of("k"), List.of("int"), true, "1", "2")).kind())
        .isEqualTo(Kind.WRONG_ORDER);
  }

  @Test
  void aSortedPlanInSluiceStillMatchesWhenSparksWasNot() {
    // Spark's golden output is sorted text; Sluice returns rows in another (its ORDER BY) order
    Outcome o = Comparison.compare(ok("struct<k:int>", "1\n2"), result(List.of("k"), List.of("int"), false, "2", "1"));
    assertThat(o.kind()).isEqualTo(Kind.MATCH);
  }

  @Test
  void trailingWhitespaceOfTheOutputDoesNotCount() {
    Outcome o = Comparison.compare(ok("struct<a:string,b:string>", "x"),
        result(List.of("a", "b"), List.of("string", "string"), false, "x\t"));
    assertThat(o.kind()).isEqualTo(Kind.MATCH);
  }

  @Test
  void namesAndTypesAreJudgedApart() {
    GoldenFile.Query q = ok("struct<(a + 1):bigint>", "2");
    assertThat(Comparison.compare(q, result(List.of("(a + 1)"), List.of("bigint"), false, "2")).kind())
        .isEqualTo(Kind.MATCH);
    Outcome names = Comparison.compare(q, result(List.of("a + 1"), List.of("bigint"), false, "2"));
    assertThat(names.kind()).isEqualTo(Kind.MATCH_NAMES_DIFFER);
    assertThat(names.matches()).isTrue();
    Outcome types = Comparison.compare(q, result(List.of("(a + 1)"), List.of("int"), false, "2"));
    assertThat(types.kind()).isEqualTo(Kind.WRONG_SCHEMA);
    assertThat(types.cause()).isEqualTo("type bigint expected, int returned");
  }

  @Test
  void wrongValuesNameTheirColumn() {
    Outcome o = Comparison.compare(ok("struct<k:int,upper(s):string>", "1\tA"),
        result(List.of("k", "upper(s)"), List.of("int", "string"), false, "1\ta"));
    assertThat(o.kind()).isEqualTo(Kind.WRONG_ANSWER);
    assertThat(o.cause()).isEqualTo("wrong value: upper -> string");
    assertThat(o.detail()).contains("expected rows:\n1\tA").contains("actual rows:\n1\ta");

    Outcome count = Comparison.compare(ok("struct<k:int>", "1\n2"), result(List.of("k"), List.of("int"), false, "1"));
    assertThat(count.cause()).isEqualTo("wrong row count (2 expected, 1 returned)");
  }

  @Test
  void timestampsEightHoursApartAreTheTimeZone() {
    Outcome o = Comparison.compare(ok("struct<ts:timestamp>", "2020-01-01 00:00:00"),
        result(List.of("ts"), List.of("timestamp"), false, "2020-01-01 08:00:00"));
    assertThat(o.cause()).contains("shifted by the time zone");
    assertThat(Comparison.shiftedByTimeZone("2020-06-01 10:00:00.5", "2020-06-01 17:00:00.5")).isTrue();
    assertThat(Comparison.shiftedByTimeZone("2020-06-01 10:00:00", "2020-06-01 11:00:00")).isFalse();
  }

  @Test
  void anExpectedErrorMatchesAnySluiceErrorAndReportsTheClass() {
    Outcome same = Comparison.compare(ERROR, new Actual.Failure(new AnalysisException(ErrorClass.DATATYPE_MISMATCH,
        "x", "y")));
    assertThat(same.kind()).isEqualTo(Kind.ERROR_AS_EXPECTED);
    assertThat(same.errorClassMatches()).isTrue();
    Outcome other = Comparison.compare(ERROR, new Actual.Failure(new ExecutionException(ErrorClass.CAST_INVALID_INPUT,
        "'a'", "STRING", "INT")));
    assertThat(other.matches()).isTrue();
    assertThat(other.errorClassMatches()).isFalse();
    assertThat(other.cause()).isEqualTo("DATATYPE_MISMATCH <- CAST_INVALID_INPUT");

    Outcome none = Comparison.compare(ERROR, result(List.of("k"), List.of("int"), false, "1"));
    assertThat(none.kind()).isEqualTo(Kind.NO_ERROR);
    assertThat(none.cause()).isEqualTo("no error where Spark raised DATATYPE_MISMATCH");
  }

  @Test
  void errorsWhereSparkRanAreSortedByKind() {
    GoldenFile.Query q = ok("struct<k:int>", "1");
    Comparison.useKeywords(List.of("SELECT", "FROM", "LATERAL"));
    GoldenFile.Query pivot = new GoldenFile.Query(0, "SELECT a\nFROM t PIVOT (sum(a))", "struct<a:int>", "1");
    Outcome parse = Comparison.compare(pivot, new Actual.Failure(new ParseException("'PIVOT'", 2, 7,
        "unexpected input")));
    assertThat(parse.kind()).isEqualTo(Kind.PARSE_ERROR);
    // the word before the token: a keyword as itself, other names as <name>
    assertThat(parse.cause()).isEqualTo("parse: at 'PIVOT' after <name>: unexpected input");
    assertThat(Comparison.wordBefore("SELECT * FROM LATERAL (SELECT 1)", 1, 22)).isEqualTo("LATERAL");
    assertThat(Comparison.wordBefore("SELECT a |> WHERE a > 1", 1, 11)).isEqualTo("'>'");
    assertThat(Comparison.wordBefore("DECLARE x = 1", 1, 0)).isNull();
    Outcome fn = Comparison.compare(q, new Actual.Failure(new AnalysisException(ErrorClass.UNRESOLVED_ROUTINE,
        "`Sha3`", "")));
    assertThat(fn.kind()).isEqualTo(Kind.UNKNOWN_FUNCTION);
    assertThat(fn.cause()).isEqualTo("unknown function: sha3");
    Outcome analysis = Comparison.compare(q, new Actual.Failure(new AnalysisException(ErrorClass.UNRESOLVED_COLUMN,
        "`x`", "`k`")));
    assertThat(analysis.kind()).isEqualTo(Kind.ANALYSIS_ERROR);
    assertThat(analysis.cause()).startsWith("UNRESOLVED_COLUMN: ");
    Outcome runtime = Comparison.compare(q, new Actual.Failure(new ExecutionException(ErrorClass.DIVIDE_BY_ZERO, "1/0")));
    assertThat(runtime.kind()).isEqualTo(Kind.RUNTIME_ERROR);
  }

  @Test
  void anythingButASluiceExceptionIsADefectEvenWhereSparkFailed() {
    Outcome raw = Comparison.compare(ERROR, new Actual.Failure(
        new java.util.concurrent.ExecutionException(new NullPointerException("boom"))));
    assertThat(raw.kind()).isEqualTo(Kind.RAW_EXCEPTION);
    assertThat(raw.cause()).startsWith("java.lang.NullPointerException: boom");
    assertThat(raw.matches()).isFalse();
    assertThat(Comparison.compare(ok("struct<k:int>", "1"), new Actual.Timeout(10)).kind()).isEqualTo(Kind.TIMEOUT);
  }
}
