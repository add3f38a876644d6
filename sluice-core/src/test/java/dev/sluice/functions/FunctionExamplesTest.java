package dev.sluice.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.DataFrame;
import dev.sluice.api.Session;
import dev.sluice.plan.analysis.FunctionRegistry;
import dev.sluice.plan.analysis.FunctionSpec;
import dev.sluice.types.Row;
import dev.sluice.types.StructType;
import dev.sluice.types.ValueFormat;
import dev.sluice.types.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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
        tests.add(DynamicTest.dynamicTest(spec.name() + ": " + e.sql(),
            () -> assertThat(render(session.sql(e.sql()))).as(e.sql()).isEqualTo(e.result())));
      }
    }
    return tests.stream();
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
