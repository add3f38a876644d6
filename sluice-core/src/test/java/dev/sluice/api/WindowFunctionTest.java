package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.types.Row;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Window functions (OVER) in batch queries, and their refusal on streams. */
class WindowFunctionTest {
  static Session session;

  @BeforeAll
  static void setUp() {
    session = Session.builder().config("sluice.sql.shuffle.partitions", "2").getOrCreate();
    session.createDataFrame(List.of(Row.of("a", 1), Row.of("a", 3), Row.of("a", 3), Row.of("a", 7), Row.of("b", 5),
        Row.of("b", null)), "k STRING, v INT").createOrReplaceTempView("t");
  }

  @AfterAll
  static void tearDown() {
    session.close();
  }

  @Test
  void rankingFunctions() {
    List<Row> rows = session.sql("SELECT k, v, row_number() OVER (PARTITION BY k ORDER BY v) AS rn, "
        + "rank() OVER (PARTITION BY k ORDER BY v) AS r, dense_rank() OVER (PARTITION BY k ORDER BY v) AS dr "
        + "FROM t ORDER BY k, rn").collectAsList();
    assertThat(rows).containsExactly(
        Row.of("a", 1, 1, 1, 1), Row.of("a", 3, 2, 2, 2), Row.of("a", 3, 3, 2, 2), Row.of("a", 7, 4, 4, 3),
        Row.of("b", null, 1, 1, 1), Row.of("b", 5, 2, 2, 2));
  }

  @Test
  void lagLeadAndRunningAggregates() {
    List<Row> rows = session.sql("SELECT k, v, lag(v) OVER (PARTITION BY k ORDER BY v) AS prev, "
        + "lead(v, 1, -1) OVER (PARTITION BY k ORDER BY v) AS nxt, "
        + "sum(v) OVER (PARTITION BY k ORDER BY v) AS running, sum(v) OVER (PARTITION BY k) AS total "
        + "FROM t WHERE k = 'a' ORDER BY v, nxt").collectAsList();
    assertThat(rows).containsExactly(
        Row.of("a", 1, null, 3, 1L, 14L),
        Row.of("a", 3, 1, 3, 7L, 14L),
        Row.of("a", 3, 3, 7, 7L, 14L),
        Row.of("a", 7, 3, -1, 14L, 14L));
  }

  @Test
  void streamsRefuseNonTimeWindows() {
    MemoryStream s = MemoryStream.create(session, "k STRING, v INT");
    s.toDF().createOrReplaceTempView("events");
    DataFrame df = session.sql("SELECT k, row_number() OVER (PARTITION BY k ORDER BY v) AS rn FROM events");
    assertThatThrownBy(() -> df.writeStream().format("memory").queryName("rn").start())
        .isInstanceOf(AnalysisException.class)
        .hasMessageContaining("(as column `rn`)")
        .satisfies(e -> assertThat(((AnalysisException) e).errorClass())
            .isEqualTo(ErrorClass.NON_TIME_WINDOW_NOT_SUPPORTED_IN_STREAMING));
  }
}
