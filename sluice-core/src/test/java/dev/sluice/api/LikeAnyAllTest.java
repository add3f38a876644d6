package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.errors.ParseException;
import dev.sluice.types.Row;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code [NOT] LIKE|ILIKE ANY|SOME|ALL (patterns)}: ANY matches when one pattern does, ALL when every one
 * does, NOT negates each LIKE, and NULL patterns give SQL's three-valued answers (a row whose condition
 * is NULL is filtered out). Patterns may be columns.
 */
class LikeAnyAllTest {
  static Session session;

  @BeforeAll
  static void setUp() {
    session = Session.builder().getOrCreate();
    session.createDataFrame(List.of(Row.of("sluice", "%ice"), Row.of("spark", "%oo%"), Row.of("flink", "%in%"),
        Row.of(null, "%")), "name STRING, pat STRING").createOrReplaceTempView("engines");
  }

  @AfterAll
  static void tearDown() {
    session.close();
  }

  private static List<Object> names(String condition) {
    return session.sql("SELECT name FROM engines WHERE " + condition + " ORDER BY name").collectAsList().stream()
        .map(r -> r.get(0)).toList();
  }

  @Test
  void anyMatchesWhenOnePatternDoes() {
    assertThat(names("name LIKE ANY ('s%', '%nk')")).containsExactly("flink", "sluice", "spark");
    assertThat(names("name LIKE SOME ('%ar%', 'x')")).containsExactly("spark");
    assertThat(names("name LIKE ANY ('zz', pat)")).containsExactly("flink", "sluice");
    assertThat(names("name ILIKE ANY ('SL%', 'FL%')")).containsExactly("flink", "sluice");
  }

  @Test
  void allMatchesWhenEveryPatternDoes() {
    assertThat(names("name LIKE ALL ('s%', '%e')")).containsExactly("sluice");
    assertThat(names("name LIKE ALL ('s%', pat)")).containsExactly("sluice");
  }

  @Test
  void notNegatesEachPattern() {
    // NOT LIKE ANY: some pattern does not match; NOT LIKE ALL: no pattern matches.
    assertThat(names("name NOT LIKE ANY ('s%', '%k')")).containsExactly("flink", "sluice");
    assertThat(names("name NOT LIKE ALL ('s%', '%k')")).isEmpty();
    assertThat(names("name NOT LIKE ALL ('sl%', '%x')")).containsExactly("flink", "spark");
    assertThat(names("NOT name LIKE ALL ('s%', '%e')")).containsExactly("flink", "spark");
  }

  @Test
  void nullPatternsFollowThreeValuedLogic() {
    // ANY with a NULL: TRUE if another pattern matches, else NULL (filtered out).
    assertThat(names("name LIKE ANY ('s%', NULL)")).containsExactly("sluice", "spark");
    // ALL with a NULL: never TRUE, so nothing.
    assertThat(names("name LIKE ALL ('%', NULL)")).isEmpty();
    // NOT LIKE ALL with a NULL: FALSE for a match, else NULL.
    assertThat(names("name NOT LIKE ALL ('s%', NULL)")).isEmpty();
    assertThat(names("name NOT LIKE ANY ('s%', NULL)")).containsExactly("flink");
  }

  @Test
  void anEmptyListIsAParseErrorAndAnyStaysAFunctionName() {
    assertThatThrownBy(() -> session.sql("SELECT name FROM engines WHERE name LIKE ANY ()"))
        .isInstanceOf(ParseException.class).hasMessageContaining("at least one pattern");
    assertThat(session.sql("SELECT any(name = 'spark'), some(name = 'x') FROM engines").collectAsList())
        .containsExactly(Row.of(true, false));
  }
}
