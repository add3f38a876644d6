package dev.sluice.plan.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ExecutionException;
import dev.sluice.types.Row;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Date and time functions with Spark's field names, month arithmetic and truncation rules (UTC session). */
class DateTimeFunctionsTest extends FunctionTestSupport {

  @BeforeAll
  static void table() {
    session.createDataFrame(List.of(Row.of(1, LocalDate.of(2024, 1, 31), "TU"), Row.of(2, null, "mon"),
        Row.of(3, LocalDate.of(2024, 2, 29), "nope")), "id INT, d DATE, dow STRING").createOrReplaceTempView("days");
  }

  @Test
  void datePartKnowsSparksFieldNames() {
    assertThat(eval("date_part('YEAR', TIMESTAMP '2019-08-12 01:00:00.123456')")).isEqualTo(2019);
    assertThat(eval("date_part('week', TIMESTAMP '2019-08-12 01:00:00.123456')")).isEqualTo(33);
    assertThat(eval("date_part('doy', DATE '2019-08-12')")).isEqualTo(224);
    assertThat(eval("date_part('qtr', DATE '2019-08-12')")).isEqualTo(3);
    assertThat(eval("date_part('dow', DATE '2024-01-07')")).isEqualTo(1);
    assertThat(eval("date_part('dow_iso', DATE '2024-01-07')")).isEqualTo(7);
    assertThat(eval("date_part('yearofweek', DATE '2024-12-30')")).isEqualTo(2025);
    assertThat(eval("date_part('h', TIMESTAMP '2019-08-12 01:02:03')")).isEqualTo(1);
    assertThat(eval("datepart('MINUTES', TIMESTAMP '2019-08-12 01:02:03')")).isEqualTo(2);
    assertThat(eval("date_part('SECONDS', TIMESTAMP '2019-10-01 00:00:01.000001')"))
        .isEqualTo(new BigDecimal("1.000001"));
    assertThat(eval("date_part('year', CAST(NULL AS DATE))")).isNull();
    failsWith("date_part('fortnight', DATE '2019-08-12')", AnalysisException.class)
        .hasMessageContaining("'fortnight'");
    assertThat(eval("extract(DOY FROM DATE '2019-08-12')")).isEqualTo(224);
  }

  @Test
  void aTwelveHourClockWithoutAmPmReadsAsMorning() {
    assertThat(eval("cast(to_timestamp('2019 10:10:10', 'yyyy hh:mm:ss') AS STRING)")).isEqualTo("2019-01-01 10:10:10");
    assertThat(eval("cast(to_timestamp('2019 10:10:10 PM', 'yyyy hh:mm:ss a') AS STRING)"))
        .isEqualTo("2019-01-01 22:10:10");
    assertThat(eval("cast(to_timestamp('12:05', 'hh:mm') AS STRING)")).isEqualTo("1970-01-01 00:05:00");
  }

  @Test
  void monthArithmetic() {
    assertThat(eval("months_between('1997-02-28 10:30:00', '1996-10-30')")).isEqualTo(3.94959677);
    assertThat(eval("months_between('1997-02-28 10:30:00', '1996-10-30', false)")).isEqualTo(3.9495967741935485);
    assertThat(eval("months_between(DATE '2024-03-31', DATE '2024-02-29')")).isEqualTo(1.0);
    assertThat(eval("months_between(DATE '2024-03-15', DATE '2024-01-15')")).isEqualTo(2.0);
    assertThat(eval("add_months('2016-08-31', 1)")).isEqualTo(LocalDate.of(2016, 9, 30));
    assertThat(eval("add_months(DATE '2016-08-31', -6)")).isEqualTo(LocalDate.of(2016, 2, 29));
    assertThat(column("SELECT add_months(d, 1) FROM days ORDER BY id"))
        .containsExactly(LocalDate.of(2024, 2, 29), null, LocalDate.of(2024, 3, 29));
  }

  @Test
  void nextDay() {
    assertThat(eval("next_day('2015-01-14', 'TU')")).isEqualTo(LocalDate.of(2015, 1, 20));
    assertThat(eval("next_day('2015-01-13', 'tuesday')")).isEqualTo(LocalDate.of(2015, 1, 20));
    failsWith("next_day('2015-01-14', 'xx')", AnalysisException.class).hasMessageContaining("'xx'");
    assertThat(column("SELECT next_day(d, dow) FROM days WHERE id < 3 ORDER BY id"))
        .containsExactly(LocalDate.of(2024, 2, 6), null);
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> session.sql("SELECT next_day(d, dow) FROM days").collectAsList())
        .isInstanceOf(ExecutionException.class).hasMessageContaining("'nope'");
  }

  @Test
  void truncToDateUnits() {
    assertThat(eval("trunc('2019-08-04', 'week')")).isEqualTo(LocalDate.of(2019, 7, 29));
    assertThat(eval("trunc('2019-08-04', 'quarter')")).isEqualTo(LocalDate.of(2019, 7, 1));
    assertThat(eval("trunc('2009-02-12', 'MM')")).isEqualTo(LocalDate.of(2009, 2, 1));
    assertThat(eval("trunc('2015-10-27', 'YEAR')")).isEqualTo(LocalDate.of(2015, 1, 1));
    assertThat(eval("trunc('2015-10-27', 'DAY')")).isNull();
  }

  @Test
  void makeTimestamp() {
    assertThat(eval("make_timestamp(2014, 12, 28, 6, 30, 45.887)"))
        .isEqualTo(Instant.parse("2014-12-28T06:30:45.887Z"));
    assertThat(eval("make_timestamp(2014, 12, 28, 6, 30, 45.887, 'CET')"))
        .isEqualTo(Instant.parse("2014-12-28T05:30:45.887Z"));
    assertThat(eval("make_timestamp(2019, 6, 30, 23, 59, 60)")).isEqualTo(Instant.parse("2019-07-01T00:00:00Z"));
    assertThat(eval("make_timestamp(NULL, 7, 22, 15, 30, 0)")).isNull();
    failsWith("make_timestamp(2019, 13, 1, 10, 11, 12)", ExecutionException.class)
        .hasMessageContaining("make_timestamp");
  }

  @Test
  void conversions() {
    assertThat(eval("to_unix_timestamp('2016-04-08', 'yyyy-MM-dd')")).isEqualTo(1460073600L);
    assertThat(eval("dayname(DATE '2008-02-20')")).isEqualTo("Wed");
    assertThat(eval("monthname(DATE '2008-02-20')")).isEqualTo("Feb");
    assertThat(eval("unix_date(DATE '1970-01-02')")).isEqualTo(1);
    assertThat(eval("date_from_unix_date(1)")).isEqualTo(LocalDate.of(1970, 1, 2));
    assertThat(eval("date_diff('2009-07-31', '2009-07-30')")).isEqualTo(1);
    assertThat(eval("current_timezone()")).isEqualTo("UTC");
    assertThat(eval("from_utc_timestamp('2016-08-31', 'Asia/Seoul')")).isEqualTo(Instant.parse("2016-08-31T09:00:00Z"));
    assertThat(eval("to_utc_timestamp('2016-08-31', 'Asia/Seoul')")).isEqualTo(Instant.parse("2016-08-30T15:00:00Z"));
    failsWith("to_utc_timestamp('2016-08-31', 'Mars/Base')", AnalysisException.class)
        .hasMessageContaining("'Mars/Base'");
  }
}
