package dev.sluice.plan.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.DataFrame;
import dev.sluice.api.Session;
import dev.sluice.errors.SluiceException;
import dev.sluice.exec.eval.MixedNullVectors;
import dev.sluice.plan.expr.Alias;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.logical.LocalRelation;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Project;
import dev.sluice.types.Row;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Runs expressions through SQL the way users do: {@code SELECT expr} on a Session. Every {@link #eval}
 * runs twice: once as written, which constant folding evaluates on one row while optimizing, and once
 * on a batch of several rows with constant folding switched off, which evaluates the expression's
 * vector kernel; both must give the same value (and {@link #failsWith} the same error). A lone scalar
 * expression is also checked by {@link MixedNullVectors}: each of its literals becomes a column of a
 * multi-row batch with NULL rows mixed in, alone and together, and every row must equal its folded value.
 */
abstract class FunctionTestSupport {
  static Session session;
  /** A session whose optimizer does not fold constants, so expressions run on column batches. */
  static Session unfolded;

  /** Functions whose value may differ from row to row or run to run. */
  private static final Pattern NON_DETERMINISTIC = Pattern.compile(
      "(?i)\\b(rand|randn|random|uuid|shuffle|current_\\w+|now|localtimestamp|curdate|monotonically_increasing_id"
          + "|spark_partition_id|input_file_\\w+|unix_timestamp\\(\\s*\\))");
  private static final Pattern FROM = Pattern.compile("(?i)\\bFROM\\b");
  private static final int UNFOLDED_ROWS = 3;

  @BeforeAll
  static void startSession() {
    session = Session.builder().config("sluice.sql.shuffle.partitions", "1").create();
    unfolded = Session.builder().config("sluice.sql.shuffle.partitions", "1")
        .config("sluice.sql.optimizer.excludedRules", "ConstantFolding,BooleanSimplification,PruneFilters").create();
    unfolded.createDataFrame(List.of(Row.of(1), Row.of(2), Row.of(3)), "unfolded_row INT")
        .createOrReplaceTempView("unfolded_input");
  }

  @AfterAll
  static void stopSession() {
    session.close();
    unfolded.close();
  }

  /** The value of one expression with no input table; the same on a multi-row batch without folding. */
  static Object eval(String expr) {
    DataFrame df = session.sql("SELECT " + expr);
    if (runsUnfolded(expr)) {
      checkMixedNullVectors(df.logicalPlan());
    }
    List<Row> rows = df.collectAsList();
    assertThat(rows).hasSize(1);
    Object folded = rows.get(0).get(0);
    if (runsUnfolded(expr)) {
      List<Row> batch = unfolded.sql(unfoldedQuery(expr)).collectAsList();
      if (batch.size() == UNFOLDED_ROWS) { // not an aggregate or a generator
        for (Row r : batch) {
          assertThat(r.get(0)).as("%s on a batch of %d rows, not constant-folded", expr, UNFOLDED_ROWS)
              .isEqualTo(folded);
        }
      }
    }
    return folded;
  }

  /**
   * A lone scalar expression ({@code SELECT expr} with no FROM, not an aggregate or generator) also runs
   * through {@link MixedNullVectors}: its literals become columns of multi-row batches with NULLs mixed in.
   */
  private static void checkMixedNullVectors(LogicalPlan analyzed) {
    if (analyzed instanceof Project p && p.child() instanceof LocalRelation && p.projectList().size() == 1) {
      Expression e = p.projectList().get(0);
      MixedNullVectors.check(e instanceof Alias a ? a.child() : e);
      mixedNullChecks++;
    }
  }

  /** How many expressions went through {@link MixedNullVectors} (FunctionTestSupportTest checks it grows). */
  static int mixedNullChecks;

  /** Whether {@code expr} is a lone deterministic expression (not a select list with its own FROM). */
  private static boolean runsUnfolded(String expr) {
    return !NON_DETERMINISTIC.matcher(expr).find() && !FROM.matcher(expr).find();
  }

  private static String unfoldedQuery(String expr) {
    return "SELECT " + expr + " FROM unfolded_input";
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
    if (runsUnfolded(expr)) {
      assertThatThrownBy(() -> unfolded.sql(unfoldedQuery(expr)).collectAsList())
          .as("%s on a batch of rows, not constant-folded", expr).isInstanceOf(type);
    }
    return assertThatThrownBy(() -> session.sql("SELECT " + expr).collectAsList()).isInstanceOf(type);
  }

  static List<Object> list(Object... values) {
    return Arrays.asList(values);
  }
}
