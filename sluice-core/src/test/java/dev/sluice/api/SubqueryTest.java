package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.streaming.StreamingQuery;
import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import dev.sluice.types.Row;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scalar, IN and EXISTS subqueries in SQL, correlated and not, with the answers Spark gives: SQL's
 * three-valued IN (NULL when nothing matches and a comparison was NULL), NOT IN dropping every row once
 * the subquery holds a NULL, EXISTS never NULL, a correlated count(*) over no rows 0 rather than NULL
 * (the count bug), and Spark's error classes for the shapes it refuses.
 */
class SubqueryTest {
  static Session session;

  @BeforeAll
  static void setUp() {
    session = Session.builder().config("sluice.sql.shuffle.partitions", "2").getOrCreate();
    session.createDataFrame(List.of(Row.of(1, "a"), Row.of(2, "b"), Row.of(3, "c"), Row.of(null, "n")),
        "k INT, s STRING").createOrReplaceTempView("l");
    session.createDataFrame(List.of(Row.of(1, 10), Row.of(1, 20), Row.of(2, 5), Row.of(4, 7)),
        "k INT, v INT").createOrReplaceTempView("r");
    // The same keys with a NULL key row.
    session.createDataFrame(List.of(Row.of(1, 10), Row.of(null, 3)), "k INT, v INT").createOrReplaceTempView("rn");
    session.createDataFrame(List.of(), "k INT, v INT").createOrReplaceTempView("empty");
  }

  @AfterAll
  static void tearDown() {
    session.close();
  }

  private static List<Row> rows(String sql) {
    return session.sql(sql).collectAsList();
  }

  private static SluiceException error(String sql) {
    Throwable[] thrown = {null};
    assertThatThrownBy(() -> session.sql(sql).collectAsList()).isInstanceOf(SluiceException.class)
        .satisfies(e -> thrown[0] = e);
    return (SluiceException) thrown[0];
  }

  // ------------------------------------------------------------------ IN

  @Test
  void inSubqueryKeepsMatchingRowsAndNeverANullKey() {
    assertThat(rows("SELECT s FROM l WHERE k IN (SELECT k FROM r) ORDER BY s"))
        .containsExactly(Row.of("a"), Row.of("b"));
    // A NULL in the subquery does not make an IN true.
    assertThat(rows("SELECT s FROM l WHERE k IN (SELECT k FROM rn) ORDER BY s")).containsExactly(Row.of("a"));
  }

  @Test
  void notInDropsEveryRowWhenTheSubqueryHasANullAndKeepsAllWhenItIsEmpty() {
    assertThat(rows("SELECT s FROM l WHERE k NOT IN (SELECT k FROM r) ORDER BY s")).containsExactly(Row.of("c"));
    // rn has a NULL key: k NOT IN (1, NULL) is never TRUE.
    assertThat(rows("SELECT s FROM l WHERE k NOT IN (SELECT k FROM rn)")).isEmpty();
    // An empty subquery keeps every row, the NULL key included.
    assertThat(rows("SELECT s FROM l WHERE k NOT IN (SELECT k FROM empty) ORDER BY s"))
        .containsExactly(Row.of("a"), Row.of("b"), Row.of("c"), Row.of("n"));
  }

  @Test
  void inAsAValueIsThreeValued() {
    assertThat(rows("SELECT s, k IN (SELECT k FROM rn), k NOT IN (SELECT k FROM r) FROM l ORDER BY s"))
        .containsExactly(Row.of("a", true, false), Row.of("b", null, false), Row.of("c", null, true),
            Row.of("n", null, null));
    assertThat(rows("SELECT s, k IN (SELECT k FROM empty) FROM l WHERE s IN ('a', 'n') ORDER BY s"))
        .containsExactly(Row.of("a", false), Row.of("n", false));
  }

  @Test
  void inUnderOrUsesAnExistenceJoin() {
    assertThat(rows("SELECT s FROM l WHERE s = 'c' OR k IN (SELECT k FROM r WHERE v > 6) ORDER BY s"))
        .containsExactly(Row.of("a"), Row.of("c"));
  }

  @Test
  void multiColumnInComparesColumnByColumn() {
    assertThat(rows("SELECT s FROM l WHERE (k, s) IN (SELECT k, 'a' FROM r) ORDER BY s")).containsExactly(Row.of("a"));
    // (NULL, 'n') = (1, 'a') is NULL AND FALSE, which is FALSE: no comparison is NULL, so the row stays.
    assertThat(rows("SELECT s FROM l WHERE (k, s) NOT IN (SELECT k, 'a' FROM r) ORDER BY s"))
        .containsExactly(Row.of("b"), Row.of("c"), Row.of("n"));
    // (NULL, 'a') = (1, 'a') is NULL: the row goes.
    assertThat(rows("SELECT s FROM l WHERE (k, 'a') NOT IN (SELECT k, 'a' FROM r) ORDER BY s"))
        .containsExactly(Row.of("c"));
  }

  @Test
  void correlatedInPullsEqualityAndNonEqualityPredicatesIntoTheJoin() {
    assertThat(rows("SELECT s FROM l WHERE 10 IN (SELECT v FROM r WHERE r.k = l.k) ORDER BY s"))
        .containsExactly(Row.of("a"));
    assertThat(rows("SELECT s FROM l WHERE 7 IN (SELECT v FROM r WHERE r.k > l.k) ORDER BY s"))
        .containsExactly(Row.of("a"), Row.of("b"), Row.of("c"));
    // Correlated NOT IN: only the rows of the same key count.
    assertThat(rows("SELECT s FROM l WHERE 5 NOT IN (SELECT v FROM r WHERE r.k = l.k) ORDER BY s"))
        .containsExactly(Row.of("a"), Row.of("c"), Row.of("n"));
  }

  @Test
  void inCoercesBothSides() {
    assertThat(rows("SELECT s FROM l WHERE k IN (SELECT CAST(k AS BIGINT) FROM r) ORDER BY s"))
        .containsExactly(Row.of("a"), Row.of("b"));
  }

  // ------------------------------------------------------------------ EXISTS

  @Test
  void existsAndNotExistsCorrelated() {
    assertThat(rows("SELECT s FROM l WHERE EXISTS (SELECT 1 FROM r WHERE r.k = l.k) ORDER BY s"))
        .containsExactly(Row.of("a"), Row.of("b"));
    assertThat(rows("SELECT s FROM l WHERE NOT EXISTS (SELECT 1 FROM r WHERE r.k = l.k) ORDER BY s"))
        .containsExactly(Row.of("c"), Row.of("n"));
    assertThat(rows("SELECT s FROM l WHERE EXISTS (SELECT 1 FROM r WHERE r.k = l.k AND r.v > 15) ORDER BY s"))
        .containsExactly(Row.of("a"));
    assertThat(rows("SELECT s FROM l WHERE EXISTS (SELECT 1 FROM r WHERE r.k < l.k) ORDER BY s"))
        .containsExactly(Row.of("b"), Row.of("c"));
  }

  @Test
  void existsIsNeverNullAndUncorrelatedExistsIsAllOrNothing() {
    assertThat(rows("SELECT s, EXISTS (SELECT 1 FROM r WHERE r.k = l.k) FROM l ORDER BY s")).containsExactly(
        Row.of("a", true), Row.of("b", true), Row.of("c", false), Row.of("n", false));
    assertThat(rows("SELECT count(*) FROM l WHERE EXISTS (SELECT 1 FROM r)")).containsExactly(Row.of(4L));
    assertThat(rows("SELECT count(*) FROM l WHERE EXISTS (SELECT 1 FROM empty)")).containsExactly(Row.of(0L));
    assertThat(rows("SELECT count(*) FROM l WHERE NOT EXISTS (SELECT 1 FROM empty)")).containsExactly(Row.of(4L));
  }

  @Test
  void existsOverAGlobalAggregateIsAlwaysTrue() {
    // An aggregation without GROUP BY has one row, even over no input (Spark 4's default answer).
    assertThat(rows("SELECT count(*) FROM l WHERE EXISTS (SELECT count(*) FROM r WHERE r.k = l.k)"))
        .containsExactly(Row.of(4L));
    assertThat(rows("SELECT count(*) FROM l WHERE NOT EXISTS (SELECT max(v) FROM r WHERE l.k = 100)"))
        .containsExactly(Row.of(0L));
  }

  @Test
  void inOverACorrelatedAggregateWithHavingCountsNoRowsAsZero() {
    // For k = 3 and NULL no r row matches: count(*) is 0, the HAVING passes, and 1 is selected.
    assertThat(rows("SELECT s FROM l WHERE 1 IN (SELECT 1 FROM r WHERE r.k = l.k HAVING count(*) = 0) ORDER BY s"))
        .containsExactly(Row.of("c"), Row.of("n"));
    // Where the HAVING drops the group the subquery is empty, and NOT IN of nothing is TRUE.
    assertThat(rows("SELECT s FROM l WHERE 1 NOT IN (SELECT 1 FROM r WHERE r.k = l.k HAVING count(*) = 0) ORDER BY s"))
        .containsExactly(Row.of("a"), Row.of("b"));
  }

  @Test
  void correlatedScalarWithHavingIsNullWhereHavingDropsTheGroup() {
    // count 2 for k = 1 fails the HAVING: NULL; no rows for k = 3: count 0 passes it.
    assertThat(rows("SELECT s, (SELECT count(*) FROM r WHERE r.k = l.k HAVING count(*) <= 1) FROM l ORDER BY s"))
        .containsExactly(Row.of("a", null), Row.of("b", 1L), Row.of("c", 0L), Row.of("n", 0L));
  }

  @Test
  void nonEqualityCorrelationBelowAnAggregateJoinsTheOuterValues() {
    assertThat(rows("SELECT s, (SELECT count(*) FROM r WHERE r.k < l.k) FROM l ORDER BY s")).containsExactly(
        Row.of("a", 0L), Row.of("b", 2L), Row.of("c", 3L), Row.of("n", 0L));
    assertThat(rows("SELECT s, (SELECT sum(v) FROM (SELECT v FROM r WHERE r.k = l.k UNION ALL SELECT v FROM rn "
        + "WHERE rn.k = l.k)) FROM l ORDER BY s")).containsExactly(
        Row.of("a", 40L), Row.of("b", 5L), Row.of("c", null), Row.of("n", null));
  }

  // ------------------------------------------------------------------ scalar

  @Test
  void uncorrelatedScalarSubqueryIsOneValueOrNull() {
    assertThat(rows("SELECT s, (SELECT max(v) FROM r) FROM l WHERE k = 1")).containsExactly(Row.of("a", 20));
    assertThat(rows("SELECT s FROM l WHERE k = (SELECT min(k) FROM r)")).containsExactly(Row.of("a"));
    assertThat(rows("SELECT (SELECT v FROM empty)")).containsExactly(Row.of((Object) null));
    assertThat(session.sql("SELECT (SELECT max(v) FROM r) FROM l").schema().fieldNames())
        .containsExactly("scalarsubquery()");
  }

  @Test
  void uncorrelatedScalarSubqueryWithManyRowsFailsAtRunTime() {
    SluiceException e = error("SELECT (SELECT v FROM r) FROM l");
    assertThat(e.errorClass()).isEqualTo(ErrorClass.SCALAR_SUBQUERY_TOO_MANY_ROWS);
  }

  @Test
  void correlatedScalarSubqueryWithTwoRowsForARowFailsAtRunTime() {
    // Grouped by v, the subquery has two rows where k = 1.
    SluiceException e = error("SELECT s, (SELECT count(*) FROM r WHERE r.k = l.k GROUP BY v) FROM l");
    assertThat(e.errorClass()).isEqualTo(ErrorClass.SCALAR_SUBQUERY_TOO_MANY_ROWS);
    assertThat(rows("SELECT s, (SELECT count(*) FROM r WHERE r.k = l.k AND r.k > 1 GROUP BY v) FROM l ORDER BY s"))
        .containsExactly(Row.of("a", null), Row.of("b", 1L), Row.of("c", null), Row.of("n", null));
  }

  @Test
  void correlatedScalarAggregateJoinsOnTheCorrelationKeys() {
    assertThat(rows("SELECT s, (SELECT sum(v) FROM r WHERE r.k = l.k) FROM l ORDER BY s")).containsExactly(
        Row.of("a", 30L), Row.of("b", 5L), Row.of("c", null), Row.of("n", null));
    assertThat(rows("SELECT s FROM l WHERE (SELECT max(v) FROM r WHERE r.k = l.k) > 6 ORDER BY s"))
        .containsExactly(Row.of("a"));
  }

  @Test
  void correlatedCountOverNoRowsIsZeroNotNull() {
    assertThat(rows("SELECT s, (SELECT count(*) FROM r WHERE r.k = l.k) FROM l ORDER BY s")).containsExactly(
        Row.of("a", 2L), Row.of("b", 1L), Row.of("c", 0L), Row.of("n", 0L));
    assertThat(rows("SELECT s, (SELECT count(v) + 1 FROM r WHERE r.k = l.k) FROM l ORDER BY s")).containsExactly(
        Row.of("a", 3L), Row.of("b", 2L), Row.of("c", 1L), Row.of("n", 1L));
    assertThat(rows("SELECT s FROM l WHERE (SELECT count(*) FROM r WHERE r.k = l.k) = 0 ORDER BY s"))
        .containsExactly(Row.of("c"), Row.of("n"));
  }

  @Test
  void countOverNoRowsIsZeroOneLevelDownToo() {
    // The inner count is 0 for c and n (no r rows), and its sum over that one row is 0, not NULL.
    assertThat(rows("SELECT s, (SELECT sum(n) FROM (SELECT count(*) n FROM r WHERE r.k = l.k)) FROM l ORDER BY s"))
        .containsExactly(Row.of("a", 2L), Row.of("b", 1L), Row.of("c", 0L), Row.of("n", 0L));
  }

  @Test
  void nestedSubqueries() {
    assertThat(rows("SELECT s FROM l WHERE k IN (SELECT k FROM r WHERE v = (SELECT max(v) FROM r)) ORDER BY s"))
        .containsExactly(Row.of("a"));
    assertThat(rows("SELECT s FROM l WHERE k IN (SELECT k FROM r WHERE EXISTS (SELECT 1 FROM rn WHERE rn.v = r.v))"))
        .containsExactly(Row.of("a"));
  }

  @Test
  void subqueriesInHavingCaseAndFunctionArguments() {
    assertThat(rows("SELECT k, sum(v) FROM r GROUP BY k HAVING sum(v) > (SELECT min(v) FROM r) ORDER BY k"))
        .containsExactly(Row.of(1, 30L), Row.of(4, 7L));
    assertThat(rows("SELECT s, CASE WHEN k IN (SELECT k FROM r) THEN 'yes' ELSE 'no' END FROM l ORDER BY s"))
        .containsExactly(Row.of("a", "yes"), Row.of("b", "yes"), Row.of("c", "no"), Row.of("n", "no"));
    assertThat(rows("SELECT coalesce((SELECT max(v) FROM r WHERE r.k = l.k), -1) FROM l ORDER BY 1"))
        .containsExactly(Row.of(-1), Row.of(-1), Row.of(5), Row.of(20));
  }

  @Test
  void subqueryReadingTheSameTableAsItsQuery() {
    assertThat(rows("SELECT k FROM r WHERE v = (SELECT max(v) FROM r r2 WHERE r2.k = r.k) ORDER BY k"))
        .containsExactly(Row.of(1), Row.of(2), Row.of(4));
    assertThat(rows("SELECT count(*) FROM r WHERE k IN (SELECT k FROM r)")).containsExactly(Row.of(4L));
  }

  @Test
  void correlatedIntersectAndSubqueryInAWindowPartition() {
    // Per outer k: the v of r that rn also has for that k.
    assertThat(rows("SELECT s FROM l WHERE EXISTS (SELECT v FROM r WHERE r.k = l.k INTERSECT SELECT v FROM rn "
        + "WHERE rn.k = l.k) ORDER BY s")).containsExactly(Row.of("a"));
    assertThat(rows("SELECT s, count(*) OVER (PARTITION BY EXISTS (SELECT 1 FROM r WHERE r.k = l.k)) FROM l ORDER BY s"))
        .containsExactly(Row.of("a", 2L), Row.of("b", 2L), Row.of("c", 2L), Row.of("n", 2L));
  }

  // ------------------------------------------------------------------ errors

  @Test
  void scalarSubqueryWithTwoColumnsIsRefused() {
    SluiceException e = error("SELECT (SELECT k, v FROM r) FROM l");
    assertThat(e.errorClass()).isEqualTo(ErrorClass.INVALID_SUBQUERY_EXPRESSION);
    assertThat(e.getMessage()).contains("SCALAR_SUBQUERY_RETURN_MORE_THAN_ONE_OUTPUT_COLUMN");
  }

  @Test
  void correlatedScalarSubqueryMustAggregate() {
    SluiceException e = error("SELECT (SELECT v FROM r WHERE r.k = l.k) FROM l");
    assertThat(e.errorClass()).isEqualTo(ErrorClass.UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY);
    assertThat(e.getMessage()).contains("MUST_AGGREGATE_CORRELATED_SCALAR_SUBQUERY");
  }

  @Test
  void groupingACorrelatedScalarSubqueryByAnOuterColumnIsRefused() {
    SluiceException e = error("SELECT (SELECT count(*) FROM r WHERE r.k = l.k GROUP BY l.k) FROM l");
    assertThat(e.errorClass()).isEqualTo(ErrorClass.UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY);
    assertThat(e.getMessage()).contains("CORRELATED_REFERENCE");
  }

  @Test
  void aggregatingOuterColumnsInASubqueryIsRefused() {
    SluiceException e = error("SELECT (SELECT sum(l.k) FROM r) FROM l");
    assertThat(e.errorClass()).isEqualTo(ErrorClass.UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY);
    assertThat(e.getMessage()).contains("CORRELATED_REFERENCE");
  }

  @Test
  void aCorrelatedScalarSubqueryAmongInValues() {
    assertThat(rows("SELECT s FROM l WHERE (SELECT count(*) FROM r WHERE r.k = l.k) IN (SELECT count(*) FROM r "
        + "GROUP BY k) ORDER BY s")).containsExactly(Row.of("a"), Row.of("b"));
  }

  @Test
  void aSubqueryReadingAQueryTwoLevelsUpIsRefused() {
    SluiceException e = error("SELECT * FROM l WHERE k IN (SELECT k FROM r WHERE r.v = "
        + "(SELECT max(v) FROM rn WHERE rn.k = l.k))");
    assertThat(e.errorClass()).isEqualTo(ErrorClass.UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY);
  }

  @Test
  void inWithAnotherNumberOfColumnsIsADataTypeMismatch() {
    SluiceException e = error("SELECT * FROM l WHERE (k, s) IN (SELECT k FROM r)");
    assertThat(e.errorClass()).isEqualTo(ErrorClass.DATATYPE_MISMATCH);
    assertThat(e.getMessage()).contains("IN_SUBQUERY_LENGTH_MISMATCH");
  }

  @Test
  void unknownColumnInASubqueryNamesIt() {
    SluiceException e = error("SELECT * FROM l WHERE k IN (SELECT nope FROM r)");
    assertThat(e.errorClass()).isEqualTo(ErrorClass.UNRESOLVED_COLUMN);
  }

  // ------------------------------------------------------------------ streams

  @Test
  void streamsRefuseScalarSubqueriesAndSubqueriesOverStreams() {
    MemoryStream in = MemoryStream.create(session, "k INT, s STRING");
    in.toDF().createOrReplaceTempView("ls");
    for (String sql : List.of("SELECT s, (SELECT max(v) FROM r) FROM ls",
        "SELECT * FROM ls WHERE k IN (SELECT k FROM ls)",
        "SELECT s, k IN (SELECT k FROM r) FROM ls")) {
      DataFrame df = session.sql(sql);
      assertThatThrownBy(() -> df.writeStream().format("memory").queryName("nope").start())
          .isInstanceOf(SluiceException.class)
          .satisfies(e -> assertThat(((SluiceException) e).errorClass())
              .isEqualTo(ErrorClass.UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY));
    }
    // A batch query whose subquery reads a stream is told to run as a stream.
    assertThatThrownBy(() -> rows("SELECT * FROM r WHERE k IN (SELECT k FROM ls)")).isInstanceOf(SluiceException.class);
  }

  @Test
  void aStreamFilteredByInAndNotExistsOverStaticData() {
    MemoryStream in = MemoryStream.create(session, "k INT, s STRING");
    in.toDF().createOrReplaceTempView("ls2");
    StreamingQuery q = session.sql("SELECT s FROM ls2 WHERE k IN (SELECT k FROM r) "
        + "AND NOT EXISTS (SELECT 1 FROM rn WHERE rn.k = ls2.k)").writeStream().format("memory").queryName("insub")
        .start();
    try {
      in.addData(Row.of(1, "a"), Row.of(2, "b"), Row.of(3, "c"));
      q.processAllAvailable();
      in.addData(Row.of(4, "d"), Row.of(null, "n"));
      q.processAllAvailable();
      assertThat(rows("SELECT * FROM insub ORDER BY s")).containsExactly(Row.of("b"), Row.of("d"));
    } finally {
      q.stop();
    }
  }
}
