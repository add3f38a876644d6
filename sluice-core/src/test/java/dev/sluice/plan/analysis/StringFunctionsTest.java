package dev.sluice.plan.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ExecutionException;
import dev.sluice.types.Row;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** String functions against Spark 4's documented results, with NULLs, empty strings and odd positions. */
class StringFunctionsTest extends FunctionTestSupport {

  @BeforeAll
  static void table() {
    session.createDataFrame(List.of(Row.of(1, "Spark SQL", "SQL"), Row.of(2, "", ""), Row.of(3, null, "x"),
        Row.of(4, "abc", null)), "id INT, s STRING, p STRING").createOrReplaceTempView("strs");
  }

  @Test
  void startsEndsContains() {
    assertThat(eval("startswith('Spark SQL', 'Spark')")).isEqualTo(true);
    assertThat(eval("startswith('Spark SQL', 'SQL')")).isEqualTo(false);
    assertThat(eval("endswith('Spark SQL', 'SQL')")).isEqualTo(true);
    assertThat(eval("contains('Spark SQL', 'k S')")).isEqualTo(true);
    assertThat(eval("contains('', '')")).isEqualTo(true);
    assertThat(eval("startswith(NULL, 'a')")).isNull();
    assertThat(column("SELECT endswith(s, p) FROM strs ORDER BY id")).containsExactly(true, true, null, null);
    assertThat(column("SELECT contains(s, p) FROM strs ORDER BY id")).containsExactly(true, true, null, null);
  }

  @Test
  void locateAndPositionAreOneBased() {
    assertThat(eval("locate('bar', 'foobarbar')")).isEqualTo(4);
    assertThat(eval("locate('bar', 'foobarbar', 5)")).isEqualTo(7);
    assertThat(eval("locate('bar', 'foobarbar', 0)")).isEqualTo(0);
    assertThat(eval("locate('bar', 'foobarbar', -1)")).isEqualTo(0);
    assertThat(eval("locate('bar', 'foobarbar', 100)")).isEqualTo(0);
    assertThat(eval("locate('bar', 'foobarbar', NULL)")).isEqualTo(0);
    assertThat(eval("locate(NULL, 'foobarbar')")).isNull();
    assertThat(eval("position('bar' IN 'foobarbar')")).isEqualTo(4);
    assertThat(eval("position('bar', 'foobarbar', 5)")).isEqualTo(7);
    assertThat(eval("locate('ß', 'straße')")).isEqualTo(5);
    assertThat(eval("instr('SparkSQL', 'SQL')")).isEqualTo(6);
    assertThat(eval("instr('SparkSQL', 'x')")).isEqualTo(0);
  }

  @Test
  void translateReplacesAndDeletesCharacters() {
    assertThat(eval("translate('AaBbCc', 'abc', '123')")).isEqualTo("A1B2C3");
    assertThat(eval("translate('abcd', 'abc', 'x')")).isEqualTo("xd");
    assertThat(eval("translate('aaa', 'aa', 'xy')")).isEqualTo("xxx");
    assertThat(eval("translate('abc', NULL, 'x')")).isNull();
    assertThat(column("SELECT translate(s, 'S', 's') FROM strs ORDER BY id")).containsExactly("spark sQL", "", null,
        "abc");
  }

  @Test
  void splitUsesARegexAndAnOptionalLimit() {
    assertThat(eval("split('oneAtwoBthreeC', '[ABC]')")).isEqualTo(list("one", "two", "three", ""));
    assertThat(eval("split('oneAtwoBthreeC', '[ABC]', -1)")).isEqualTo(list("one", "two", "three", ""));
    assertThat(eval("split('oneAtwoBthreeC', '[ABC]', 0)")).isEqualTo(list("one", "two", "three", ""));
    assertThat(eval("split('oneAtwoBthreeC', '[ABC]', 2)")).isEqualTo(list("one", "twoBthreeC"));
    assertThat(eval("split('a.b', '.')")).isEqualTo(list("", "", "", ""));
    assertThat(eval("split('abc', '')")).isEqualTo(list("a", "b", "c"));
    assertThat(eval("split('', ',')")).isEqualTo(list(""));
    assertThat(eval("split(NULL, ',')")).isNull();
    assertThat(eval("element_at(split('a,b,c', ','), 2)")).isEqualTo("b");
  }

  @Test
  void splitPartUsesALiteralDelimiter() {
    assertThat(eval("split_part('11.12.13', '.', 3)")).isEqualTo("13");
    assertThat(eval("split_part('11.12.13', '.', -1)")).isEqualTo("13");
    assertThat(eval("split_part('11.12.13', '.', -3)")).isEqualTo("11");
    assertThat(eval("split_part('11.12.13', '.', 5)")).isEqualTo("");
    assertThat(eval("split_part('11.12.13', '.', -5)")).isEqualTo("");
    assertThat(eval("split_part('abc', '', 1)")).isEqualTo("abc");
    assertThat(eval("split_part(',a,', ',', 1)")).isEqualTo("");
    assertThat(eval("split_part(NULL, '.', 1)")).isNull();
    failsWith("split_part('a.b', '.', 0)", ExecutionException.class).hasMessageContaining("part number 0");
  }

  @Test
  void substringCountsCodePointsFromOneAndFromTheEnd() {
    assertThat(eval("substring('Spark SQL', 5)")).isEqualTo("k SQL");
    assertThat(eval("substring('Spark SQL', 5, 1)")).isEqualTo("k");
    assertThat(eval("substring('Spark SQL', 0, 2)")).isEqualTo("Sp");
    assertThat(eval("substring('Spark SQL', -3)")).isEqualTo("SQL");
    assertThat(eval("substring('Spark SQL', -3, 2)")).isEqualTo("SQ");
    assertThat(eval("substring('Spark', 2, 100)")).isEqualTo("park");
    assertThat(eval("substring('Spark', 10)")).isEqualTo("");
    assertThat(eval("substring('Spark', 2, -1)")).isEqualTo("");
    // A character outside the BMP (two Java chars) counts as one, as in Spark.
    assertThat(eval("substring('a\uD83D\uDE00b', 2, 1)")).isEqualTo("\uD83D\uDE00");
    assertThat(eval("substring('a\uD83D\uDE00b', 3)")).isEqualTo("b");
    assertThat(eval("substring('a\uD83D\uDE00b', -1)")).isEqualTo("b");
  }

  @Test
  void substringIndex() {
    assertThat(eval("substring_index('www.apache.org', '.', 2)")).isEqualTo("www.apache");
    assertThat(eval("substring_index('www.apache.org', '.', -2)")).isEqualTo("apache.org");
    assertThat(eval("substring_index('www.apache.org', '.', 0)")).isEqualTo("");
    assertThat(eval("substring_index('www.apache.org', '.', 5)")).isEqualTo("www.apache.org");
    assertThat(eval("substring_index('www.apache.org', '', 1)")).isEqualTo("");
    assertThat(eval("substring_index('a..b', '..', -1)")).isEqualTo("b");
  }

  @Test
  void regexpReplaceEveryMatchFromAPosition() {
    assertThat(eval("regexp_replace('100-200', '(\\\\d+)', 'num')")).isEqualTo("num-num");
    assertThat(eval("regexp_replace('100-200', '([0-9]+)-([0-9]+)', '$2-$1')")).isEqualTo("200-100");
    assertThat(eval("regexp_replace('abcabc', 'b', 'X', 3)")).isEqualTo("abcaXc");
    assertThat(eval("regexp_replace('abc', 'b', 'X', 10)")).isEqualTo("abc");
    assertThat(eval("regexp_replace('', '^$', 'empty')")).isEqualTo("empty");
    assertThat(eval("regexp_replace(NULL, 'a', 'b')")).isNull();
    assertThat(eval("regexp_replace('a', NULL, 'b')")).isNull();
    assertThat(column("SELECT regexp_replace(s, p, '#') FROM strs ORDER BY id")).containsExactly("Spark #", "#", null,
        null);
  }

  @Test
  void regexpExtractFamily() {
    assertThat(eval("regexp_extract('100-200', '(\\\\d+)-(\\\\d+)', 1)")).isEqualTo("100");
    assertThat(eval("regexp_extract('100-200', '(\\\\d+)-(\\\\d+)')")).isEqualTo("100");
    assertThat(eval("regexp_extract('100-200', '(\\\\d+)-(\\\\d+)', 0)")).isEqualTo("100-200");
    assertThat(eval("regexp_extract('foo', '(\\\\d+)', 1)")).isEqualTo("");
    assertThat(eval("regexp_extract('ab', '(a)(x)?', 2)")).isEqualTo("");
    assertThat(eval("regexp_extract_all('100-200, 300-400', '(\\\\d+)-(\\\\d+)', 1)")).isEqualTo(list("100", "300"));
    assertThat(eval("regexp_extract_all('none', '(\\\\d+)', 1)")).isEqualTo(list());
    assertThat(eval("regexp_count('Steven Jones and Stephen Smith are the best players', 'Ste(v|ph)en')"))
        .isEqualTo(2);
    assertThat(eval("regexp_substr('Steven Jones and Stephen Smith are the best players', 'Ste(v|ph)en')"))
        .isEqualTo("Steven");
    assertThat(eval("regexp_substr('Mary had a little lamb', 'Ste(v|ph)en')")).isNull();
    assertThat(eval("regexp_instr('user@spark.apache.org', '@[^.]*')")).isEqualTo(5);
    assertThat(eval("regexp_instr('abc', 'x')")).isEqualTo(0);
    failsWith("regexp_extract('1-2', '(\\\\d)-(\\\\d)', 3)", ExecutionException.class)
        .hasMessageContaining("between 0 and 2");
  }

  @Test
  void invalidRegexNamesThePattern() {
    failsWith("regexp_replace('a', '[a', 'b')", AnalysisException.class).hasMessageContaining("'[a'")
        .hasMessageContaining("regexp_replace");
    failsWith("regexp_extract('a', '(a', 1)", AnalysisException.class).hasMessageContaining("'(a'");
    failsWith("split('a', '*')", AnalysisException.class).hasMessageContaining("'*'");
    failsWith("'a' RLIKE '['", AnalysisException.class).hasMessageContaining("'['");
  }

  @Test
  void regexPatternsFromColumnsAreCompiledPerValue() {
    session.createDataFrame(List.of(Row.of(1, "a1b22", "[0-9]+"), Row.of(2, "a1b22", "[a-z]"), Row.of(3, "x", "[")),
        "id INT, s STRING, re STRING").createOrReplaceTempView("res");
    assertThat(column("SELECT regexp_replace(s, re, '_') FROM res WHERE id < 3 ORDER BY id"))
        .containsExactly("a_b_", "_1_22");
    assertThat(column("SELECT s RLIKE re FROM res WHERE id < 3 ORDER BY id")).containsExactly(true, true);
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> session.sql("SELECT regexp_count(s, re) FROM res").collectAsList())
        .isInstanceOf(ExecutionException.class).hasMessageContaining("'['");
  }

  @Test
  void smallStringFunctions() {
    assertThat(eval("ascii('222')")).isEqualTo(50);
    assertThat(eval("ascii('')")).isEqualTo(0);
    assertThat(eval("chr(65)")).isEqualTo("A");
    assertThat(eval("char(321)")).isEqualTo("A");
    assertThat(eval("chr(-1)")).isEqualTo("");
    assertThat(eval("space(2)")).isEqualTo("  ");
    assertThat(eval("space(-1)")).isEqualTo("");
    assertThat(eval("repeat('ab', 2)")).isEqualTo("abab");
    assertThat(eval("left('Spark', 3)")).isEqualTo("Spa");
    assertThat(eval("right('Spark', 3)")).isEqualTo("ark");
    assertThat(eval("right('Spark', -1)")).isEqualTo("");
    assertThat(eval("octet_length('Spark SQL')")).isEqualTo(9);
    assertThat(eval("octet_length('é€')")).isEqualTo(5);
    assertThat(eval("bit_length('Spark SQL')")).isEqualTo(72);
    assertThat(eval("char_length('é€')")).isEqualTo(2);
    assertThat(eval("len('abc')")).isEqualTo(3);
    assertThat(eval("find_in_set('ab', 'abc,b,ab,c,def')")).isEqualTo(3);
    assertThat(eval("find_in_set('a,b', 'a,b')")).isEqualTo(0);
    assertThat(eval("find_in_set('', 'a,,b')")).isEqualTo(2);
    assertThat(eval("soundex('Miller')")).isEqualTo("M460");
    assertThat(eval("soundex('Ashcraft')")).isEqualTo("A261");
    assertThat(eval("soundex('1abc')")).isEqualTo("1abc");
    assertThat(eval("soundex('')")).isEqualTo("");
    assertThat(eval("levenshtein('kitten', 'sitting')")).isEqualTo(3);
    assertThat(eval("levenshtein('kitten', 'sitting', 2)")).isEqualTo(-1);
    assertThat(eval("levenshtein('', 'abc')")).isEqualTo(3);
    assertThat(eval("btrim('    SparkSQL   ')")).isEqualTo("SparkSQL");
    assertThat(eval("btrim('SSparkSQLS', 'SL')")).isEqualTo("parkSQ");
  }

  @Test
  void overlayReplacesARange() {
    assertThat(eval("overlay('Spark SQL', '_', 6)")).isEqualTo("Spark_SQL");
    assertThat(eval("overlay('Spark SQL', 'CORE', 7)")).isEqualTo("Spark CORE");
    assertThat(eval("overlay('Spark SQL', 'ANSI ', 7, 0)")).isEqualTo("Spark ANSI SQL");
    assertThat(eval("overlay('Spark SQL', 'tructured', 2, 4)")).isEqualTo("Structured SQL");
    assertThat(eval("overlay('Spark', 'X', -1)")).isEqualTo("XSpark");
  }

  @Test
  void eltPicksTheNthArgument() {
    assertThat(eval("elt(1, 'scala', 'java')")).isEqualTo("scala");
    assertThat(eval("elt(2, 'a', 1)")).isEqualTo("1");
    assertThat(eval("elt(NULL, 'a', 'b')")).isNull();
    failsWith("elt(3, 'a', 'b')", ExecutionException.class).hasMessageContaining("index 3 is out of bounds");
  }

  @Test
  void formatting() {
    assertThat(eval("format_string('Hello World %d %s', 100, 'days')")).isEqualTo("Hello World 100 days");
    assertThat(eval("printf('%.2f|%5s|%-3d|', 3.14159, 'ab', 7)")).isEqualTo("3.14|   ab|7  |");
    assertThat(eval("format_string('%s and %s', 'a', NULL)")).isEqualTo("a and null");
    assertThat(eval("format_string(NULL, 1)")).isNull();
    failsWith("format_string('%d', 'x')", ExecutionException.class).hasMessageContaining("'%d'");
    assertThat(eval("format_number(12332.123456, 4)")).isEqualTo("12,332.1235");
    assertThat(eval("format_number(12332.123456, '##################.###')")).isEqualTo("12332.123");
    assertThat(eval("format_number(1234567, 0)")).isEqualTo("1,234,567");
    assertThat(eval("format_number(1.5, -1)")).isNull();
  }

  @Test
  void arraysInConcatAndReverse() {
    assertThat(eval("concat(array(1, 2), array(3))")).isEqualTo(list(1, 2, 3));
    assertThat(eval("concat(array(1), array(CAST(2 AS BIGINT)))")).isEqualTo(list(1L, 2L));
    assertThat(eval("concat(array(1), NULL)")).isNull();
    assertThat(eval("reverse(array(1, NULL, 3))")).isEqualTo(list(3, null, 1));
    assertThat(eval("reverse('Spark')")).isEqualTo("krapS");
    assertThat(eval("concat('a', NULL)")).isNull();
    assertThat(eval("concat_ws(',', array('a', NULL, 'b'), 'c', NULL, array())")).isEqualTo("a,b,c");
    assertThat(eval("concat_ws('-', array(1, 2))")).isEqualTo("1-2");
  }

  @Test
  void encodingsAndDigests() {
    assertThat(eval("base64('Spark SQL')")).isEqualTo("U3BhcmsgU1FM");
    assertThat(eval("unbase64('U3BhcmsgU1FM')")).isEqualTo("Spark SQL".getBytes(StandardCharsets.UTF_8));
    assertThat(eval("hex(17)")).isEqualTo("11");
    assertThat(eval("hex(-1)")).isEqualTo("FFFFFFFFFFFFFFFF");
    assertThat(eval("hex('Spark SQL')")).isEqualTo("537061726B2053514C");
    assertThat(eval("unhex('537061726B2053514C')")).isEqualTo("Spark SQL".getBytes(StandardCharsets.UTF_8));
    assertThat(eval("unhex('A')")).isEqualTo(new byte[] {10});
    assertThat(eval("unhex('GG')")).isNull();
    assertThat(eval("hex(unhex('0aFF'))")).isEqualTo("0AFF");
    assertThat(eval("md5('Spark')")).isEqualTo("8cde774d6f7333752ed72cacddb05126");
    assertThat(eval("sha1('Spark')")).isEqualTo("85f5955f4b27a9a4c2aab6ffe5d7189fc298b92c");
    assertThat(eval("sha('Spark')")).isEqualTo("85f5955f4b27a9a4c2aab6ffe5d7189fc298b92c");
    assertThat(eval("sha2('Spark', 256)"))
        .isEqualTo("529bc3b07127ecb7e53a4dcf1991d9152c24537d919178022b2c42657f79a26b");
    assertThat(eval("sha2('Spark', 0)"))
        .isEqualTo("529bc3b07127ecb7e53a4dcf1991d9152c24537d919178022b2c42657f79a26b");
    assertThat(eval("sha2('Spark', 224)")).isEqualTo("dbeab94971678d36af2195851c0f7485775a2a7c60073d62fc04549c");
    assertThat(eval("sha2('Spark', 1)")).isNull();
    assertThat(eval("crc32('Spark')")).isEqualTo(1557323817L);
    assertThat(eval("md5(NULL)")).isNull();
    assertThat(eval("decode(encode('abc€', 'utf-8'), 'UTF-8')")).isEqualTo("abc€");
    assertThat(eval("encode('abc', 'US-ASCII')")).isEqualTo(new byte[] {97, 98, 99});
    failsWith("encode('abc', 'EBCDIC')", AnalysisException.class).hasMessageContaining("EBCDIC");
    failsWith("encode('é', 'US-ASCII')", ExecutionException.class).hasMessageContaining("US-ASCII");
    assertThat(eval("to_binary('537061726B', 'hex')")).isEqualTo("Spark".getBytes(StandardCharsets.UTF_8));
    assertThat(eval("to_binary('abc', 'utf-8')")).isEqualTo(new byte[] {97, 98, 99});
    assertThat(eval("to_binary('U3Bhcms=', 'base64')")).isEqualTo("Spark".getBytes(StandardCharsets.UTF_8));
    assertThat(eval("try_to_binary('GG', 'hex')")).isNull();
    failsWith("to_binary('GG', 'hex')", ExecutionException.class).hasMessageContaining("'GG'");
    assertThat(eval("length(unhex('0102'))")).isEqualTo(2);
  }

  @Test
  void decodeWithSearchPairsIsANullSafeCase() {
    assertThat(eval("decode(2, 1, 'Southlake', 2, 'San Francisco', 'Non domestic')")).isEqualTo("San Francisco");
    assertThat(eval("decode(6, 1, 'Southlake', 2, 'San Francisco', 'Non domestic')")).isEqualTo("Non domestic");
    assertThat(eval("decode(6, 1, 'Southlake', 2, 'San Francisco')")).isNull();
    assertThat(eval("decode(NULL, 6, 'Spark', NULL, 'SQL', 4, 'rocks')")).isEqualTo("SQL");
  }

  @Test
  void autoNamesFollowSpark() {
    assertThat(session.sql("SELECT startswith(s, 'S'), split_part(s, ' ', 1) FROM strs").columns())
        .containsExactly("startswith(s, S)", "split_part(s,  , 1)");
  }
}
