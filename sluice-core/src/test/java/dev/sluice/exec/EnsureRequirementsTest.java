package dev.sluice.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.DataFrame;
import dev.sluice.api.Session;
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
  void aGlobalAggregateAndAGlobalLimitGatherIntoOnePartition() {
    assertThat(exchanges(session.sql("SELECT count(*) FROM orders"))).containsExactly("Exchange SinglePartition");
    DataFrame limited = session.sql("SELECT amount FROM orders WHERE amount > 3 LIMIT 5");
    assertThat(limited.collectAsList()).hasSize(5);
  }
}
