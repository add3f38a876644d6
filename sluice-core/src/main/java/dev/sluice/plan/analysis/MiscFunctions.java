package dev.sluice.plan.analysis;

import dev.sluice.plan.expr.ScalarFunction;
import dev.sluice.types.DataTypes;
import java.util.List;
import java.util.UUID;

/** Functions about values rather than of them: typeof, uuid. */
final class MiscFunctions {
  private MiscFunctions() {}

  static void register(FunctionRegistry r) {
    // Spark's typeof names the type without looking at the value, so NULL has a type too.
    r.register("typeof", 1, 1, "typeof(expr)", (a, c) -> {
      String type = a.get(0).dataType().simpleString();
      return new ScalarFunction("typeof", a, DataTypes.StringType, false, true, v -> type);
    });
    r.register("uuid", 0, 0, "uuid()", (a, c) -> new ScalarFunction("uuid", List.of(), DataTypes.StringType, false,
        false, v -> UUID.randomUUID().toString()));
  }
}
