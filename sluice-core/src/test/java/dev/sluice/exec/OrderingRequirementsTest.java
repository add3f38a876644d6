package dev.sluice.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.DataFrame;
import dev.sluice.api.Session;
import dev.sluice.types.Row;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Operators that need sorted input (windows, session merging) state the ordering and EnsureRequirements
 * sorts within partitions only where the input is not already sorted that way: one sort serves two
 * windows of one specification, and a sort below is reused when its keys are a prefix-compatible match.
 */
class OrderingRequirementsTest {
  private static Session session;

  @BeforeAll
  static void start() {
    session = Session.builder().config("sluice.sql.shuffle.partitions", "4").create();
    List<Row> orders = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      orders.add(Row.of(i % 7, i));
    }
    session.createDataFrame(orders, "cust INT, amount INT").createOrReplaceTempView("orders");
    session.createDataFrame(List.of(Row.of("a", 1), Row.of("a", 3), Row.of(null, 5), Row.of("b", null),
        Row.of(null, 2), Row.of("b", 4), Row.of("a", 3)), "k STRING, v INT").createOrReplaceTempView("t");
  }

  @AfterAll
  static void stop() {
    session.close();
  }

  /** The physical plan's operator lines, without the tree drawing. */
  private static List<String> nodes(DataFrame df) {
    List<String> out = new ArrayList<>();
    String plan = df.explainString(false);
    for (String line : plan.substring(plan.indexOf('\n') + 1).split("\n")) {
      out.add(line.replaceFirst("^[\\s:+|-]*", ""));
    }
    return out;
  }

  private static List<String> sorts(DataFrame df) {
    return nodes(df).stream().filter(n -> n.startsWith("Sort ")).toList();
  }

  private static long count(DataFrame df, String prefix) {
    return nodes(df).stream().filter(n -> n.startsWith(prefix)).count();
  }

  @Test
  void aWindowGetsASortWithinPartitionsAboveItsShuffle() {
    DataFrame df = session.sql("SELECT cust, amount, row_number() OVER (PARTITION BY cust ORDER BY amount DESC) AS rn"
        + " FROM orders");
    List<String> plan = nodes(df);
    assertThat(plan.get(0)).startsWith("Window ");
    assertThat(plan.get(1)).startsWith("Sort ").endsWith(" within partitions")
        .contains("cust ASC NULLS FIRST").contains("amount DESC NULLS LAST");
    assertThat(plan.get(2)).startsWith("Exchange hashpartitioning(");
    List<Row> rows = df.collectAsList();
    assertThat(rows).hasSize(40)
        .contains(Row.of(0, 35, 1), Row.of(0, 0, 6), Row.of(4, 39, 1), Row.of(4, 4, 6), Row.of(5, 5, 5));
  }

  @Test
  void windowPartitionsAreRunsOfEqualKeysWithNullsTogether() {
    List<Row> rows = session.sql("SELECT k, v, row_number() OVER (PARTITION BY k ORDER BY v) AS rn,"
        + " rank() OVER (PARTITION BY k ORDER BY v) AS r, sum(v) OVER (PARTITION BY k ORDER BY v) AS running"
        + " FROM t").collectAsList();
    assertThat(rows).containsExactlyInAnyOrder(
        Row.of("a", 1, 1, 1, 1L), Row.of("a", 3, 2, 2, 7L), Row.of("a", 3, 3, 2, 7L),
        Row.of("b", null, 1, 1, null), Row.of("b", 4, 2, 2, 4L),
        Row.of(null, 2, 1, 1, 2L), Row.of(null, 5, 2, 2, 7L));
  }

  @Test
  void mapPartitionKeysCannotBeSortedSoTheWindowSortsOnlyByOrderByAndGroupsByHash() {
    DataFrame df = session.sql("SELECT m, amount, row_number() OVER (PARTITION BY m ORDER BY amount DESC) AS rn"
        + " FROM (SELECT map(cust % 2, 'x') AS m, amount FROM orders)");
    assertThat(sorts(df)).singleElement().asString().startsWith("Sort [amount DESC NULLS LAST] within partitions");
    List<Row> rows = df.collectAsList();
    assertThat(rows).hasSize(40);
    // cust % 2 = 0 for 23 of the 40 orders (cust 0, 2, 4, 6); the largest such amount is 39 (cust 4).
    assertThat(rows).filteredOn(r -> r.getInt(1) == 39).singleElement()
        .satisfies(r -> assertThat(r.getInt(2)).isEqualTo(1));
    assertThat(rows).filteredOn(r -> r.getInt(1) == 0).singleElement()
        .satisfies(r -> assertThat(r.getInt(2)).isEqualTo(23));
    assertThat(rows).filteredOn(r -> r.getInt(1) == 1).singleElement()
        .satisfies(r -> assertThat(r.getInt(2)).isEqualTo(17));
  }

  @Test
  void twoWindowsOfOneSpecificationSortOnce() {
    DataFrame df = session.sql("SELECT cust, amount, rn, sum(amount) OVER (PARTITION BY cust ORDER BY amount) AS"
        + " running FROM (SELECT cust, amount, row_number() OVER (PARTITION BY cust ORDER BY amount) AS rn"
        + " FROM orders)");
    assertThat(count(df, "Window ")).isEqualTo(2);
    assertThat(sorts(df)).hasSize(1);
    assertThat(count(df, "Exchange ")).isEqualTo(1);
    List<Row> rows = df.collectAsList();
    assertThat(rows).hasSize(40);
    assertThat(rows.stream().filter(r -> r.getInt(0) == 0).toList()).containsExactly(
        Row.of(0, 0, 1, 0L), Row.of(0, 7, 2, 7L), Row.of(0, 14, 3, 21L), Row.of(0, 21, 4, 42L),
        Row.of(0, 28, 5, 70L), Row.of(0, 35, 6, 105L));
  }

  @Test
  void aWindowOrderedByAPrefixOfTheWindowBelowReusesItsSort() {
    // (cust) is a prefix of (cust, amount): the second window needs no sort of its own.
    DataFrame df = session.sql("SELECT cust, amount, row_number() OVER (PARTITION BY cust ORDER BY amount) AS rn,"
        + " count(*) OVER (PARTITION BY cust) AS n FROM orders");
    assertThat(count(df, "Window ")).isEqualTo(2);
    assertThat(sorts(df)).hasSize(1);
    assertThat(df.collectAsList()).hasSize(40).contains(Row.of(0, 35, 6, 6L), Row.of(6, 6, 1, 5L));
  }

  @Test
  void aWindowOrderedDifferentlyFromTheWindowBelowSortsAgain() {
    DataFrame df = session.sql("SELECT cust, amount, row_number() OVER (PARTITION BY cust ORDER BY amount) AS up,"
        + " row_number() OVER (PARTITION BY cust ORDER BY amount DESC) AS down FROM orders");
    assertThat(count(df, "Window ")).isEqualTo(2);
    assertThat(sorts(df)).hasSize(2);
    assertThat(df.collectAsList()).hasSize(40).contains(Row.of(0, 0, 1, 6), Row.of(0, 35, 6, 1), Row.of(6, 13, 2, 4));
  }

  @Test
  void aWindowOverASortOnItsKeysDoesNotSortAgain() {
    // One partition sorted by (cust, amount): clustered by cust and in the window's order already.
    DataFrame df = session.sql("SELECT cust, amount, rank() OVER (PARTITION BY cust ORDER BY amount) AS r"
        + " FROM (SELECT * FROM orders ORDER BY cust, amount)");
    assertThat(sorts(df)).hasSize(1).allSatisfy(s -> assertThat(s).doesNotContain("within partitions"));
    List<Row> rows = df.collectAsList();
    assertThat(rows).hasSize(40);
    assertThat(rows.get(0)).isEqualTo(Row.of(0, 0, 1));
    assertThat(rows.get(39)).isEqualTo(Row.of(6, 34, 5));
  }

  @Test
  void aSortOnOtherKeysOrDirectionsIsNotReused() {
    DataFrame byAmount = session.sql("SELECT cust, amount, rank() OVER (PARTITION BY cust ORDER BY amount) AS r"
        + " FROM (SELECT * FROM orders ORDER BY amount, cust)");
    assertThat(sorts(byAmount)).hasSize(2).first().asString().endsWith(" within partitions");
    DataFrame descending = session.sql("SELECT cust, amount, rank() OVER (PARTITION BY cust ORDER BY amount) AS r"
        + " FROM (SELECT * FROM orders ORDER BY cust, amount DESC)");
    assertThat(sorts(descending)).hasSize(2);
    DataFrame nullsLast = session.sql("SELECT cust, amount, rank() OVER (PARTITION BY cust ORDER BY amount) AS r"
        + " FROM (SELECT * FROM orders ORDER BY cust NULLS LAST, amount)");
    assertThat(sorts(nullsLast)).hasSize(2);
    assertThat(descending.collectAsList()).hasSize(40).contains(Row.of(0, 0, 1), Row.of(0, 35, 6));
  }

  @Test
  void aNonDeterministicSortKeyIsNeverTakenAsAlreadySorted() {
    // rand(7) below and rand(7) above are the same expression but not the same values.
    DataFrame df = session.sql("SELECT amount FROM (SELECT * FROM orders ORDER BY rand(7)) ORDER BY rand(7)");
    assertThat(sorts(df)).hasSize(2);
    assertThat(df.collectAsList()).hasSize(40);
  }

  @Test
  void aNonDeterministicWindowKeyIsComputedOnceForTheSortAndTheWindow() {
    // Two values of floor(rand(3) * 2): every row is ranked 1 or (number of rows ranked 1) + 1, which
    // holds only if the window sees the values the rows were sorted by.
    DataFrame df = session.sql("SELECT amount, rank() OVER (ORDER BY floor(rand(3) * 2)) AS r FROM orders");
    List<Integer> ranks = df.collectAsList().stream().map(r -> r.getInt(1)).toList();
    assertThat(ranks).hasSize(40);
    long first = ranks.stream().filter(r -> r == 1).count();
    assertThat(first).isBetween(1L, 39L);
    assertThat(ranks).allSatisfy(r -> assertThat(r).isIn(1, (int) first + 1));
    assertThat(sorts(df)).singleElement().asString().contains("_windowkey0");
  }

  @Test
  void anOrderByThatTheWindowBelowAlreadyGivesIsNotRepeated() {
    DataFrame df = session.sql("SELECT amount, row_number() OVER (ORDER BY amount) AS rn FROM orders ORDER BY amount");
    // The window gathers into one partition and sorts it; the ORDER BY above has nothing left to do.
    assertThat(sorts(df)).hasSize(1);
    List<Row> rows = df.collectAsList();
    assertThat(rows).hasSize(40);
    for (int i = 0; i < 40; i++) {
      assertThat(rows.get(i)).isEqualTo(Row.of(i, i + 1));
    }
    DataFrame other = session.sql("SELECT amount, row_number() OVER (ORDER BY amount) AS rn FROM orders"
        + " ORDER BY amount DESC");
    assertThat(sorts(other)).hasSize(2);
    assertThat(other.collectAsList().get(0)).isEqualTo(Row.of(39, 40));
  }

  @Test
  void aProjectionKeepsTheOrderUnderAnAlias() {
    // The inner sort is by cust; the projection renames it, and the window by the new name reuses it.
    DataFrame df = session.sql("SELECT c, amount, row_number() OVER (PARTITION BY c ORDER BY amount) AS rn FROM"
        + " (SELECT cust AS c, amount FROM (SELECT * FROM orders ORDER BY cust, amount))");
    assertThat(sorts(df)).hasSize(1);
    assertThat(df.collectAsList()).hasSize(40).contains(Row.of(3, 3, 1), Row.of(3, 38, 6));
  }

  @Test
  void batchSessionWindowsSortOnceBelowTheMerge() {
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    List<Row> clicks = new ArrayList<>();
    // u: 0, 3, 6 (one session [0, 10)), then 20 alone; v: 1 and 30, apart; given out of order.
    for (int s : new int[] {20, 6, 0, 3}) {
      clicks.add(Row.of("u", t0.plusSeconds(s)));
    }
    clicks.add(Row.of("v", t0.plusSeconds(30)));
    clicks.add(Row.of("v", t0.plusSeconds(1)));
    clicks.add(Row.of(null, t0.plusSeconds(2)));
    session.createDataFrame(clicks, "user STRING, ts TIMESTAMP").createOrReplaceTempView("clicks");
    DataFrame df = session.sql("SELECT user, session_window.start AS s, session_window.end AS e, count(*) AS n"
        + " FROM clicks GROUP BY user, session_window(ts, '4 seconds')");
    List<String> plan = nodes(df);
    int merge = plan.indexOf(plan.stream().filter(n -> n.startsWith("MergeSessions")).findFirst().orElseThrow());
    assertThat(plan.get(merge + 1)).startsWith("Sort ").endsWith(" within partitions");
    assertThat(sorts(df)).hasSize(1);
    List<Row> rows = new ArrayList<>(df.collectAsList());
    rows.sort(Comparator.comparing((Row r) -> String.valueOf(r.get(0))).thenComparing(r -> (Instant) r.get(1)));
    assertThat(rows).containsExactly(
        Row.of(null, t0.plusSeconds(2), t0.plusSeconds(6), 1L),
        Row.of("u", t0, t0.plusSeconds(10), 3L),
        Row.of("u", t0.plusSeconds(20), t0.plusSeconds(24), 1L),
        Row.of("v", t0.plusSeconds(1), t0.plusSeconds(5), 1L),
        Row.of("v", t0.plusSeconds(30), t0.plusSeconds(34), 1L));
    // Map-typed keys cannot be sorted: the merge sorts by session only and brings each key's rows together.
    DataFrame byMap = session.sql("SELECT m, session_window.start AS s, count(*) AS n FROM"
        + " (SELECT map('u', user) AS m, ts FROM clicks) GROUP BY m, session_window(ts, '4 seconds')");
    assertThat(sorts(byMap)).singleElement().asString().startsWith("Sort [session_window ASC NULLS FIRST]");
    assertThat(byMap.collectAsList().stream().map(r -> r.getLong(2)).sorted().toList())
        .containsExactly(1L, 1L, 1L, 1L, 3L);
  }
}
