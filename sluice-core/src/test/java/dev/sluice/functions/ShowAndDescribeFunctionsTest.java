package dev.sluice.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.Session;
import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.types.Row;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SHOW FUNCTIONS and DESCRIBE FUNCTION read the function specs, laid out as Spark lays them out. */
class ShowAndDescribeFunctionsTest {
  private static Session session;

  @BeforeAll
  static void start() {
    session = Session.builder().getOrCreate();
  }

  @AfterAll
  static void stop() {
    session.close();
  }

  private static List<String> column(String sql) {
    return session.sql(sql).collectAsList().stream().map(r -> (String) r.get(0)).toList();
  }

  @Test
  void showFunctionsListsNamesAndAliasesMatchingSparkPatterns() {
    assertThat(session.sql("SHOW FUNCTIONS").columns()).containsExactly("function");
    List<String> all = column("SHOW FUNCTIONS");
    assertThat(all).contains("upper", "ucase", "count", "+", "concat_ws").isSorted();
    assertThat(column("SHOW FUNCTIONS LIKE 'upp*'")).containsExactly("upper");
    assertThat(column("SHOW SYSTEM FUNCTIONS 'UCASE|lcase'")).containsExactly("lcase", "ucase");
    assertThat(column("SHOW FUNCTIONS LIKE '*_ws'")).containsExactly("concat_ws");
    assertThat(column("SHOW ALL FUNCTIONS LIKE 'no_such_*'")).isEmpty();
    assertThat(column("SHOW USER FUNCTIONS")).isEmpty();
  }

  @Test
  void describeFunctionPrintsNameClassAndUsage() {
    assertThat(session.sql("DESCRIBE FUNCTION upper").columns()).containsExactly("function_desc");
    assertThat(column("DESCRIBE FUNCTION upper")).containsExactly("Function: upper",
        "Class: dev.sluice.plan.analysis.StringFunctions",
        "Usage: upper(str) - Returns `str` with all characters changed to uppercase.");
    // Called by an alias, the usage names the alias, as Spark's does.
    assertThat(column("DESC FUNCTION UCase")).containsExactly("Function: UCase",
        "Class: dev.sluice.plan.analysis.StringFunctions",
        "Usage: UCase(str) - Returns `str` with all characters changed to uppercase.");
    assertThat(column("DESCRIBE FUNCTION '+'").get(0)).isEqualTo("Function: +");
  }

  @Test
  void describeFunctionExtendedAddsTheExamplesAndOtherNames() {
    List<String> rows = column("DESCRIBE FUNCTION EXTENDED upper");
    assertThat(rows).hasSize(4);
    assertThat(rows.get(3)).isEqualTo("""
        Extended Usage:
            Examples:
              > SELECT upper('SparkSql');
               SPARKSQL
         \s
            Also called: ucase
         \s
            Group: string_funcs
        """);
  }

  /** The two statements README.md shows. */
  @Test
  void theReadmeStatementsWork() {
    assertThat(column("SHOW FUNCTIONS LIKE 'date*'")).contains("date_add", "date_format", "datediff")
        .allMatch(n -> n.startsWith("date"));
    List<String> rows = column("DESCRIBE FUNCTION EXTENDED date_add");
    assertThat(rows.get(0)).isEqualTo("Function: date_add");
    assertThat(rows.get(2)).startsWith("Usage: date_add(");
    assertThat(rows.get(3)).contains("> SELECT date_add(");
  }

  @Test
  void anUnknownFunctionIsRefusedWithTheClosestNames() {
    assertThatThrownBy(() -> session.sql("DESCRIBE FUNCTION uper"))
        .isInstanceOfSatisfying(AnalysisException.class, e -> {
          assertThat(e.errorClass()).isEqualTo(ErrorClass.UNRESOLVED_ROUTINE);
          assertThat(e.getMessage()).contains("`uper`").contains("Did you mean").contains("upper");
        });
  }

  @Test
  void aWrongArgumentCountQuotesTheUsageUnderTheNameCalled() {
    assertThatThrownBy(() -> session.sql("SELECT lcase('a', 'b')").collectAsList())
        .isInstanceOfSatisfying(AnalysisException.class, e -> {
          assertThat(e.errorClass()).isEqualTo(ErrorClass.WRONG_NUM_ARGS);
          assertThat(e.getMessage()).contains("lcase(str)").doesNotContain("lower(str)");
        });
    assertThat(session.sql("SELECT lcase('AbC')").collectAsList()).containsExactly(Row.of("abc"));
  }
}
