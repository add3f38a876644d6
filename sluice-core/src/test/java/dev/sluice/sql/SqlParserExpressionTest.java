package dev.sluice.sql;

import static dev.sluice.sql.Trees.col;
import static dev.sluice.sql.Trees.fn;
import static dev.sluice.sql.Trees.lit;
import static dev.sluice.sql.Trees.str;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.plan.expr.Alias;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.Literal;
import dev.sluice.plan.expr.SortOrder;
import dev.sluice.plan.expr.Unresolved;
import dev.sluice.plan.expr.UnresolvedWindowExpression;
import dev.sluice.types.DataTypes;
import dev.sluice.types.DecimalType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlParserExpressionTest {

  private static Expression parse(String text) {
    return SqlParser.parseExpression(text);
  }

  // ------------------------------------------------------------------ literals

  @Test
  void integerLiteralsAreIntThenBigintThenDecimal() {
    assertThat(parse("1")).isEqualTo(new Literal(1, DataTypes.IntegerType));
    assertThat(parse("2147483647")).isEqualTo(new Literal(2147483647, DataTypes.IntegerType));
    assertThat(parse("2147483648")).isEqualTo(new Literal(2147483648L, DataTypes.LongType));
    assertThat(parse("-2147483648")).isEqualTo(new Literal(-2147483648, DataTypes.IntegerType));
    assertThat(parse("99999999999999999999")).isEqualTo(Literal.of(new BigDecimal("99999999999999999999")));
    assertThat(parse("1L")).isEqualTo(new Literal(1L, DataTypes.LongType));
    assertThat(parse("7S")).isEqualTo(new Literal(7, DataTypes.IntegerType));
    assertThat(parse("7Y")).isEqualTo(new Literal(7, DataTypes.IntegerType));
  }

  @Test
  void decimalAndDoubleLiterals() {
    assertThat(parse("1.5")).isEqualTo(new Literal(new BigDecimal("1.5"), new DecimalType(2, 1)));
    assertThat(parse("0.05")).isEqualTo(new Literal(new BigDecimal("0.05"), new DecimalType(2, 2)));
    assertThat(parse(".5")).isEqualTo(new Literal(new BigDecimal("0.5"), new DecimalType(1, 1)));
    assertThat(parse("1.5D")).isEqualTo(new Literal(1.5, DataTypes.DoubleType));
    assertThat(parse("1.5d")).isEqualTo(new Literal(1.5, DataTypes.DoubleType));
    assertThat(parse("1e3")).isEqualTo(new Literal(1000.0, DataTypes.DoubleType));
    assertThat(parse("2.5E-1")).isEqualTo(new Literal(0.25, DataTypes.DoubleType));
    assertThat(parse("1.5F")).isEqualTo(new Literal(1.5, DataTypes.DoubleType));
    assertThat(parse("1BD")).isEqualTo(new Literal(new BigDecimal("1"), new DecimalType(1, 0)));
    assertThat(parse("12.345BD")).isEqualTo(new Literal(new BigDecimal("12.345"), new DecimalType(5, 3)));
    assertThat(parse("-1.5")).isEqualTo(new Literal(new BigDecimal("-1.5"), new DecimalType(2, 1)));
  }

  @Test
  void minusBeforeANumberIsPartOfTheLiteralButNotBeforeAColumn() {
    assertThat(parse("-a")).isEqualTo(fn("negative", col("a")));
    assertThat(parse("+a")).isEqualTo(fn("positive", col("a")));
    assertThat(parse("x * -1")).isEqualTo(fn("*", col("x"), lit(-1)));
    assertThat(parse("1 -1")).isEqualTo(fn("-", lit(1), lit(1)));
    assertThat(parse("-a * b")).isEqualTo(fn("*", fn("negative", col("a")), col("b")));
  }

  @Test
  void stringLiteralsWithQuotesAndEscapes() {
    assertThat(parse("'abc'")).isEqualTo(str("abc"));
    assertThat(parse("\"abc\"")).isEqualTo(str("abc"));
    assertThat(parse("'it''s'")).isEqualTo(str("it's"));
    assertThat(parse("'it\\'s'")).isEqualTo(str("it's"));
    assertThat(parse("\"say \\\"hi\\\"\"")).isEqualTo(str("say \"hi\""));
    assertThat(parse("'a\\nb\\tc\\\\d'")).isEqualTo(str("a\nb\tc\\d"));
    assertThat(parse("'\\u0041\\101'")).isEqualTo(str("AA"));
    assertThat(parse("'50\\%'")).isEqualTo(str("50\\%"));
    assertThat(parse("'a' 'b' \"c\"")).isEqualTo(str("abc"));
    assertThat(parse("r'\\d+'")).isEqualTo(str("\\d+"));
  }

  @Test
  void booleanNullAndBinaryLiterals() {
    assertThat(parse("TRUE")).isEqualTo(Literal.TRUE);
    assertThat(parse("false")).isEqualTo(Literal.FALSE);
    assertThat(parse("NULL")).isSameAs(Literal.NULL);
    assertThat(parse("X'0AFF'")).isEqualTo(new Literal(new byte[] {0x0A, (byte) 0xFF}, DataTypes.BinaryType));
    assertThat(parse("x'1'")).isEqualTo(new Literal(new byte[] {0x01}, DataTypes.BinaryType));
  }

  @Test
  void typedDateAndTimestampLiterals() {
    assertThat(parse("DATE '2026-01-01'"))
        .isEqualTo(new Literal((int) LocalDate.of(2026, 1, 1).toEpochDay(), DataTypes.DateType));
    long micros = Instant.parse("2026-01-01T00:00:01Z").getEpochSecond() * 1_000_000L;
    assertThat(parse("TIMESTAMP '2026-01-01 00:00:01'")).isEqualTo(new Literal(micros, DataTypes.TimestampType));
    assertThat(parse("timestamp_ntz '2026-01-01 00:00:01'")).isEqualTo(new Literal(micros, DataTypes.TimestampType));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "INTERVAL 10 SECONDS | 10000000",
      "INTERVAL 10 SECOND | 10000000",
      "INTERVAL '10' SECOND | 10000000",
      "INTERVAL '10 seconds' | 10000000",
      "interval '10 SECONDS' | 10000000",
      "INTERVAL 1 HOUR 30 MINUTES | 5400000000",
      "INTERVAL '5' MINUTE | 300000000",
      "INTERVAL 1 MINUTE | 60000000",
      "INTERVAL 1.5 SECONDS | 1500000",
      "INTERVAL -5 MINUTES | -300000000",
      "INTERVAL 2 DAYS | 172800000000",
      "INTERVAL 1 WEEK | 604800000000",
      "INTERVAL 500 MILLISECONDS | 500000",
      "INTERVAL '1 10:00:00.5' DAY TO SECOND | 122400500000",
      "INTERVAL '10:30' HOUR TO MINUTE | 37800000000",
      "INTERVAL '-1 2' DAY TO HOUR | -93600000000",
  })
  void dayTimeIntervalsAreMicroseconds(String text, long micros) {
    assertThat(parse(text)).isEqualTo(new Literal(micros, DataTypes.DayTimeIntervalType));
  }

  @Test
  void yearMonthIntervalsAreMonths() {
    assertThat(parse("INTERVAL 2 MONTHS")).isEqualTo(new Literal(2, DataTypes.YearMonthIntervalType));
    assertThat(parse("INTERVAL 1 YEAR 2 MONTHS")).isEqualTo(new Literal(14, DataTypes.YearMonthIntervalType));
    assertThat(parse("INTERVAL '1-2' YEAR TO MONTH")).isEqualTo(new Literal(14, DataTypes.YearMonthIntervalType));
  }

  // ------------------------------------------------------------------ operators

  @Test
  void arithmeticUsesRegistryNamesAndPrecedence() {
    assertThat(parse("a + b * c")).isEqualTo(fn("+", col("a"), fn("*", col("b"), col("c"))));
    assertThat(parse("(a + b) * c")).isEqualTo(fn("*", fn("+", col("a"), col("b")), col("c")));
    assertThat(parse("a - b - c")).isEqualTo(fn("-", fn("-", col("a"), col("b")), col("c")));
    assertThat(parse("a / b % c")).isEqualTo(fn("%", fn("/", col("a"), col("b")), col("c")));
    assertThat(parse("a DIV b")).isEqualTo(fn("div", col("a"), col("b")));
    assertThat(parse("a || b")).isEqualTo(fn("concat", col("a"), col("b")));
  }

  @ParameterizedTest
  @CsvSource({"a = b,=", "a == b,=", "a <> b,<>", "a != b,<>", "a < b,<", "a <= b,<=", "a > b,>", "a >= b,>=",
      "a <=> b,<=>"})
  void comparisons(String text, String name) {
    assertThat(parse(text)).isEqualTo(fn(name, col("a"), col("b")));
  }

  @Test
  void booleanOperatorsAndNotPrecedence() {
    assertThat(parse("a AND b OR c")).isEqualTo(fn("or", fn("and", col("a"), col("b")), col("c")));
    assertThat(parse("a OR b AND c")).isEqualTo(fn("or", col("a"), fn("and", col("b"), col("c"))));
    assertThat(parse("NOT a = b AND c")).isEqualTo(fn("and", fn("not", fn("=", col("a"), col("b"))), col("c")));
    assertThat(parse("!a")).isEqualTo(fn("not", col("a")));
    // A chain is balanced, as Spark's AstBuilder builds it, so thousands of terms are not thousands deep.
    assertThat(parse("a AND b AND c AND d"))
        .isEqualTo(fn("and", fn("and", col("a"), col("b")), fn("and", col("c"), col("d"))));
    assertThat(parse("a OR b OR c")).isEqualTo(fn("or", fn("or", col("a"), col("b")), col("c")));
  }

  @Test
  void nullAndDistinctPredicates() {
    assertThat(parse("x IS NULL")).isEqualTo(fn("isnull", col("x")));
    assertThat(parse("x IS NOT NULL")).isEqualTo(fn("isnotnull", col("x")));
    assertThat(parse("x IS DISTINCT FROM 0")).isEqualTo(fn("not", fn("<=>", col("x"), lit(0))));
    assertThat(parse("x IS NOT DISTINCT FROM y")).isEqualTo(fn("<=>", col("x"), col("y")));
    assertThat(parse("p IS TRUE")).isEqualTo(fn("<=>", col("p"), Literal.TRUE));
    assertThat(parse("p IS NOT FALSE")).isEqualTo(fn("not", fn("<=>", col("p"), Literal.FALSE)));
    assertThat(parse("p IS UNKNOWN")).isEqualTo(fn("isnull", col("p")));
  }

  @Test
  void inAndBetween() {
    assertThat(parse("x IN (1, 2, NULL)")).isEqualTo(fn("in", col("x"), lit(1), lit(2), Literal.NULL));
    assertThat(parse("x NOT IN (1)")).isEqualTo(fn("not", fn("in", col("x"), lit(1))));
    assertThat(parse("x BETWEEN lo AND hi"))
        .isEqualTo(fn("and", fn(">=", col("x"), col("lo")), fn("<=", col("x"), col("hi"))));
    assertThat(parse("x NOT BETWEEN 1 AND 2"))
        .isEqualTo(fn("not", fn("and", fn(">=", col("x"), lit(1)), fn("<=", col("x"), lit(2)))));
    assertThat(parse("x BETWEEN 1 AND 2 AND y")).isEqualTo(
        fn("and", fn("and", fn(">=", col("x"), lit(1)), fn("<=", col("x"), lit(2))), col("y")));
  }

  @Test
  void likeFamily() {
    assertThat(parse("name LIKE 'a%'")).isEqualTo(fn("like", col("name"), str("a%")));
    assertThat(parse("name NOT LIKE '%a%'")).isEqualTo(fn("not", fn("like", col("name"), str("%a%"))));
    assertThat(parse("name ILIKE 'A%'")).isEqualTo(fn("ilike", col("name"), str("A%")));
    assertThat(parse("name LIKE 'a!%' ESCAPE '!'")).isEqualTo(fn("like", col("name"), str("a!%"), str("!")));
    assertThat(parse("s RLIKE '^a'")).isEqualTo(fn("rlike", col("s"), str("^a")));
    assertThat(parse("s REGEXP '^a'")).isEqualTo(fn("rlike", col("s"), str("^a")));
    assertThat(parse("s NOT RLIKE '^a'")).isEqualTo(fn("not", fn("rlike", col("s"), str("^a"))));
  }

  @Test
  void searchedAndSimpleCase() {
    assertThat(parse("CASE WHEN a THEN 1 WHEN b THEN 2 ELSE 3 END"))
        .isEqualTo(fn("casewhen", col("a"), lit(1), col("b"), lit(2), lit(3)));
    assertThat(parse("CASE WHEN a THEN 1 END")).isEqualTo(fn("casewhen", col("a"), lit(1)));
    assertThat(parse("CASE x WHEN 1 THEN 'a' WHEN 2 THEN 'b' ELSE 'c' END")).isEqualTo(fn("casewhen",
        fn("=", col("x"), lit(1)), str("a"), fn("=", col("x"), lit(2)), str("b"), str("c")));
  }

  @Test
  void casts() {
    assertThat(parse("CAST(x AS INT)")).isEqualTo(new Unresolved.CastTo(col("x"), DataTypes.IntegerType, false));
    assertThat(parse("cast(x as decimal(10, 2))"))
        .isEqualTo(new Unresolved.CastTo(col("x"), new DecimalType(10, 2), false));
    assertThat(parse("TRY_CAST(x AS LONG)")).isEqualTo(new Unresolved.CastTo(col("x"), DataTypes.LongType, true));
    assertThat(parse("x::bigint")).isEqualTo(new Unresolved.CastTo(col("x"), DataTypes.LongType, false));
    assertThat(parse("a.b::string + 1"))
        .isEqualTo(fn("+", new Unresolved.CastTo(col("a", "b"), DataTypes.StringType, false), lit(1)));
  }

  // ------------------------------------------------------------------ functions

  @Test
  void functionCalls() {
    assertThat(parse("upper(name)")).isEqualTo(fn("upper", col("name")));
    assertThat(parse("now()")).isEqualTo(fn("now"));
    assertThat(parse("round(x / 3, 2)")).isEqualTo(fn("round", fn("/", col("x"), lit(3)), lit(2)));
    assertThat(parse("window(ts, '10 seconds')")).isEqualTo(fn("window", col("ts"), str("10 seconds")));
    assertThat(parse("session_window(ts, '5 seconds')")).isEqualTo(fn("session_window", col("ts"), str("5 seconds")));
    assertThat(parse("left(s, 2)")).isEqualTo(fn("left", col("s"), lit(2)));
    assertThat(parse("if(a, 1, 2)")).isEqualTo(fn("if", col("a"), lit(1), lit(2)));
    assertThat(parse("replace(s, '-', '')")).isEqualTo(fn("replace", col("s"), str("-"), str("")));
    assertThat(((Unresolved.Function) parse("Upper(x)")).name()).isEqualTo("Upper");
  }

  @Test
  void countStarDistinctAndFilter() {
    assertThat(parse("count(*)")).isEqualTo(new Unresolved.Function("count", List.of(), false, null, true));
    Unresolved.Function f = (Unresolved.Function) parse("count(DISTINCT v)");
    assertThat(f).isEqualTo(new Unresolved.Function("count", List.of(col("v")), true, null, false));
    assertThat(f.isDistinct()).isTrue();
    Unresolved.Function g = (Unresolved.Function) parse("count(*) FILTER (WHERE status = 'ok')");
    assertThat(g.isStar()).isTrue();
    assertThat(g.filter()).isEqualTo(fn("=", col("status"), str("ok")));
    Unresolved.Function h = (Unresolved.Function) parse("sum(v) FILTER (WHERE v > 0)");
    assertThat(h.arguments()).containsExactly(col("v"));
    assertThat(h.filter()).isEqualTo(fn(">", col("v"), lit(0)));
    assertThat(parse("count(ALL v)")).isEqualTo(fn("count", col("v")));
  }

  @Test
  void ignoreNullsBecomesTheIgnoreNullsArgument() {
    assertThat(parse("first(x IGNORE NULLS)")).isEqualTo(fn("first", col("x"), Literal.TRUE));
    assertThat(parse("last(x) IGNORE NULLS")).isEqualTo(fn("last", col("x"), Literal.TRUE));
    assertThat(parse("first(x)")).isEqualTo(fn("first", col("x")));
    assertThat(parse("first_value(x) RESPECT NULLS")).isEqualTo(fn("first_value", col("x")));
  }

  @Test
  void sqlStandardFunctionForms() {
    assertThat(parse("SUBSTRING(s FROM 2 FOR 3)")).isEqualTo(fn("substring", col("s"), lit(2), lit(3)));
    assertThat(parse("substr(s FROM 2)")).isEqualTo(fn("substr", col("s"), lit(2)));
    assertThat(parse("substring(s, 2, 3)")).isEqualTo(fn("substring", col("s"), lit(2), lit(3)));
    assertThat(parse("TRIM(BOTH 'x' FROM s)")).isEqualTo(fn("trim", str("x"), col("s")));
    assertThat(parse("TRIM(LEADING FROM s)")).isEqualTo(fn("ltrim", col("s")));
    assertThat(parse("trim(TRAILING 'x' FROM s)")).isEqualTo(fn("rtrim", str("x"), col("s")));
    assertThat(parse("trim(s)")).isEqualTo(fn("trim", col("s")));
    assertThat(parse("POSITION('a' IN s)")).isEqualTo(fn("position", str("a"), col("s")));
    assertThat(parse("EXTRACT(YEAR FROM d)")).isEqualTo(fn("year", col("d")));
    assertThat(parse("extract(hour from ts)")).isEqualTo(fn("hour", col("ts")));
  }

  @Test
  void windowFunctionsParseToUnresolvedWindowExpression() {
    Expression e = parse("row_number() OVER (PARTITION BY k ORDER BY v)");
    assertThat(e).isEqualTo(new UnresolvedWindowExpression(fn("row_number"), List.of(col("k")),
        List.of(SortOrder.asc(col("v")))));
    Expression lag = parse("lag(v) OVER (PARTITION BY k, j ORDER BY ts DESC)");
    assertThat(lag).isInstanceOf(UnresolvedWindowExpression.class);
    UnresolvedWindowExpression w = (UnresolvedWindowExpression) lag;
    assertThat(w.function()).isEqualTo(fn("lag", col("v")));
    assertThat(w.partitionBy()).containsExactly(col("k"), col("j"));
    assertThat(w.orderBy()).containsExactly(SortOrder.desc(col("ts")));
    assertThat(parse("count(*) OVER ()")).isEqualTo(new UnresolvedWindowExpression(
        new Unresolved.Function("count", List.of(), false, null, true), List.of(), List.of()));
    assertThat(w.sql()).isEqualTo("lag(v) OVER (PARTITION BY k, j ORDER BY ts DESC NULLS LAST)");
  }

  // ------------------------------------------------------------------ names and fields

  @Test
  void dottedNamesAreOneAttributeButFieldsOfOtherExpressionsAreExtractValue() {
    assertThat(parse("a.b.c")).isEqualTo(col("a", "b", "c"));
    assertThat(parse("window.start")).isEqualTo(col("window", "start"));
    assertThat(parse("session_window.end")).isEqualTo(col("session_window", "end"));
    assertThat(parse("t.`weird.name`")).isEqualTo(col("t", "weird.name"));
    assertThat(parse("`a``b`")).isEqualTo(col("a`b"));
    assertThat(parse("(a).b")).isEqualTo(new Unresolved.ExtractValue(col("a"), "b"));
    assertThat(parse("f(x).y.z"))
        .isEqualTo(new Unresolved.ExtractValue(new Unresolved.ExtractValue(fn("f", col("x")), "y"), "z"));
    assertThat(parse("CamelCase")).isEqualTo(col("CamelCase"));
  }

  @Test
  void subscriptsAndRowConstructors() {
    assertThat(parse("arr[0]")).isEqualTo(fn("[]", col("arr"), lit(0)));
    assertThat(parse("m['k']")).isEqualTo(fn("[]", col("m"), str("k")));
    assertThat(parse("(1, 'a')")).isEqualTo(fn("struct", lit(1), str("a")));
  }

  @Test
  void starsAndAliases() {
    assertThat(parse("*")).isEqualTo(new Unresolved.Star(List.of()));
    assertThat(parse("t.*")).isEqualTo(new Unresolved.Star(List.of("t")));
    assertThat(parse("a + 1 AS b")).isInstanceOf(Alias.class);
    Alias a = (Alias) parse("a + 1 b");
    assertThat(a.name()).isEqualTo("b");
    assertThat(a.child()).isEqualTo(fn("+", col("a"), lit(1)));
    assertThat(((Alias) parse("x AS `my col`")).name()).isEqualTo("my col");
    assertThat(parse("a + 1")).isEqualTo(fn("+", col("a"), lit(1)));
  }

  @Test
  void commentsAndWhitespaceAreIgnored() {
    assertThat(parse("a /* one /* nested */ two */ + -- to the end\n b"))
        .isEqualTo(fn("+", col("a"), col("b")));
  }

  @Test
  void subqueryExpressionsHoldTheirQuery() {
    Expression in = parse("(a, b) IN (SELECT x, y FROM u)");
    assertThat(in).isInstanceOf(dev.sluice.plan.expr.InSubquery.class);
    assertThat(((dev.sluice.plan.expr.InSubquery) in).values()).containsExactly(col("a"), col("b"));
    assertThat(parse("a NOT IN (SELECT x FROM u)")).isEqualTo(fn("not",
        new dev.sluice.plan.expr.InSubquery(List.of(col("a")), ((dev.sluice.plan.expr.InSubquery)
            parse("a IN (SELECT x FROM u)")).plan())));
    assertThat(parse("NOT EXISTS (SELECT 1 FROM u)")).isEqualTo(fn("not", parse("EXISTS (SELECT 1 FROM u)")));
    assertThat(parse("EXISTS (SELECT 1 FROM u)")).isInstanceOf(dev.sluice.plan.expr.Exists.class);
    Expression nested = parse("coalesce((SELECT max(x) FROM u), 0) + 1");
    assertThat(nested.exists(e -> e instanceof dev.sluice.plan.expr.ScalarSubquery)).isTrue();
  }
}
