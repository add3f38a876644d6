package dev.sluice.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.DataFrame;
import dev.sluice.api.Session;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.types.DataTypes;
import dev.sluice.types.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Operators state what partitioning they need and EnsureRequirements adds only the shuffles that are
 * missing: a shuffle below is reused when it already hashes by the keys, and the answers stay right.
 */
class EnsureRequirementsTest {
  private static Session session;

  @BeforeAll
  static void start() {
    session = Session.builder().config("sluice.sql.shuffle.partitions", "4").create();
    List<Row> orders = new ArrayList<>();
    List<Row> customers = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      orders.add(Row.of(i % 7, i));
    }
    for (int c = 0; c < 7; c++) {
      customers.add(Row.of(c, "c" + c));
    }
    session.createDataFrame(orders, "cust INT, amount INT").createOrReplaceTempView("orders");
    session.createDataFrame(customers, "id INT, name STRING").createOrReplaceTempView("customers");
    // Accounts 2..9: orders of customers 0 and 1 find none, accounts 7, 8 and 9 find no orders.
    List<Row> accounts = new ArrayList<>();
    for (int a = 2; a < 10; a++) {
      accounts.add(Row.of(a, "a" + a));
    }
    session.createDataFrame(accounts, "id INT, owner STRING").createOrReplaceTempView("accounts");
  }

  @AfterAll
  static void stop() {
    session.close();
  }

  private static List<String> exchanges(DataFrame df) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("Exchange [^\\n]*").matcher(df.explainString(false));
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  @Test
  void anAggregationByTheJoinKeyReusesTheJoinsShuffle() {
    DataFrame df = session.sql("SELECT o.cust, count(*) AS n, sum(o.amount) AS total FROM orders o"
        + " JOIN customers c ON o.cust = c.id GROUP BY o.cust ORDER BY o.cust");
    // Both join sides hashed by their key, one gather for the sort: no shuffle for the aggregation.
    assertThat(exchanges(df)).hasSize(3).filteredOn(e -> e.contains("hashpartitioning")).hasSize(2);
    List<Row> rows = df.collectAsList();
    assertThat(rows).hasSize(7);
    assertThat(rows.get(0)).isEqualTo(Row.of(0, 6L, 0L + 7 + 14 + 21 + 28 + 35));
    assertThat(rows.get(6)).isEqualTo(Row.of(6, 5L, 6L + 13 + 20 + 27 + 34));
  }

  private static List<String> hashExchanges(DataFrame df) {
    return exchanges(df).stream().filter(e -> e.contains("hashpartitioning")).toList();
  }

  @Test
  void anInnerJoinIsHashedByTheRightKeysToo() {
    DataFrame df = session.sql("SELECT c.id, count(*) AS n, sum(o.amount) AS total FROM orders o"
        + " JOIN customers c ON o.cust = c.id GROUP BY c.id ORDER BY c.id");
    // The join's output is partitioned by o.cust and by c.id at once: grouping by c.id adds no shuffle.
    assertThat(hashExchanges(df)).hasSize(2);
    List<Row> rows = df.collectAsList();
    assertThat(rows).hasSize(7);
    assertThat(rows.get(0)).isEqualTo(Row.of(0, 6L, 0L + 7 + 14 + 21 + 28 + 35));
    assertThat(rows.get(5)).isEqualTo(Row.of(5, 5L, 5L + 12 + 19 + 26 + 33));
  }

  @Test
  void aLeftOuterJoinIsHashedByItsLeftKeysOnly() {
    DataFrame byLeft = session.sql("SELECT o.cust, count(a.id) AS n FROM orders o LEFT JOIN accounts a"
        + " ON o.cust = a.id GROUP BY o.cust ORDER BY o.cust");
    assertThat(hashExchanges(byLeft)).hasSize(2);
    assertThat(byLeft.collectAsList()).containsExactly(Row.of(0, 0L), Row.of(1, 0L), Row.of(2, 6L), Row.of(3, 6L),
        Row.of(4, 6L), Row.of(5, 5L), Row.of(6, 5L));
    // The right key is NULL in the unmatched rows of customers 0 and 1, which sit in their own partitions:
    // grouping by it must shuffle, or the NULL group would come out once per partition.
    DataFrame byRight = session.sql("SELECT a.id, count(*) AS n FROM orders o LEFT JOIN accounts a"
        + " ON o.cust = a.id GROUP BY a.id ORDER BY a.id");
    assertThat(hashExchanges(byRight)).hasSize(3);
    assertThat(byRight.collectAsList()).containsExactly(Row.of(null, 12L), Row.of(2, 6L), Row.of(3, 6L),
        Row.of(4, 6L), Row.of(5, 5L), Row.of(6, 5L));
  }

  @Test
  void aRightOuterJoinIsHashedByItsRightKeysOnly() {
    DataFrame byRight = session.sql("SELECT a.id, count(o.cust) AS n FROM orders o RIGHT JOIN accounts a"
        + " ON o.cust = a.id GROUP BY a.id ORDER BY a.id");
    assertThat(hashExchanges(byRight)).hasSize(2);
    assertThat(byRight.collectAsList()).containsExactly(Row.of(2, 6L), Row.of(3, 6L), Row.of(4, 6L), Row.of(5, 5L),
        Row.of(6, 5L), Row.of(7, 0L), Row.of(8, 0L), Row.of(9, 0L));
    DataFrame byLeft = session.sql("SELECT o.cust, count(*) AS n FROM orders o RIGHT JOIN accounts a"
        + " ON o.cust = a.id GROUP BY o.cust ORDER BY o.cust");
    assertThat(hashExchanges(byLeft)).hasSize(3);
    assertThat(byLeft.collectAsList()).containsExactly(Row.of(null, 3L), Row.of(2, 6L), Row.of(3, 6L),
        Row.of(4, 6L), Row.of(5, 5L), Row.of(6, 5L));
  }

  @Test
  void aFullOuterJoinIsHashedByNeitherSide() {
    for (String key : List.of("o.cust", "a.id")) {
      DataFrame df = session.sql("SELECT " + key + " AS k, count(*) AS n FROM orders o FULL JOIN accounts a"
          + " ON o.cust = a.id GROUP BY " + key + " ORDER BY k");
      assertThat(hashExchanges(df)).as(key).hasSize(3);
      assertThat(df.collectAsList()).as(key).hasSize(key.equals("o.cust") ? 8 : 9).first()
          .isEqualTo(Row.of(null, key.equals("o.cust") ? 3L : 12L));
    }
  }

  @Test
  void anAggregationByOtherKeysStillShuffles() {
    DataFrame df = session.sql("SELECT c.name, count(*) AS n FROM orders o JOIN customers c ON o.cust = c.id"
        + " GROUP BY c.name ORDER BY c.name");
    assertThat(exchanges(df)).filteredOn(e -> e.contains("hashpartitioning")).hasSize(3);
    assertThat(df.collectAsList()).first().isEqualTo(Row.of("c0", 6L));
  }

  @Test
  void aWindowPartitionedByTheGroupingKeyReusesTheAggregationsShuffle() {
    DataFrame df = session.sql("SELECT cust, n, rank() OVER (PARTITION BY cust ORDER BY n) AS r FROM"
        + " (SELECT cust, count(*) AS n FROM orders GROUP BY cust)");
    assertThat(exchanges(df)).hasSize(1);
    assertThat(df.collectAsList()).hasSize(7).allSatisfy(r -> assertThat(r.get(2)).isEqualTo(1));
  }

  @Test
  void aStatefulOperatorsInputMustBeHashedByExactlyItsKeysIntoExactlyItsStatePartitions() {
    AttributeReference k = AttributeReference.create("k", DataTypes.IntegerType, false);
    AttributeReference j = AttributeReference.create("j", DataTypes.IntegerType, false);
    Distribution stateful = Distribution.stateful(List.of(k), 3);
    assertThat(new Partitioning.Hash(List.of(k), 3, false).satisfies(stateful)).isTrue();
    assertThat(new Partitioning.Hash(List.of(k), 4, false).satisfies(stateful)).as("another count").isFalse();
    assertThat(new Partitioning.Hash(List.of(k), 3, true).satisfies(stateful)).as("merged partitions").isFalse();
    assertThat(new Partitioning.Hash(List.of(k, j), 3, false).satisfies(stateful)).as("other keys").isFalse();
    assertThat(Partitioning.SINGLE.satisfies(stateful)).as("one partition for three state partitions").isFalse();
    assertThat(new Partitioning.Collection(List.of(new Partitioning.Hash(List.of(j), 3, false),
        new Partitioning.Hash(List.of(k), 3, false))).satisfies(stateful)).as("a join hashed by k too").isTrue();
    // A plain clustering is looser: hashing by a subset of its keys, merged or not, keeps equal keys together.
    Distribution clustered = Distribution.clustered(List.of(k, j));
    assertThat(new Partitioning.Hash(List.of(k), 4, true).satisfies(clustered)).isTrue();
    // Without keys, all rows are one state partition.
    assertThat(Distribution.stateful(List.of(), 3)).isEqualTo(Distribution.ALL_TUPLES);
    assertThat(Partitioning.SINGLE.satisfies(Distribution.stateful(List.of(), 3))).isTrue();
  }

  @Test
  void aGlobalAggregateAndAGlobalLimitGatherIntoOnePartition() {
    assertThat(exchanges(session.sql("SELECT count(*) FROM orders"))).containsExactly("Exchange SinglePartition");
    DataFrame limited = session.sql("SELECT amount FROM orders WHERE amount > 3 LIMIT 5");
    assertThat(limited.collectAsList()).hasSize(5);
  }
}
