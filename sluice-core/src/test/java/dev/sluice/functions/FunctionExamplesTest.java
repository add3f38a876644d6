package dev.sluice.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.DataFrame;
import dev.sluice.api.Session;
import dev.sluice.exec.eval.MixedNullVectors;
import dev.sluice.plan.analysis.FunctionRegistry;
import dev.sluice.plan.analysis.FunctionSpec;
import dev.sluice.plan.expr.Alias;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.Generator;
import dev.sluice.plan.expr.agg.AggregateExpression;
import dev.sluice.plan.logical.LocalRelation;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Project;
import dev.sluice.types.Row;
import dev.sluice.types.StructType;
import dev.sluice.types.ValueFormat;
import dev.sluice.types.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every example in every function spec runs through the engine and prints what the spec says
 * (the results Spark gives for the same statements), so the reference in docs/functions.md and
 * {@code DESCRIBE FUNCTION EXTENDED} cannot drift from what Sluice does.
 */
class FunctionExamplesTest {
  private static final FunctionRegistry REGISTRY = FunctionRegistry.builtin();
  private static Session session;

  @BeforeAll
  static void start() {
    session = Session.builder().getOrCreate();
  }

  @AfterAll
  static void stop() {
    session.close();
    // 505 of the 612 examples when this was written; the others have a FROM, an aggregate or randomness.
    assertThat(mixedNullChecks).as("examples checked on mixed-NULL vectors").isGreaterThan(450);
  }

  /** Rows as Spark prints results: columns tab-separated in the hive form, one line per row. */
  static String render(DataFrame df) {
    StructType schema = df.schema();
    List<String> lines = new ArrayList<>();
    for (Row r : df.collectAsList()) {
      Object[] values = Values.internalRow(r, schema);
      List<String> cells = new ArrayList<>();
      for (int i = 0; i < values.length; i++) {
        cells.add(ValueFormat.toHiveString(values[i], schema.field(i).dataType()));
      }
      lines.add(String.join("\t", cells));
    }
    return String.join("\n", lines);
  }

  @TestFactory
  Stream<DynamicTest> everyExamplePrintsItsResult() {
    List<DynamicTest> tests = new ArrayList<>();
    for (FunctionSpec spec : REGISTRY.specs()) {
      for (FunctionSpec.Example e : spec.examples()) {
        tests.add(DynamicTest.dynamicTest(spec.name() + ": " + e.sql(), () -> {
          DataFrame df = session.sql(e.sql());
          assertThat(render(df)).as(e.sql()).isEqualTo(e.result());
          checkOnMixedNullVectors(e.sql(), df.logicalPlan());
        }));
      }
    }
    return tests.stream();
  }

  /** Functions whose value may differ from row to row or run to run. */
  private static final Pattern NON_DETERMINISTIC = Pattern.compile(
      "(?i)\\b(rand|randn|random|uuid|shuffle|current_\\w+|now|localtimestamp|curdate|monotonically_increasing_id"
          + "|spark_partition_id|input_file_\\w+|unix_timestamp\\(\\s*\\))");
  private static final Pattern FROM = Pattern.compile("(?i)\\bFROM\\b");

  /**
   * An example that is a select list over no table runs again with each of its literals as a column of
   * multi-row batches with NULLs mixed in ({@link MixedNullVectors}), so every function's vector kernel,
   * and not only constant folding, is held to the documented answer.
   */
  private static void checkOnMixedNullVectors(String sql, LogicalPlan analyzed) {
    if (NON_DETERMINISTIC.matcher(sql).find() || FROM.matcher(sql.replaceAll("'[^']*'", "''")).find()) {
      return;
    }
    if (analyzed instanceof Project p && p.child() instanceof LocalRelation) {
      for (Expression e : p.projectList()) {
        Expression x = e instanceof Alias a ? a.child() : e;
        if (x.deterministic() && !containsAggregateOrGenerator(x)) {
          if (MixedNullVectors.check(x) > 0) {
            mixedNullChecks++;
          }
        }
      }
    }
  }

  /** How many example expressions ran on mixed-NULL vectors; most must be (see {@link #stop}). */
  private static int mixedNullChecks;

  private static boolean containsAggregateOrGenerator(Expression e) {
    return e.exists(x -> x instanceof AggregateExpression || x instanceof Generator);
  }

  /** Every function comes with a description and at least one example: the reference has no blanks. */
  @Test
  void everyFunctionIsDocumented() {
    Set<String> undocumented = new TreeSet<>();
    for (FunctionSpec spec : REGISTRY.specs()) {
      if (spec.description().isEmpty() || spec.examples().isEmpty()) {
        undocumented.add(spec.name());
      }
    }
    assertThat(undocumented).as("functions without a description and an example: document them").isEmpty();
  }

  @Test
  void everySpecHasAUsageLineNamingItself() {
    for (FunctionSpec spec : REGISTRY.specs()) {
      assertThat(spec.usage()).as(spec.name()).isNotBlank();
      assertThat(spec.group()).as(spec.name()).endsWith("_funcs");
    }
  }
}
