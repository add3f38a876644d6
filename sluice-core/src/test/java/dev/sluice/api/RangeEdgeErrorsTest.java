package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.ExecutionException;
import dev.sluice.errors.SluiceException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Values at the edge of their type's range, and queries that overflow it, as Spark's corpus exercises
 * them: every one gives Spark's answer or a user error naming the expression, never a raw
 * {@code ArithmeticException} or an internal error.
 */
class RangeEdgeErrorsTest {
  static Session session;

  @BeforeAll
  static void setUp() {
    session = Session.builder().getOrCreate();
  }

  @AfterAll
  static void tearDown() {
    session.close();
  }

  private static Object one(String sql) {
    return session.sql(sql).collectAsList().get(0).get(0);
  }

  @Test
  void dayTimeIntervalsUpToTheLongRangeOfMicroseconds() {
    // 106751991 days are 9.22e18 microseconds: inside a long, beyond Duration.toNanos.
    assertThat(one("SELECT INTERVAL '106751991' DAY")).isEqualTo(Duration.ofDays(106751991));
    assertThat(one("SELECT INTERVAL '-2562047788' HOUR")).isEqualTo(Duration.ofHours(-2562047788L));
  }

  @Test
  void intervalArithmeticOverflowIsNullUnderTryAndAnErrorOtherwise() {
    assertThat(one("SELECT try_add(INTERVAL 106751991 DAY, INTERVAL 3 DAY)")).isNull();
    assertThat(one("SELECT try_subtract(INTERVAL 106751991 DAY, INTERVAL -3 DAY)")).isNull();
    assertThatThrownBy(() -> one("SELECT INTERVAL 106751991 DAY + INTERVAL 3 DAY"))
        .isInstanceOf(ExecutionException.class)
        .satisfies(e -> assertThat(((SluiceException) e).errorClass()).isEqualTo(ErrorClass.ARITHMETIC_OVERFLOW));
    assertThatThrownBy(() -> one("SELECT TIMESTAMP '9999-12-31 00:00:00' + INTERVAL 106751991 DAY"))
        .isInstanceOf(ExecutionException.class).hasMessageContaining("overflow");
  }

  @Test
  void functionsWhoseResultLeavesTheRangeSaySo() {
    for (String q : List.of("SELECT timestamp_millis(92233720368547758)", "SELECT timestamp_seconds(1230219000123123)")) {
      assertThatThrownBy(() -> one(q)).as(q).isInstanceOf(ExecutionException.class)
          .satisfies(e -> assertThat(((SluiceException) e).errorClass()).isEqualTo(ErrorClass.RESULT_OUT_OF_RANGE))
          .hasMessageContaining("timestamp_");
    }
  }

  @Test
  void anAggregateFilterMayNotAggregate() {
    session.sql("SELECT * FROM VALUES (1, 2), (3, 4) AS v(a, b)").createOrReplaceTempView("v");
    assertThatThrownBy(() -> session.sql("SELECT sum(a) FILTER (WHERE max(b) > 1) FROM v"))
        .isInstanceOf(AnalysisException.class).hasMessageContaining("CONTAINS_AGGREGATE")
        .satisfies(e -> assertThat(((SluiceException) e).errorClass()).isEqualTo(ErrorClass.INVALID_AGGREGATE_FILTER));
  }
}
