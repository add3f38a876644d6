package dev.sluice.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.ParseException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Syntax errors: a ParseException with the line, 0-based position and what was expected. */
class SqlParserErrorTest {

  private static ParseException error(Executable parse) {
    return catchThrowableOfType(ParseException.class, () -> {
      try {
        parse.execute();
      } catch (ParseException e) {
        throw e;
      } catch (Throwable t) {
        throw new AssertionError("expected a ParseException, got " + t, t);
      }
    });
  }

  private static ParseException queryError(String sql) {
    ParseException e = error(() -> SqlParser.parseQuery(sql));
    assertThat(e).as("no error for: " + sql).isNotNull();
    assertThat(e.errorClass()).isEqualTo(ErrorClass.PARSE_SYNTAX_ERROR);
    return e;
  }

  @Test
  void missingClosingParenthesisSaysWhatWasExpected() {
    ParseException e = queryError("SELECT f(a FROM t");
    assertThat(e.line()).isEqualTo(1);
    assertThat(e.position()).isEqualTo(11);
    assertThat(e.getMessage()).contains("near 'FROM'", "expected ')' or ',' but found 'FROM'");
  }

  @Test
  void castWithoutClosingParenthesis() {
    ParseException e = queryError("SELECT CAST(a AS INT FROM t");
    assertThat(e.position()).isEqualTo(21);
    assertThat(e.getMessage()).contains("expected ')' but found 'FROM'");
  }

  @Test
  void positionsAreOnTheRightLine() {
    ParseException e = queryError("SELECT a,\n       b\nFROM t\nWHERE a = = 1");
    assertThat(e.line()).isEqualTo(4);
    assertThat(e.position()).isEqualTo(10);
    assertThat(e.getMessage()).contains("'='", "expected an expression");
  }

  @Test
  void misspelledKeyword() {
    ParseException e = queryError("SELEC a FROM t");
    assertThat(e.line()).isEqualTo(1);
    assertThat(e.position()).isZero();
    assertThat(e.getMessage()).contains("expected '(', 'SELECT', 'TABLE', 'VALUES' or 'WITH' but found 'SELEC'");
  }

  @Test
  void missingBy() {
    ParseException e = queryError("SELECT a FROM t GROUP a");
    assertThat(e.position()).isEqualTo(22);
    assertThat(e.getMessage()).contains("expected 'BY' but found 'a'");
  }

  @Test
  void trailingGarbage() {
    ParseException e = queryError("SELECT a b c FROM t");
    assertThat(e.position()).isEqualTo(11);
    assertThat(e.getMessage()).contains("found 'c'", "end of input");
  }

  @Test
  void endOfInputWhereAnExpressionIsNeeded() {
    ParseException e = queryError("SELECT a FROM t WHERE");
    assertThat(e.position()).isEqualTo(21);
    assertThat(e.getMessage()).contains("near end of input", "expected an expression but found end of input");
  }

  @Test
  void missingSelectListItem() {
    ParseException e = queryError("SELECT a, FROM t");
    assertThat(e.position()).isEqualTo(10);
    assertThat(e.getMessage()).contains("unexpected 'FROM', expected an expression");
  }

  @Test
  void unclosedParenthesisIsPointedAt() {
    ParseException e = queryError("SELECT count(* FROM t");
    assertThat(e.position()).isEqualTo(15);
    assertThat(e.getMessage()).contains("the '(' at line 1, position 12 may be missing its ')'");
  }

  @Test
  void unclosedStringAndComment() {
    ParseException s = queryError("SELECT 'abc FROM t");
    assertThat(s.position()).isEqualTo(7);
    assertThat(s.getMessage()).contains("string literal is not closed");
    ParseException c = queryError("SELECT a FROM t /* never closed");
    assertThat(c.position()).isEqualTo(16);
    assertThat(c.getMessage()).contains("comment", "not closed");
  }

  @Test
  void reservedWordsNeedBackticks() {
    ParseException e = queryError("SELECT from FROM t");
    assertThat(e.position()).isEqualTo(7);
    assertThat(SqlParser.parseQuery("SELECT `from` FROM t")).isNotNull();
  }

  @Test
  void badLiteralsAreReportedAtTheLiteral() {
    ParseException d = queryError("SELECT DATE '2026-13-45'");
    assertThat(d.position()).isEqualTo(7);
    assertThat(d.getMessage()).contains("not a valid DATE");
    ParseException t = queryError("SELECT TIMESTAMP 'noon'");
    assertThat(t.getMessage()).contains("not a valid TIMESTAMP");
    ParseException b = queryError("SELECT 99999999999999999999L");
    assertThat(b.getMessage()).contains("out of range for BIGINT");
    ParseException i = queryError("SELECT INTERVAL 3 FORTNIGHTS");
    assertThat(i).isNotNull();
    ParseException u = queryError("SELECT INTERVAL '3 fortnights'");
    assertThat(u.getMessage()).contains("invalid interval", "fortnights");
    ParseException mix = queryError("SELECT INTERVAL 1 MONTH 2 DAYS");
    assertThat(mix.getMessage()).contains("cannot mix");
    ParseException esc = queryError("SELECT a LIKE 'x' ESCAPE '!!'");
    assertThat(esc.getMessage()).contains("ESCAPE");
  }

  @Test
  void unsupportedConstructsSaySo() {
    assertThat(queryError("SELECT sum(a) OVER (ORDER BY b ROWS BETWEEN b PRECEDING AND CURRENT ROW) FROM t")
        .getMessage()).contains("Frame bound value must be a literal");
    assertThat(queryError("SELECT sum(a) IGNORE NULLS FROM t").getMessage()).contains("IGNORE NULLS");
    assertThatThrownBy(() -> SqlParser.parseStatements("SET VAR x = 1")).isInstanceOf(ParseException.class)
        .hasMessageContaining("session variables");
    assertThatThrownBy(() -> SqlParser.parseStatements("set variable (a, b) = (SELECT 1, 2)"))
        .isInstanceOf(ParseException.class).hasMessageContaining("session variables");
    assertThat(queryError("WITH a AS (SELECT 1), A AS (SELECT 2) SELECT * FROM a").getMessage())
        .contains("defined twice");
    assertThat(queryError("SELECT * FROM t WATERMARK ts DELAY OF INTERVAL -1 SECOND").getMessage())
        .contains("must not be negative");
  }

  @Test
  void statementErrors() {
    ParseException e = error(() -> SqlParser.parseStatements("SELECT 1;\nCREATE TABLE t (a INT USING json"));
    assertThat(e.line()).isEqualTo(2);
    assertThat(e.position()).isEqualTo(22);
    assertThat(e.getMessage()).contains("found 'USING'");
    ParseException missingSemicolon = error(() -> SqlParser.parseStatements("SELECT 1 SELECT 2"));
    assertThat(missingSemicolon.position()).isEqualTo(9);
    assertThat(missingSemicolon.getMessage()).contains("';'");
    assertThat(error(() -> SqlParser.parseStatements("SET = 1")).getMessage()).contains("SET needs a configuration key");
  }

  @Test
  void expressionAndTypeErrors() {
    ParseException e = error(() -> SqlParser.parseExpression("a +"));
    assertThat(e.position()).isEqualTo(3);
    assertThat(e.getMessage()).contains("expected an expression but found end of input");
    ParseException t = error(() -> SqlParser.parseDataType("MAP<STRING>"));
    assertThat(t.position()).isEqualTo(10);
    assertThat(t.getMessage()).contains("',' but found '>'");
    ParseException c = error(() -> SqlParser.parseExpression("CAST(a AS)"));
    assertThat(c.getMessage()).contains("expected a data type");
  }

  @Test
  void nothingIsPrintedOnErrors() {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
    try {
      System.setOut(capture);
      System.setErr(capture);
      for (String bad : new String[] {"SELECT (", "SELECT a FROM", "SELECT ~~ FROM t", "SELECT a FROM t t2 t3",
          "SELECT a FROM t WHERE a IN (1", "SELECT CASE WHEN END"}) {
        assertThat(error(() -> SqlParser.parseQuery(bad))).as(bad).isNotNull();
      }
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    assertThat(captured.toString(StandardCharsets.UTF_8)).isEmpty();
  }
}
