package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.errors.AnalysisException;
import dev.sluice.types.Row;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Column names given with a relation's alias: {@code FROM (subquery) AS t(a, b)}, {@code FROM tbl AS t(a, b)}
 * and {@code WITH t(a, b) AS (...)} rename the columns in order; the new names are what the rest of the
 * query sees, qualified or not, and a count that does not match is an error with both counts.
 */
class ColumnAliasesTest {
  static Session session;

  @BeforeAll
  static void setUp() {
    session = Session.builder().getOrCreate();
    session.createDataFrame(List.of(Row.of(1, "x"), Row.of(2, null)), "id INT, s STRING")
        .createOrReplaceTempView("base");
  }

  @AfterAll
  static void tearDown() {
    session.close();
  }

  @Test
  void aSubqueryAliasRenamesItsColumns() {
    DataFrame df = session.sql("SELECT t.n, label FROM (SELECT id, s FROM base) AS t(n, label) WHERE n > 1");
    assertThat(df.schema().fieldNames()).containsExactly("n", "label");
    assertThat(df.collectAsList()).containsExactly(Row.of(2, null));
  }

  @Test
  void aTableAndAViewTheyCreateUseTheNewNames() {
    session.sql("CREATE OR REPLACE TEMPORARY VIEW renamed AS SELECT * FROM (VALUES ('a', 1), ('b', 2)) AS v(k, w)");
    assertThat(session.sql("SELECT k FROM renamed WHERE w = 2").collectAsList()).containsExactly(Row.of("b"));
    assertThat(session.sql("SELECT b.key FROM base AS b(key, value) ORDER BY key").collectAsList())
        .containsExactly(Row.of(1), Row.of(2));
  }

  @Test
  void aCteWithAColumnList() {
    assertThat(session.sql("WITH c(total) AS (SELECT sum(id) FROM base) SELECT total + 1 FROM c").collectAsList())
        .containsExactly(Row.of(4L));
  }

  @Test
  void aViewWithAColumnList() {
    session.sql("CREATE OR REPLACE TEMPORARY VIEW named(num, label COMMENT 'the text') AS SELECT id, s FROM base");
    assertThat(session.sql("SELECT label FROM named WHERE num = 1").collectAsList()).containsExactly(Row.of("x"));
    assertThatThrownBy(() -> session.sql("CREATE OR REPLACE TEMPORARY VIEW bad(a) AS SELECT 1, 2"))
        .isInstanceOf(AnalysisException.class).hasMessageContaining("number of columns: 2");
  }

  @Test
  void describeListsColumnsOfATableOrAQuery() {
    assertThat(session.sql("DESCRIBE base").collectAsList())
        .containsExactly(Row.of("id", "int", null), Row.of("s", "string", null));
    assertThat(session.sql("DESC TABLE base").collectAsList()).hasSize(2);
    DataFrame q = session.sql("DESCRIBE QUERY SELECT id + 1L AS n, array(s) AS xs FROM base");
    assertThat(q.schema().fieldNames()).containsExactly("col_name", "data_type", "comment");
    assertThat(q.collectAsList()).containsExactly(Row.of("n", "bigint", null), Row.of("xs", "array<string>", null));
    assertThat(session.sql("DESCRIBE SELECT 1 AS one").collectAsList()).containsExactly(Row.of("one", "int", null));
  }

  /** VALUES as a query of its own names its columns as in FROM: CREATE VIEW v AS VALUES (...) AS t(a, b). */
  @Test
  void aValuesQueryNamesItsColumns() {
    session.sql("CREATE OR REPLACE TEMPORARY VIEW pairs AS VALUES (1, 'a'), (2, NULL) AS t(n, s)");
    assertThat(session.table("pairs").schema().fieldNames()).containsExactly("n", "s");
    assertThat(session.sql("SELECT s, n FROM pairs ORDER BY n").collectAsList())
        .containsExactly(Row.of("a", 1), Row.of(null, 2));
    assertThat(session.sql("VALUES (1, 2) t(x, y)").schema().fieldNames()).containsExactly("x", "y");
    assertThat(session.sql("VALUES (1, 2)").schema().fieldNames()).containsExactly("col1", "col2");
    assertThat(session.sql("VALUES (3), (1) AS t(v) ORDER BY v").collectAsList()).containsExactly(Row.of(1), Row.of(3));
    assertThat(session.sql("VALUES (3), (1) LIMIT 1").collectAsList()).hasSize(1);
    assertThat(session.sql("VALUES (1) UNION ALL VALUES (2)").collectAsList()).hasSize(2);
  }

  @Test
  void naturalJoinsUseTheColumnsBothSidesHave() {
    session.sql("CREATE OR REPLACE TEMPORARY VIEW labels AS SELECT * FROM VALUES (1, 'one'), (3, 'three') AS l(id, label)");
    DataFrame inner = session.sql("SELECT * FROM base NATURAL JOIN labels");
    assertThat(inner.schema().fieldNames()).containsExactly("id", "s", "label");
    assertThat(inner.collectAsList()).containsExactly(Row.of(1, "x", "one"));
    assertThat(session.sql("SELECT id, label FROM base NATURAL LEFT JOIN labels ORDER BY id").collectAsList())
        .containsExactly(Row.of(1, "one"), Row.of(2, null));
    assertThat(session.sql("SELECT id FROM base NATURAL FULL OUTER JOIN labels ORDER BY id").collectAsList())
        .containsExactly(Row.of(1), Row.of(2), Row.of(3));
    // No column in common: every pair of rows.
    assertThat(session.sql("SELECT * FROM base NATURAL JOIN (SELECT 'z' AS other)").collectAsList()).hasSize(2);
    assertThatThrownBy(() -> session.sql("SELECT * FROM base NATURAL JOIN labels USING (id)"))
        .hasMessageContaining("NATURAL JOIN takes no ON or USING");
  }

  @Test
  void theNumberOfNamesMustMatch() {
    assertThatThrownBy(() -> session.sql("SELECT * FROM base AS b(only_one)"))
        .isInstanceOf(AnalysisException.class)
        .hasMessageContaining("Number of column aliases: 1; number of columns: 2");
  }
}
