package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.streaming.StreamingQuery;
import dev.sluice.errors.ParseException;
import dev.sluice.types.Row;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One test per SQL construct, run as a batch query (and as a stream where it applies). */
class SqlQueryTest {
  static Session s;

  @BeforeAll
  static void setUp() {
    s = Session.builder().config("sluice.sql.shuffle.partitions", "2").getOrCreate();
    s.sql("CREATE TEMP VIEW emp AS SELECT * FROM VALUES (1, 'ann', 10, 100.0), (2, 'bob', 10, 80.0), "
        + "(3, 'cid', 20, 90.0), (4, 'dee', NULL, 70.0) AS t(id, name, dept, salary)");
    s.sql("CREATE TEMP VIEW dept AS SELECT * FROM VALUES (10, 'eng'), (20, 'ops'), (30, 'hr') AS t(dept, dname)");
  }

  @AfterAll
  static void tearDown() {
    s.close();
  }

  static List<Row> q(String sql) {
    return s.sql(sql).collectAsList();
  }

  @Test
  void selectWithAliasesStarsAndQualifiedNames() {
    assertThat(q("SELECT e.id, e.name AS who FROM emp e WHERE e.id = 1")).containsExactly(Row.of(1, "ann"));
    assertThat(s.sql("SELECT e.* FROM emp e").columns()).containsExactly("id", "name", "dept", "salary");
    assertThat(q("SELECT `name` FROM emp WHERE id = 2")).containsExactly(Row.of("bob"));
  }

  @Test
  void groupByAliasesOrdinalsAndHaving() {
    assertThat(q("SELECT dept AS d, count(*) AS n FROM emp GROUP BY d HAVING count(*) > 1"))
        .containsExactly(Row.of(10, 2L));
    assertThat(q("SELECT dept, sum(salary) FROM emp GROUP BY 1 ORDER BY 1 NULLS LAST"))
        .containsExactly(Row.of(10, new BigDecimal("180.0")), Row.of(20, new BigDecimal("90.0")),
            Row.of(null, new BigDecimal("70.0")));
  }

  @Test
  void columnAliasesAfterASubqueryAlias() {
    assertThat(q("SELECT a + b FROM (SELECT id, id * 10 FROM emp WHERE id < 3) AS s(a, b) ORDER BY 1"))
        .containsExactly(Row.of(11), Row.of(22));
    assertThat(q("SELECT s.c1 FROM (VALUES (1, 2)) AS s(c1, c2)")).containsExactly(Row.of(1));
    assertThat(q("SELECT x.n FROM emp AS x(i, n, d, sal) WHERE x.i = 3")).containsExactly(Row.of("cid"));
    assertThatThrownBy(() -> q("SELECT * FROM (SELECT id, name FROM emp) AS s(a)"))
        .isInstanceOf(dev.sluice.errors.AnalysisException.class)
        .hasMessageContaining("Number of column aliases: 1; number of columns: 2");
  }

  @Test
  void aViewCrossJoinedWithItselfHasTwoSides() {
    s.sql("CREATE OR REPLACE TEMP VIEW ids AS SELECT id AS f1 FROM emp WHERE id < 3");
    assertThat(q("SELECT x.f1, y.f1 FROM ids x CROSS JOIN ids y ORDER BY 1, 2"))
        .containsExactly(Row.of(1, 1), Row.of(1, 2), Row.of(2, 1), Row.of(2, 2));
    assertThatThrownBy(() -> q("SELECT f1 FROM (ids x CROSS JOIN ids y) j"))
        .isInstanceOf(dev.sluice.errors.AnalysisException.class).hasMessageContaining("AMBIGUOUS_REFERENCE");
  }

  @Test
  void orderByDirectionsNullsAndLimit() {
    assertThat(q("SELECT id FROM emp ORDER BY dept DESC NULLS FIRST, id LIMIT 3"))
        .containsExactly(Row.of(4), Row.of(3), Row.of(1));
    assertThat(q("SELECT name FROM emp ORDER BY salary DESC LIMIT 1")).containsExactly(Row.of("ann"));
  }

  @Test
  void joinsOfEveryKind() {
    assertThat(q("SELECT name, dname FROM emp JOIN dept USING (dept) ORDER BY name"))
        .containsExactly(Row.of("ann", "eng"), Row.of("bob", "eng"), Row.of("cid", "ops"));
    assertThat(q("SELECT name, dname FROM emp LEFT JOIN dept ON emp.dept = dept.dept WHERE dname IS NULL"))
        .containsExactly(Row.of("dee", null));
    assertThat(q("SELECT dname FROM emp RIGHT OUTER JOIN dept ON emp.dept = dept.dept WHERE name IS NULL"))
        .containsExactly(Row.of("hr"));
    assertThat(q("SELECT count(*) FROM emp FULL OUTER JOIN dept ON emp.dept = dept.dept")).containsExactly(Row.of(5L));
    assertThat(q("SELECT dname FROM dept LEFT SEMI JOIN emp ON emp.dept = dept.dept ORDER BY dname"))
        .containsExactly(Row.of("eng"), Row.of("ops"));
    assertThat(q("SELECT dname FROM dept LEFT ANTI JOIN emp ON emp.dept = dept.dept")).containsExactly(Row.of("hr"));
    assertThat(q("SELECT count(*) FROM emp CROSS JOIN dept")).containsExactly(Row.of(12L));
    assertThat(q("SELECT count(*) FROM emp, dept WHERE emp.dept = dept.dept")).containsExactly(Row.of(3L));
  }

  @Test
  void setOperationsAndDistinct() {
    assertThat(q("SELECT dept FROM emp UNION SELECT dept FROM dept ORDER BY dept NULLS FIRST"))
        .containsExactly(Row.of((Object) null), Row.of(10), Row.of(20), Row.of(30));
    assertThat(q("SELECT dept FROM emp UNION ALL SELECT dept FROM dept")).hasSize(7);
    assertThat(q("SELECT dept FROM dept EXCEPT SELECT dept FROM emp")).containsExactly(Row.of(30));
    assertThat(q("SELECT dept FROM dept INTERSECT SELECT dept FROM emp ORDER BY dept"))
        .containsExactly(Row.of(10), Row.of(20));
    assertThat(q("SELECT DISTINCT dept FROM emp WHERE dept IS NOT NULL ORDER BY dept"))
        .containsExactly(Row.of(10), Row.of(20));
  }

  /** The ALL forms keep duplicates: EXCEPT ALL subtracts occurrences, INTERSECT ALL keeps the fewer; NULLs are equal. */
  @Test
  void exceptAllAndIntersectAllCountOccurrences() {
    String l = "VALUES (1, 'a'), (1, 'a'), (1, 'a'), (2, 'b'), (NULL, 'n'), (NULL, 'n'), (3, NULL) AS l(x, y)";
    String r = "VALUES (1, 'a'), (NULL, 'n'), (3, NULL), (3, NULL), (4, 'd') AS r(x, y)";
    assertThat(q("SELECT * FROM " + l + " EXCEPT ALL SELECT * FROM " + r + " ORDER BY x NULLS FIRST, y"))
        .containsExactly(Row.of(null, "n"), Row.of(1, "a"), Row.of(1, "a"), Row.of(2, "b"));
    assertThat(q("SELECT * FROM " + l + " INTERSECT ALL SELECT * FROM " + r + " ORDER BY x NULLS FIRST, y"))
        .containsExactly(Row.of(null, "n"), Row.of(1, "a"), Row.of(3, null));
    assertThat(q("SELECT * FROM " + r + " EXCEPT ALL SELECT * FROM " + l + " ORDER BY x"))
        .containsExactly(Row.of(3, null), Row.of(4, "d"));
    assertThat(q("SELECT x FROM " + l + " EXCEPT ALL SELECT x FROM " + l)).isEmpty();
    DataFrame df = s.sql("SELECT x, y FROM " + l + " INTERSECT ALL SELECT x, y FROM " + r);
    assertThat(df.columns()).containsExactly("x", "y");
    assertThat(df.schema().toString()).isEqualTo(s.sql("SELECT * FROM " + l).schema().toString());
    // The same relation on both sides of a set operation over an ALL form (new ids for the right side).
    assertThat(q("SELECT * FROM " + l + " EXCEPT (SELECT * FROM " + l + " INTERSECT ALL SELECT * FROM " + r
        + ") ORDER BY x")).containsExactly(Row.of(2, "b"));
    assertThat(q("SELECT * FROM " + l + " EXCEPT ALL (SELECT * FROM " + l + " EXCEPT ALL SELECT * FROM " + r
        + ") ORDER BY x NULLS FIRST")).containsExactly(Row.of(null, "n"), Row.of(1, "a"), Row.of(3, null));
    assertThat(q("SELECT * FROM (SELECT explode(array(1, 1, 2)) AS e) a JOIN (SELECT explode(array(1, 1, 2)) AS e) b "
        + "USING (e)")).hasSize(5);
    // Types are aligned as for UNION: an INT side and a BIGINT side give BIGINT.
    assertThat(q("SELECT 1 AS v EXCEPT ALL SELECT 2L")).containsExactly(Row.of(1L));
  }

  @Test
  void ctesAndSubqueries() {
    assertThat(q("WITH rich AS (SELECT * FROM emp WHERE salary >= 90), names AS (SELECT name FROM rich) "
        + "SELECT count(*) FROM names")).containsExactly(Row.of(2L));
    assertThat(q("SELECT max(n) FROM (SELECT dept, count(*) AS n FROM emp GROUP BY dept)"))
        .containsExactly(Row.of(2L));
  }

  @Test
  void expressions() {
    Row r = q("SELECT CASE WHEN 1 > 2 THEN 'a' WHEN 2 > 1 THEN 'b' ELSE 'c' END, "
        + "CASE 3 WHEN 1 THEN 'one' WHEN 3 THEN 'three' END, CAST('42' AS INT), try_cast('x' AS INT), "
        + "2 IN (1, 2), 5 BETWEEN 1 AND 4, 'abc' LIKE 'a%', NULL IS NULL, 7 DIV 2, 7 % 3, -(3), "
        + "DATE '2026-02-03', TIMESTAMP '2026-02-03 04:05:06', 1.25, 3L, "
        + "TIMESTAMP '2026-01-01 00:00:00' + INTERVAL 90 SECONDS").get(0);
    assertThat(r).isEqualTo(Row.of("b", "three", 42, null, true, false, true, true, 3L, 1, -3,
        LocalDate.of(2026, 2, 3), Instant.parse("2026-02-03T04:05:06Z"), new BigDecimal("1.25"), 3L,
        Instant.parse("2026-01-01T00:01:30Z")));
  }

  @Test
  void aggregatesWithDistinctAndFilter() {
    assertThat(q("SELECT count(DISTINCT dept), count(*) FILTER (WHERE salary > 85), sum(salary) FILTER (WHERE dept = 10) "
        + "FROM emp")).containsExactly(Row.of(2L, 2L, new BigDecimal("180.0")));
  }

  @Test
  void structFieldAccess() {
    assertThat(q("SELECT s.a, s.b FROM (SELECT named_struct('a', 1, 'b', 'x') AS s)")).containsExactly(Row.of(1, "x"));
  }

  @Test
  void streamingSqlWithWatermarkClauseAndInsertInto() {
    s.sql("CREATE TABLE clicks (user STRING, ts TIMESTAMP) USING memory");
    s.sql("CREATE TABLE counts USING memory OPTIONS (outputMode 'append')");
    s.sql("INSERT INTO counts SELECT window.start AS w, count(*) AS n FROM STREAM(clicks) "
        + "WATERMARK ts DELAY OF INTERVAL 5 SECONDS GROUP BY window(ts, '10 seconds')");
    StreamingQuery q = s.lastStartedQuery();
    MemoryStream clicks = s.memoryTable("clicks");
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    clicks.addData(Row.of("a", t0.plusSeconds(1)), Row.of("b", t0.plusSeconds(2)));
    q.processAllAvailable();
    clicks.addData(Row.of("c", t0.plusSeconds(30)));
    q.processAllAvailable();
    q.stop();
    assertThat(q("SELECT * FROM counts")).containsExactly(Row.of(t0, 2L));
    // The same table read without STREAM is a batch of everything added so far.
    assertThat(q("SELECT count(*) FROM clicks")).containsExactly(Row.of(3L));
  }

  @Test
  void parseErrorsCarryLineAndColumn() {
    assertThatThrownBy(() -> s.sql("SELECT id,\nFROM emp")).isInstanceOf(ParseException.class)
        .satisfies(e -> assertThat(((ParseException) e).line()).isEqualTo(2));
  }

  @Test
  void watermarkClauseAfterATableOrASubqueryAcrossARestart(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    s.sql("CREATE TABLE taps (user STRING, ts TIMESTAMP) USING memory");
    MemoryStream taps = s.memoryTable("taps");
    s.readStream().table("taps").createOrReplaceTempView("taps_stream");
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    for (String from : List.of("taps_stream WATERMARK ts DELAY OF INTERVAL 5 SECONDS",
        "(SELECT user, ts FROM STREAM taps WHERE user <> 'x') WATERMARK ts DELAY OF INTERVAL '5' SECOND AS sub")) {
      java.nio.file.Path ckpt = dir.resolve(Integer.toString(from.length()));
      String name = "w" + from.length();
      s.sql("CREATE TABLE " + name + " USING memory OPTIONS (outputMode 'append', checkpointLocation '" + ckpt + "')");
      String insert = "INSERT INTO " + name + " SELECT window.start AS w, count(*) AS n FROM " + from
          + " GROUP BY window(ts, '10 seconds')";
      s.sql(insert);
      StreamingQuery q = s.lastStartedQuery();
      boolean first = from.startsWith("taps_stream");
      if (first) {
        taps.addData(Row.of("a", t0.plusSeconds(1)), Row.of("x", t0.plusSeconds(2)));
      }
      q.processAllAvailable();
      q.stop();
      if (!first) {
        // A fresh checkpoint: all four rows in one batch; the filter in the subquery keeps three.
        assertThat(q("SELECT * FROM " + name)).containsExactly(Row.of(t0, 2L));
        continue;
      }
      taps.addData(Row.of("b", t0.plusSeconds(30)), Row.of("late", t0.plusSeconds(3)));
      s.sql(insert);
      q = s.lastStartedQuery();
      q.processAllAvailable();
      q.stop();
      // [0, 10) closes once 30s moves the watermark to 25s; the late row at 3s comes in the same batch, so it counts.
      assertThat(q("SELECT * FROM " + name)).containsExactly(Row.of(t0, 3L));
    }
  }

  @Test
  void setChangesTheSessionConfiguration() {
    s.sql("SET sluice.sql.shuffle.partitions = 3");
    try {
      assertThat(s.conf().get("sluice.sql.shuffle.partitions")).isEqualTo("3");
      assertThat(q("SET sluice.sql.shuffle.partitions")).containsExactly(Row.of("sluice.sql.shuffle.partitions", "3"));
    } finally {
      s.sql("SET sluice.sql.shuffle.partitions = 2");
    }
  }

  @Test
  void insertIntoOverABatchSourceIsABatchWrite() {
    s.sql("CREATE TABLE names USING memory");
    s.sql("INSERT INTO names SELECT name FROM emp WHERE dept = 10");
    assertThat(s.streams().active()).isEmpty();
    assertThat(q("SELECT * FROM names ORDER BY name")).containsExactly(Row.of("ann"), Row.of("bob"));
    s.sql("INSERT INTO names SELECT name FROM emp WHERE dept = 20");
    assertThat(q("SELECT * FROM names ORDER BY name")).containsExactly(Row.of("ann"), Row.of("bob"), Row.of("cid"));
  }

  @Test
  void insertIntoAMemoryTableWithColumnsFeedsItsStream() {
    s.sql("CREATE TABLE feed (k STRING, n BIGINT) USING memory");
    s.sql("CREATE TABLE totals USING memory OPTIONS (outputMode 'complete')");
    s.sql("INSERT INTO totals SELECT k, sum(n) AS total FROM STREAM(feed) GROUP BY k");
    StreamingQuery q = s.lastStartedQuery();
    s.sql("INSERT INTO feed VALUES ('a', 1), ('b', 2)");
    q.processAllAvailable();
    s.sql("INSERT INTO feed SELECT 'a', 40 + 1");
    q.processAllAvailable();
    q.stop();
    assertThat(q("SELECT * FROM totals ORDER BY k")).containsExactly(Row.of("a", 42L), Row.of("b", 2L));
    assertThat(q.recentProgress()).hasSize(2);
    assertThatThrownBy(() -> s.sql("INSERT INTO feed VALUES ('a')")).hasMessageContaining("2 column(s)");
  }
}
