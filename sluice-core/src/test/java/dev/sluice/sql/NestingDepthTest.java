package dev.sluice.sql;

import static dev.sluice.api.functions.expr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.DataFrame;
import dev.sluice.api.Session;
import dev.sluice.errors.ParseException;
import dev.sluice.errors.SluiceException;
import dev.sluice.types.Row;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Deeply nested expressions never overflow the stack. Up to {@link SqlParser#MAX_NESTING_DEPTH}
 * levels (parentheses, CASE, NOT, function calls, operator chains, nested types) a query parses,
 * analyzes, optimizes and runs on an ordinary thread; beyond it SQL, {@code expr()} and DDL strings
 * are refused with a ParseException naming the depth limit, never a StackOverflowError.
 */
@Timeout(120)
class NestingDepthTest {
  static final int MAX = SqlParser.MAX_NESTING_DEPTH;
  static Session session;

  @BeforeAll
  static void start() {
    session = Session.builder().config("sluice.sql.shuffle.partitions", "1").getOrCreate();
    session.range(3).selectExpr("CAST(id AS INT) AS a").createOrReplaceTempView("t");
  }

  @AfterAll
  static void stop() {
    session.close();
  }

  /** Expressions over column {@code a} nested n levels deep, and the value each gives for a = 2. */
  static final Map<String, IntFunction<String>> FORMS = Map.of(
      "parentheses", n -> "(".repeat(n) + "a" + ")".repeat(n),
      "plus chain", n -> "a" + " + a".repeat(n),
      "NOT", n -> "NOT ".repeat(n) + "(a > 1)",
      "CASE", n -> "CASE WHEN a > 1 THEN ".repeat(n) + "a" + " ELSE 0 END".repeat(n),
      "function calls", n -> "abs(".repeat(n) + "a" + ")".repeat(n),
      "unary minus", n -> "- ".repeat(n) + "a",
      "array subscripts", n -> "array(".repeat(n) + "a" + ")".repeat(n) + "[0]".repeat(n));

  static void refused(Runnable r) {
    assertThatThrownBy(r::run).isInstanceOf(ParseException.class)
        .hasMessageContaining("nesting").hasMessageContaining(String.valueOf(MAX));
  }

  @Test
  void sqlBeyondTheLimitIsRefusedNamingIt() {
    for (Map.Entry<String, IntFunction<String>> f : FORMS.entrySet()) {
      String deep = f.getValue().apply(MAX + 1);
      refused(() -> session.sql("SELECT " + deep + " FROM t"));
      String deeper = f.getValue().apply(20 * MAX);
      refused(() -> session.sql("SELECT " + deeper + " FROM t"));
      refused(() -> session.table("t").selectExpr(deeper));
      refused(() -> session.table("t").select(expr(deeper)));
      refused(() -> session.table("t").filter(deeper + " IS NOT NULL"));
    }
  }

  @Test
  void deepTypesInDdlStringsAreRefusedNamingTheLimit() {
    String deep = "ARRAY<".repeat(20 * MAX) + "INT" + ">".repeat(20 * MAX);
    refused(() -> SqlParser.parseDataType(deep));
    refused(() -> SqlParser.parseSchema("a " + deep));
    refused(() -> session.sql("SELECT from_json('[]', '" + deep + "')"));
    String struct = "STRUCT<x: ".repeat(20 * MAX) + "INT" + ">".repeat(20 * MAX);
    refused(() -> session.read().schema("s " + struct));
    // Wide is not deep: many sibling fields are fine.
    StringBuilder wide = new StringBuilder("STRUCT<");
    for (int i = 0; i < 3 * MAX; i++) {
      wide.append(i == 0 ? "" : ", ").append("f").append(i).append(": ARRAY<INT>");
    }
    assertThat(SqlParser.parseDataType(wide.append(">").toString())).isNotNull();
  }

  @Test
  void justUnderTheLimitRunsEndToEnd() {
    int n = MAX - 6; // the forms add a few levels of their own (the comparison, the select item)
    assertThat(values("SELECT " + FORMS.get("parentheses").apply(n) + " FROM t")).containsExactly(0L, 1L, 2L);
    assertThat(values("SELECT " + FORMS.get("plus chain").apply(n) + " FROM t"))
        .containsExactly(0L, (long) n + 1, 2L * (n + 1));
    assertThat(values("SELECT " + FORMS.get("NOT").apply(n) + " FROM t")).containsExactly(false, false, true);
    assertThat(values("SELECT " + FORMS.get("CASE").apply(n) + " FROM t")).containsExactly(0L, 0L, 2L);
    assertThat(values("SELECT " + FORMS.get("function calls").apply(n) + " FROM t")).containsExactly(0L, 1L, 2L);
    assertThat(values("SELECT " + FORMS.get("unary minus").apply(n) + " FROM t")).containsExactly(0L, 1L, 2L);
    assertThat(values("SELECT " + FORMS.get("array subscripts").apply(n / 2) + " FROM t"))
        .containsExactly(0L, 1L, 2L);
    // The DataFrame expr() path and a filter.
    DataFrame df = session.table("t").filter(FORMS.get("NOT").apply(n))
        .select(expr(FORMS.get("CASE").apply(n)).as("c"));
    assertThat(df.collectAsList()).extracting(r -> ((Number) r.get(0)).longValue()).containsExactly(2L);
    // A deep type in a schema string.
    String type = "ARRAY<".repeat(n) + "INT" + ">".repeat(n);
    assertThat(session.sql("SELECT from_json('" + "[".repeat(n) + "1" + "]".repeat(n) + "', '" + type + "') IS NULL")
        .collectAsList().get(0).get(0)).isEqualTo(false);
  }

  @Test
  void longAndOrChainsAreNotDeep() {
    // Generated filters with thousands of terms are wide, not deep: they are balanced, as Spark does.
    StringBuilder or = new StringBuilder("a = -1");
    for (int i = 0; i < 5 * MAX; i++) {
      or.append(" OR a = ").append(i * 10);
    }
    assertThat(values("SELECT a FROM t WHERE " + or)).containsExactly(0L);
  }

  @Test
  void theErrorIsNotAStackOverflowOnAnyThread() throws Exception {
    String deep = FORMS.get("parentheses").apply(20 * MAX);
    Thread[] holder = new Thread[1];
    Throwable[] seen = new Throwable[1];
    holder[0] = new Thread(null, () -> {
      try {
        session.sql("SELECT " + deep);
      } catch (Throwable t) {
        seen[0] = t;
      }
    }, "small-stack", 256 * 1024);
    holder[0].start();
    holder[0].join();
    assertThat(seen[0]).isInstanceOf(SluiceException.class).hasMessageContaining("nesting");
  }

  /** The first column of {@code sql} ordered by column a of t. */
  static List<Object> values(String sql) {
    sql = sql + " ORDER BY a";
    List<Row> rows = session.sql(sql).collectAsList();
    return rows.stream().map(r -> r.get(0) instanceof Number x ? (Object) x.longValue() : r.get(0)).toList();
  }
}
