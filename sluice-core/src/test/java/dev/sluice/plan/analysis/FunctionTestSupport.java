package dev.sluice.plan.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.Session;
import dev.sluice.errors.SluiceException;
import dev.sluice.types.Row;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Runs expressions through SQL the way users do: {@code SELECT expr} on a Session. */
abstract class FunctionTestSupport {
  static Session session;

  @BeforeAll
  static void startSession() {
    session = Session.builder().config("sluice.sql.shuffle.partitions", "1").create();
  }

  @AfterAll
  static void stopSession() {
    session.close();
  }

  /** The value of one expression with no input table. */
  static Object eval(String expr) {
    List<Row> rows = session.sql("SELECT " + expr).collectAsList();
    assertThat(rows).hasSize(1);
    return rows.get(0).get(0);
  }

  /** The values of an expression over the rows of a query's FROM clause, in order. */
  static List<Object> column(String select) {
    List<Object> out = new ArrayList<>();
    for (Row r : session.sql(select).collectAsList()) {
      out.add(r.get(0));
    }
    return out;
  }

  static AbstractThrowableAssert<?, ? extends Throwable> failsWith(String expr, Class<? extends SluiceException> type) {
    return assertThatThrownBy(() -> session.sql("SELECT " + expr).collectAsList()).isInstanceOf(type);
  }

  static List<Object> list(Object... values) {
    return Arrays.asList(values);
  }
}
