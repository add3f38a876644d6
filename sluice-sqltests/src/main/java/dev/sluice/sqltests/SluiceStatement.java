package dev.sluice.sqltests;

import dev.sluice.api.DataFrame;
import dev.sluice.api.Session;
import dev.sluice.plan.logical.Aggregate;
import dev.sluice.plan.logical.Deduplicate;
import dev.sluice.plan.logical.Distinct;
import dev.sluice.plan.logical.Generate;
import dev.sluice.plan.logical.Join;
import dev.sluice.plan.logical.LateralView;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Sort;
import dev.sluice.types.Row;
import dev.sluice.types.StructField;
import dev.sluice.types.StructType;
import dev.sluice.types.ValueFormat;
import dev.sluice.types.Values;
import java.util.ArrayList;
import java.util.List;

/** Runs one statement through a Sluice session and renders its result as Spark's golden files do. */
final class SluiceStatement {
  private SluiceStatement() {}

  static Actual.Result run(Session session, String sql) {
    DataFrame df = session.sql(sql);
    StructType schema = df.schema();
    List<String> names = new ArrayList<>();
    List<String> types = new ArrayList<>();
    for (StructField f : schema) {
      names.add(f.name());
      types.add(f.dataType().simpleString());
    }
    List<String> rows = new ArrayList<>();
    for (Row r : df.collectAsList()) {
      rows.add(render(Values.internalRow(r, schema), schema));
    }
    return new Actual.Result(names, types, rows, isSorted(df.logicalPlan()));
  }

  /** One row as Spark prints it: each value in hive form, tab-separated. */
  static String render(Object[] values, StructType schema) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      sb.append(i > 0 ? "\t" : "").append(ValueFormat.toHiveString(values[i], schema.field(i).dataType()));
    }
    return sb.toString();
  }

  /**
   * Spark's SQLQueryTestHelper rule: the output is taken as ordered when the analyzed plan has a sort
   * that is not below a join, aggregate, generator, sample or distinct; otherwise both outputs are
   * sorted before comparing.
   */
  static boolean isSorted(LogicalPlan plan) {
    if (plan == null) {
      return false;
    }
    if (plan instanceof Join || plan instanceof Aggregate || plan instanceof Generate || plan instanceof LateralView
        || plan instanceof Distinct || plan instanceof Deduplicate) {
      return false;
    }
    if (plan instanceof Sort) {
      return true;
    }
    for (LogicalPlan c : plan.children()) {
      if (isSorted(c)) {
        return true;
      }
    }
    return false;
  }
}
